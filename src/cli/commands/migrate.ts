import { loadConfig } from '../../config.ts';
import { migrateToLatest, migrationVersion, openDatabase } from '../../db/database.ts';
import type { Command } from '../command.ts';

export const migrateCommand: Command = {
  words: ['migrate'],
  summary: 'Apply pending database migrations',
  usage: 'onsite migrate',
  options: {},
  async run() {
    const database = await openDatabase(loadConfig());
    try {
      const applied = await migrateToLatest(database);
      for (const name of applied) console.log(`applied ${name}`);
      console.log(
        `database (${database.kit.kind}) is at ${(await migrationVersion(database)) ?? 'no migration'}`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
