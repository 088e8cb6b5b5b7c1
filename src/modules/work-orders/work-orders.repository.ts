/** All SQL for work orders, their transitions, assignments, handovers, notices, follow-ups. */
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import { afterCursor, cappedCount } from '../../db/paging.ts';
import type { DB } from '../../db/schema.ts';
import type { Cursor } from '../../shared/cursor.ts';
import type { Scope } from '../access/policy.ts';
import type { Channel, Severity, State, WorkOrderType } from './work-orders.labels.ts';
import { type FollowUpState, OPEN_STATES, STATES } from './work-orders.rules.ts';
import type {
  CustomerNoticeTable,
  FollowUpTable,
  ScopeReviewTable,
  WorkOrderAssignmentTable,
  WorkOrderHandoverTable,
  WorkOrderTable,
  WorkOrderTransitionTable,
} from './work-orders.tables.ts';

/** The states an order ends in: everything not open. */
const FINAL_STATES = STATES.filter((s) => !OPEN_STATES.includes(s));

function underPaths(paths: readonly string[]): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(
    paths.map((p) => sql`r.path like ${`${p}%`}`),
    sql` or `,
  )})`;
}

/**
 * Work orders the scope may see: own staff see all; a partner sees its own orders (given to it)
 * and the unassigned ones offered to it in the regions it covers, never another partner's, even
 * where coverage overlaps; customers' people see none (they use their order link). Field
 * engineers who coordinate nothing, own or partner, see within that only what is theirs (owned
 * or assigned, now or before) and their area team's (orders in the regions they are assigned to).
 */
export function scopedOrders(db: Kysely<DB>, scope: Scope) {
  let q = db.selectFrom('work_orders as o').innerJoin('regions as r', 'r.id', 'o.region_id');
  if (scope.kind === 'partner') {
    const partnerId = scope.partnerId;
    q = q.where((eb) =>
      eb.or([
        eb('o.partner_id', '=', partnerId),
        eb.and([eb('o.partner_id', 'is', null), underPaths(scope.regionPaths)]),
      ]),
    );
  } else if (scope.kind === 'customer') {
    q = q.where(sql<SqlBool>`1 = 0`);
  }
  if (scope.kind !== 'customer' && scope.engineerOf) {
    const { personId, regionPaths } = scope.engineerOf;
    q = q.where((eb) =>
      eb.or([
        eb('o.owner_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('work_order_assignments as a')
            .select('a.id')
            .whereRef('a.order_id', '=', 'o.id')
            .where('a.person_id', '=', personId),
        ),
        underPaths(regionPaths),
      ]),
    );
  }
  return q;
}

/** Numbers of the open orders a person owns, oldest first (WO-4 deactivation check). */
export function openOrdersOwnedBy(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('work_orders')
    .select('number')
    .where('owner_id', '=', personId)
    .where('state', 'in', [...OPEN_STATES])
    .orderBy('received_at')
    .execute();
}

export function findOrder(db: Kysely<DB>, id: string) {
  return db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Loads and locks an order for a change (row lock on PostgreSQL; SQLite serialises writers). */
export function lockOrder(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('work_orders').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function findVisibleOrder(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedOrders(db, scope).selectAll('o').where('o.id', '=', id).executeTakeFirst();
}

export interface OrderFilter {
  state?: State | undefined;
  open?: boolean | undefined;
  type?: WorkOrderType | undefined;
  severity?: Severity | undefined;
  ownerId?: string | undefined;
  assigneeId?: string | undefined;
  regionId?: string | undefined;
  siteId?: string | undefined;
  /** One customer's orders (self-service reads them for the customer's own people). */
  customerId?: string | undefined;
  q?: string | undefined;
}

export async function listOrders(
  db: Kysely<DB>,
  scope: Scope,
  filter: OrderFilter,
  page: { limit: number; offset: number; cursor?: Cursor | undefined },
  like: 'like' | 'ilike',
) {
  let q = scopedOrders(db, scope);
  if (filter.state) q = q.where('o.state', '=', filter.state);
  // Written with literal states so both databases match it to the partial index of open
  // orders (migration 0031); a bound parameter would hide the match from SQLite's planner.
  if (filter.open === true)
    q = q.where(sql<SqlBool>`o.state not in (${sql.join(FINAL_STATES.map((s) => sql.lit(s)))})`);
  if (filter.open === false) q = q.where('o.state', 'in', [...FINAL_STATES]);
  if (filter.type) q = q.where('o.type', '=', filter.type);
  if (filter.severity) q = q.where('o.severity', '=', filter.severity);
  if (filter.ownerId) q = q.where('o.owner_id', '=', filter.ownerId);
  if (filter.siteId) q = q.where('o.site_id', '=', filter.siteId);
  if (filter.customerId) q = q.where('o.customer_id', '=', filter.customerId);
  if (filter.regionId) {
    const regionId = filter.regionId;
    q = q.where(sql<SqlBool>`r.path like ${sql`(select path from regions where id = ${regionId})`} || '%'`);
  }
  if (filter.assigneeId) {
    const assigneeId = filter.assigneeId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_order_assignments as a')
          .select('a.id')
          .whereRef('a.order_id', '=', 'o.id')
          .where('a.person_id', '=', assigneeId)
          .where('a.released_at', 'is', null),
      ),
    );
  }
  if (filter.q) {
    const text = `%${filter.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb('o.number', like, text),
        eb('o.symptom', like, text),
        eb('o.contact_name', like, text),
        eb('o.external_ref', like, text),
        // The header's global search: a caller's phone, the customer, the site, a serial number.
        eb('o.contact_phone', like, text),
        eb('o.customer_name', like, text),
        eb.exists(
          eb
            .selectFrom('customers as c')
            .select('c.id')
            .whereRef('c.id', '=', 'o.customer_id')
            .where('c.name', like, text),
        ),
        eb.exists(
          eb
            .selectFrom('sites as s')
            .select('s.id')
            .whereRef('s.id', '=', 'o.site_id')
            .where((s) => s.or([s('s.name', like, text), s('s.code', like, text)])),
        ),
        eb.exists(
          eb
            .selectFrom('equipment as e')
            .select('e.id')
            .whereRef('e.id', '=', 'o.equipment_id')
            .where('e.serial_no', like, text),
        ),
      ]),
    );
  }
  // Keyset: strictly after the last row of the previous page in (received_at, id) order.
  const pageQ = afterCursor(q.selectAll('o'), 'o.received_at', 'o.id', page.cursor);
  const [items, counted] = await Promise.all([
    pageQ
      .orderBy('o.received_at', 'desc')
      .orderBy('o.id', 'desc')
      .limit(page.limit)
      .offset(page.cursor ? 0 : page.offset)
      .execute(),
    cappedCount(db, q),
  ]);
  return { items, ...counted };
}

