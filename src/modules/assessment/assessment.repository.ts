/**
 * The SQL behind vendor assessment (VA-1): counts grouped by the order's partner, and durations
 * fetched in order per partner so percentiles are read off the sorted list on both databases.
 * Every query starts from the caller's order scope.
 */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { breachedSum, decidedClocks } from '../dashboard/dashboard.queries.ts';
import type { ClockKind } from '../deadlines/deadlines.defaults.ts';
import { scopedOrders } from '../work-orders/work-orders.queries.ts';
import { INSTALLATION_TYPES, REPEAT_WINDOW_DAYS, TIMED_CLOCKS } from './assessment.rules.ts';
import type { AssessmentCommentTable, AssessmentScorecardTable } from './assessment.tables.ts';

/** Which records: the month [from, to), under a region path, optionally one partner. */
export interface Slice {
  from: string;
  to: string;
  regionPath: string | null;
  partnerId?: string | undefined;
}

type Count = number | string;

/** The caller's orders under the region path (and of the partner, when one is asked for). */
function orders(db: Kysely<DB>, scope: Scope, slice: Slice) {
  let q = scopedOrders(db, scope);
  if (slice.regionPath) q = q.where('r.path', 'like', `${slice.regionPath}%`);
  if (slice.partnerId) q = q.where('o.partner_id', '=', slice.partnerId);
  return q;
}

const sum = (cond: ReturnType<typeof sql<SqlBool>>) => sql<Count>`sum(case when ${cond} then 1 else 0 end)`;

/** Minutes of every stopped respond / restore / resolve clock, less its pauses, ascending per partner. */
export function clockMinutes(db: Kysely<DB>, kit: DialectKit, scope: Scope, slice: Slice) {
  const minutes = sql<number>`(${kit.minutesBetween(sql.ref('c.stopped_at'), sql.ref('c.started_at'))} - c.paused_ms / 60000.0)`;
  return orders(db, scope, slice)
    .innerJoin('order_clocks as c', 'c.order_id', 'o.id')
    .where('c.state', '=', 'stopped')
    .where('c.kind', 'in', [...TIMED_CLOCKS])
    .where('c.stopped_at', '>=', slice.from)
    .where('c.stopped_at', '<', slice.to)
    .where('o.state', '!=', 'cancelled')
    .select(['o.partner_id as partner_id', 'c.kind as kind', minutes.as('minutes')])
    .orderBy('o.partner_id')
    .orderBy('c.kind')
    .orderBy(minutes)
    .execute();
}

/** Minutes from receipt to resolution of installation orders resolved in the month, ascending per partner. */
export function installationMinutes(db: Kysely<DB>, kit: DialectKit, scope: Scope, slice: Slice) {
  const minutes = kit.minutesBetween(sql.ref('o.resolved_at'), sql.ref('o.received_at'));
  return orders(db, scope, slice)
    .where('o.type', 'in', [...INSTALLATION_TYPES])
    .where('o.resolved_at', '>=', slice.from)
    .where('o.resolved_at', '<', slice.to)
    .where('o.state', '!=', 'cancelled')
    .select(['o.partner_id as partner_id', minutes.as('minutes')])
    .orderBy('o.partner_id')
    .orderBy(minutes)
    .execute();
}

/** Decided clocks started in the month per partner and kind (the dashboard's compliance rows). */
export function complianceCounts(db: Kysely<DB>, scope: Scope, slice: Slice) {
  let q = decidedClocks(db, scope, { from: slice.from, to: slice.to });
  if (slice.regionPath) q = q.where('r.path', 'like', `${slice.regionPath}%`);
  if (slice.partnerId) q = q.where('o.partner_id', '=', slice.partnerId);
  return q
    .select((eb) => [
      'o.partner_id as partner_id',
      'c.kind as kind',
      eb.fn.countAll<Count>().as('total'),
      breachedSum.as('breached'),
    ])
    .groupBy(['o.partner_id', 'c.kind'])
    .execute();
}

