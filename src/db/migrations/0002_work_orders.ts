import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/** Work orders, dispatch, appointments, customer links and follow-ups (domain.md §2, DP-1). */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('work_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql`severity in ('critical','major','minor','advisory')`),
    )
    .addColumn('reported_severity', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('cancelled_from', 'text')
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('customer_name', 'text')
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('address', 'text')
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('equipment_id', 'text', (c) => c.references('equipment.id'))
    .addColumn('product', 'text')
    .addColumn('occurred_at', ts)
    .addColumn('symptom', 'text', (c) => c.notNull())
    .addColumn('alarms', 'text')
    .addColumn('suspected_cause', 'text')
    .addColumn('found_how', 'text')
    .addColumn('impact_interruption', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('impact_kpi', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('impact_billing', 'integer', (c) => c.notNull().defaultTo(0))
    // WO-3 / SL-4: an order always has exactly one accountable owner.
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('external_ref', 'text')
    .addColumn('repeat_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('accepted_at', ts)
    .addColumn('arrived_at', ts)
    .addColumn('restored_at', ts)
    .addColumn('resolved_at', ts)
    .addColumn('closed_at', ts)
    .addColumn('cancelled_at', ts)
    .addColumn('cancel_reason', 'text')
    .addColumn('cancelled_by', 'text')
    .addColumn('state_changed_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_orders_state')
    .on('work_orders')
    .columns(['state', 'received_at'])
    .execute();
  await db.schema.createIndex('work_orders_owner').on('work_orders').column('owner_id').execute();
  await db.schema.createIndex('work_orders_region').on('work_orders').column('region_id').execute();
  await db.schema.createIndex('work_orders_site').on('work_orders').column('site_id').execute();
  await db.schema.createIndex('work_orders_partner').on('work_orders').column('partner_id').execute();
  // The same EOMS number (or webhook reference) cannot be imported twice; NULLs do not collide.
  await db.schema
    .createIndex('work_orders_external_ref')
    .on('work_orders')
    .columns(['channel', 'external_ref'])
    .unique()
    .execute();

  await db.schema
    .createTable('work_order_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('work_order_transitions_order')
    .on('work_order_transitions')
    .columns(['order_id', 'at'])
    .execute();

  await db.schema
    .createTable('work_order_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead','helper','support')`))
    .addColumn('assigned_at', ts, (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addColumn('released_at', ts)
    .addColumn('override_reason', 'text')
    .addColumn('override_by', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('work_order_assignments_order')
    .on('work_order_assignments')
    .column('order_id')
    .execute();
  await db.schema
    .createIndex('work_order_assignments_person')
    .on('work_order_assignments')
    .columns(['person_id', 'released_at'])
    .execute();

  await db.schema
    .createTable('work_order_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('from_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('to_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .addColumn('decision_note', 'text')
    .addColumn('pending', 'integer')
    .execute();
  // WO-4: at most one pending handover per order.
  await db.schema
    .createIndex('work_order_handovers_pending')
    .on('work_order_handovers')
    .columns(['order_id', 'pending'])
    .unique()
    .execute();

  await db.schema
    .createTable('customer_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_phone', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customer_notices_order')
    .on('customer_notices')
    .columns(['order_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['person_id', 'key'])
    .execute();

  await db.schema
    .createTable('site_working_hours')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('opens', 'text', (c) => c.notNull())
    .addColumn('closes', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('window_end', ts, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_at', ts, (c) => c.notNull())
    .addColumn('confirmed_at', ts)
    .addColumn('confirmed_via', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('replaces_id', 'text')
    .addColumn('reschedule_reason', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('late_notice_at', ts)
    .addColumn('late_notice_in_time', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appointments_order')
    .on('appointments')
    .columns(['order_id', 'window_start'])
    .execute();
  await db.schema
    .createIndex('appointments_state')
    .on('appointments')
    .columns(['state', 'window_end'])
    .execute();

  await db.schema
    .createTable('reschedule_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('preferred_start', ts)
    .addColumn('preferred_end', ts)
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('handled_at', ts)
    .execute();

  await db.schema
    .createTable('customer_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('last_used_at', ts)
    .execute();

  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('notes', 'text')
    .addColumn('revisit_needed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_ups_due').on('follow_ups').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('follow_ups_order').on('follow_ups').column('order_id').execute();

  await db.schema
    .createTable('scope_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text')
    .addColumn('raised_at', ts, (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('way_forward', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', ts)
    .execute();
  await db.schema.createIndex('scope_reviews_order').on('scope_reviews').column('order_id').execute();
}
