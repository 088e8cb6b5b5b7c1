import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Change control for major operations (MO-1 … MO-13): operations with their sites, plan
 * versions, approvals, executed steps and records; the calendar rules (maintenance windows,
 * peaks, freezes), approval rules per kind and region, and the released-version catalog.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;
  await db.schema
    .createTable('software_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('released','restricted','withdrawn')`),
    )
    .addColumn('notes_attachment_id', 'text', (c) => c.references('attachments.id'))
    .addColumn('guide_attachment_id', 'text', (c) => c.references('attachments.id'))
    .addColumn('pilot_size', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('software_versions_product_version', ['product', 'version'])
    .execute();
  await db.schema
    .createTable('operations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('lead_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('team', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.references('software_versions.id'))
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('window_end', ts, (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewed_version', 'integer')
    .addColumn('observation_days', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('freeze_flagged_at', ts)
    .addColumn('started_at', ts)
    .addColumn('watch_started_at', ts)
    .addColumn('completed_at', ts)
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operations_region').on('operations').column('region_id').execute();
  await db.schema
    .createTable('operation_sites')
    .addColumn('operation_id', 'text', (c) => c.notNull().references('operations.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addPrimaryKeyConstraint('operation_sites_pk', ['operation_id', 'site_id'])
    .execute();
  await db.schema
    .createTable('operation_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('operations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('operation_plans_version', ['operation_id', 'version'])
    .execute();
  // One approval per role and plan version: two arriving at once cannot both be stored.
  await db.schema
    .createTable('operation_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('operations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('comment', 'text')
    .addColumn('approved_at', ts, (c) => c.notNull())
    .addUniqueConstraint('operation_approvals_once', ['operation_id', 'role', 'plan_version'])
    .execute();
  await db.schema
    .createTable('operation_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('operations.id'))
    .addColumn('plan_step', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('modifying', 'integer', (c) => c.notNull())
    .addColumn('table_transfer', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('authorised_by', 'text', (c) => c.references('people.id'))
    .addColumn('authorised_at', ts)
    .addColumn('rechecked_by', 'text', (c) => c.references('people.id'))
    .addColumn('rechecked_at', ts)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('started_by', 'text', (c) => c.references('people.id'))
    .addColumn('started_at', ts)
    .addColumn('finished_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operation_steps_op').on('operation_steps').column('operation_id').execute();
  await db.schema
    .createTable('operation_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('operations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('operation_records_op')
    .on('operation_records')
    .columns(['operation_id', 'kind'])
    .execute();
  await db.schema
    .createTable('operation_time_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('window','peak')`))
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('operation_freezes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('operation_approval_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}
