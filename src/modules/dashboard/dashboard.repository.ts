/** Aggregates for the manager dashboard, computed in SQL inside the caller's order scope. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type { ClockKind } from '../deadlines/deadlines.defaults.ts';
import { scopedOrders } from '../work-orders/work-orders.queries.ts';
import { periodOf, type TrendBucket } from './dashboard.trend.ts';

/** Which clocks count: those started in [from, to) and optionally of one kind. */
export interface ComplianceFilter {
  from?: string | undefined;
  to?: string | undefined;
  kind?: ClockKind | undefined;
}

/** Clocks already decided: breached (at any time) or stopped in time. Running clocks are not counted yet. */
export function decidedClocks(db: Kysely<DB>, scope: Scope, filter: ComplianceFilter) {
  let q = scopedOrders(db, scope)
    .innerJoin('order_clocks as c', 'c.order_id', 'o.id')
    .where((eb) => eb.or([eb('c.breached_at', 'is not', null), eb('c.state', '=', 'stopped')]));
  if (filter.from) q = q.where('c.started_at', '>=', filter.from);
  if (filter.to) q = q.where('c.started_at', '<', filter.to);
  if (filter.kind) q = q.where('c.kind', '=', filter.kind);
  return q;
}

export const breachedSum = sql<number | string>`sum(case when c.breached_at is not null then 1 else 0 end)`;

/** Met and breached clocks per partner (null: own staff). */
export function complianceByPartner(db: Kysely<DB>, scope: Scope, filter: ComplianceFilter) {
  return decidedClocks(db, scope, filter)
    .leftJoin('partners as p', 'p.id', 'c.partner_id')
    .select((eb) => [
      'c.partner_id as partner_id',
      'p.name as partner_name',
      eb.fn.countAll<number | string>().as('total'),
      breachedSum.as('breached'),
    ])
    .groupBy(['c.partner_id', 'p.name'])
    .execute();
}

/** Met and breached clocks per region of the order. */
export function complianceByRegion(db: Kysely<DB>, scope: Scope, filter: ComplianceFilter) {
  return decidedClocks(db, scope, filter)
    .innerJoin('regions as cr', 'cr.id', 'c.region_id')
    .select((eb) => [
      'c.region_id as region_id',
      'cr.name as region_name',
      'cr.name_en as region_name_en',
      'cr.code as region_code',
      eb.fn.countAll<number | string>().as('total'),
      breachedSum.as('breached'),
    ])
    .groupBy(['c.region_id', 'cr.name', 'cr.name_en', 'cr.code'])
    .execute();
}

/** Ratings per score (null score: the customer refused to rate), recorded in [from, to). */
export function satisfactionCounts(db: Kysely<DB>, scope: Scope, filter: ComplianceFilter) {
  let q = scopedOrders(db, scope).innerJoin('satisfaction_ratings as s', 's.order_id', 'o.id');
  if (filter.from) q = q.where('s.recorded_at', '>=', filter.from);
  if (filter.to) q = q.where('s.recorded_at', '<', filter.to);
  return q
    .select((eb) => ['s.score as score', eb.fn.countAll<number | string>().as('n')])
    .groupBy('s.score')
    .execute();
}

const num = sql<number | string>;

export interface TrendRange {
  from: string;
  to: string;
  bucket: TrendBucket;
  offset: number;
}

/** Orders received in the range per period, with the critical ones among them. */
export function receivedBy(db: Kysely<DB>, kind: 'sqlite' | 'postgres', scope: Scope, r: TrendRange) {
  const inner = scopedOrders(db, scope)
    .where('o.received_at', '>=', r.from)
    .where('o.received_at', '<', r.to)
    .select([periodOf(kind, r.bucket, 'o.received_at', r.offset).as('p'), 'o.severity as severity']);
  return db
    .selectFrom(inner.as('x'))
    .select([
      'x.p as p',
      num`count(*)`.as('received'),
      num`sum(case when x.severity = 'critical' then 1 else 0 end)`.as('critical'),
    ])
    .groupBy('x.p')
    .execute();
}

/** Orders closed in the range per period. */
export function closedBy(db: Kysely<DB>, kind: 'sqlite' | 'postgres', scope: Scope, r: TrendRange) {
  const inner = scopedOrders(db, scope)
    .where('o.closed_at', '>=', r.from)
    .where('o.closed_at', '<', r.to)
    .select(periodOf(kind, r.bucket, 'o.closed_at', r.offset).as('p'));
  return db
    .selectFrom(inner.as('x'))
    .select(['x.p as p', num`count(*)`.as('closed')])
    .groupBy('x.p')
    .execute();
}

/** Deadline clocks started in the range and already decided, per period of their start. */
export function clocksBy(db: Kysely<DB>, kind: 'sqlite' | 'postgres', scope: Scope, r: TrendRange) {
  const inner = decidedClocks(db, scope, { from: r.from, to: r.to }).select([
    periodOf(kind, r.bucket, 'c.started_at', r.offset).as('p'),
    'c.breached_at as breached_at',
  ]);
  return db
    .selectFrom(inner.as('c'))
    .select(['c.p as p', num`count(*)`.as('decided'), breachedSum.as('breached')])
    .groupBy('c.p')
    .execute();
}

/** Names of partners by id. */
export async function partnerNames(db: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('partners').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names and codes of regions by id. */
export async function regionLabels(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { id: string; name: string; name_en: string | null; code: string }>();
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'name', 'name_en', 'code'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
