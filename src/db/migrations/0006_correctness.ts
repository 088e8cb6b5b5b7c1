import { type Kysely, sql } from 'kysely';
import { newId } from '../../shared/ids.ts';
import type { DialectKit } from '../dialect.ts';

/**
 * Correctness fixes (issue 9): the per-day order-number counter, so numbers are unique and
 * gap-free by construction instead of by luck; appointment hours by site class, customer and
 * severity (WO-5).
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  // One row per local day; intake bumps it with an upsert in the order's own transaction, so
  // the row lock (PostgreSQL) or the write transaction (SQLite) hands out each value once and a
  // rolled-back intake gives its number back.
  await db.schema
    .createTable('order_number_counters')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
  await appointmentHours(db, d);
  // WO-9: training given on site, signed by the customer's staff.
  await db.schema
    .createTable('training_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('trainees', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signature_attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('trained_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('trained_at', d.types.timestamp, (c) => c.notNull())
    .addColumn('created_at', d.types.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_records_order').on('training_records').column('order_id').execute();
}

/**
 * WO-5 appointment hours: what kind of place a site is, and when appointments may fall for a
 * customer / site class / severity ('*' = any). Seeded with the rulebook's defaults: machine
 * rooms and critical or major faults around the clock, homes in the customer's business hours.
 */
export async function appointmentHours(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('site_class', 'text', (c) =>
      c.notNull().defaultTo('other').check(sql`site_class in ('machine_room','office','home','other')`),
    )
    .execute();
  // Existing sites: an operator's are its machine rooms, a household's is a home.
  await sql`update sites set site_class = 'machine_room' where customer_id in (select id from customers where kind = 'operator')`.execute(
    db,
  );
  await sql`update sites set site_class = 'home' where customer_id in (select id from customers where kind = 'household')`.execute(
    db,
  );
  await db.schema
    .createTable('appointment_hours_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('site_class', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('around_the_clock', 'integer', (c) => c.notNull())
    .addColumn('updated_at', d.types.timestamp, (c) => c.notNull())
    .addUniqueConstraint('appointment_hours_policies_key', ['customer_id', 'site_class', 'severity'])
    .execute();
  const at = new Date().toISOString();
  const seed = [
    ['*', 'machine_room', '*', 1],
    ['*', 'home', '*', 0],
    ['*', '*', 'critical', 1],
    ['*', '*', 'major', 1],
  ] as const;
  await db
    .insertInto('appointment_hours_policies' as never)
    .values(
      seed.map(([customer_id, site_class, severity, around_the_clock]) => ({
        id: newId(),
        customer_id,
        site_class,
        severity,
        around_the_clock,
        updated_at: at,
      })) as never,
    )
    .execute();
}
