/** Pure ownership and intake rules (WO-1, WO-3, WO-4, WO-13, SL-3), table-driven. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Scope } from '../access/policy.ts';
import { aroundTheClock } from '../appointments/appointments.rules.ts';
import { expiredContractReason, occurredAtProblem } from './intake.rules.ts';
import { cancelProblems, ownedOrdersProblem, receiverScopeProblem } from './ownership.rules.ts';

test('WO-3/SL-3 who may cancel: dispatcher or above; a critical order only a manager', () => {
  const cases = [
    ['minor', { dispatcherOrAbove: false, manager: false }, 1],
    ['minor', { dispatcherOrAbove: true, manager: false }, 0],
    ['critical', { dispatcherOrAbove: true, manager: false }, 1],
    ['critical', { dispatcherOrAbove: true, manager: true }, 0],
  ] as const;
  for (const [severity, who, n] of cases)
    assert.equal(cancelProblems(severity, who).length, n, `${severity} ${JSON.stringify(who)}`);
});

test('WO-4 a receiver must be able to see the order once owning it', () => {
  const partner: Scope = { kind: 'partner', partnerId: 'P', regionPaths: ['/g/a/'] };
  assert.equal(receiverScopeProblem({ kind: 'all' }, { partnerId: 'Q', regionPath: '/g/b/' }), null);
  assert.equal(
    receiverScopeProblem(partner, { partnerId: 'P', regionPath: '/g/b/' }),
    null,
    'its own, anywhere',
  );
  assert.equal(
    receiverScopeProblem(partner, { partnerId: null, regionPath: '/g/a/x/' }),
    null,
    'unassigned in coverage',
  );
  assert.match(
    receiverScopeProblem(partner, { partnerId: null, regionPath: '/g/b/' })?.message.en ?? '',
    /does not cover/,
  );
  assert.match(
    receiverScopeProblem(partner, { partnerId: 'Q', regionPath: '/g/a/' })?.message.en ?? '',
    /another partner/,
  );
});

test('WO-4 deactivation names the open orders, ten at most', () => {
  assert.equal(ownedOrdersProblem([]), null);
  const many = Array.from({ length: 12 }, (_, i) => `WO-20261102-${String(i + 1).padStart(4, '0')}`);
  const p = ownedOrdersProblem(many);
  assert.match(p?.message.en ?? '', /owns 12 open work orders .*WO-20261102-0010 and 2 more/);
  assert.ok(!p?.message.en.includes('WO-20261102-0011'));
});

test('WO-1 when: not in the future beyond five minutes; WO-13 expired contract', () => {
  const now = new Date('2026-11-02T02:00:00.000Z');
  assert.equal(occurredAtProblem('2026-11-02T02:04:59.000Z', now), null);
  assert.equal(occurredAtProblem('2026-11-02T02:05:01.000Z', now)?.field, 'occurredAt');
  assert.equal(occurredAtProblem(null, now), null);
  assert.equal(expiredContractReason('2026-11-02', '2026-11-02'), null, 'ends today: still running');
  assert.match(expiredContractReason('2026-11-01', '2026-11-02') ?? '', /2026-11-01/);
  assert.equal(expiredContractReason(null, '2026-11-02'), null);
});

test('WO-5 appointment hours: the most specific policy wins (customer > site class > severity)', () => {
  const policies = [
    { customerId: '*', siteClass: 'machine_room', severity: '*', aroundTheClock: true },
    { customerId: '*', siteClass: 'home', severity: '*', aroundTheClock: false },
    { customerId: '*', siteClass: '*', severity: 'critical', aroundTheClock: true },
    { customerId: 'C1', siteClass: '*', severity: '*', aroundTheClock: true },
  ];
  const at = (customerId: string, siteClass: string, severity: string) =>
    aroundTheClock(policies, { customerId, siteClass, severity });
  assert.equal(at('C0', 'office', 'minor'), false, 'no match: business hours');
  assert.equal(at('C0', 'office', 'critical'), true);
  assert.equal(at('C0', 'machine_room', 'minor'), true);
  assert.equal(at('C0', 'home', 'critical'), false, 'a home keeps business hours');
  assert.equal(at('C1', 'home', 'minor'), true, "the customer's own policy decides");
});
