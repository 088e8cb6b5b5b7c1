/** VA-2 drill-down: from a figure of the scorecard to the orders behind it, in the caller's scope. */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import { CLOCK_KINDS } from '../deadlines/deadlines.defaults.ts';
import { type DrillFigure, drillOrders } from './assessment.repository.ts';
import { TIMED_CLOCKS } from './assessment.rules.ts';
import { resolveSlice } from './assessment.service.ts';

/** Figures that are counts of orders, so a number can open its list. */
export const DRILL_FIGURES = [
  'orders',
  'installation_lead_time',
  'first_time_fix',
  ...TIMED_CLOCKS.map((k) => `${k}_time` as const),
  ...CLOCK_KINDS.map((k) => `compliance_${k}` as const),
] as const;
export type DrillFigureKey = (typeof DRILL_FIGURES)[number];

function figureOf(key: DrillFigureKey): DrillFigure {
  if (key === 'orders') return { kind: 'orders' };
  if (key === 'installation_lead_time') return { kind: 'installation' };
  if (key === 'first_time_fix') return { kind: 'first_time_fix' };
  const compliance = CLOCK_KINDS.find((k) => key === `compliance_${k}`);
  if (compliance) return { kind: 'compliance', clock: compliance };
  return { kind: 'time', clock: key.slice(0, -'_time'.length) as (typeof TIMED_CLOCKS)[number] };
}

export async function figureOrders(
  ctx: AppContext,
  scope: Scope,
  q: { month: string; figure: DrillFigureKey; partnerId?: string | undefined; regionId?: string | undefined },
) {
  const { slice } = await resolveSlice(ctx, scope, q);
  const rows = await drillOrders(
    ctx.db,
    ctx.kit,
    scope,
    { from: slice.from, to: slice.to, regionPath: slice.regionPath, partnerId: slice.partnerId ?? null },
    figureOf(q.figure),
  );
  return {
    month: q.month,
    figure: q.figure,
    orders: rows.map((r) => ({
      id: r.id,
      number: r.number,
      type: r.type,
      state: r.state,
      receivedAt: r.received_at,
      resolvedAt: r.resolved_at,
      regionName: r.region_name,
      detail: r.detail === null ? null : Math.round(Number(r.detail) * 10) / 10,
    })),
  };
}
