import type { Kysely } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * The dispatcher's queue sorted by deadline risk on the server (issue 17): each unassigned
 * order's nearest running clock is the minimum due instant of its running clocks. With
 * (state, order_id, due_at) that minimum per order is read from the index alone (the orders
 * by state use work_orders_state), so a page of the queue does not scan every clock
 * and order ever kept.
 */
export async function up(db: Kysely<unknown>, _d: DialectKit): Promise<void> {
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index('order_clocks_state_order_due', 'order_clocks', ['state', 'order_id', 'due_at']);
  // The board's map: each engineer's newest check-in.
  await index('site_visits_person_checkin', 'site_visits', ['person_id', 'check_in_at']);
}
