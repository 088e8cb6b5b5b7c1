import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  calibrationProblems,
  calibrationState,
  carrierProblems,
  WARN_DAYS,
} from './assets.rules.ts';

test('RS-2 calibration state by day: valid, due soon within the warning days, lapsed after the due day', () => {
  const due = '2026-12-31';
  const cases: [string, string][] = [
    ['2026-11-01', 'valid'],
    [addDays(due, -WARN_DAYS - 1), 'valid'],
    [addDays(due, -WARN_DAYS), 'due_soon'],
    [due, 'due_soon'],
    ['2027-01-01', 'lapsed'],
  ];
  for (const [today, want] of cases) assert.equal(calibrationState(due, today), want, today);
  assert.equal(calibrationState(null, '2026-01-01'), 'none');
});

test('RS-2 an instrument needs a calibration date, a vehicle or kit must not have one', () => {
  assert.deepEqual(
    calibrationProblems('instrument', null).map((p) => p.field),
    ['calibrationDue'],
  );
  assert.deepEqual(calibrationProblems('instrument', '2027-01-01'), []);
  assert.deepEqual(
    calibrationProblems('vehicle', '2027-01-01').map((p) => p.field),
    ['calibrationDue'],
  );
  assert.deepEqual(calibrationProblems('tool_kit', null), []);
});

test("RS-2 an asset goes only to its owner's people", () => {
  assert.deepEqual(carrierProblems('p1', 'p1'), []);
  assert.deepEqual(carrierProblems(null, null), []);
  assert.equal(carrierProblems('p1', null).length, 1);
  assert.equal(carrierProblems(null, 'p1').length, 1);
});
