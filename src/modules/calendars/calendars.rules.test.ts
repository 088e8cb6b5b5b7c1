import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CN_2026 } from './calendars.cn.ts';
import {
  addBusinessMinutes,
  addBusinessMs,
  alwaysOn,
  businessMinutesBetween,
  businessMsBetween,
  dueWithPauses,
  elapsedWithPauses,
  isWorkingDay,
  localDate,
  MINUTE_MS,
  STANDARD_DAY,
  type WorkCalendar,
} from './calendars.rules.ts';

function cn(): WorkCalendar {
  return {
    mode: 'business',
    timeZone: 'Asia/Shanghai',
    week: [[], STANDARD_DAY, STANDARD_DAY, STANDARD_DAY, STANDARD_DAY, STANDARD_DAY, []],
    makeupHours: STANDARD_DAY,
    holidays: new Set(CN_2026.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(CN_2026.filter((d) => d.kind === 'workday').map((d) => d.date)),
  };
}

const at = (s: string) => new Date(s);

test('SL-1 2026 State Council schedule: holidays are off, 调休 weekends work', () => {
  const c = cn();
  for (const d of [
    '2026-01-01',
    '2026-02-16',
    '2026-02-23',
    '2026-04-06',
    '2026-05-05',
    '2026-06-19',
    '2026-09-25',
    '2026-10-07',
  ])
    assert.equal(isWorkingDay(c, d), false, d);
  for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    assert.equal(isWorkingDay(c, d), true, d);
  assert.equal(CN_2026.filter((d) => d.kind === 'holiday').length, 3 + 9 + 3 + 5 + 3 + 3 + 7);
  assert.equal(CN_2026.filter((d) => d.kind === 'workday').length, 6);
});

test('SL-1 adding working minutes skips nights, lunch, weekends and the National Day week', () => {
  const c = cn();
  // Friday 2026-09-18 17:00 Beijing + 120 working minutes: 60 on Friday, then Sunday 20 Sep is a make-up day.
  assert.equal(
    addBusinessMinutes(c, at('2026-09-18T09:00:00Z'), 120).toISOString(),
    '2026-09-20T01:30:00.000Z',
  );
  // Wednesday 30 Sep 17:30 + 60: 30 left that day, then 1–7 Oct off, Thu 8 Oct 08:30 + 30.
  assert.equal(
    addBusinessMinutes(c, at('2026-09-30T09:30:00Z'), 60).toISOString(),
    '2026-10-08T01:00:00.000Z',
  );
  // Lunch is not working time: 11:30 + 60 → 30 before lunch, 30 after 13:30 = 14:00.
  assert.equal(
    addBusinessMinutes(c, at('2026-11-02T03:30:00Z'), 60).toISOString(),
    '2026-11-02T06:00:00.000Z',
  );
  // Round the clock: plain minutes.
  assert.equal(
    addBusinessMinutes(alwaysOn(), at('2026-10-01T00:00:00Z'), 90).toISOString(),
    '2026-10-01T01:30:00.000Z',
  );
  assert.equal(businessMinutesBetween(c, at('2026-10-01T00:00:00Z'), at('2026-10-07T23:00:00Z')), 0);
  assert.equal(localDate(Date.parse('2026-10-31T16:30:00Z'), 'Asia/Shanghai'), '2026-11-01');
});

const instant = fc.integer({
  min: Date.parse('2025-12-20T00:00:00Z'),
  max: Date.parse('2026-12-20T00:00:00Z'),
});
const minutes = fc.integer({ min: 0, max: 20_000 });

test('property: the working time between a start and start + N working minutes is N', () => {
  const c = cn();
  fc.assert(
    fc.property(instant, minutes, (from, n) => {
      const due = addBusinessMs(c, from, n * MINUTE_MS);
      assert.equal(businessMsBetween(c, from, due), n * MINUTE_MS);
      assert.ok(due >= from);
    }),
    { numRuns: 300 },
  );
});

test('property: adding in two steps equals adding at once, and between is additive', () => {
  const c = cn();
  fc.assert(
    fc.property(instant, minutes, minutes, (from, a, b) => {
      const once = addBusinessMs(c, from, (a + b) * MINUTE_MS);
      const twice = addBusinessMs(c, addBusinessMs(c, from, a * MINUTE_MS), b * MINUTE_MS);
      assert.equal(twice, once);
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(instant, instant, instant, (x, y, z) => {
      const [p, q, r] = [x, y, z].sort((m, n) => m - n) as [number, number, number];
      assert.equal(businessMsBetween(c, p, q) + businessMsBetween(c, q, r), businessMsBetween(c, p, r));
    }),
    { numRuns: 200 },
  );
});

test('property: paused time never counts; the clock runs out exactly at the budget', () => {
  const c = cn();
  const pause = fc.tuple(
    fc.integer({ min: 0, max: 30 * 86_400_000 }),
    fc.integer({ min: 1, max: 5 * 86_400_000 }),
  );
  fc.assert(
    fc.property(
      instant,
      fc.integer({ min: 1, max: 5000 }),
      fc.array(pause, { maxLength: 4 }),
      (start, n, ps) => {
        const pauses = ps.map(([off, len]) => ({ from: start + off, to: start + off + len }));
        const due = dueWithPauses(c, start, n * MINUTE_MS, pauses);
        assert.ok(due !== null);
        assert.equal(elapsedWithPauses(c, start, due, pauses), n * MINUTE_MS);
        // Without pauses the clock would run out no later.
        assert.ok(addBusinessMs(c, start, n * MINUTE_MS) <= due);
      },
    ),
    { numRuns: 200 },
  );
  // An open pause with budget left: no due time yet.
  assert.equal(dueWithPauses(alwaysOn(), 0, 10 * MINUTE_MS, [{ from: 5 * MINUTE_MS, to: null }]), null);
  assert.equal(
    dueWithPauses(alwaysOn(), 0, 10 * MINUTE_MS, [{ from: 5 * MINUTE_MS, to: 65 * MINUTE_MS }]),
    70 * MINUTE_MS,
  );
});
