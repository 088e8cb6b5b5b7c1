/**
 * The dashboard trend (WO-9, SL-1): orders per week of the organisation's calendar, not of UTC; every
 * week of the range listed; a reversed or over-long range refused naming the field. Both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';
import { offsetMinutes, periodsBetween } from './dashboard.trend.ts';

interface Trend {
  bucket: string;
  points: {
    period: string;
    received: number;
    critical: number;
    closed: number;
    compliance: { total: number };
  }[];
}

test('periods: Monday weeks and months of the local calendar, empty ones included', () => {
  assert.equal(offsetMinutes('Asia/Shanghai', new Date('2026-11-02T00:00:00Z')), 480);
  assert.equal(offsetMinutes('UTC', new Date('2026-11-02T00:00:00Z')), 0);
  assert.deepEqual(periodsBetween('2026-11-01T16:00:00.000Z', '2026-11-29T16:00:00.000Z', 'week', 480), [
    '2026-11-02',
    '2026-11-09',
    '2026-11-16',
    '2026-11-23',
  ]);
  assert.deepEqual(periodsBetween('2026-10-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z', 'month', 480), [
    '2026-11',
    '2026-12',
    '2027-01',
  ]);
});

for (const kind of testDatabases) {
  describe(`dashboard trend (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const intakeAt = async (instant: string, severity = 'major') => {
      t.clock.set(instant);
      // Sessions lapse as the clock jumps weeks ahead; an agent of the day signs in.
      const agent = await t.personWith(['call_center']);
      const r = await t.request({
        method: 'POST',
        url: '/api/v1/work-orders',
        as: agent,
        payload: phoneIntake(w, { severity, occurredAt: instant }),
      });
      assert.equal(r.statusCode, 201, r.body);
    };
    let manager: Session | undefined;
    const trend = async (q: string) => {
      manager ??= await t.personWith(['area_service_manager']);
      return t.request({
        method: 'GET',
        url: `/api/v1/dashboard/trend?${q}`,
        as: manager,
        headers: { 'accept-language': 'en' },
      });
    };

    test('WO-9 orders per local week: a Monday 01:30 in Guiyang counts in that week, quiet weeks show zero', async () => {
      await intakeAt('2026-11-02T02:00:00.000Z');
      // Sunday 17:30 by UTC is Monday 01:30 in Guiyang: the second week, not the first.
      await intakeAt('2026-11-08T17:30:00.000Z');
      await intakeAt('2026-11-16T03:00:00.000Z', 'critical');
      t.clock.set('2026-11-30T00:00:00.000Z');
      const r = await trend('from=2026-11-02T00:00:00%2B08:00&to=2026-11-30T00:00:00%2B08:00&bucket=week');
      assert.equal(r.statusCode, 200, r.body);
      const body = json<Trend>(r);
      assert.deepEqual(
        body.points.map((p) => [p.period, p.received, p.critical]),
        [
          ['2026-11-02', 1, 0],
          ['2026-11-09', 1, 0],
          ['2026-11-16', 1, 1],
          ['2026-11-23', 0, 0],
        ],
      );
      const months = json<Trend>(
        await trend('from=2026-11-01T00:00:00%2B08:00&to=2027-01-01T00:00:00%2B08:00&bucket=month'),
      );
      assert.deepEqual(
        months.points.map((p) => [p.period, p.received]),
        [
          ['2026-11', 3],
          ['2026-12', 0],
        ],
      );
    });

    test('a reversed or over-long range is refused naming the field', async () => {
      const reversed = await trend('from=2026-11-30T00:00:00Z&to=2026-11-01T00:00:00Z');
      assert.equal(reversed.statusCode, 422, reversed.body);
      assert.equal(errorOf(reversed).details[0]?.field, 'to');
      const long = await trend('from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=week');
      assert.equal(long.statusCode, 422, long.body);
      assert.match(errorOf(long).details[0]?.message ?? '', /view by month/);
      const missing = await trend('to=2026-11-01T00:00:00Z');
      assert.equal(missing.statusCode, 400, missing.body);
      assert.equal(errorOf(missing).details[0]?.field, 'from');
    });
  });
}
