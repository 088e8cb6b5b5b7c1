import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { OnsiteDatabase } from '../db/database.ts';
import type { DialectKit } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';

/** Minimal logger shape, satisfied by Fastify's pino logger and by the CLI's console logger. */
export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/**
 * What every service receives: the database handle (or the open transaction), its dialect
 * kit, the clock and the configuration. Inside `inTransaction` the same shape carries the
 * transaction, so a service never needs to know whether it is nested.
 */
export interface AppContext {
  config: Config;
  database: OnsiteDatabase;
  db: Kysely<DB>;
  kit: DialectKit;
  clock: Clock;
  log: Logger;
}

/** Runs `fn` in one transaction; the change and its history entry commit or fail together. */
export async function inTransaction<T>(ctx: AppContext, fn: (tx: AppContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
