import type { Kysely } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Indexes for vendor assessment at scale (VA-1, issue 15): each indicator reads one month by
 * a different instant (resolved, closed, clock started, rating recorded, follow-up due,
 * escalation started), and repeat faults look back 30 days on the same site or equipment.
 * Without these, one month's scorecard scans every order and clock of every year.
 */
export async function up(db: Kysely<unknown>, _d: DialectKit): Promise<void> {
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index('work_orders_resolved', 'work_orders', ['resolved_at']);
  await index('work_orders_closed', 'work_orders', ['closed_at']);
  await index('work_orders_site_received', 'work_orders', ['site_id', 'received_at']);
  await index('work_orders_equipment_received', 'work_orders', ['equipment_id', 'received_at']);
  await index('order_clocks_started', 'order_clocks', ['started_at']);
  await index('satisfaction_recorded', 'satisfaction_ratings', ['recorded_at']);
  await index('follow_ups_due_at', 'follow_ups', ['due_at']);
  await index('escalations_started', 'escalations', ['started_at']);
}
