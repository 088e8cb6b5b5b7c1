import type { Kysely } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Clocks of other records (MO-13): a deadline clock belongs to a subject type and a subject id
 * (`order_id` keeps its name, so every reader of work-order clocks stays as it was); clocks
 * that existed before are the work orders' own. A subject's clocks are found by `order_id`
 * (the existing key `order_id, kind, seq`). Readers that count work-order clocks filter
 * on `subject_type = 'work_order'` or join `work_orders`.
 *
 * The subscriber ledger counted per team, region and line kind (RS-4 capacity reads it, RS-7):
 * an index holding exactly those columns, so the count reads the index, not the lines.
 */
export async function up(db: Kysely<unknown>, _d: DialectKit): Promise<void> {
  await db.schema
    .alterTable('order_clocks')
    .addColumn('subject_type', 'text', (c) => c.notNull().defaultTo('work_order'))
    .execute();
  await db.schema
    .createIndex('ledger_lines_counts')
    .on('ledger_lines')
    .columns(['partner_id', 'region_name', 'kind', 'status'])
    .execute();
}
