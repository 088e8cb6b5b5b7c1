import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionRate, cronOf, nextAfter, resultProblems } from './inspections.rules.ts';

test('RS-5 recurrences: monthly on the 1st at 09:00, quarterly every third month, cron at most hourly', () => {
  const monthly = cronOf('monthly', null);
  assert.ok('cron' in monthly);
  assert.equal(
    nextAfter(monthly.cron, 'Asia/Shanghai', '2026-11-02T02:00:00.000Z'),
    '2026-12-01T01:00:00.000Z',
  );
  const quarterly = cronOf('quarterly', null);
  assert.ok('cron' in quarterly);
  assert.equal(
    nextAfter(quarterly.cron, 'Asia/Shanghai', '2026-11-02T02:00:00.000Z'),
    '2027-01-01T01:00:00.000Z',
  );
  // The next after an occurrence is the following one, never the same: no period counted twice.
  assert.equal(
    nextAfter(monthly.cron, 'Asia/Shanghai', '2026-12-01T01:00:00.000Z'),
    '2027-01-01T01:00:00.000Z',
  );
  for (const bad of ['* * * * *', 'nonsense', null])
    assert.equal('field' in cronOf('cron', bad), true, String(bad));
  assert.deepEqual(cronOf('cron', '0 8 * * 1'), { cron: '0 8 * * 1' });
});

test('RS-5 results: every item once, a failed item says why, a fault only on a failed item', () => {
  const list = [
    { key: 'a', label: 'A' },
    { key: 'b', label: 'B' },
  ];
  assert.deepEqual(
    resultProblems(list, [
      { key: 'a', ok: true },
      { key: 'b', ok: false, note: '坏' },
    ]),
    [],
  );
  const fields = (r: Parameters<typeof resultProblems>[1]) => resultProblems(list, r).map((p) => p.field);
  assert.deepEqual(fields([{ key: 'a', ok: true }]), ['results']);
  assert.deepEqual(
    fields([
      { key: 'a', ok: true },
      { key: 'a', ok: true },
      { key: 'b', ok: true },
    ]),
    ['results.1.key'],
  );
  assert.deepEqual(
    fields([
      { key: 'a', ok: false },
      { key: 'b', ok: true, fault: true },
    ]),
    ['results.0.note', 'results.1.fault'],
  );
});

test('RS-5 completion rate: none planned is no rate, never 100', () => {
  assert.equal(completionRate(0, 0), null);
  assert.equal(completionRate(2, 3), 66.7);
});
