import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { scratchDatabase, testDatabases } from '../../test/harness.ts';
import { bootstrap } from '../app/bootstrap.ts';
import type { AppContext } from '../app/context.ts';
import { ManualClock } from '../shared/clock.ts';
import { ensureRecurringJobs, nextOccurrence, registerRecurringJob } from './sweeper.ts';
import { registerTimerHandler, retryDelayMs, scheduleTimer, sweepOnce } from './timers.ts';

const quiet = { info() {}, warn() {}, error() {} };

// A handler whose effect is a row, so "exactly once" is counted in the database itself.
registerTimerHandler('test.record', {
  async run(tx, timer) {
    await sql`INSERT INTO test_fired (timer_id, tag) VALUES (${timer.id}, ${String(timer.payload.tag ?? '')})`.execute(
      tx.db,
    );
  },
});
let failuresLeft = 0;
registerTimerHandler('test.flaky', {
  maxAttempts: 3,
  async run(tx, timer) {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('gateway down');
    }
    await sql`INSERT INTO test_fired (timer_id, tag) VALUES (${timer.id}, 'flaky')`.execute(tx.db);
  },
});

async function open(kind: 'sqlite' | 'postgres', clock: ManualClock) {
  const scratch = await scratchDatabase(kind);
  const ctx = await bootstrap(scratch.config, { clock, log: quiet, poolSize: 4 });
  await sql`CREATE TABLE test_fired (timer_id text NOT NULL, tag text NOT NULL)`.execute(ctx.db);
  return { ctx, scratch };
}

