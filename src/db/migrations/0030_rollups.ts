import type { Kysely } from 'kysely';
import { rebuildRollups } from '../../modules/rollups/rollups.rebuild.ts';
import { ROLLUP_TABLES } from '../../modules/rollups/rollups.sql.ts';
import { createTriggers } from '../../modules/rollups/rollups.triggers.ts';
import type { DialectKit } from '../dialect.ts';

/**
 * Maintained rollups (issue 11 item 2, VA-1 at scale): the additive parts of deadline
 * compliance, durations, receipts and ratings per day × region × partner, kept by triggers in
 * the writing transaction, and filled from the rows already there.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const cell = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('region_id', 'text', (c) => c.notNull())
      .addColumn('partner_key', 'text', (c) => c.notNull());
  const count = d.types.bigint;
  const t = ROLLUP_TABLES;
  await cell(t.clocks.name)
    .addColumn('clock_region_id', 'text', (c) => c.notNull())
    .addColumn('clock_partner_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('decided', count, (c) => c.notNull())
    .addColumn('breached', count, (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_clocks_pk', [...t.clocks.keys])
    .execute();
  await cell(t.minutes.name)
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('bucket', count, (c) => c.notNull())
    .addColumn('n', count, (c) => c.notNull())
    .addColumn('minutes', d.types.double, (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_minutes_pk', [...t.minutes.keys])
    .execute();
  await cell(t.counts.name)
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('n', count, (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_counts_pk', [...t.counts.keys])
    .execute();
  await cell(t.ratings.name)
    .addColumn('rated', count, (c) => c.notNull())
    .addColumn('good', count, (c) => c.notNull())
    .addColumn('score_sum', count, (c) => c.notNull())
    .addColumn('refused', count, (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_ratings_pk', [...t.ratings.keys])
    .execute();
  await createTriggers(db, d.kind);
  await rebuildRollups(db as never, d.kind);
}
