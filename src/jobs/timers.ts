/**
 * Durable timers: a row per thing that must happen at a time, swept by every server process.
 * A sweep claims due rows in a transaction (PostgreSQL: FOR UPDATE SKIP LOCKED, so two processes
 * never take the same row; SQLite: one write transaction), runs each handler and marks the row
 * fired in that same transaction — so a timer's database effects happen once,
 * even with several processes, and a timer that fell due while every server was down fires on
 * the next start. Failures are retried with exponential backoff, then the timer is parked dead.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import type { DB } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import type { TimerTable } from './timers.tables.ts';

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

/** The row of a newly scheduled timer, not yet fired or locked. */
function timerRow(spec: TimerSpec, createdAt: string): TimerTable {
  return {
    id: newId(),
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
    created_at: createdAt,
  };
}

/**
 * Schedules a timer. Call it with the transaction context of the change that needs it, so the
 * timer exists exactly when the change does. Returns the id, or null when the dedupe key exists.
 */
export async function scheduleTimer(ctx: AppContext, spec: TimerSpec): Promise<string | null> {
  const row = timerRow(spec, ctx.clock.now().toISOString());
  const id = row.id;
  const result = await ctx.db
    .insertInto('timers')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

/**
 * Schedules several timers in one multi-row insert (an order's clocks arm theirs together at
 * intake). Same rules as `scheduleTimer`: a dedupe key that exists keeps the first timer.
 */
export async function scheduleTimers(ctx: AppContext, specs: readonly TimerSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const at = ctx.clock.now().toISOString();
  const rows = specs.map((spec) => timerRow(spec, at));
  await ctx.db
    .insertInto('timers')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
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

type Outcome = 'fired' | 'failed' | 'skipped';

function toFired(row: TimerTable): FiredTimer {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    dueAt: row.due_at,
    attempts: row.attempts,
  };
}

/** Records a failed attempt: backoff before the next one, or parked dead after the last. */
async function recordFailure(
  ctx: AppContext,
  db: Kysely<DB>,
  row: TimerTable,
  me: string,
  err: unknown,
): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  const max = handlers.get(row.kind)?.maxAttempts ?? 10;
  const now = ctx.clock.now();
  const dead = row.attempts >= max;
  await db
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
}

/**
 * One batch in one transaction: claim up to `limit` due timers (row locks on PostgreSQL, skipping
 * rows another sweeper holds; SQLite's write transaction serialises sweepers), run each
 * transactional handler inside a savepoint and mark it fired — one commit for the batch, so a
 * crash mid-batch leaves every timer of it unfired, and a failing handler rolls back only its
 * own writes. Timers whose handler is not transactional get a lease and are returned to run
 * after the commit.
 */
async function sweepBatch(
  ctx: AppContext,
  limit: number,
  leaseMs: number,
  me: string,
): Promise<{ outcomes: Outcome[]; leased: TimerTable[] }> {
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
    if (due.length === 0) return { outcomes: [], leased: [] };
    const ids = due.map((r) => r.id);
    await trx
      .updateTable('timers')
      .set({ locked_until: until, locked_by: me, attempts: sql<number>`attempts + 1` })
      .where('id', 'in', ids)
      .execute();
    const rows = await trx
      .selectFrom('timers')
      .selectAll()
      .where('id', 'in', ids)
      .orderBy('due_at')
      .execute();
    const tx: AppContext = { ...ctx, db: trx };
    const outcomes: Outcome[] = [];
    const leased: TimerTable[] = [];
    const done: string[] = [];
    for (const row of rows) {
      const handler = handlers.get(row.kind);
      if (handler?.transactional === false) {
        leased.push(row);
        continue;
      }
      await sql`SAVEPOINT timer_run`.execute(trx);
      try {
        if (!handler) throw new Error(`no handler for timer kind "${row.kind}"`);
        await handler.run(tx, toFired(row));
        await sql`RELEASE SAVEPOINT timer_run`.execute(trx);
        done.push(row.id);
        outcomes.push('fired');
      } catch (err) {
        await sql`ROLLBACK TO SAVEPOINT timer_run`.execute(trx);
        await sql`RELEASE SAVEPOINT timer_run`.execute(trx);
        await recordFailure(ctx, trx, row, me, err);
        outcomes.push('failed');
      }
    }
    // One statement marks the batch fired; it commits with the handlers' writes or not at all.
    if (done.length) {
      await trx
        .updateTable('timers')
        .set({ fired_at: ctx.clock.now().toISOString(), locked_until: null, last_error: null })
        .where('id', 'in', done)
        .execute();
    }
    return { outcomes, leased };
  });
}

/** Marks a leased timer fired if this sweeper still holds the lease; false when it was lost. */
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

/** Runs a leased timer whose handler has an outside effect (it is idempotent by contract). */
async function runLeased(ctx: AppContext, row: TimerTable, me: string): Promise<Outcome> {
  const handler = handlers.get(row.kind);
  try {
    if (!handler) throw new Error(`no handler for timer kind "${row.kind}"`);
    await handler.run(ctx, toFired(row));
    return (await markFired(ctx.db, row, me, ctx.clock.now().toISOString())) ? 'fired' : 'skipped';
  } catch (err) {
    await recordFailure(ctx, ctx.db, row, me, err);
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
    const { outcomes, leased } = await sweepBatch(ctx, batch, lease, me);
    if (outcomes.length === 0 && leased.length === 0) break;
    for (const o of outcomes) result[o] += 1;
    for (const row of leased) result[await runLeased(ctx, row, me)] += 1;
  }
  return result;
}

/** Timers of a kind, for views and tests. */
export function timersOfKind(db: Kysely<DB>, kind: string) {
  return db.selectFrom('timers').selectAll().where('kind', '=', kind).orderBy('due_at').execute();
}