async function firedCount(ctx: AppContext): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM test_fired`.execute(ctx.db);
  return Number(r.rows[0]?.n ?? 0);
}

for (const kind of testDatabases) {
  describe(`durable timers (${kind})`, () => {
    const closers: (() => Promise<void>)[] = [];
    after(async () => {
      for (const c of closers.reverse()) await c();
    });

    test('a timer fires once when due, not before; a dedupe key schedules one timer', async () => {
      const clock = new ManualClock('2026-11-02T02:00:00.000Z');
      const { ctx, scratch } = await open(kind, clock);
      closers.push(async () => {
        await ctx.database.close();
        await scratch.drop();
      });
      await scheduleTimer(ctx, {
        kind: 'test.record',
        dueAt: '2026-11-02T02:00:00.000Z',
        payload: { tag: 'now' },
      });
      const id = await scheduleTimer(ctx, {
        kind: 'test.record',
        dueAt: '2026-11-02T02:30:00.000Z',
        dedupeKey: 'k1',
      });
      const again = await scheduleTimer(ctx, {
        kind: 'test.record',
        dueAt: '2026-11-02T02:45:00.000Z',
        dedupeKey: 'k1',
      });
      assert.ok(id);
      assert.equal(again, null);
      assert.deepEqual(await sweepOnce(ctx), { fired: 1, failed: 0, skipped: 0 });
      assert.equal(await firedCount(ctx), 1);
      clock.advanceMinutes(29);
      assert.equal((await sweepOnce(ctx)).fired, 0);
      clock.advanceMinutes(1);
      assert.equal((await sweepOnce(ctx)).fired, 1);
      assert.equal((await sweepOnce(ctx)).fired, 0);
      assert.equal(await firedCount(ctx), 2);
      const row = await ctx.db
        .selectFrom('timers')
        .selectAll()
        .where('id', '=', id as string)
        .executeTakeFirstOrThrow();
      assert.equal(row.fired_at, '2026-11-02T02:30:00.000Z');
      assert.equal(row.attempts, 1);
    });

    test('a failing handler is retried with backoff, then parked dead after its last attempt', async () => {
      const clock = new ManualClock('2026-11-02T02:00:00.000Z');
      const { ctx, scratch } = await open(kind, clock);
      closers.push(async () => {
        await ctx.database.close();
        await scratch.drop();
      });
      failuresLeft = 1;
      const id = (await scheduleTimer(ctx, { kind: 'test.flaky', dueAt: clock.now() })) as string;
      assert.equal((await sweepOnce(ctx)).failed, 1);
      let row = await ctx.db.selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.last_error, 'gateway down');
      assert.equal(row.fired_at, null);
      assert.equal(row.due_at, new Date(clock.now().getTime() + retryDelayMs(1)).toISOString());
      assert.equal(await firedCount(ctx), 0, 'the failed attempt left nothing behind');
      assert.equal((await sweepOnce(ctx)).fired, 0, 'not before the backoff');
      clock.advanceMinutes(1);
      assert.equal((await sweepOnce(ctx)).fired, 1);
      row = await ctx.db.selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.attempts, 2);
      assert.equal(await firedCount(ctx), 1);

      failuresLeft = 99;
      const dead = (await scheduleTimer(ctx, { kind: 'test.flaky', dueAt: clock.now() })) as string;
      for (let i = 0; i < 5; i++) {
        await sweepOnce(ctx);
        clock.advanceMinutes(10);
      }
      row = await ctx.db.selectFrom('timers').selectAll().where('id', '=', dead).executeTakeFirstOrThrow();
      assert.equal(row.attempts, 3);
      assert.ok(row.dead_at);
      assert.equal(row.fired_at, null);
      failuresLeft = 0;
    });

    test('a timer that fell due while the server was down fires after the next start', async () => {
      const clock = new ManualClock('2026-11-02T02:00:00.000Z');
      const scratch = await scratchDatabase(kind);
      const first = await bootstrap(scratch.config, { clock, log: quiet, poolSize: 2 });
      await sql`CREATE TABLE test_fired (timer_id text NOT NULL, tag text NOT NULL)`.execute(first.db);
      await scheduleTimer(first, {
        kind: 'test.record',
        dueAt: '2026-11-02T03:00:00.000Z',
        payload: { tag: 'late' },
      });
      await first.database.close();
      clock.advanceMinutes(8 * 60); // down through the due time
      const second = await bootstrap(scratch.config, { clock, log: quiet, poolSize: 2 });
      closers.push(async () => {
        await second.database.close();
        await scratch.drop();
      });
      assert.equal((await sweepOnce(second)).fired, 1);
      assert.equal(await firedCount(second), 1);
    });

    test('recurring jobs (croner) are durable timers: one run per occurrence, next one scheduled', async () => {
      const clock = new ManualClock('2026-11-02T02:00:00.000Z');
      const { ctx, scratch } = await open(kind, clock);
      closers.push(async () => {
        await ctx.database.close();
        await scratch.drop();
      });
      let runs = 0;
      registerRecurringJob({
        name: `test-quarter-${kind}`,
        cron: '*/15 * * * *',
        timeZone: 'Asia/Shanghai',
        async run() {
          runs += 1;
        },
      });
      assert.equal(
        nextOccurrence('0 9 * * 1', new Date('2026-11-02T02:00:00Z'), 'Asia/Shanghai')?.toISOString(),
        '2026-11-09T01:00:00.000Z',
      );
      await ensureRecurringJobs(ctx);
      await ensureRecurringJobs(ctx); // idempotent
      const pending = await ctx.db
        .selectFrom('timers')
        .selectAll()
        .where('kind', '=', 'cron')
        .where('fired_at', 'is', null)
        .execute();
      assert.equal(pending.filter((p) => p.payload.includes(`test-quarter-${kind}`)).length, 1);
      clock.advanceMinutes(15);
      await sweepOnce(ctx);
      assert.equal(runs, 1);
      await sweepOnce(ctx);
      assert.equal(runs, 1);
      clock.advanceMinutes(15);
      await sweepOnce(ctx);
      assert.equal(runs, 2);
    });

    if (kind === 'postgres') {
      test('two sweepers with separate pools on one PostgreSQL fire each of N timers exactly once', async () => {
        const clock = new ManualClock('2026-11-02T02:00:00.000Z');
        const { ctx: a, scratch } = await open(kind, clock);
        const b = await bootstrap(scratch.config, { clock, log: quiet, poolSize: 4 });
        closers.push(async () => {
          await a.database.close();
          await b.database.close();
          await scratch.drop();
        });
        const N = 400;
        await a.db
          .insertInto('timers')
          .values(
            Array.from({ length: N }, (_, i) => ({
              id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
              kind: 'test.record',
              payload: JSON.stringify({ tag: String(i) }),
              due_at: '2026-11-02T01:00:00.000Z',
              locked_until: null,
              locked_by: null,
              attempts: 0,
              last_error: null,
              fired_at: null,
              dead_at: null,
              dedupe_key: null,
              created_at: '2026-11-02T00:00:00.000Z',
            })),
          )
          .execute();
        const [ra, rb] = await Promise.all([
          sweepOnce(a, { batchSize: 10, sweeperId: 'A' }),
          sweepOnce(b, { batchSize: 10, sweeperId: 'B' }),
        ]);
        assert.equal(ra.fired + rb.fired, N);
        assert.ok(ra.fired > 0 && rb.fired > 0, `both sweepers took part (A ${ra.fired}, B ${rb.fired})`);
        const dup = await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM (SELECT timer_id FROM test_fired GROUP BY timer_id HAVING count(*) > 1) d`.execute(
          a.db,
        );
        assert.equal(Number(dup.rows[0]?.n), 0);
        assert.equal(await firedCount(a), N);
        const unfired = await a.db.selectFrom('timers').select('id').where('fired_at', 'is', null).execute();
        assert.equal(unfired.length, 0);
      });
    }
  });
}
