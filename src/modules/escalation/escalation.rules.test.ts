import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuietHours, sendableAt } from '../notifications/notifications.rules.ts';
import {
  holdersForRegion,
  ladderProblem,
  MAX_CRITICAL_LEVELS,
  type Rung,
  rungAt,
} from './escalation.rules.ts';

const ladder: Rung[] = [
  { role: 'owner', afterMinutes: 0 },
  { role: 'area_service_manager', afterMinutes: 30 },
  { role: 'office_manager', afterMinutes: 60 },
  { role: 'department_chief', afterMinutes: 120 },
  { role: 'after_sales_director', afterMinutes: 240 },
];

test('SL-2: a breach climbs the ladder rung by rung at the configured minutes, then stops', () => {
  assert.deepEqual(rungAt('breach', ladder, 0, 10), { roles: ['owner'], nextLevelAfterMinutes: 30 });
  assert.deepEqual(rungAt('breach', ladder, 3, 10), {
    roles: ['department_chief'],
    nextLevelAfterMinutes: 240,
  });
  assert.deepEqual(rungAt('breach', ladder, 4, 10), {
    roles: ['after_sales_director'],
    nextLevelAfterMinutes: null,
  });
});

test('SL-3 / MO-9: critical and emergency notices go to their roles at once, then climb every step', () => {
  assert.deepEqual(rungAt('critical', ladder, 0, 10), {
    roles: ['after_sales_director', 'engineering_manager'],
    nextLevelAfterMinutes: 10,
  });
  assert.deepEqual(rungAt('critical', ladder, 2, 10), {
    roles: ['after_sales_director', 'engineering_manager', 'area_service_manager'],
    nextLevelAfterMinutes: 30,
  });
  assert.deepEqual(rungAt('emergency', ladder, 0, 5).roles, ['department_chief', 'engineering_manager']);
  // Past the top of the ladder the immediate roles keep being reminded, for at most a day at 10 minutes.
  assert.deepEqual(rungAt('critical', ladder, 9, 10).roles, ['after_sales_director', 'engineering_manager']);
  assert.equal(rungAt('critical', ladder, MAX_CRITICAL_LEVELS - 1, 10).nextLevelAfterMinutes, null);
});

test('holders: the nearest region wins, then organisation-wide, then anyone — a notice is never lost to a gap', () => {
  const holders = [
    { id: 'province-wide', regionIds: ['P'] },
    { id: 'city', regionIds: ['C'] },
    { id: 'org', regionIds: [] },
  ];
  assert.deepEqual(
    holdersForRegion(holders, ['county', 'C', 'P']).map((h) => h.id),
    ['city'],
  );
  assert.deepEqual(
    holdersForRegion(holders, ['X', 'P']).map((h) => h.id),
    ['province-wide'],
  );
  assert.deepEqual(
    holdersForRegion(holders, ['Y']).map((h) => h.id),
    ['org'],
  );
  assert.deepEqual(
    holdersForRegion([{ id: 'elsewhere', regionIds: ['Z'] }], ['Y']).map((h) => h.id),
    ['elsewhere'],
  );
});

test('ladders must start somewhere and never go back in time', () => {
  assert.equal(ladderProblem([]), 'empty');
  assert.equal(
    ladderProblem([
      { role: 'owner', afterMinutes: 30 },
      { role: 'engineer', afterMinutes: 10 },
    ]),
    'order',
  );
  assert.equal(ladderProblem([{ role: 'owner', afterMinutes: -1 }]), 'minutes');
  assert.equal(ladderProblem(ladder), null);
});

test('quiet hours hold non-critical messages to the end of the window in the recipient zone; critical never waits', () => {
  const q = parseQuietHours('22:00-07:00');
  const tz = 'Asia/Shanghai';
  const at = (s: string) => Date.parse(s);
  // 23:30 Beijing → 07:00 the next morning.
  assert.equal(
    new Date(sendableAt(at('2026-11-02T15:30:00Z'), tz, q, false)).toISOString(),
    '2026-11-02T23:00:00.000Z',
  );
  // 06:00 Beijing → 07:00 the same morning.
  assert.equal(
    new Date(sendableAt(at('2026-11-02T22:00:00Z'), tz, q, false)).toISOString(),
    '2026-11-02T23:00:00.000Z',
  );
  // 12:00 Beijing: now.
  assert.equal(sendableAt(at('2026-11-02T04:00:00Z'), tz, q, false), at('2026-11-02T04:00:00Z'));
  assert.equal(sendableAt(at('2026-11-02T15:30:00Z'), tz, q, true), at('2026-11-02T15:30:00Z'));
  assert.equal(parseQuietHours('off'), null);
  assert.throws(() => parseQuietHours('22-7'));
  // A window that does not cross midnight.
  const lunch = parseQuietHours('12:00-13:30');
  assert.equal(
    new Date(sendableAt(at('2026-11-02T04:10:00Z'), tz, lunch, false)).toISOString(),
    '2026-11-02T05:30:00.000Z',
  );
});
