/** All SQL for deadline policies, clocks and pauses. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { scopedOrders } from '../work-orders/work-orders.repository.ts';
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

export async function insertClock(db: Kysely<DB>, row: OrderClockTable) {
  await db.insertInto('order_clocks').values(row).execute();
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

export async function lastSeq(db: Kysely<DB>, orderId: string, kind: ClockKind): Promise<number> {
  const r = await db
    .selectFrom('order_clocks')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('order_id', '=', orderId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
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
    .where('state', '=', 'running')
    .where('due_at', 'is not', null)
    .orderBy('order_id')
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}
