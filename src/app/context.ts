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
  /**
   * History entries recorded in the open transaction, appended to the chain just before it
   * commits (see `inTransaction`), so the chain's head lock is held only for that tail.
   */
  pendingHistory?: unknown[];
}

type HistoryFlusher = (tx: AppContext, pending: unknown[]) => Promise<void>;
let flushHistory: HistoryFlusher | null = null;

/** Lets the history module (which depends on this file) provide the flush step. */
export function setHistoryFlusher(fn: HistoryFlusher): void {
  flushHistory = fn;
}

/**
 * Runs `fn` in one transaction; the change and its history entries commit or fail together.
 * History recorded inside is appended at the end, so concurrent writers queue on the chain's
 * head only for the last few statements and the commit, not for the whole of their work.
 */
export async function inTransaction<T>(ctx: AppContext, fn: (tx: AppContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  const slots = ctx.database.writeSlots;
  // Waiting for a slot is waiting for a lock held by other writers: bounded the same way.
  return slots
    ? slots.run(() => runTransaction(ctx, fn), ctx.config.pgLockTimeoutMs)
    : runTransaction(ctx, fn);
}

async function runTransaction<T>(ctx: AppContext, fn: (tx: AppContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const pending: unknown[] = [];
    const tx: AppContext = { ...ctx, db: trx, pendingHistory: pending };
    const result = await fn(tx);
    if (pending.length) {
      if (!flushHistory)
        throw new Error('history entries were recorded but the history module is not loaded');
      await flushHistory(tx, pending);
    }
    return result;
  });
}
