/**
 * The SQL of the satisfaction aggregate (CS-2): ratings and closed orders per group — region,
 * partner, lead engineer or month — in the caller's order scope. Each query selects the group
 * key in an inner query and aggregates outside it, so any key (even a correlated sub-query)
 * groups the same way on SQLite and PostgreSQL.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { scopedOrders } from '../work-orders/work-orders.queries.ts';

export const SATISFACTION_GROUPS = ['none', 'region', 'partner', 'engineer', 'month'] as const;
export type SatisfactionGroup = (typeof SATISFACTION_GROUPS)[number];

export interface Range {
  from?: string | undefined;
  to?: string | undefined;
  /** Only orders under this region path (vendor assessment's region of any level). */
  regionPath?: string | undefined;
}

/** 'YYYY-MM' of a stored instant, in UTC on both databases. */
export function monthOf(kind: 'sqlite' | 'postgres', column: string): RawBuilder<string | null> {
  return kind === 'sqlite'
    ? sql<string | null>`strftime('%Y-%m', ${sql.ref(column)})`
    : sql<string | null>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM')`;
}

/** The order's lead engineer: the latest lead assignment. */
const leadEngineer = sql<string | null>`(select a.person_id from work_order_assignments a
  where a.order_id = o.id and a.role = 'lead' order by a.assigned_at desc, a.id desc limit 1)`;

function keyOf(
  kind: 'sqlite' | 'postgres',
  group: SatisfactionGroup,
  monthColumn: string,
): RawBuilder<string | null> {
  switch (group) {
    case 'region':
      return sql<string | null>`o.region_id`;
    case 'partner':
      return sql<string | null>`o.partner_id`;
    case 'engineer':
      return leadEngineer;
    case 'month':
      return monthOf(kind, monthColumn);
    default:
      return sql<string | null>`''`;
  }
}

const num = sql<number | string>;

/** Ratings recorded in the range per group: rated, 4–5, sum of scores, refusals. */
export function ratingsBy(
  db: Kysely<DB>,
  kind: 'sqlite' | 'postgres',
  scope: Scope,
  group: SatisfactionGroup,
  r: Range,
) {
  let inner = scopedOrders(db, scope).innerJoin('satisfaction_ratings as s', 's.order_id', 'o.id');
  if (r.from) inner = inner.where('s.recorded_at', '>=', r.from);
  if (r.to) inner = inner.where('s.recorded_at', '<', r.to);
  if (r.regionPath) inner = inner.where('r.path', 'like', `${r.regionPath}%`);
  return db
    .selectFrom(inner.select([keyOf(kind, group, 's.recorded_at').as('k'), 's.score as score']).as('x'))
    .select([
      'x.k as k',
      num`sum(case when x.score is not null then 1 else 0 end)`.as('rated'),
      num`sum(case when x.score >= 4 then 1 else 0 end)`.as('good'),
      num`coalesce(sum(x.score), 0)`.as('score_sum'),
      num`sum(case when x.score is null then 1 else 0 end)`.as('refused'),
    ])
    .groupBy('x.k')
    .execute();
}

/** Orders closed in the range per group, and how many of them have a score (response rate). */
export function closedOrdersBy(
  db: Kysely<DB>,
  kind: 'sqlite' | 'postgres',
  scope: Scope,
  group: SatisfactionGroup,
  r: Range,
) {
  let inner = scopedOrders(db, scope).where('o.closed_at', 'is not', null);
  if (r.from) inner = inner.where('o.closed_at', '>=', r.from);
  if (r.to) inner = inner.where('o.closed_at', '<', r.to);
  if (r.regionPath) inner = inner.where('r.path', 'like', `${r.regionPath}%`);
  const responded = sql<number>`case when exists (select 1 from satisfaction_ratings s
    where s.order_id = o.id and s.score is not null) then 1 else 0 end`;
  return db
    .selectFrom(inner.select([keyOf(kind, group, 'o.closed_at').as('k'), responded.as('responded')]).as('x'))
    .select((eb) => [
      'x.k as k',
      eb.fn.countAll<number | string>().as('orders'),
      num`sum(x.responded)`.as('responded'),
    ])
    .groupBy('x.k')
    .execute();
}

/** Names for group keys: regions, partners or people. */
export async function labels(
  db: Kysely<DB>,
  group: SatisfactionGroup,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0 || group === 'none' || group === 'month') return new Map();
  const rows =
    group === 'region'
      ? await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids).execute()
      : group === 'partner'
        ? await db.selectFrom('partners').select(['id', 'name']).where('id', 'in', ids).execute()
        : await db
            .selectFrom('people')
            .select(['id', 'display_name as name'])
            .where('id', 'in', ids)
            .execute();
  return new Map(rows.map((x) => [x.id, x.name]));
}
