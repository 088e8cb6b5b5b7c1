/** All SQL for deadline policies, clocks and pauses. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { scopedOrders } from '../work-orders/work-orders.queries.ts';
import type { ClockKind, Severity } from './deadlines.defaults.ts';
import type { DeadlinePolicyTable, OrderClockTable, OrderPauseTable } from './deadlines.tables.ts';

export function policiesFor(db: Kysely<DB>, severity: Severity, kind: ClockKind) {
  return db
    .selectFrom('deadline_policies')
    .selectAll()
    .where('severity', '=', severity)
    .where('kind', '=', kind)
    .execute();
}

/** The policies of one severity for several clock kinds at once (intake starts them together). */
export function policiesForKinds(db: Kysely<DB>, severity: Severity, kinds: readonly ClockKind[]) {
  if (kinds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deadline_policies')
    .selectAll()
    .where('severity', '=', severity)
    .where('kind', 'in', [...kinds])
    .execute();
}

export function listPolicies(db: Kysely<DB>) {
  return db
    .selectFrom('deadline_policies')
    .innerJoin('calendars', 'calendars.id', 'deadline_policies.calendar_id')
    .selectAll('deadline_policies')
    .select('calendars.code as calendar_code')
    .orderBy('severity')
    .orderBy('kind')
    .orderBy('order_type')
    .orderBy('area_class')
    .execute();
}

export function findPolicy(db: Kysely<DB>, id: string) {
  return db.selectFrom('deadline_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPolicyByKey(
  db: Kysely<DB>,
  k: Pick<DeadlinePolicyTable, 'order_type' | 'severity' | 'area_class' | 'kind'>,
) {
  return db
    .selectFrom('deadline_policies')
    .selectAll()
    .where('order_type', '=', k.order_type)
    .where('severity', '=', k.severity)
    .where('area_class', '=', k.area_class)
    .where('kind', '=', k.kind)
    .executeTakeFirst();
}

export async function insertPolicy(db: Kysely<DB>, row: DeadlinePolicyTable) {
  await db.insertInto('deadline_policies').values(row).execute();
}

export async function updatePolicy(db: Kysely<DB>, id: string, patch: Partial<DeadlinePolicyTable>) {
  await db.updateTable('deadline_policies').set(patch).where('id', '=', id).execute();
}

export async function insertClocks(db: Kysely<DB>, rows: readonly OrderClockTable[]) {
  if (rows.length)
    await db
      .insertInto('order_clocks')
      .values([...rows])
      .execute();
}

export async function updateClock(db: Kysely<DB>, id: string, patch: Partial<OrderClockTable>) {
  await db.updateTable('order_clocks').set(patch).where('id', '=', id).execute();
}

export function findClock(db: Kysely<DB>, id: string) {
  return db.selectFrom('order_clocks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function clocksOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('order_clocks')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('kind')
    .orderBy('seq')
    .execute();
}

/** The highest clock number of each kind on an order, in one query. */
export async function lastSeqs(db: Kysely<DB>, orderId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('order_clocks')
    .select((eb) => ['kind', eb.fn.max('seq').as('m')])
    .where('order_id', '=', orderId)
    .groupBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, Number(r.m ?? 0)]));
}

export function pausesOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('order_pauses')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('started_at')
    .execute();
}

/** The pauses of several orders at once (the boards batch their lookups). */
export function pausesOfOrders(db: Kysely<DB>, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('order_pauses')
    .selectAll()
    .where('order_id', 'in', [...orderIds])
    .orderBy('started_at')
    .execute();
}

