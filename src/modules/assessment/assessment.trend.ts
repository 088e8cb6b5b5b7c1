/** VA-2: one indicator per partner over the twelve months ending with a month, in the caller's scope. */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import { twelveMonths } from './assessment.export.ts';
import { monthIndicators } from './assessment.service.ts';

export async function indicatorTrend(
  ctx: AppContext,
  scope: Scope,
  q: { month: string; indicator: string; regionId?: string | undefined; partnerId?: string | undefined },
) {
  const months = twelveMonths(q.month);
  const lines = new Map<
    string,
    { partnerId: string | null; partnerName: string | null; values: (number | null)[] }
  >();
  // One month at a time: each is the same set of queries as the month view, so the figures match it.
  for (const [i, month] of months.entries()) {
    const view = await monthIndicators(ctx, scope, { month, regionId: q.regionId, partnerId: q.partnerId });
    for (const p of view.partners) {
      const key = p.partnerId ?? '';
      const line = lines.get(key) ?? {
        partnerId: p.partnerId,
        partnerName: p.partnerName,
        values: months.map(() => null),
      };
      line.values[i] = p.indicators[q.indicator]?.value ?? null;
      lines.set(key, line);
    }
  }
  return { indicator: q.indicator, months, partners: [...lines.values()] };
}