/** Fault orders resolved in the month, and those resolved with at most one visit and never reopened. */
export function firstTimeFixCounts(db: Kysely<DB>, scope: Scope, slice: Slice) {
  const visits = sql<number>`(select count(*) from site_visits v where v.order_id = o.id)`;
  return orders(db, scope, slice)
    .where('o.type', '=', 'fault_repair')
    .where('o.resolved_at', '>=', slice.from)
    .where('o.resolved_at', '<', slice.to)
    .select((eb) => [
      'o.partner_id as partner_id',
      eb.fn.countAll<Count>().as('total'),
      sum(sql<SqlBool>`o.repeat_count = 0 and ${visits} <= 1`).as('hits'),
    ])
    .groupBy('o.partner_id')
    .execute();
}

/** Fault orders received in the month on a site or equipment, and those with an earlier fault there within the window. */
export function repeatFaultCounts(db: Kysely<DB>, kit: DialectKit, scope: Scope, slice: Slice) {
  const earlier = sql<SqlBool>`exists (select 1 from work_orders p
    where p.type = 'fault_repair' and p.id <> o.id
      and p.received_at < o.received_at
      and p.received_at >= ${kit.daysBefore(sql.ref('o.received_at'), REPEAT_WINDOW_DAYS)}
      and (p.site_id = o.site_id or p.equipment_id = o.equipment_id))`;
  return orders(db, scope, slice)
    .where('o.type', '=', 'fault_repair')
    .where('o.state', '!=', 'cancelled')
    .where('o.received_at', '>=', slice.from)
    .where('o.received_at', '<', slice.to)
    .where((eb) => eb.or([eb('o.site_id', 'is not', null), eb('o.equipment_id', 'is not', null)]))
    .select((eb) => [
      'o.partner_id as partner_id',
      eb.fn.countAll<Count>().as('total'),
      sum(earlier).as('hits'),
    ])
    .groupBy('o.partner_id')
    .execute();
}

/** Follow-ups due in the month, and those answered by their due time. */
export function followUpCounts(db: Kysely<DB>, scope: Scope, slice: Slice) {
  return orders(db, scope, slice)
    .innerJoin('follow_ups as f', 'f.order_id', 'o.id')
    .where('f.due_at', '>=', slice.from)
    .where('f.due_at', '<', slice.to)
    .select((eb) => [
      'o.partner_id as partner_id',
      eb.fn.countAll<Count>().as('total'),
      sum(sql<SqlBool>`f.state = 'done' and f.recorded_at <= f.due_at`).as('hits'),
    ])
    .groupBy('o.partner_id')
    .execute();
}

/** Escalations of orders started in the month, and those acknowledged before the first climb. */
export function escalationCounts(db: Kysely<DB>, scope: Scope, slice: Slice) {
  return orders(db, scope, slice)
    .innerJoin('escalations as e', (j) =>
      j.onRef('e.subject_id', '=', 'o.id').on('e.subject_type', '=', 'work_order'),
    )
    .where('e.started_at', '>=', slice.from)
    .where('e.started_at', '<', slice.to)
    .select((eb) => [
      'o.partner_id as partner_id',
      eb.fn.countAll<Count>().as('total'),
      sum(sql<SqlBool>`e.acknowledged_at is not null and e.level = 0`).as('hits'),
    ])
    .groupBy('o.partner_id')
    .execute();
}

/** Orders received (and not cancelled) in the month: the base of "per 1,000 orders". */
export function receivedCounts(db: Kysely<DB>, scope: Scope, slice: Slice) {
  return orders(db, scope, slice)
    .where('o.received_at', '>=', slice.from)
    .where('o.received_at', '<', slice.to)
    .where('o.state', '!=', 'cancelled')
    .select((eb) => ['o.partner_id as partner_id', eb.fn.countAll<Count>().as('total')])
    .groupBy('o.partner_id')
    .execute();
}

