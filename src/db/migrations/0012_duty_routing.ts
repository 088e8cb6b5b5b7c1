import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Duty roster (DP-1 "on duty"): shifts per person and day, and leave; and the daily plan (DP-2):
 * plans with their stored result, and cached travel matrices per region and day.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('cancelled_at', ts)
    .addColumn('cancelled_by', 'text', (c) => c.references('people.id'))
    .addColumn('cancel_reason', 'text')
    .execute();
  await db.schema
    .createIndex('duty_shifts_person')
    .on('duty_shifts')
    .columns(['person_id', 'starts_at'])
    .execute();
  // One shift per person and day while it stands (a cancelled one may be replaced).
  await sql`CREATE UNIQUE INDEX duty_shifts_one_per_day ON duty_shifts (person_id, day) WHERE cancelled_at IS NULL`.execute(
    db,
  );

  await db.schema
    .createTable('duty_leave')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('annual','sick','personal','training','other')`),
    )
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('cancelled_at', ts)
    .addColumn('cancelled_by', 'text', (c) => c.references('people.id'))
    .addColumn('cancel_reason', 'text')
    .execute();
  await db.schema
    .createIndex('duty_leave_person')
    .on('duty_leave')
    .columns(['person_id', 'from_day'])
    .execute();

  await db.schema
    .createTable('route_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('building','ready','failed','published','superseded')`),
    )
    .addColumn('progress', d.types.double, (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    /** JSON: the solver's input snapshot (vehicles, jobs, matrix key) and settings. */
    .addColumn('input', 'text', (c) => c.notNull())
    /** JSON: routes, stops, unplaced jobs with reasons, objective figures; null while building. */
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('published_at', ts)
    .addColumn('published_by', 'text', (c) => c.references('people.id'))
    .execute();
  await db.schema
    .createIndex('route_plans_region_day')
    .on('route_plans')
    .columns(['region_id', 'day'])
    .execute();

  await db.schema
    .createTable('travel_matrices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    /** Hash of the provider and the ordered points: a cached matrix answers only the same question. */
    .addColumn('points_key', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    /** JSON: { seconds: number[][], meters: number[][] }. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('travel_matrices_key', ['region_id', 'day', 'points_key'])
    .execute();
}
