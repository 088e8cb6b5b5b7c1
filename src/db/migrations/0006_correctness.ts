import type { Kysely } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Correctness fixes (issue 9): the per-day order-number counter, so numbers are unique and
 * gap-free by construction instead of by luck.
 */
export async function up(db: Kysely<unknown>, _d: DialectKit): Promise<void> {
  // One row per local day; intake bumps it with an upsert in the order's own transaction, so
  // the row lock (PostgreSQL) or the write transaction (SQLite) hands out each value once and a
  // rolled-back intake gives its number back.
  await db.schema
    .createTable('order_number_counters')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
}