export function openPause(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('order_pauses')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export async function insertPause(db: Kysely<DB>, row: OrderPauseTable) {
  await db.insertInto('order_pauses').values(row).execute();
}

export async function endPause(db: Kysely<DB>, id: string, at: string, by: string | null) {
  await db.updateTable('order_pauses').set({ ended_at: at, ended_by: by }).where('id', '=', id).execute();
}

/** Open clocks visible to a scope, optionally under a region path and for one partner. */
export function scopedOpenClocks(
  db: Kysely<DB>,
  scope: Scope,
  filter: { regionPath?: string | undefined; partnerId?: string | undefined; breached: boolean },
) {
  let q = db
    .selectFrom('order_clocks')
    .innerJoin('regions', 'regions.id', 'order_clocks.region_id')
    // The risk board is about work orders; other records' clocks (leftovers) have their own pages.
    .where('order_clocks.subject_type', '=', 'work_order')
    .where('order_clocks.state', '!=', 'stopped');
  q = filter.breached
    ? q.where('order_clocks.breached_at', 'is not', null)
    : q.where('order_clocks.breached_at', 'is', null).where('order_clocks.state', '=', 'running');
  if (scope.kind === 'partner') q = q.where('order_clocks.partner_id', '=', scope.partnerId);
  if (scope.kind === 'customer') q = q.where((eb) => eb.val(false));
  if (filter.regionPath) q = q.where('regions.path', 'like', `${filter.regionPath}%`);
  if (filter.partnerId) q = q.where('order_clocks.partner_id', '=', filter.partnerId);
  return q
    .selectAll('order_clocks')
    .select(['regions.name as region_name', 'regions.path as region_path'])
    .orderBy('order_clocks.due_at');
}

export function regionPathOf(db: Kysely<DB>, id: string) {
  return db.selectFrom('regions').select(['path', 'name']).where('id', '=', id).executeTakeFirst();
}

export function siteAreaClass(db: Kysely<DB>, siteId: string) {
  return db.selectFrom('sites').select('area_class').where('id', '=', siteId).executeTakeFirst();
}

/** The latest notice given to the customer after an instant (WO-11 updates). */
export function latestCustomerNoticeAfter(db: Kysely<DB>, orderId: string, after: string) {
  return db
    .selectFrom('customer_notices')
    .select('created_at')
    .where('order_id', '=', orderId)
    .where('created_at', '>', after)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** A recorded follow-up of an order (WO-10). */
export function doneFollowUp(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('follow_ups')
    .select('recorded_at')
    .where('order_id', '=', orderId)
    .where('state', '=', 'done')
    .executeTakeFirst();
}

export async function setOpenClocksOwner(db: Kysely<DB>, orderId: string, ownerId: string) {
  await db
    .updateTable('order_clocks')
    .set({ owner_id: ownerId })
    .where('order_id', '=', orderId)
    .where('state', '!=', 'stopped')
    .execute();
}

export function calendarByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('calendars').select('id').where('code', '=', code).executeTakeFirst();
}

export function calendarExists(db: Kysely<DB>, id: string) {
  return db.selectFrom('calendars').select('id').where('id', '=', id).executeTakeFirst();
}

/** Running, unbreached clocks due in (from, to]: the at-risk scan reads the index range only. */
export function runningClocksDueBetween(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('order_clocks')
    .selectAll()
    .where('state', '=', 'running')
    .where('breached_at', 'is', null)
    .where('due_at', '>', from)
    .where('due_at', '<=', to)
    .execute();
}

/** Which of the given orders the scope may see. */
export function visibleOrderIds(db: Kysely<DB>, scope: Scope, ids: readonly string[]) {
  return scopedOrders(db, scope)
    .select('o.id')
    .where('o.id', 'in', [...ids])
    .execute();
}

/** Running clocks of the given orders, nearest deadline first per order. */
export function runningClocksOf(db: Kysely<DB>, orderIds: readonly string[]) {
  return db
    .selectFrom('order_clocks')
    .selectAll()
    .where('order_id', 'in', [...orderIds])
    .where('subject_type', '=', 'work_order')
    .where('state', '=', 'running')
    .where('due_at', 'is not', null)
    .orderBy('order_id')
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}

/** States of an order nobody has been given yet (the dispatcher's queue). */
const UNASSIGNED_STATES = ['received', 'accepted'] as const;

/**
 * The unassigned orders a scope may see, under a region path, most urgent first across every
 * page: by the nearest running clock's due instant (the moment its remaining business time runs
 * out), orders without a running clock last, then oldest first. `order_clocks_state_order_due`
 * (migration 0033) answers the per-order minimum from the index alone.
 */
export function unassignedByRisk(db: Kysely<DB>, scope: Scope, regionPath: string | undefined) {
  const nearest = db
    .selectFrom('order_clocks')
    .select((eb) => ['order_id', eb.fn.min('due_at').as('due')])
    .where('state', '=', 'running')
    .where('due_at', 'is not', null)
    .groupBy('order_id')
    .as('n');
  let q = scopedOrders(db, scope)
    .leftJoin(nearest, 'n.order_id', 'o.id')
    .leftJoin('sites as s', 's.id', 'o.site_id')
    .where('o.state', 'in', [...UNASSIGNED_STATES])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('work_order_assignments as a')
            .select('a.id')
            .whereRef('a.order_id', '=', 'o.id')
            .where('a.role', '=', 'lead')
            .where('a.released_at', 'is', null),
        ),
      ),
    );
  if (regionPath) q = q.where('r.path', 'like', `${regionPath}%`);
  return q;
}

export function unassignedPage(
  db: Kysely<DB>,
  scope: Scope,
  regionPath: string | undefined,
  page: { limit: number; offset: number },
) {
  return unassignedByRisk(db, scope, regionPath)
    .select([
      'o.id',
      'o.number',
      'o.severity',
      'o.state',
      'o.type',
      'o.region_id',
      'o.received_at',
      's.name as site_name',
      's.lat as site_lat',
      's.lng as site_lng',
      'n.due as due',
    ])
    .orderBy(sql`case when n.due is null then 1 else 0 end`)
    .orderBy('n.due')
    .orderBy('o.received_at')
    .orderBy('o.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function unassignedCount(db: Kysely<DB>, scope: Scope, regionPath: string | undefined) {
  const r = await unassignedByRisk(db, scope, regionPath)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
