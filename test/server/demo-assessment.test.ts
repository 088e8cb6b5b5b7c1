/**
 * VA-1, VA-2 on the demo: `--scale small` at a fixed instant holds a year of faults worked by
 * the real services, so every past month has orders, the vendors' scores differ, eleven months
 * are frozen scorecards whose figures equal a fresh computation, and the history chain holds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { loadDemo } from '../../src/cli/demo/load.ts';
import { getScorecard } from '../../src/modules/assessment/assessment.scorecards.ts';
import { monthIndicators } from '../../src/modules/assessment/assessment.service.ts';
import { verifyHistory } from '../../src/modules/history/history.service.ts';
import { ManualClock } from '../../src/shared/clock.ts';
import { scratchDatabase, testDatabases } from '../harness.ts';

for (const kind of testDatabases) {
  test(`demo: twelve months of assessment history through the services (${kind})`, async () => {
    const scratch = await scratchDatabase(kind);
    const ctx = await bootstrap(scratch.config, {
      clock: new ManualClock('2026-11-02T02:00:00.000Z'),
      log: { info() {}, warn() {}, error() {} },
    });
    try {
      await loadDemo(ctx, { scale: 'small', seed: 1 });
      const frozen = await ctx.db
        .selectFrom('assessment_scorecards')
        .select(['month', 'revision'])
        .orderBy('month')
        .execute();
      assert.deepEqual(
        frozen.map((r) => r.month),
        [
          '2025-11',
          '2025-12',
          '2026-01',
          '2026-02',
          '2026-03',
          '2026-04',
          '2026-05',
          '2026-06',
          '2026-07',
          '2026-08',
          '2026-09',
        ],
      );
      const all = { kind: 'all' } as const;
      let scores = 0;
      for (const month of ['2025-11', '2026-02', '2026-07', '2026-10']) {
        const view = await monthIndicators(ctx, all, { month });
        const received = view.partners.reduce((n, p) => n + p.orders, 0);
        assert.ok(received > 0, `${month} has orders`);
        const card = await getScorecard(ctx, { scope: all }, month);
        scores += card.rows.filter((r) => r.score !== null).length;
      }
      assert.ok(scores > 0, 'the vendors are scored');
      // A frozen month equals what the records give now: the demo wrote nothing behind the services.
      const card = await getScorecard(ctx, { scope: all }, '2026-07');
      const live = await monthIndicators(ctx, all, { month: '2026-07' });
      for (const row of card.rows) {
        const p = live.partners.find((x) => x.partnerId === row.partnerId);
        const fix = row.items.find((i) => i.key === 'first_time_fix');
        assert.equal(fix?.value ?? null, p?.indicators.first_time_fix?.value ?? null);
      }
      const ratings = await ctx.db
        .selectFrom('satisfaction_ratings')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('recorded_at', '<', '2026-10-01')
        .executeTakeFirstOrThrow();
      assert.ok(Number(ratings.n) >= 12, 'ratings over the year');
      assert.equal((await verifyHistory(ctx)).ok, true);
    } finally {
      await ctx.database.close();
      await scratch.drop();
    }
  });
}
