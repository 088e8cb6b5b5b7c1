/**
 * Major-operation rule violations per partner, for vendor assessment (VA-1): what was recorded
 * against the rules rather than refused by them — an emergency during the work (MO-9) or a step
 * outside the approved plan (MO-12). Read within the caller's scope.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import * as repo from './operations.repository.ts';

export async function violationCounts(
  ctx: AppContext,
  scope: Scope,
  range: { from: string; to: string; regionPath: string | null },
): Promise<Array<{ partnerId: string | null; count: number }>> {
  const rows = await repo.violationCountsBy(ctx.db, scope, range);
  return rows.map((r) => ({ partnerId: r.partner_id, count: Number(r.n) }));
}
