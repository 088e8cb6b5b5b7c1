import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Resources (§8). RS-1 spare parts: depots, the part catalogue, stock per depot (the row every
 * movement locks first), the append-only movement ledger and faulty parts awaiting repair/RMA.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('part_depots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('keeper_id', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('part_depots_partner').on('part_depots').column('partner_id').execute();

  await db.schema
    .createTable('parts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('product', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  // The checks repeat the service's rule (RS-1: stock never negative) so no code path can break it.
  await db.schema
    .createTable('part_stock')
    .addColumn('depot_id', 'text', (c) => c.notNull().references('part_depots.id'))
    .addColumn('part_id', 'text', (c) => c.notNull().references('parts.id'))
    .addColumn('on_hand', 'integer', (c) => c.notNull().check(sql`on_hand >= 0`))
    .addColumn('reserved', 'integer', (c) => c.notNull().check(sql`reserved >= 0`))
    .addColumn('faulty', 'integer', (c) => c.notNull().check(sql`faulty >= 0`))
    .addColumn('min_qty', 'integer', (c) => c.notNull().check(sql`min_qty >= 0`))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('part_stock_pk', ['depot_id', 'part_id'])
    .addCheckConstraint('part_stock_reserved_on_hand', sql`reserved <= on_hand`)
    .execute();

  await db.schema
    .createTable('part_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('receive','reserve','release','issue','consume','return_unused','return_faulty','transfer','adjust')`,
        ),
    )
    .addColumn('depot_id', 'text', (c) => c.notNull().references('part_depots.id'))
    .addColumn('part_id', 'text', (c) => c.notNull().references('parts.id'))
    .addColumn('qty', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('to_depot_id', 'text', (c) => c.references('part_depots.id'))
    .addColumn('fault_code', 'text')
    .addColumn('serial_no', 'text')
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('people.id'))
    .addColumn('at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('part_movements_depot')
    .on('part_movements')
    .columns(['depot_id', 'at'])
    .execute();
  await db.schema
    .createIndex('part_movements_order')
    .on('part_movements')
    .columns(['order_id', 'part_id'])
    .execute();
  await appendOnly(db, d, 'part_movements');

  await db.schema
    .createTable('faulty_parts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('movement_id', 'text', (c) => c.notNull().references('part_movements.id'))
    .addColumn('depot_id', 'text', (c) => c.notNull().references('part_depots.id'))
    .addColumn('part_id', 'text', (c) => c.notNull().references('parts.id'))
    .addColumn('order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('fault_code', 'text', (c) => c.notNull())
    .addColumn('serial_no', 'text')
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('awaiting_repair','sent_for_repair','rma','repaired','scrapped')`),
    )
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('faulty_parts_depot')
    .on('faulty_parts')
    .columns(['depot_id', 'status'])
    .execute();
}

/** Refuses UPDATE and DELETE: the movement ledger is only ever appended to. */
async function appendOnly(db: Kysely<unknown>, d: DialectKit, table: string): Promise<void> {
  const name = sql.raw(table);
  const message = sql.lit(`${table} is append-only`);
  if (d.kind === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${name}
        BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
    }
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION onsite_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${name}
    FOR EACH ROW EXECUTE FUNCTION onsite_append_only()`.execute(db);
}
