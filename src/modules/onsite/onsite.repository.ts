/** All SQL for on-site work records. Nothing here deletes (RC-1, RC-3). */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type {
  ChecklistItemTable,
  ChecklistMarkTable,
  DailyLogTable,
  DeviceConsentTable,
  ServiceRequestTable,
  SiteVisitTable,
  WeeklyReportTable,
} from './onsite.tables.ts';

/** Visits of one order, oldest first. */
export function visitsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('site_visits')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('check_in_at')
    .execute();
}

/** The open visit of a person on an order, if any. */
export function openVisit(db: Kysely<DB>, orderId: string, personId: string) {
  return db
    .selectFrom('site_visits')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('person_id', '=', personId)
    .where('open', '=', 1)
    .executeTakeFirst();
}

/** People (other than `personId`) checked in on the site, or on the order when it has no site. */
export async function othersCheckedIn(
  db: Kysely<DB>,
  where: { siteId: string | null; orderId: string },
  personId: string,
): Promise<number> {
  let q = db
    .selectFrom('site_visits')
    .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
    .where('open', '=', 1)
    .where('person_id', '!=', personId);
  q = where.siteId ? q.where('site_id', '=', where.siteId) : q.where('order_id', '=', where.orderId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * WO-7: open critical fault orders on the site (or this order when it has no site) whose service
 * is not restored: not yet service_restored, resolved or later, and no restored time.
 */
export function unrestoredCriticalFaults(db: Kysely<DB>, where: { siteId: string | null; orderId: string }) {
  let q = db
    .selectFrom('work_orders')
    .select(['id', 'number'])
    .where('type', '=', 'fault_repair')
    .where('severity', '=', 'critical')
    .where('restored_at', 'is', null)
    .where('state', 'in', [
      'received',
      'accepted',
      'dispatched',
      'appointment_agreed',
      'en_route',
      'on_site',
    ]);
  q = where.siteId ? q.where('site_id', '=', where.siteId) : q.where('id', '=', where.orderId);
  return q.orderBy('number').execute();
}

/**
 * Locks the site row for the rest of the transaction, so check-ins and check-outs on one site
 * (possibly on different orders) take turns: two people cannot both leave a critical site
 * each believing the other stays (WO-7).
 */
export async function lockSite(db: Kysely<DB>, kit: DialectKit, siteId: string): Promise<void> {
  await kit.forUpdate(db.selectFrom('sites').select('id').where('id', '=', siteId)).execute();
}

/** The site's pin (null when the order has no site). */
export async function sitePin(db: Kysely<DB>, siteId: string | null) {
  if (!siteId) return null;
  return (
    (await db.selectFrom('sites').select(['lat', 'lng']).where('id', '=', siteId).executeTakeFirst()) ?? null
  );
}

/** Records a check-in. */
export async function insertVisit(db: Kysely<DB>, row: SiteVisitTable): Promise<void> {
  await db.insertInto('site_visits').values(row).execute();
}

/** Closes a visit. */
export async function closeVisit(db: Kysely<DB>, id: string, patch: Partial<SiteVisitTable>): Promise<void> {
  await db.updateTable('site_visits').set(patch).where('id', '=', id).execute();
}

/** The first check-in on an order, for WO-8's week count. */
export async function firstCheckIn(db: Kysely<DB>, orderId: string): Promise<string | null> {
  const row = await db
    .selectFrom('site_visits')
    .select((eb) => eb.fn.min('check_in_at').as('first'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

/** When the order's last on-site visit ended (the latest check-out), or null if none was recorded. */
export async function lastLeftSite(db: Kysely<DB>, orderId: string): Promise<string | null> {
  const row = await db
    .selectFrom('site_visits')
    .select((eb) => eb.fn.max('check_out_at').as('out'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return (row?.out as string | null | undefined) ?? null;
}

/** Service requests of an order, newest first. */
export function serviceRequestsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('signed_at', 'desc')
    .execute();
}

/** Records a signed service request. */
export async function insertServiceRequest(db: Kysely<DB>, row: ServiceRequestTable): Promise<void> {
  await db.insertInto('service_requests').values(row).execute();
}

/** Consents of an order. */
export function consentsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('device_consents')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('recorded_at')
    .execute();
}

/** Records a consent. */
export async function insertConsent(db: Kysely<DB>, row: DeviceConsentTable): Promise<void> {
  await db.insertInto('device_consents').values(row).execute();
}

/** Every configured checklist item (all types, active or not). */
export function checklistItems(db: Kysely<DB>) {
  return db.selectFrom('checklist_items').selectAll().orderBy('position').orderBy('code').execute();
}

/** One checklist item. */
export function findChecklistItem(db: Kysely<DB>, id: string) {
  return db.selectFrom('checklist_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds a checklist item. */
export async function insertChecklistItem(db: Kysely<DB>, row: ChecklistItemTable): Promise<void> {
  await db.insertInto('checklist_items').values(row).execute();
}

/** Changes a checklist item. */
export async function updateChecklistItem(
  db: Kysely<DB>,
  id: string,
  patch: Partial<ChecklistItemTable>,
): Promise<void> {
  await db.updateTable('checklist_items').set(patch).where('id', '=', id).execute();
}

/** Checklist marks of an order. */
export function marksOf(db: Kysely<DB>, orderId: string) {
  return db.selectFrom('checklist_marks').selectAll().where('order_id', '=', orderId).execute();
}

/** Inserts or replaces the mark of one item on one order. */
export async function upsertMark(db: Kysely<DB>, row: ChecklistMarkTable): Promise<void> {
  await db
    .insertInto('checklist_marks')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['order_id', 'item_id']).doUpdateSet({
        done: row.done,
        note: row.note,
        marked_by: row.marked_by,
        marked_at: row.marked_at,
      }),
    )
    .execute();
}

/** Daily logs of an order, by date. */
export function dailyLogsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('daily_logs')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('log_date')
    .orderBy('created_at')
    .execute();
}

/** One person's log of one day on one order. */
export function findDailyLog(db: Kysely<DB>, orderId: string, personId: string, date: string) {
  return db
    .selectFrom('daily_logs')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('person_id', '=', personId)
    .where('log_date', '=', date)
    .executeTakeFirst();
}

/** Records a day's log. */
export async function insertDailyLog(db: Kysely<DB>, row: DailyLogTable): Promise<void> {
  await db.insertInto('daily_logs').values(row).execute();
}

/** Completes a day's log. */
export async function updateDailyLog(
  db: Kysely<DB>,
  id: string,
  patch: Partial<DailyLogTable>,
): Promise<void> {
  await db.updateTable('daily_logs').set(patch).where('id', '=', id).execute();
}

/** Weekly reports of an order. */
export function weeklyReportsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('weekly_reports')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
}

/** Records a weekly report. */
export async function insertWeeklyReport(db: Kysely<DB>, row: WeeklyReportTable): Promise<void> {
  await db.insertInto('weekly_reports').values(row).execute();
}

/** The time zone that local dates of an order are counted in: its site's, else its region's. */
export async function orderTimeZone(
  db: Kysely<DB>,
  order: { site_id: string | null; region_id: string },
): Promise<string | null> {
  if (order.site_id) {
    const site = await db
      .selectFrom('sites')
      .select('time_zone')
      .where('id', '=', order.site_id)
      .executeTakeFirst();
    if (site) return site.time_zone;
  }
  const region = await db
    .selectFrom('regions')
    .select('time_zone')
    .where('id', '=', order.region_id)
    .executeTakeFirst();
  return region?.time_zone ?? null;
}

/** Display names of people by id. */
export async function namesOf(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * Each engineer's last check-in that carried a GPS fix (the dispatcher's map), newest per person;
 * `partnerId` narrows to one partner's people, `personId` to one person.
 * `site_visits_person_checkin` (migration 0033) finds the newest per person without a scan.
 */
export function lastCheckInPositions(
  db: Kysely<DB>,
  filter: { partnerId?: string | undefined; personId?: string | undefined },
) {
  let q = db
    .selectFrom('site_visits as v')
    .innerJoin('people as p', 'p.id', 'v.person_id')
    .select([
      'v.person_id',
      'p.display_name',
      'v.order_id',
      'v.check_in_at',
      'v.check_in_lat',
      'v.check_in_lng',
      'v.check_in_accuracy_m',
    ])
    .where('v.check_in_lat', 'is not', null)
    .where('v.check_in_lng', 'is not', null)
    .where('p.active', '=', 1)
    .where(({ eb, selectFrom }) =>
      eb(
        'v.check_in_at',
        '=',
        selectFrom('site_visits as w')
          .select(({ fn }) => fn.max('w.check_in_at').as('m'))
          .whereRef('w.person_id', '=', 'v.person_id')
          .where('w.check_in_lat', 'is not', null),
      ),
    );
  if (filter.partnerId) q = q.where('p.partner_id', '=', filter.partnerId);
  if (filter.personId) q = q.where('p.id', '=', filter.personId);
  return q.orderBy('p.display_name').orderBy('v.person_id').limit(1000).execute();
}
