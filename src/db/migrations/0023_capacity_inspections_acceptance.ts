import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Resources (§8), third part. RS-4: the staffing ratios as editable rules and the 24-hour
 * hotlines per region and partner. RS-5: checklists per equipment class, inspection plans with
 * their recurrence, one inspection per plan, occurrence and target (unique, so a timer that runs
 * twice makes nothing twice) and the findings that became fault orders. RS-6: one acceptance
 * record per engineering order, its measured tests, leftover memos and handed-over documents.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;
  const dbl = d.types.double;

  await db.schema
    .createTable('capacity_rules')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', dbl, (c) => c.notNull().check(sql`value > 0`))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  // Seed 004: one maintainer per 300 home subscribers, one per 30 enterprise lines, one vehicle per four maintainers, a hotline staffed 24 hours.
  await db
    .insertInto('capacity_rules' as never)
    .values([
      { key: 'home_per_maintainer', value: 300, updated_at: now },
      { key: 'lines_per_maintainer', value: 30, updated_at: now },
      { key: 'maintainers_per_vehicle', value: 4, updated_at: now },
      { key: 'hotline_hours', value: 24, updated_at: now },
    ] as never)
    .execute();

  await db.schema
    .createTable('capacity_hotlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('hours_per_day', 'integer', (c) => c.notNull().check(sql`hours_per_day between 1 and 24`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('capacity_hotlines_region')
    .on('capacity_hotlines')
    .column('region_id')
    .execute();

  await db.schema
    .createTable('inspection_checklists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('equipment_class', 'text', (c) => c.notNull().unique())
    .addColumn('items_json', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inspection_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull().check(sql`target in ('site','equipment_class')`))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('equipment_class', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('recurrence', 'text', (c) =>
      c.notNull().check(sql`recurrence in ('monthly','quarterly','cron')`),
    )
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('next_at', ts)
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_plans_region').on('inspection_plans').column('region_id').execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plans.id'))
    .addColumn('occurrence', ts, (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('equipment_id', 'text', (c) => c.references('equipment.id'))
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('equipment_class', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open','completed')`))
    .addColumn('results_json', 'text')
    .addColumn('completed_by', 'text', (c) => c.references('people.id'))
    .addColumn('completed_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('inspections_once', ['plan_id', 'occurrence', 'target_key'])
    .execute();
  await db.schema
    .createIndex('inspections_due')
    .on('inspections')
    .columns(['due_at', 'region_path'])
    .execute();

  await db.schema
    .createTable('inspection_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('inspection_findings_once', ['inspection_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().unique().references('work_orders.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft','signed')`))
    .addColumn('signer_name', 'text')
    .addColumn('signature_attachment_id', 'text', (c) => c.references('attachments.id'))
    .addColumn('signed_by', 'text', (c) => c.references('people.id'))
    .addColumn('signed_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('acceptance_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('acceptance_id', 'text', (c) => c.notNull().references('acceptances.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('expected', 'text', (c) => c.notNull())
    .addColumn('measured', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acceptance_tests_of').on('acceptance_tests').column('acceptance_id').execute();

  await db.schema
    .createTable('acceptance_memos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('acceptance_id', 'text', (c) => c.notNull().references('acceptances.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open','closed')`))
    .addColumn('closing_note', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('people.id'))
    .addColumn('closed_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acceptance_memos_of').on('acceptance_memos').column('acceptance_id').execute();

  await db.schema
    .createTable('acceptance_documents')
    .addColumn('acceptance_id', 'text', (c) => c.notNull().references('acceptances.id'))
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('added_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('acceptance_documents_pk', ['acceptance_id', 'attachment_id'])
    .execute();
}
