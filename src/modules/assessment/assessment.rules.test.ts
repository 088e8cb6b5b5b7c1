import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monthWindow, percent, percentile, timeFigure } from './assessment.rules.ts';
import { itemPoints, rank, scorePartner } from './assessment.scoring.ts';

test('VA-1: a month runs in China Standard Time, December into the next year', () => {
  assert.deepEqual(monthWindow('2026-10'), {
    from: '2026-09-30T16:00:00.000Z',
    to: '2026-10-31T16:00:00.000Z',
  });
  assert.deepEqual(monthWindow('2026-12'), {
    from: '2026-11-30T16:00:00.000Z',
    to: '2026-12-31T16:00:00.000Z',
  });
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

test('VA-2: full marks at or above the full line, linear to zero at the zero line, either direction', () => {
  const band = { key: 'compliance_respond', weight: 10, full: 98, zero: 90 };
  const cases: [number | null, number | null][] = [
    [100, 10],
    [98, 10],
    [94, 5],
    [90, 0],
    [50, 0],
    [null, null],
  ];
  for (const [v, pts] of cases) assert.equal(itemPoints(v, band), pts, String(v));
  const lowerBetter = { key: 'repeat_faults', weight: 10, full: 2, zero: 10 };
  assert.equal(itemPoints(6, lowerBetter), 5);
  assert.equal(itemPoints(1, lowerBetter), 10);
});

test('VA-2: missing figures are reweighted away, violations subtract, ranks share ties', () => {
  const scheme = {
    items: [
      { key: 'a', weight: 30, full: 100, zero: 0 },
      { key: 'b', weight: 70, full: 100, zero: 0 },
    ],
    penaltyPerViolation: 5,
  };
  const v = (value: number | null) => ({ value, sample: 1, available: value !== null });
  assert.equal(scorePartner({ a: v(50), b: v(null) }, scheme).score, 50);
  assert.equal(scorePartner({ a: v(100), b: v(100), operation_violations: v(2) }, scheme).score, 90);
  assert.equal(scorePartner({ a: v(null), b: v(null) }, scheme).score, null);
  assert.deepEqual(
    rank([{ score: 80 }, { score: null }, { score: 90 }, { score: 80 }]).map((r) => [r.score, r.rank]),
    [
      [90, 1],
      [80, 2],
      [80, 2],
      [null, null],
    ],
  );
});
