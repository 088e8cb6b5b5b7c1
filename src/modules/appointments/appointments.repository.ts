/** All SQL for appointments, reschedule requests and site working hours. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { scopedOrders } from '../work-orders/work-orders.queries.ts';
import { VISIT_OVER_STATES } from './appointments.rules.ts';
import type {
  AppointmentHoursPolicyTable,
  AppointmentTable,
  RescheduleRequestTable,
  SiteWorkingHoursTable,
} from './appointments.tables.ts';

export function findAppointment(db: Kysely<DB>, id: string) {
  return db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function appointmentsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The appointment in force (proposed or confirmed), if any. */
export function currentAppointment(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('state', 'in', ['proposed', 'confirmed'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertAppointment(db: Kysely<DB>, row: AppointmentTable): Promise<void> {
  await db.insertInto('appointments').values(row).execute();
}

export async function updateAppointment(
  db: Kysely<DB>,
  id: string,
  patch: Partial<AppointmentTable>,
): Promise<void> {
  await db.updateTable('appointments').set(patch).where('id', '=', id).execute();
}

export async function insertRescheduleRequest(db: Kysely<DB>, row: RescheduleRequestTable): Promise<void> {
  await db.insertInto('reschedule_requests').values(row).execute();
}

export function rescheduleRequestsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('reschedule_requests')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
}

export async function markRequestsHandled(db: Kysely<DB>, appointmentId: string, at: string): Promise<void> {
  await db
    .updateTable('reschedule_requests')
    .set({ handled_at: at })
    .where('appointment_id', '=', appointmentId)
    .where('handled_at', 'is', null)
    .execute();
}

export function workingHours(db: Kysely<DB>, siteId: string) {
  return db.selectFrom('site_working_hours').selectAll().where('site_id', '=', siteId).executeTakeFirst();
}

export async function upsertWorkingHours(db: Kysely<DB>, row: SiteWorkingHoursTable): Promise<void> {
  await db
    .insertInto('site_working_hours')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('site_id')
        .doUpdateSet({ days: row.days, opens: row.opens, closes: row.closes, updated_at: row.updated_at }),
    )
    .execute();
}

/**
 * WO-5: confirmed appointments whose window ended without the engineer arriving in it and
 * without a notice to the customer before it started — in the scope.
 */
export function missedAppointments(db: Kysely<DB>, scope: Scope, now: string, limit: number) {
  return scopedOrders(db, scope)
    .innerJoin('appointments as ap', 'ap.order_id', 'o.id')
    .selectAll('ap')
    .select(['o.number', 'o.owner_id', 'o.arrived_at', 'o.state as order_state'])
    .where('ap.state', '=', 'confirmed')
    .where('ap.window_end', '<', now)
    .where((eb) => eb.or([eb('ap.late_notice_in_time', 'is', null), eb('ap.late_notice_in_time', '=', 0)]))
    .where((eb) => eb.or([eb('o.arrived_at', 'is', null), eb('o.arrived_at', '>', eb.ref('ap.window_end'))]))
    .orderBy('ap.window_end', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Appointments in force (proposed or confirmed) whose window overlaps [from, to), in the scope and
 * optionally under a region path, with the order and the engineers assigned to it now.
 */
export async function appointmentsBetween(
  db: Kysely<DB>,
  scope: Scope,
  filter: { from: string; to: string; regionPath?: string | undefined },
  limit: number,
) {
  let q = scopedOrders(db, scope)
    .innerJoin('appointments as ap', 'ap.order_id', 'o.id')
    .selectAll('ap')
    .select(['o.number', 'o.owner_id', 'o.arrived_at', 'o.state as order_state'])
    .where('ap.state', 'in', ['proposed', 'confirmed'])
    .where('o.state', 'not in', [...VISIT_OVER_STATES])
    .where('ap.window_start', '<', filter.to)
    .where('ap.window_end', '>', filter.from);
  if (filter.regionPath) q = q.where('r.path', 'like', `${filter.regionPath}%`);
  const rows = await q.orderBy('ap.window_start').orderBy('ap.id').limit(limit).execute();
  const orderIds = [...new Set(rows.map((r) => r.order_id))];
  const people =
    orderIds.length === 0
      ? []
      : await db
          .selectFrom('work_order_assignments as a')
          .innerJoin('people as p', 'p.id', 'a.person_id')
          .select(['a.order_id', 'a.person_id', 'a.role', 'p.display_name'])
          .where('a.order_id', 'in', orderIds)
          .where('a.released_at', 'is', null)
          .where('a.role', 'in', ['lead', 'helper'])
          .orderBy('a.assigned_at')
          .execute();
  return { rows, people };
}

export function regionPath(db: Kysely<DB>, id: string) {
  return db.selectFrom('regions').select('path').where('id', '=', id).executeTakeFirst();
}

/** WO-5 appointment-hours policies, all of them (a handful of rows). */
export function hoursPolicies(db: Kysely<DB>) {
  return db
    .selectFrom('appointment_hours_policies')
    .selectAll()
    .orderBy('customer_id')
    .orderBy('site_class')
    .orderBy('severity')
    .execute();
}

export function findHoursPolicy(
  db: Kysely<DB>,
  key: { customerId: string; siteClass: string; severity: string },
) {
  return db
    .selectFrom('appointment_hours_policies')
    .selectAll()
    .where('customer_id', '=', key.customerId)
    .where('site_class', '=', key.siteClass)
    .where('severity', '=', key.severity)
    .executeTakeFirst();
}

export async function upsertHoursPolicy(db: Kysely<DB>, row: AppointmentHoursPolicyTable): Promise<void> {
  await db
    .insertInto('appointment_hours_policies')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['customer_id', 'site_class', 'severity'])
        .doUpdateSet({ around_the_clock: row.around_the_clock, updated_at: row.updated_at }),
    )
    .execute();
}
