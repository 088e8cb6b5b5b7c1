/** All SQL for business calendars. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CalendarDayTable, CalendarTable } from './calendars.tables.ts';

export function findCalendar(db: Kysely<DB>, id: string) {
  return db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCalendarByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('calendars').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listCalendars(db: Kysely<DB>) {
  return db.selectFrom('calendars').selectAll().orderBy('code').execute();
}

export function daysOf(db: Kysely<DB>, calendarId: string, year?: number) {
  let q = db.selectFrom('calendar_days').selectAll().where('calendar_id', '=', calendarId);
  if (year !== undefined) q = q.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  return q.orderBy('day').execute();
}

export async function insertCalendar(db: Kysely<DB>, row: CalendarTable): Promise<void> {
  await db.insertInto('calendars').values(row).execute();
}

export async function updateCalendar(
  db: Kysely<DB>,
  id: string,
  patch: Partial<CalendarTable>,
): Promise<void> {
  await db.updateTable('calendars').set(patch).where('id', '=', id).execute();
}

export async function replaceYear(
  db: Kysely<DB>,
  calendarId: string,
  year: number,
  days: CalendarDayTable[],
) {
  await db
    .deleteFrom('calendar_days')
    .where('calendar_id', '=', calendarId)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .execute();
  if (days.length) await db.insertInto('calendar_days').values(days).execute();
}
