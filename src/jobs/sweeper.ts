/**
 * The background loop of a server process: sweeps durable timers at an interval and keeps the
 * recurring (cron) jobs scheduled. Recurring jobs are durable timers too — each occurrence has
 * a dedupe key — so with several processes an occurrence runs once, and one missed while the
 * servers were down runs at the next start.
 */
import { Cron } from 'croner';
import type { AppContext } from '../app/context.ts';
import { boolSetting, intSetting } from '../config.ts';
import {
  type FiredTimer,
  registerTimerHandler,
  type SweepOptions,
  scheduleTimer,
  sweepOnce,
  type TimerHandler,
} from './timers.ts';

/** Settings of the background jobs, from the environment. */
export interface JobSettings {
  enabled: boolean;
  intervalMs: number;
  batchSize: number;
  leaseMs: number;
}

/** Reads TIMER_SWEEP_INTERVAL_MS, TIMER_BATCH_SIZE, TIMER_LEASE_MS and JOBS_ENABLED. */
export function jobSettings(env: NodeJS.ProcessEnv = process.env): JobSettings {
  const int = (name: string, fallback: number, min: number, max: number) =>
    intSetting(env, name, fallback, min, max);
  return {
    enabled: boolSetting(env, 'JOBS_ENABLED', true),
    intervalMs: int('TIMER_SWEEP_INTERVAL_MS', 5000, 50, 3_600_000),
    batchSize: int('TIMER_BATCH_SIZE', 100, 1, 10_000),
    leaseMs: int('TIMER_LEASE_MS', 60_000, 1000, 3_600_000),
  };
}

/** A recurring job: a cron expression in a time zone and what to run. */
export interface RecurringJob {
  name: string;
  cron: string;
  timeZone?: string;
  run(ctx: AppContext, occurrence: string): Promise<void>;
}

const recurring = new Map<string, RecurringJob>();
const RECURRING_KIND = 'cron';

/** The next occurrence of a cron expression strictly after `from`. */
export function nextOccurrence(expr: string, from: Date, timeZone?: string): Date | null {
  const job = new Cron(expr, { paused: true, ...(timeZone ? { timezone: timeZone } : {}) });
  const next = job.nextRun(from);
  job.stop();
  return next;
}

/** Declares a recurring job; call at import time of the module that owns it. */
export function registerRecurringJob(job: RecurringJob): void {
  nextOccurrence(job.cron, new Date(), job.timeZone); // throws on a bad expression, at start-up
  recurring.set(job.name, job);
}

async function scheduleNext(ctx: AppContext, job: RecurringJob, after: Date): Promise<void> {
  const next = nextOccurrence(job.cron, after, job.timeZone);
  if (!next) return;
  await scheduleTimer(ctx, {
    kind: RECURRING_KIND,
    dueAt: next,
    payload: { name: job.name },
    dedupeKey: `cron:${job.name}:${next.toISOString()}`,
  });
}

const recurringTimer: TimerHandler = {
  async run(ctx, timer: FiredTimer) {
    const job = recurring.get(String(timer.payload.name));
    if (!job) return; // a job removed from the code: its last timer simply lapses
    await job.run(ctx, timer.dueAt);
    await scheduleNext(ctx, job, new Date(Math.max(ctx.clock.now().getTime(), Date.parse(timer.dueAt))));
  },
};

/** Makes sure every recurring job has its next occurrence scheduled (idempotent). */
export async function ensureRecurringJobs(ctx: AppContext): Promise<void> {
  for (const job of recurring.values()) await scheduleNext(ctx, job, ctx.clock.now());
}

/** A running background loop; `stop` waits for the sweep in progress. */
export interface Sweeper {
  stop(): Promise<void>;
  /** Runs a sweep now (also what the interval does). */
  tick(): Promise<void>;
}

/** Starts sweeping at an interval. Sweeps never overlap within one process. */
export function startSweeper(ctx: AppContext, settings: JobSettings, opts: SweepOptions = {}): Sweeper {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return running ?? undefined;
    running = (async () => {
      try {
        await ensureRecurringJobs(ctx);
        await sweepOnce(ctx, {
          batchSize: settings.batchSize,
          leaseMs: settings.leaseMs,
          maxPerSweep: 10 * settings.batchSize,
          ...opts,
        });
      } catch (err) {
        ctx.log.error({ err }, 'timer sweep failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const handle = setInterval(() => void tick(), settings.intervalMs);
  handle.unref();
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(handle);
      if (running) await running;
    },
  };
}

/**
 * The timer that runs recurring jobs. Infrastructure rather than a capability, so
 * `registerCapabilities` registers it before the capabilities' own handlers.
 */
export function registerSweeperTimers(): void {
  registerTimerHandler(RECURRING_KIND, recurringTimer);
}
