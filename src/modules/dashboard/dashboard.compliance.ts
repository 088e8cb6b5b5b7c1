/**
 * SL-1 deadline compliance rows per partner and per region: from the maintained rollups when
 * the range is whole days (issue 11 item 2), else counted from the clocks. Both give the same
 * rows: decided clocks started in the range, grouped by the clock's partner and region.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import { clockCompliance, rollupDays } from '../rollups/rollups.service.ts';
import * as repo from './dashboard.repository.ts';

/** Sums rows of several clock kinds per key. */
function perKey(rows: { key: string | null; total: number; breached: number }[]) {
  const m = new Map<string | null, { total: number; breached: number }>();
  for (const r of rows) {
    const a = m.get(r.key) ?? { total: 0, breached: 0 };
    a.total += r.total;
    a.breached += r.breached;
    m.set(r.key, a);
  }
  return m;
}

export async function complianceRows(ctx: AppContext, scope: Scope, filter: repo.ComplianceFilter) {
  const days = rollupDays(scope, filter.from, filter.to);
  if (!days)
    return Promise.all([
      repo.complianceByPartner(ctx.db, scope, filter),
      repo.complianceByRegion(ctx.db, scope, filter),
    ]);
  const [p, r] = await Promise.all([
    clockCompliance(ctx, scope, days, 'clock_partner', filter.kind),
    clockCompliance(ctx, scope, days, 'clock_region', filter.kind),
  ]);
  const partners = perKey(p);
  const regions = perKey(r);
  const [pNames, rLabels] = await Promise.all([
    repo.partnerNames(
      ctx.db,
      [...partners.keys()].filter((k): k is string => !!k),
    ),
    repo.regionLabels(
      ctx.db,
      [...regions.keys()].filter((k): k is string => !!k),
    ),
  ]);
  return [
    [...partners].map(([id, a]) => ({
      partner_id: id,
      partner_name: id ? (pNames.get(id) ?? null) : null,
      ...a,
    })),
    [...regions].flatMap(([id, a]) => {
      const label = rLabels.get(id ?? '');
      return label
        ? [
            {
              region_id: label.id,
              region_name: label.name,
              region_name_en: label.name_en,
              region_code: label.code,
              ...a,
            },
          ]
        : [];
    }),
  ] as const;
}