/**
 * Takes the next order sequence of a local day (WO-1 numbers). The upsert bumps the day's row
 * and returns the new value in one statement; on PostgreSQL it holds the row lock until the
 * intake commits, on SQLite the intake's write transaction already excludes other writers, so
 * two intakes never get the same value and a rolled-back intake leaves no gap.
 */
export async function nextOrderSequence(db: Kysely<DB>, day: string): Promise<number> {
  const row = await db
    .insertInto('order_number_counters')
    .values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`order_number_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

export async function insertOrder(db: Kysely<DB>, row: WorkOrderTable): Promise<void> {
  await db.insertInto('work_orders').values(row).execute();
}

export async function updateOrder(db: Kysely<DB>, id: string, patch: Partial<WorkOrderTable>): Promise<void> {
  await db.updateTable('work_orders').set(patch).where('id', '=', id).execute();
}

export function findByExternalRef(db: Kysely<DB>, channel: Channel, ref: string) {
  return db
    .selectFrom('work_orders')
    .select(['id', 'number'])
    .where('channel', '=', channel)
    .where('external_ref', '=', ref)
    .executeTakeFirst();
}

export async function insertTransition(db: Kysely<DB>, row: WorkOrderTransitionTable): Promise<void> {
  await db.insertInto('work_order_transitions').values(row).execute();
}

export function listTransitions(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('work_order_transitions')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function activeAssignments(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('work_order_assignments as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .selectAll('a')
    .select(['p.display_name', 'p.partner_id'])
    .where('a.order_id', '=', orderId)
    .where('a.released_at', 'is', null)
    .orderBy('a.assigned_at')
    .execute();
}

export async function insertAssignment(db: Kysely<DB>, row: WorkOrderAssignmentTable): Promise<void> {
  await db.insertInto('work_order_assignments').values(row).execute();
}

export async function releaseAssignment(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('work_order_assignments').set({ released_at: at }).where('id', '=', id).execute();
}

export function findPersonBrief(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('people')
    .select(['id', 'display_name', 'active', 'partner_id', 'customer_id', 'phone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function rolesOf(db: Kysely<DB>, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('person_roles').select('role').where('person_id', '=', personId).execute();
  return rows.map((r) => r.role);
}

export async function insertHandover(db: Kysely<DB>, row: WorkOrderHandoverTable): Promise<void> {
  await db.insertInto('work_order_handovers').values(row).execute();
}

export function findHandover(db: Kysely<DB>, id: string) {
  return db.selectFrom('work_order_handovers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function pendingHandover(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('work_order_handovers')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('pending', '=', 1)
    .executeTakeFirst();
}

export function handoversOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('work_order_handovers')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('requested_at')
    .execute();
}

export function pendingHandoversFor(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('work_order_handovers')
    .selectAll()
    .where('to_person_id', '=', personId)
    .where('pending', '=', 1)
    .orderBy('requested_at')
    .execute();
}

export async function updateHandover(
  db: Kysely<DB>,
  id: string,
  patch: Partial<WorkOrderHandoverTable>,
): Promise<void> {
  await db.updateTable('work_order_handovers').set(patch).where('id', '=', id).execute();
}

export async function insertNotice(db: Kysely<DB>, row: CustomerNoticeTable): Promise<void> {
  await db.insertInto('customer_notices').values(row).execute();
}

export function noticesOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('customer_notices')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findIdempotencyKey(db: Kysely<DB>, personId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('person_id', '=', personId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertIdempotencyKey(
  db: Kysely<DB>,
  row: { person_id: string; key: string; request_hash: string; order_id: string; created_at: string },
): Promise<void> {
  await db.insertInto('idempotency_keys').values(row).execute();
}

export async function insertFollowUp(db: Kysely<DB>, row: FollowUpTable): Promise<void> {
  await db.insertInto('follow_ups').values(row).execute();
}

export function findFollowUp(db: Kysely<DB>, id: string) {
  return db.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateFollowUp(
  db: Kysely<DB>,
  id: string,
  patch: Partial<FollowUpTable>,
): Promise<void> {
  await db.updateTable('follow_ups').set(patch).where('id', '=', id).execute();
}

export function followUpsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('follow_ups')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
}

/** Follow-ups visible to the scope, optionally only open ones or only overdue ones. */
export function listFollowUps(
  db: Kysely<DB>,
  scope: Scope,
  filter: { state?: FollowUpState | undefined; overdueAt?: string | undefined },
  page: { limit: number; offset: number },
) {
  let q = scopedOrders(db, scope)
    .innerJoin('follow_ups as f', 'f.order_id', 'o.id')
    .selectAll('f')
    .select(['o.number', 'o.type', 'o.owner_id', 'o.contact_name', 'o.contact_phone']);
  if (filter.state) q = q.where('f.state', '=', filter.state);
  if (filter.overdueAt) q = q.where('f.state', '=', 'open').where('f.due_at', '<', filter.overdueAt);
  return q.orderBy('f.due_at').limit(page.limit).offset(page.offset).execute();
}

export async function insertScopeReview(db: Kysely<DB>, row: ScopeReviewTable): Promise<void> {
  await db.insertInto('scope_reviews').values(row).execute();
}

export function findScopeReview(db: Kysely<DB>, id: string) {
  return db.selectFrom('scope_reviews').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateScopeReview(
  db: Kysely<DB>,
  id: string,
  patch: Partial<ScopeReviewTable>,
): Promise<void> {
  await db.updateTable('scope_reviews').set(patch).where('id', '=', id).execute();
}

export function scopeReviewsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('scope_reviews')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('raised_at')
    .execute();
}

export function findSite(db: Kysely<DB>, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEquipment(db: Kysely<DB>, id: string) {
  return db.selectFrom('equipment').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCustomer(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'name', 'region_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findRegion(db: Kysely<DB>, id: string) {
  return db.selectFrom('regions').select(['id', 'path', 'time_zone']).where('id', '=', id).executeTakeFirst();
}

/** Lookups by the codes an EOMS export carries. */
export const byCode = {
  customer: (db: Kysely<DB>, code: string) =>
    db.selectFrom('customers').select('id').where('code', '=', code).executeTakeFirst(),
  site: (db: Kysely<DB>, code: string) =>
    db.selectFrom('sites').select('id').where('code', '=', code).executeTakeFirst(),
  region: (db: Kysely<DB>, code: string) =>
    db.selectFrom('regions').select('id').where('code', '=', code).executeTakeFirst(),
  equipmentBySerial: (db: Kysely<DB>, serial: string) =>
    db.selectFrom('equipment').select(['id', 'site_id']).where('serial_no', '=', serial).execute(),
};

/** The confirmed appointment of an order, if any (WO-5). */
export function confirmedAppointment(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('state', '=', 'confirmed')
    .orderBy('window_start', 'desc')
    .executeTakeFirst();
}
