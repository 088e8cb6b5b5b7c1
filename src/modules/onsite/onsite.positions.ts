/**
 * Where engineers were last seen, from the GPS fix of their latest check-in (issue 17 item 1):
 * the dispatcher's map shows them beside the unassigned orders. A partner's dispatcher sees only
 * the partner's people; a field engineer only themself; a customer nobody.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import * as repo from './onsite.repository.ts';

export async function engineerPositions(ctx: AppContext, scope: Scope) {
  if (scope.kind === 'customer') return [];
  const rows = await repo.lastCheckInPositions(ctx.db, {
    partnerId: scope.kind === 'partner' ? scope.partnerId : undefined,
    personId: scope.engineerOf?.personId,
  });
  // Two check-ins at the same instant (two orders on one site) are one position.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.person_id) && seen.add(r.person_id));
}
