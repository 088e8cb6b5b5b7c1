import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Issue 11, reads that do not grow with the table. Partial indexes (both databases have them)
 * hold only the rows a board or filter asks for, in the order it reads them:
 * - open orders newest first, for the list's "open" filter: most orders are closed, so the
 *   index is a fraction of the table and a page is its first entries (the list writes the same
 *   `state not in ('closed', 'cancelled')` as a literal, which is what lets SQLite use it);
 * - orders by state and receipt, for the state filter (the older index lacks the id tie-break);
 * - running clocks not yet breached, and breached clocks not stopped, by due time: the
 *   deadline boards read them in that order instead of sorting every open clock;
 * - a person's unread notices newest first (the inbox's unread view).
 */
export async function up(db: Kysely<unknown>, _d: DialectKit): Promise<void> {
  await db.schema
    .createIndex('work_orders_open_received')
    .on('work_orders')
    .columns(['received_at', 'id'])
    .where(sql.ref('state'), 'not in', sql`('closed', 'cancelled')`)
    .execute();
  await db.schema
    .createIndex('work_orders_state_received')
    .on('work_orders')
    .columns(['state', 'received_at', 'id'])
    .execute();
  await db.schema
    .createIndex('order_clocks_running_due')
    .on('order_clocks')
    .column('due_at')
    .where((eb) => eb.and([eb(sql.ref('state'), '=', 'running'), eb(sql.ref('breached_at'), 'is', null)]))
    .execute();
  await db.schema
    .createIndex('order_clocks_breached_due')
    .on('order_clocks')
    .column('due_at')
    .where((eb) =>
      eb.and([eb(sql.ref('breached_at'), 'is not', null), eb(sql.ref('state'), '!=', 'stopped')]),
    )
    .execute();
  await db.schema
    .createIndex('notifications_person_unread')
    .on('notifications')
    .columns(['person_id', 'created_at', 'id'])
    .where(sql.ref('read_at'), 'is', null)
    .execute();
}
