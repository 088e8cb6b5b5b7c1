/**
 * CS-2 satisfaction, the one implementation behind the dashboard: score (average 1–5), rate
 * (share of 4–5 among the scores given), response rate (closed orders with a score), the top
 * complaint categories and complaints per 1,000 closed orders — overall and by region,
 * partner, lead engineer or month — in the caller's scope, computed by the database.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import { complaintCounts } from '../complaints/complaints.service.ts';
import { rollupDays, ratingsBy as rollupRatings } from '../rollups/rollups.service.ts';
import * as sqlx from './dashboard.satisfaction-sql.ts';

export interface SatisfactionFigures {
  rated: number;
  refused: number;
  average: number | null;
  /** Share of 4–5 among scores, percent with one decimal. */
  rate: number | null;
  closedOrders: number;
  /** Closed orders with a score, percent with one decimal. */
  responseRate: number | null;
  complaints: number;
  complaintsPer1000: number | null;
  topCategories: Array<{ category: string; count: number }>;
}

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

interface Acc {
  rated: number;
  good: number;
  sum: number;
  refused: number;
  orders: number;
  responded: number;
  byCategory: Map<string, number>;
}

const empty = (): Acc => ({
  rated: 0,
  good: 0,
  sum: 0,
  refused: 0,
  orders: 0,
  responded: 0,
  byCategory: new Map(),
});

function figures(a: Acc): SatisfactionFigures {
  const complaints = [...a.byCategory.values()].reduce((n, x) => n + x, 0);
  return {
    rated: a.rated,
    refused: a.refused,
    average: a.rated ? Math.round((a.sum / a.rated) * 100) / 100 : null,
    rate: pct(a.good, a.rated),
    closedOrders: a.orders,
    responseRate: pct(a.responded, a.orders),
    complaints,
    complaintsPer1000: a.orders ? Math.round((complaints / a.orders) * 10000) / 10 : null,
    topCategories: [...a.byCategory.entries()]
      .map(([category, count]) => ({ category, count }))
      .sort((x, y) => y.count - x.count || x.category.localeCompare(y.category))
      .slice(0, 3),
  };
}

/**
 * Ratings per group from the maintained rollups when whole days and a cell-sized group are asked
 * (issue 11 item 2), else summed from the rating rows; both give the same rows.
 */
function ratingsOf(ctx: AppContext, scope: Scope, group: sqlx.SatisfactionGroup, range: sqlx.Range) {
  const days = rollupDays(scope, range.from, range.to);
  if (days && (group === 'none' || group === 'region' || group === 'partner'))
    return rollupRatings(ctx, scope, { ...days, regionPath: range.regionPath }, group);
  return sqlx.ratingsBy(ctx.db, ctx.kit.kind, scope, group, range);
}

/** Figures per group key (null key: own staff / no engineer), with names for the keys. */
export async function satisfactionBy(
  ctx: AppContext,
  scope: Scope,
  group: sqlx.SatisfactionGroup,
  range: sqlx.Range,
) {
  const kind = ctx.kit.kind;
  const [ratings, orders, complaints] = await Promise.all([
    ratingsOf(ctx, scope, group, range),
    sqlx.closedOrdersBy(ctx.db, kind, scope, group, range),
    complaintCounts(ctx, scope, group, sqlx.monthOf(kind, 'c.created_at'), range),
  ]);
  const acc = new Map<string | null, Acc>();
  const at = (k: string | null) => {
    const key = k ?? null;
    if (!acc.has(key)) acc.set(key, empty());
    return acc.get(key)!;
  };
  for (const r of ratings) {
    const a = at(r.k);
    a.rated += Number(r.rated);
    a.good += Number(r.good);
    a.sum += Number(r.score_sum);
    a.refused += Number(r.refused);
  }
  for (const o of orders) {
    const a = at(o.k);
    a.orders += Number(o.orders);
    a.responded += Number(o.responded);
  }
  for (const c of complaints) {
    const a = at(c.k);
    a.byCategory.set(c.category, (a.byCategory.get(c.category) ?? 0) + Number(c.n));
  }
  const names = await sqlx.labels(
    ctx.db,
    group,
    [...acc.keys()].filter((k): k is string => !!k),
  );
  return [...acc.entries()]
    .map(([key, a]) => ({ key, label: key ? (names.get(key) ?? key) : null, ...figures(a) }))
    .sort((x, y) =>
      group === 'month' ? String(x.key).localeCompare(String(y.key)) : (y.average ?? 0) - (x.average ?? 0),
    );
}

/** The overall figures (one group). */
export async function satisfactionOverall(
  ctx: AppContext,
  scope: Scope,
  range: sqlx.Range,
): Promise<SatisfactionFigures> {
  const [all] = await satisfactionBy(ctx, scope, 'none', range);
  return all ?? figures(empty());
}
