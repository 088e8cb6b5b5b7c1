/** All SQL of the duty roster. */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { DutyLeaveTable, DutyShiftTable } from './duty.tables.ts';

export function insertShifts(db: Kysely<DB>, rows: DutyShiftTable[]) {
  return db.insertInto('duty_shifts').values(rows).execute();
}

export function insertLeave(db: Kysely<DB>, row: DutyLeaveTable) {
  return db.insertInto('duty_leave').values(row).execute();
}

/** Locks the person row, so roster changes for one person queue behind each other (PostgreSQL). */
export function lockPerson(db: Kysely<DB>, kit: DialectKit, personId: string) {
  return kit
    .forUpdate(db.selectFrom('people').select(['id', 'time_zone']).where('id', '=', personId))
    .executeTakeFirst();
}

/** Standing shifts of one person on the given days. */
export function standingShiftsOn(db: Kysely<DB>, personId: string, days: readonly string[]) {
  if (days.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('duty_shifts')
    .select(['day'])
    .where('person_id', '=', personId)
    .where('day', 'in', [...days])
    .where('cancelled_at', 'is', null)
    .execute();
}

export function findShift(db: Kysely<DB>, id: string) {
  return db.selectFrom('duty_shifts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLeave(db: Kysely<DB>, id: string) {
  return db.selectFrom('duty_leave').selectAll().where('id', '=', id).executeTakeFirst();
}

export function cancelShift(db: Kysely<DB>, id: string, by: string | null, at: string, reason: string) {
  return db
    .updateTable('duty_shifts')
    .set({ cancelled_at: at, cancelled_by: by, cancel_reason: reason })
    .where('id', '=', id)
    .execute();
}

export function cancelLeave(db: Kysely<DB>, id: string, by: string | null, at: string, reason: string) {
  return db
    .updateTable('duty_leave')
    .set({ cancelled_at: at, cancelled_by: by, cancel_reason: reason })
    .where('id', '=', id)
    .execute();
}

/** Standing leave of one person overlapping [from, to]. */
export function standingLeaveOverlapping(db: Kysely<DB>, personId: string, from: string, to: string) {
  return db
    .selectFrom('duty_leave')
    .select(['id', 'from_day', 'to_day'])
    .where('person_id', '=', personId)
    .where('cancelled_at', 'is', null)
    .where('from_day', '<=', to)
    .where('to_day', '>=', from)
    .execute();
}

/** Roster rows (standing only) for some people, between two days. */
export async function roster(
  db: Kysely<DB>,
  filter: { personIds: readonly string[] | null; from: string; to: string },
) {
  if (filter.personIds && filter.personIds.length === 0) return { shifts: [], leave: [] };
  let s = db
    .selectFrom('duty_shifts as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.person_id',
      'p.display_name',
      's.day',
      's.start_time',
      's.end_time',
      's.time_zone',
      's.starts_at',
      's.ends_at',
      's.note',
    ])
    .where('s.cancelled_at', 'is', null)
    .where('s.day', '>=', filter.from)
    .where('s.day', '<=', filter.to);
  let l = db
    .selectFrom('duty_leave as l')
    .innerJoin('people as p', 'p.id', 'l.person_id')
    .select(['l.id', 'l.person_id', 'p.display_name', 'l.from_day', 'l.to_day', 'l.kind', 'l.reason'])
    .where('l.cancelled_at', 'is', null)
    .where('l.from_day', '<=', filter.to)
    .where('l.to_day', '>=', filter.from);
  if (filter.personIds) {
    s = s.where('s.person_id', 'in', [...filter.personIds]);
    l = l.where('l.person_id', 'in', [...filter.personIds]);
  }
  const [shifts, leave] = await Promise.all([
    s.orderBy('s.day').orderBy('p.display_name').execute(),
    l.orderBy('l.from_day').orderBy('p.display_name').execute(),
  ]);
  return { shifts, leave };
}

/** Who of `ids` has any standing shift at all (their roster is kept). */
export async function rostered(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('duty_shifts')
    .select('person_id')
    .distinct()
    .where('person_id', 'in', [...ids])
    .where('cancelled_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Standing shifts of `ids` overlapping [from, to) (instants). */
export function shiftsBetween(db: Kysely<DB>, ids: readonly string[], from: string, to: string) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('duty_shifts')
    .select(['person_id', 'day', 'starts_at', 'ends_at'])
    .where('person_id', 'in', [...ids])
    .where('cancelled_at', 'is', null)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .execute();
}

/** Standing leave of `ids` covering a day. */
export function leaveOn(db: Kysely<DB>, ids: readonly string[], day: string) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('duty_leave')
    .select(['person_id', 'from_day', 'to_day'])
    .where('person_id', 'in', [...ids])
    .where('cancelled_at', 'is', null)
    .where('from_day', '<=', day)
    .where('to_day', '>=', day)
    .execute();
}
