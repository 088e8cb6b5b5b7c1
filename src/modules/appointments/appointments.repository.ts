/** All SQL for appointments, reschedule requests and site working hours. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { scopedOrders } from '../work-orders/work-orders.repository.ts';
import type {
  AppointmentTable,
  RescheduleRequestTable,
  SiteWorkingHoursTable,
} from '../work-orders/work-orders.tables.ts';

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
