/**
 * Durable timers: a row per thing that must happen at a time, swept by every server process.
 * A sweep claims due rows under a lease (PostgreSQL: FOR UPDATE SKIP LOCKED, so two processes
 * never take the same row; SQLite: inside one write transaction), runs the handler and marks
 * the row fired in the handler's own transaction — so a timer's database effects happen once,
 * even with several processes, and a timer that fell due while every server was down fires on
 * the next start. Failures are retried with exponential backoff, then the timer is parked dead.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type AppContext, inTransaction } from '../app/context.ts';
import type { DB } from '../db/schema.ts';
import type { TimerTable } from '../modules/deadlines/deadlines.tables.ts';
import { newId } from '../shared/ids.ts';

/** What a handler receives: the timer and its parsed payload. */
export interface FiredTimer {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  dueAt: string;
  attempts: number;
}

/**
 * A timer handler. `transactional` (the default) runs it inside the transaction that marks the
 * timer fired, so its database writes and the firing commit together (exactly once). A handler
 * with an outside effect that cannot join a transaction (sending e-mail) sets it to false and
 * must itself be idempotent.
 */
export interface TimerHandler {
  run(ctx: AppContext, timer: FiredTimer): Promise<void>;
  transactional?: boolean;
  /** Attempts before the timer is parked as dead; default 10. */
  maxAttempts?: number;
}

const handlers = new Map<string, TimerHandler>();

/** Registers the handler for a kind of timer (each module registers its own at import). */
export function registerTimerHandler(kind: string, handler: TimerHandler): void {
  handlers.set(kind, handler);
}

/** A timer to schedule. */
export interface TimerSpec {
  kind: string;
  dueAt: Date | string;
  payload?: Record<string, unknown>;
  /** Scheduling the same key twice keeps the first timer. */
  dedupeKey?: string;
}

/**
 * Schedules a timer. Call it with the transaction context of the change that needs it, so the
 * timer exists exactly when the change does. Returns the id, or null when the dedupe key exists.
 */
export async function scheduleTimer(ctx: AppContext, spec: TimerSpec): Promise<string | null> {
  const id = newId();
  const row: TimerTable = {
    id,
    kind: spec.kind,
    payload: JSON.stringify(spec.payload ?? {}),
    due_at: new Date(spec.dueAt).toISOString(),
    locked_until: null,
    locked_by: null,
    attempts: 0,
    last_error: null,
    fired_at: null,
    dead_at: null,
    dedupe_key: spec.dedupeKey ?? null,
    created_at: ctx.clock.now().toISOString(),
  };
  const result = await ctx.db
    .insertInto('timers')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

/** Backoff before retry n (1-based): 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** Sweep settings. */
export interface SweepOptions {
  /** Timers claimed per round; small batches keep leases short. */
  batchSize?: number;
  /** How long a claim holds before another sweeper may take the timer over. */
  leaseMs?: number;
  /** Names this sweeper in locked_by. */
  sweeperId?: string;
  /** Stop after this many timers in one sweep (keeps one sweep bounded). */
  maxPerSweep?: number;
}

/** The outcome of one sweep. */
export interface SweepResult {
  fired: number;
  failed: number;
  skipped: number;
}

/** A random id naming this process's sweeper. */
export function sweeperName(): string {
  return `${process.pid}-${randomBytes(3).toString('hex')}`;
}

const defaultSweeper = sweeperName();

/** Claims up to `limit` due timers under a lease; returns the claimed rows. */
async function claim(ctx: AppContext, limit: number, leaseMs: number, me: string): Promise<TimerTable[]> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const due = await ctx.kit
      .forUpdateSkipLocked(
        (trx as Kysely<DB>)
          .selectFrom('timers')
          .select('id')
          .where('fired_at', 'is', null)
          .where('dead_at', 'is', null)
          .where('due_at', '<=', nowIso)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
          .orderBy('due_at')
          .limit(limit),
      )
      .execute();
    if (due.length === 0) return [];
    const ids = due.map((r) => r.id);
    await trx
      .updateTable('timers')
      .set({ locked_until: until, locked_by: me, attempts: sql<number>`attempts + 1` })
      .where('id', 'in', ids)
      .execute();
    return trx.selectFrom('timers').selectAll().where('id', 'in', ids).orderBy('due_at').execute();
  });
}

/** Marks a claimed timer fired if this sweeper still holds it; false when the lease was lost. */
async function markFired(db: Kysely<DB>, row: TimerTable, me: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('timers')
    .set({ fired_at: at, locked_until: null, last_error: null })
    .where('id', '=', row.id)
    .where('fired_at', 'is', null)
    .where('locked_by', '=', me)
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

class LeaseLost extends Error {}

/** Runs one claimed timer; true when it fired. */
async function runOne(ctx: AppContext, row: TimerTable, me: string): Promise<'fired' | 'failed' | 'skipped'> {
  const handler = handlers.get(row.kind);
  const fired: FiredTimer = {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    dueAt: row.due_at,
    attempts: row.attempts,
  };
  try {
    if (!handler) throw new Error(`no handler for timer kind "${row.kind}"`);
    if (handler.transactional === false) {
      await handler.run(ctx, fired);
      if (!(await markFired(ctx.db, row, me, ctx.clock.now().toISOString()))) return 'skipped';
    } else {
      await inTransaction(ctx, async (tx) => {
        // Marking first takes the row lock, so a sweeper that lost its lease cannot run the effect.
        if (!(await markFired(tx.db, row, me, tx.clock.now().toISOString()))) throw new LeaseLost();
        await handler.run(tx, fired);
      });
    }
    return 'fired';
  } catch (err) {
    if (err instanceof LeaseLost) return 'skipped';
    const message = err instanceof Error ? err.message : String(err);
    const max = handler?.maxAttempts ?? 10;
    const now = ctx.clock.now();
    const dead = row.attempts >= max;
    await ctx.db
      .updateTable('timers')
      .set({
        last_error: message.slice(0, 2000),
        locked_until: null,
        due_at: dead ? row.due_at : new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString(),
        dead_at: dead ? now.toISOString() : null,
      })
      .where('id', '=', row.id)
      .where('fired_at', 'is', null)
      .where('locked_by', '=', me)
      .execute();
    ctx.log.warn({ timer: row.id, kind: row.kind, attempt: row.attempts, err: message }, 'timer failed');
    return 'failed';
  }
}

/** One sweep: claims and runs due timers batch by batch until none is due (or the bound is hit). */
export async function sweepOnce(ctx: AppContext, opts: SweepOptions = {}): Promise<SweepResult> {
  const batch = opts.batchSize ?? 100;
  const lease = opts.leaseMs ?? 60_000;
  const me = opts.sweeperId ?? defaultSweeper;
  const max = opts.maxPerSweep ?? 100_000;
  const result: SweepResult = { fired: 0, failed: 0, skipped: 0 };
  while (result.fired + result.failed + result.skipped < max) {
    const rows = await claim(ctx, batch, lease, me);
    if (rows.length === 0) break;
    for (const row of rows) result[await runOne(ctx, row, me)] += 1;
  }
  return result;
}

/** Timers of a kind, for views and tests. */
export function timersOfKind(db: Kysely<DB>, kind: string) {
  return db.selectFrom('timers').selectAll().where('kind', '=', kind).orderBy('due_at').execute();
}
