/** Opens the database, applies migrations and assembles the context the server and CLI share. */
import type { Config } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { type Clock, systemClock } from '../shared/clock.ts';
import type { AppContext, Logger } from './context.ts';
import { registerCapabilities } from './modules.ts';

/** A logger for the CLI: quiet objects, readable lines. */
export const consoleLogger: Logger = {
  info: (obj, msg) => console.log(msg ?? obj),
  warn: (obj, msg) => console.warn(msg ?? obj),
  error: (obj, msg) => console.error(msg ?? obj),
};

/** Opens and migrates the database; the caller closes `ctx.database` when done. */
export async function bootstrap(
  config: Config,
  opts: { clock?: Clock; log?: Logger; migrate?: boolean; poolSize?: number } = {},
): Promise<AppContext> {
  // Every entry point gets every capability's grants, guards, listeners and timers.
  registerCapabilities();
  const database = await openDatabase(config, opts.poolSize ? { poolSize: opts.poolSize } : {});
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(database);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return {
    config,
    database,
    db: database.db,
    kit: database.kit,
    clock: opts.clock ?? systemClock,
    log: opts.log ?? consoleLogger,
  };
}
