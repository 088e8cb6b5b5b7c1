import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Resources (§8), second part. RS-7: each vendor's subscriber ledger, the EOMS exports imported
 * against it (with their row-by-row report) and the reconciliation items someone corrects or
 * explains. One item per line, kind and field, so importing the same export again finds the
 * items it already made and changes nothing.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('ledger_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('line_no', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('home','enterprise')`))
    .addColumn('region_name', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('bandwidth', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('ledger_lines_partner_line', ['partner_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('ledger_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('target', 'text', (c) => c.notNull().check(sql`target in ('eoms','ledger')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_rejected', 'integer', (c) => c.notNull())
    .addColumn('rejected_json', 'text', (c) => c.notNull())
    .addColumn('items_opened', 'integer', (c) => c.notNull())
    .addColumn('items_closed', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_imports_partner').on('ledger_imports').column('partner_id').execute();

  await db.schema
    .createTable('ledger_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('line_no', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('only_eoms','only_ledger','field')`))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('eoms_value', 'text')
    .addColumn('ledger_value', 'text')
    .addColumn('region_name', 'text')
    .addColumn('eoms_json', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('open','corrected','explained','gone')`),
    )
    .addColumn('note', 'text')
    .addColumn('import_id', 'text', (c) => c.notNull().references('ledger_imports.id'))
    .addColumn('resolved_by', 'text', (c) => c.references('people.id'))
    .addColumn('resolved_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('ledger_items_key', ['partner_id', 'line_no', 'kind', 'field'])
    .execute();
  await db.schema
    .createIndex('ledger_items_partner_state')
    .on('ledger_items')
    .columns(['partner_id', 'state'])
    .execute();
  await upAssets(db, d);
}

/**
 * RS-2: instruments, vehicles and tool kits with their serials, each assigned to a team (the
 * region it serves) and possibly a person; instruments carry the date their calibration lapses.
 */
export async function upAssets(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;
  await db.schema
    .createTable('assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('instrument','vehicle','tool_kit')`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('serial_no', 'text', (c) => c.notNull().unique())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('calibration_due', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('in_service','retired')`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    // RS-2: an instrument always has a calibration date; vehicles and kits never do.
    .addCheckConstraint(
      'assets_calibration',
      sql`(kind = 'instrument' and calibration_due is not null) or (kind <> 'instrument' and calibration_due is null)`,
    )
    .execute();
  await db.schema.createIndex('assets_person').on('assets').column('person_id').execute();
  await db.schema.createIndex('assets_partner').on('assets').column('partner_id').execute();
}
