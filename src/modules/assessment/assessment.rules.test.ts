import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastTwelveMonths, monthWindow, percent, percentile, timeFigure } from './assessment.rules.ts';

test('VA-1: a month runs in China Standard Time, December into the next year', () => {
  assert.deepEqual(monthWindow('2026-10'), {
    from: '2026-09-30T16:00:00.000Z',
    to: '2026-10-31T16:00:00.000Z',
  });
  assert.deepEqual(monthWindow('2026-12'), {
    from: '2026-11-30T16:00:00.000Z',
    to: '2026-12-31T16:00:00.000Z',
  });
  assert.deepEqual(lastTwelveMonths('2026-02'), [
    '2025-03',
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
  ]);
});

test('VA-1: percentiles interpolate like a spreadsheet’s PERCENTILE.INC', () => {
  const cases: [number[], number, number | null][] = [
    [[], 50, null],
    [[7], 90, 7],
    [[10, 20, 30, 40], 50, 25],
    [[10, 20, 30, 40], 90, 37],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1],
    [[5, 5, 5], 90, 5],
  ];
  for (const [values, p, expected] of cases) assert.equal(percentile(values, p), expected, `${values} p${p}`);
  assert.deepEqual(timeFigure([60, 120, 180], 60), { value: 2, p90: 2.8, sample: 3, available: true });
});

test('VA-1: a share of nothing is no data, not 0 or 100', () => {
  assert.equal(percent(0, 0), null);
  assert.equal(percent(1, 3), 33.3);
  assert.equal(percent(3, 3), 100);
});
