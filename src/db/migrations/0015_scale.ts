import type { Kysely } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Indexes for reads at a province's scale (issue 11): each list's sort (newest receipt first,
 * id as the tie-break of the keyset cursor) led by the filters the console and the scopes use,
 * so a page is read from the index in order instead of sorting the whole table.
 */
export async function up(db: Kysely<unknown>, _d: DialectKit): Promise<void> {
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index('work_orders_received', 'work_orders', ['received_at', 'id']);
  await index('work_orders_severity_received', 'work_orders', ['severity', 'received_at', 'id']);
  await index('work_orders_region_received', 'work_orders', ['region_id', 'received_at', 'id']);
  await index('work_orders_partner_received', 'work_orders', ['partner_id', 'received_at', 'id']);
  await index('work_orders_owner_received', 'work_orders', ['owner_id', 'received_at', 'id']);
  // Deadline views: a person's order clocks and the compliance figures by stop time.
  await index('order_clocks_order', 'order_clocks', ['order_id', 'state']);
  await index('order_clocks_stopped', 'order_clocks', ['stopped_at']);
  await index('notifications_person_created', 'notifications', ['person_id', 'created_at', 'id']);
}
