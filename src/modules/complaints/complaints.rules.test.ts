import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  complaintNumber,
  defaultPolicies,
  overdue,
  repeatWindowStart,
  stepRefusal,
} from './complaints.rules.ts';

test('CS-1 default policies: one per category × severity, stricter for compliance, acknowledge ≤ respond ≤ resolve', () => {
  const all = defaultPolicies();
  assert.equal(all.length, COMPLAINT_CATEGORIES.length * COMPLAINT_SEVERITIES.length);
  for (const p of all)
    assert.ok(p.minutes[0] <= p.minutes[1] && p.minutes[1] <= p.minutes[2], JSON.stringify(p));
  const of = (c: string, s: string) => all.find((p) => p.category === c && p.severity === s)!.minutes;
  assert.deepEqual(of('attitude', 'high'), [30, 240, 1440]);
  assert.deepEqual(of('compliance', 'low'), of('attitude', 'medium'));
});

test('CS-1 overdue: a step done late stays missed; one not yet due is not', () => {
  const due = {
    acknowledge_due: '2026-11-02T02:30:00.000Z',
    respond_due: '2026-11-02T06:00:00.000Z',
    resolve_due: '2026-11-03T02:00:00.000Z',
  };
  const c = { ...due, acknowledged_at: '2026-11-02T02:45:00.000Z', responded_at: null, resolved_at: null };
  assert.deepEqual(overdue(c, '2026-11-02T05:00:00.000Z'), {
    acknowledge: true,
    respond: false,
    resolve: false,
  });
  assert.deepEqual(overdue(c, '2026-11-03T05:00:00.000Z'), {
    acknowledge: true,
    respond: true,
    resolve: true,
  });
});

test('CS-1 steps: resolve needs a root cause and a reply; close needs every action done', () => {
  const base = { root_cause: null, responded_at: null };
  const table: Array<[string, Parameters<typeof stepRefusal>[1], number, string | null]> = [
    ['open', 'acknowledge', 0, null],
    ['acknowledged', 'acknowledge', 0, 'wrong_state'],
    ['open', 'close', 0, 'wrong_state'],
    ['acknowledged', 'resolve', 0, 'no_root_cause'],
    ['resolved', 'close', 1, 'open_actions'],
    ['resolved', 'close', 0, null],
    ['closed', 'respond', 0, 'wrong_state'],
  ];
  for (const [state, step, open, expected] of table) {
    assert.equal(stepRefusal({ ...base, state: state as 'open' }, step, open), expected, `${state} ${step}`);
  }
  assert.equal(
    stepRefusal({ state: 'acknowledged', root_cause: '原因', responded_at: null }, 'resolve', 0),
    'no_reply',
  );
  assert.equal(
    stepRefusal({ state: 'responded', root_cause: '原因', responded_at: 'x' }, 'resolve', 3),
    null,
  );
});

test('CS-1 repeat window is 30 days; numbers are TS-date-suffix', () => {
  assert.equal(repeatWindowStart(new Date('2026-12-31T00:00:00.000Z')), '2026-12-01T00:00:00.000Z');
  assert.equal(
    complaintNumber(new Date('2026-11-02T02:00:00.000Z'), '0193c2a0-aaaa-7bbb-8ccc-0123456789ab'),
    'TS-20261102-6789AB',
  );
});