/** Names of partners by id. */
export async function partnerNames(db: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('partners').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A region's path and names, or undefined. */
export function findRegion(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'path', 'name', 'name_en'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every prefecture with its path, in code order: the columns of the heat map. */
export function prefectures(db: Kysely<DB>) {
  return db
    .selectFrom('regions')
    .select(['id', 'path', 'name', 'name_en'])
    .where('level', '=', 'prefecture')
    .orderBy('code')
    .execute();
}

// ---- Scorecards (VA-2): only this capability's own tables below.

export const SCHEME_ID = 'operator';

export function findScheme(db: Kysely<DB>) {
  return db.selectFrom('assessment_schemes').selectAll().where('id', '=', SCHEME_ID).executeTakeFirst();
}

/** The scheme row, locked for the rest of the transaction (PostgreSQL; SQLite serialises writers). */
export function lockScheme(db: Kysely<DB>, kit: DialectKit) {
  return kit
    .forUpdate(db.selectFrom('assessment_schemes').selectAll().where('id', '=', SCHEME_ID))
    .executeTakeFirst();
}

export async function saveScheme(
  db: Kysely<DB>,
  row: {
    items: string;
    penalty_per_violation: number;
    version: number;
    updated_by: string | null;
    at: string;
  },
) {
  const values = {
    items: row.items,
    penalty_per_violation: row.penalty_per_violation,
    version: row.version,
    updated_by: row.updated_by,
    updated_at: row.at,
  };
  if (row.version === 1)
    await db
      .insertInto('assessment_schemes')
      .values({ id: SCHEME_ID, ...values, created_at: row.at })
      .execute();
  else await db.updateTable('assessment_schemes').set(values).where('id', '=', SCHEME_ID).execute();
}

/** Every revision of a month's scorecard, newest first. */
export function scorecardRevisions(db: Kysely<DB>, month: string) {
  return db
    .selectFrom('assessment_scorecards')
    .selectAll()
    .where('month', '=', month)
    .orderBy('revision', 'desc')
    .execute();
}

export function insertScorecard(db: Kysely<DB>, row: AssessmentScorecardTable) {
  return db.insertInto('assessment_scorecards').values(row).execute();
}

export function insertComment(db: Kysely<DB>, row: AssessmentCommentTable) {
  return db.insertInto('assessment_comments').values(row).execute();
}

/** Comments of a month (only one partner's when `partnerId` is given), oldest first, with authors' names. */
export function monthComments(db: Kysely<DB>, month: string, partnerId: string | undefined) {
  let q = db
    .selectFrom('assessment_comments as m')
    .innerJoin('people as p', 'p.id', 'm.author_id')
    .where('m.month', '=', month);
  if (partnerId) q = q.where('m.partner_id', '=', partnerId);
  return q
    .select([
      'm.id',
      'm.partner_id',
      'm.author_side',
      'm.body',
      'm.created_at',
      'p.display_name as author_name',
    ])
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

/** Whether a partner exists. */
export async function partnerExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return !!(await db.selectFrom('partners').select('id').where('id', '=', id).executeTakeFirst());
}

/*
 * The orders behind an assessment figure (VA-2 drill-down): the same filters as the counts
 * above, listing the orders instead of counting them, each with the detail that decided it
 * (minutes of a clock, breached or met, fixed first time or not).
 */

/** Which figure: 'orders' (received), a clock time, a clock's compliance, installation, first-time fix. */
export type DrillFigure =
  | { kind: 'orders' }
  | { kind: 'time'; clock: (typeof TIMED_CLOCKS)[number] }
  | { kind: 'compliance'; clock: ClockKind }
  | { kind: 'installation' }
  | { kind: 'first_time_fix' };

export interface DrillSlice {
  from: string;
  to: string;
  regionPath: string | null;
  /** The partner, or null for the operator's own staff. */
  partnerId: string | null;
}

export const DRILL_LIMIT = 500;

const num = (s: ReturnType<typeof sql>) => sql<number | string | null>`${s}`;

export function drillOrders(
  db: Kysely<DB>,
  kit: DialectKit,
  scope: Scope,
  slice: DrillSlice,
  figure: DrillFigure,
) {
  const narrow = <Q extends ReturnType<typeof scopedOrders>>(q: Q): Q => {
    let out = q;
    if (slice.regionPath) out = out.where('r.path', 'like', `${slice.regionPath}%`) as Q;
    out = (
      slice.partnerId === null
        ? out.where('o.partner_id', 'is', null)
        : out.where('o.partner_id', '=', slice.partnerId)
    ) as Q;
    return out;
  };
  const base = [
    'o.id as id',
    'o.number as number',
    'o.type as type',
    'o.state as state',
    'o.received_at as received_at',
    'o.resolved_at as resolved_at',
    'r.name as region_name',
  ] as const;
  if (figure.kind === 'time') {
    const minutes = sql<number>`(${kit.minutesBetween(sql.ref('c.stopped_at'), sql.ref('c.started_at'))} - c.paused_ms / 60000.0)`;
    return narrow(scopedOrders(db, scope))
      .innerJoin('order_clocks as c', 'c.order_id', 'o.id')
      .where('c.state', '=', 'stopped')
      .where('c.kind', '=', figure.clock)
      .where('c.stopped_at', '>=', slice.from)
      .where('c.stopped_at', '<', slice.to)
      .where('o.state', '!=', 'cancelled')
      .select([...base, num(minutes).as('detail')])
      .orderBy(minutes, 'desc')
      .limit(DRILL_LIMIT)
      .execute();
  }
  if (figure.kind === 'compliance') {
    let q = decidedClocks(db, scope, { from: slice.from, to: slice.to, kind: figure.clock });
    if (slice.regionPath) q = q.where('r.path', 'like', `${slice.regionPath}%`);
    q =
      slice.partnerId === null
        ? q.where('o.partner_id', 'is', null)
        : q.where('o.partner_id', '=', slice.partnerId);
    const breached = sql<number>`case when c.breached_at is not null then 1 else 0 end`;
    return q
      .select([...base, num(breached).as('detail')])
      .orderBy(breached, 'desc')
      .orderBy('o.received_at')
      .limit(DRILL_LIMIT)
      .execute();
  }
  if (figure.kind === 'installation') {
    const minutes = kit.minutesBetween(sql.ref('o.resolved_at'), sql.ref('o.received_at'));
    return narrow(scopedOrders(db, scope))
      .where('o.type', 'in', [...INSTALLATION_TYPES])
      .where('o.resolved_at', '>=', slice.from)
      .where('o.resolved_at', '<', slice.to)
      .where('o.state', '!=', 'cancelled')
      .select([...base, num(minutes).as('detail')])
      .orderBy(minutes, 'desc')
      .limit(DRILL_LIMIT)
      .execute();
  }
  if (figure.kind === 'first_time_fix') {
    const visits = sql<number>`(select count(*) from site_visits v where v.order_id = o.id)`;
    const fixed = sql<number>`case when ${sql<SqlBool>`o.repeat_count = 0 and ${visits} <= 1`} then 1 else 0 end`;
    return narrow(scopedOrders(db, scope))
      .where('o.type', '=', 'fault_repair')
      .where('o.resolved_at', '>=', slice.from)
      .where('o.resolved_at', '<', slice.to)
      .select([...base, num(fixed).as('detail')])
      .orderBy(fixed)
      .orderBy('o.received_at')
      .limit(DRILL_LIMIT)
      .execute();
  }
  return narrow(scopedOrders(db, scope))
    .where('o.received_at', '>=', slice.from)
    .where('o.received_at', '<', slice.to)
    .where('o.state', '!=', 'cancelled')
    .select([...base, sql<null>`null`.as('detail')])
    .orderBy('o.received_at')
    .limit(DRILL_LIMIT)
    .execute();
}
