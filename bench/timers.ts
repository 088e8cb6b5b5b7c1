/**
 * npm run bench:timers — the cost of one timer sweep grows with the timers that are due, not
 * with the open orders (SL-1, SL-2). On each database: one sweep firing 10,000 due timers while
 * 1,000,000 open orders each hold a pending deadline timer, beside the same sweep among 10,000
 * open orders. Synthetic rows are bulk-inserted in SQL (generate_series / a recursive CTE).
 * One run per case, bounded: a sweep stops after the 10,000 due timers.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { bootstrap } from '../src/app/bootstrap.ts';
import type { AppContext } from '../src/app/context.ts';
import { registerTimerHandler, sweepOnce } from '../src/jobs/timers.ts';
import { ManualClock } from '../src/shared/clock.ts';
import { scratchDatabase, testDatabases } from '../test/harness.ts';

const DUE = 10_000;
const quiet = { info() {}, warn() {}, error() {} };
const NOW = '2026-11-02T02:00:00.000Z';

// The handler does nothing, so the figure is the sweep's own cost: claim, lease, mark fired.
registerTimerHandler('bench.tick', { async run() {} });

/** Inserts `n` timers with ids from `offset`, due `dueSql` (an SQL expression of i). */
async function bulk(ctx: AppContext, offset: number, n: number, due: 'past' | 'future'): Promise<void> {
  const pg = ctx.kit.kind === 'postgres';
  if (pg) {
    const dueExpr =
      due === 'past'
        ? sql`${NOW}::timestamptz - interval '1 minute' - (i || ' milliseconds')::interval`
        : sql`${NOW}::timestamptz + interval '1 day' + (i || ' seconds')::interval`;
    await sql`INSERT INTO timers (id, kind, payload, due_at, attempts, created_at)
      SELECT 'b' || lpad(i::text, 10, '0'), 'bench.tick', '{"orderId":"' || i || '"}', ${dueExpr}, 0, ${NOW}::timestamptz
      FROM generate_series(${offset + 1}::int, ${offset + n}::int) AS s(i)`.execute(ctx.db);
  } else {
    const dueExpr =
      due === 'past'
        ? sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${NOW}, '-1 minute', '-' || (i % 50000) || ' seconds')`
        : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${NOW}, '+1 day', '+' || (i % 5000000) || ' seconds')`;
    await sql`WITH RECURSIVE s(i) AS (SELECT ${offset + 1} UNION ALL SELECT i + 1 FROM s WHERE i < ${offset + n})
      INSERT INTO timers (id, kind, payload, due_at, attempts, created_at)
      SELECT 'b' || substr('0000000000' || i, -10), 'bench.tick', '{"orderId":"' || i || '"}', ${dueExpr}, 0, ${NOW}
      FROM s`.execute(ctx.db);
  }
  if (pg) await sql`ANALYZE timers`.execute(ctx.db);
}

async function run(
  kind: 'sqlite' | 'postgres',
  openOrders: number,
): Promise<{ insertMs: number; sweepMs: number; fired: number; plan: string }> {
  const scratch = await scratchDatabase(kind);
  const ctx = await bootstrap(scratch.config, { clock: new ManualClock(NOW), log: quiet, poolSize: 4 });
  try {
    const t0 = performance.now();
    await bulk(ctx, 0, openOrders, 'future');
    await bulk(ctx, openOrders, DUE, 'past');
    const insertMs = performance.now() - t0;
    let plan = '';
    if (kind === 'postgres') {
      const r = await sql<{
        'QUERY PLAN': string;
      }>`EXPLAIN SELECT id FROM timers WHERE fired_at IS NULL AND dead_at IS NULL
        AND due_at <= ${NOW}::timestamptz AND (locked_until IS NULL OR locked_until <= ${NOW}::timestamptz)
        ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED`.execute(ctx.db);
      plan = r.rows.map((x) => x['QUERY PLAN'].trim()).find((l) => /Scan/.test(l)) ?? '';
    }
    const t1 = performance.now();
    const r = await sweepOnce(ctx, { batchSize: 100, maxPerSweep: DUE });
    const sweepMs = performance.now() - t1;
    const left = await ctx.db
      .selectFrom('timers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('fired_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(left.n) !== openOrders)
      throw new Error(`expected ${openOrders} pending timers, found ${left.n}`);
    return { insertMs, sweepMs, fired: r.fired, plan };
  } finally {
    await ctx.database.close();
    await scratch.drop();
  }
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`Timer sweep: ${DUE.toLocaleString('en')} due timers, batches of 100, no-op handler\n`);
for (const kind of testDatabases) {
  await run(kind, 1_000); // warm-up (JIT, connection pool, first database creation): not reported
  const small = await run(kind, 10_000);
  const large = await run(kind, 1_000_000);
  console.log(`${kind}`);
  console.log(
    `  among    10,000 open orders: sweep ${fmt(small.sweepMs)} (${Math.round(small.fired / (small.sweepMs / 1000))} timers/s)`,
  );
  console.log(
    `  among 1,000,000 open orders: sweep ${fmt(large.sweepMs)} (${Math.round(large.fired / (large.sweepMs / 1000))} timers/s), bulk insert ${fmt(large.insertMs)}`,
  );
  if (large.plan) console.log(`  claim query plan: ${large.plan}`);
  console.log(
    `  ratio large/small: ${(large.sweepMs / small.sweepMs).toFixed(2)}× (1.00× = independent of open orders)\n`,
  );
}
