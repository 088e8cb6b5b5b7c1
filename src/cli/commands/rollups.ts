import { loadConfig } from '../../config.ts';
import { migrateToLatest, openDatabase } from '../../db/database.ts';
import { rebuildRollups, rollupDifferences } from '../../modules/rollups/rollups.rebuild.ts';
import { type Command, progress } from '../command.ts';

/**
 * `onsite rollups rebuild`: sums the dashboard and assessment rollups again from the base rows,
 * in one transaction (readers see the old figures until it commits), a month of receipts at a
 * time with progress. `--check` only compares them and lists what differs.
 */
export const rollupsRebuildCommand: Command = {
  words: ['rollups', 'rebuild'],
  summary: 'Rebuild (or --check) the maintained dashboard and assessment figures from the records',
  usage: 'onsite rollups rebuild [--check]',
  options: { check: { type: 'boolean' } },
  async run(values) {
    const database = await openDatabase(loadConfig());
    try {
      await migrateToLatest(database);
      const kind = database.kit.kind;
      if (values.check) {
        const diff = await rollupDifferences(database.db, kind);
        for (const d of diff.slice(0, 20))
          console.log(
            `${d.table} ${d.key}: kept ${JSON.stringify(d.kept)}, recomputed ${JSON.stringify(d.recomputed)}`,
          );
        console.log(
          diff.length ? `${diff.length} rollup rows differ from the records` : 'rollups match the records',
        );
        return diff.length ? 1 : 0;
      }
      let bar: ((done: number) => void) | null = null;
      await database.db.transaction().execute((trx) =>
        rebuildRollups(trx, kind, (done, total) => {
          bar ??= progress('months of orders summed', total);
          bar(done);
        }),
      );
      console.log('rollups rebuilt');
      return 0;
    } finally {
      await database.close();
    }
  },
};
