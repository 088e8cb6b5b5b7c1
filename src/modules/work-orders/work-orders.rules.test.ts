import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayActOn } from './work-orders.policy.ts';
import {
  effectiveSeverity,
  followUpDueAt,
  handoverProblems,
  intakeProblems,
  needsFollowUp,
  nextStates,
  STATES,
  severityChangeProblems,
  transitionKind,
  transitionProblems,
  WORK_ORDER_TYPES,
} from './work-orders.rules.ts';

const complete = {
  type: 'fault_repair',
  channel: 'customer_call',
  severity: 'major' as const,
  customerId: 'c',
  contactName: '刘工',
  contactPhone: '138',
  siteId: 's',
  equipmentId: 'e',
  occurredAt: '2026-11-02T01:30:00Z',
  symptom: '掉线',
};

test('WO-1: a complete intake has no problems', () => {
  assert.deepEqual(intakeProblems(complete), []);
});

test('WO-1: each missing essential is named, in both languages', () => {
  const problems = intakeProblems({
    ...complete,
    contactPhone: ' ',
    symptom: undefined,
    siteId: null,
    customerId: '',
  });
  const fields = problems.map((p) => p.field).sort();
  assert.deepEqual(fields, ['contactPhone', 'customerId', 'regionId', 'siteId', 'symptom']);
  for (const p of problems) {
    assert.ok(p.message['zh-CN'].length > 0 && /[\u4e00-\u9fff]/.test(p.message['zh-CN']));
    assert.ok(/[a-z]/.test(p.message.en));
  }
});

test('WO-1: a critical order is never refused for an optional field (when it began, which equipment)', () => {
  const base = { ...complete, occurredAt: undefined, equipmentId: undefined };
  assert.deepEqual(
    intakeProblems(base)
      .map((p) => p.field)
      .sort(),
    ['equipmentId', 'occurredAt'],
    'an ordinary order must say when and on what',
  );
  assert.deepEqual(intakeProblems({ ...base, severity: 'critical' }), []);
  // Critical by impact, whatever the reporter chose (WO-2).
  assert.deepEqual(intakeProblems({ ...base, severity: 'advisory', impacts: { billing: true } }), []);
  // …but essentials are still required for a critical order.
  assert.deepEqual(
    intakeProblems({ ...base, severity: 'critical', symptom: '' }).map((p) => p.field),
    ['symptom'],
  );
});

test('WO-1: unknown type and channel are refused by name', () => {
  const problems = intakeProblems({ ...complete, type: 'repair', channel: 'fax' });
  assert.deepEqual(
    problems.map((p) => p.field),
    ['type', 'channel'],
  );
});

test('WO-2: interruption, KPI degradation or billing impact forces critical', () => {
  for (const severity of ['major', 'minor', 'advisory'] as const) {
    assert.equal(
      effectiveSeverity(severity, { serviceInterruption: true, kpiDegradation: false, billing: false }),
      'critical',
    );
    assert.equal(
      effectiveSeverity(severity, { serviceInterruption: false, kpiDegradation: true, billing: false }),
      'critical',
    );
    assert.equal(
      effectiveSeverity(severity, { serviceInterruption: false, kpiDegradation: false, billing: true }),
      'critical',
    );
    assert.equal(
      effectiveSeverity(severity, { serviceInterruption: false, kpiDegradation: false, billing: false }),
      severity,
    );
  }
});

test('WO-2: a downgrade needs a reason and a permitted role; raising needs neither', () => {
  assert.deepEqual(severityChangeProblems('minor', 'critical', { mayDowngrade: false }), []);
  assert.deepEqual(
    severityChangeProblems('critical', 'major', { mayDowngrade: false, reason: 'x' }).map((p) => p.field),
    ['severity'],
  );
  assert.deepEqual(
    severityChangeProblems('critical', 'major', { mayDowngrade: true, reason: ' ' }).map((p) => p.field),
    ['reason'],
  );
  assert.deepEqual(
    severityChangeProblems('critical', 'major', { mayDowngrade: true, reason: '核实为单用户' }),
    [],
  );
});

test('states: every state has an exhaustive list of next states; an illegal move names where it may go', () => {
  for (const s of STATES) assert.ok(Array.isArray(nextStates(s)));
  const [p] = transitionProblems('received', 'on_site', { severity: 'minor' });
  assert.equal(p?.field, 'to');
  assert.match(p?.message.en ?? '', /may go to: Accepted, Cancelled/);
  assert.match(p?.message['zh-CN'] ?? '', /可以变为：已接单、已取消/);
  const [final] = transitionProblems('cancelled', 'accepted', { severity: 'minor', reason: 'x' });
  assert.match(final?.message.en ?? '', /none; it is final/);
});

test('states: the happy path is legal step by step', () => {
  const path = [
    'received',
    'accepted',
    'dispatched',
    'appointment_agreed',
    'en_route',
    'on_site',
    'service_restored',
    'resolved',
    'signed_off',
    'closed',
  ] as const;
  for (let i = 1; i < path.length; i++) {
    assert.deepEqual(
      transitionProblems(path[i - 1]!, path[i]!, { severity: 'minor' }),
      [],
      `${path[i - 1]} → ${path[i]}`,
    );
  }
});

test('states: cancel and reopen need a reason; reopen is only from resolved, signed off or closed', () => {
  assert.equal(transitionKind('accepted', 'cancelled'), 'cancel');
  assert.equal(transitionKind('closed', 'accepted'), 'reopen');
  assert.equal(transitionKind('received', 'accepted'), 'advance');
  assert.deepEqual(
    transitionProblems('accepted', 'cancelled', { severity: 'minor' }).map((p) => p.field),
    ['reason'],
  );
  assert.deepEqual(
    transitionProblems('closed', 'accepted', { severity: 'minor' }).map((p) => p.field),
    ['reason'],
  );
  assert.deepEqual(
    transitionProblems('closed', 'accepted', { severity: 'minor', reason: '客户反映仍掉线' }),
    [],
  );
  assert.equal(
    transitionProblems('service_restored', 'cancelled', { severity: 'minor', reason: 'x' })[0]?.field,
    'to',
  );
});

test('WO-5: only a critical order may set off without an agreed appointment', () => {
  assert.equal(transitionProblems('dispatched', 'en_route', { severity: 'major' })[0]?.field, 'to');
  assert.deepEqual(transitionProblems('dispatched', 'en_route', { severity: 'critical' }), []);
});

test('WO-4: handover needs a different, able receiver, the owner or a coordinator, and no pending one', () => {
  const ok = {
    ownerId: 'a',
    toPersonId: 'b',
    toActive: true,
    toMayOwn: true,
    requestedByOwnerOrCoordinator: true,
    pendingExists: false,
    state: 'accepted' as const,
  };
  assert.deepEqual(handoverProblems(ok), []);
  assert.equal(handoverProblems({ ...ok, toPersonId: 'a' })[0]?.field, 'toPersonId');
  assert.equal(handoverProblems({ ...ok, toMayOwn: false })[0]?.field, 'toPersonId');
  assert.equal(handoverProblems({ ...ok, requestedByOwnerOrCoordinator: false })[0]?.field, 'orderId');
  assert.equal(handoverProblems({ ...ok, pendingExists: true })[0]?.field, 'orderId');
  assert.equal(handoverProblems({ ...ok, state: 'closed' })[0]?.field, 'orderId');
});

test('WO-3: engineers act only on orders they own or are assigned to; coordinators on any in scope', () => {
  const order = { owner_id: 'owner' };
  assert.equal(mayActOn({ roles: ['engineer'], personId: 'x' }, order, []), false);
  assert.equal(mayActOn({ roles: ['engineer'], personId: 'x' }, order, ['x']), true);
  assert.equal(mayActOn({ roles: ['engineer'], personId: 'owner' }, order, []), true);
  assert.equal(mayActOn({ roles: ['dispatcher'], personId: 'x' }, order, []), true);
});

test('WO-10: maintenance and upgrade orders get a follow-up due 3 days after closing', () => {
  assert.equal(needsFollowUp('fault_repair'), true);
  assert.equal(needsFollowUp('version_upgrade'), true);
  assert.equal(needsFollowUp('consultation'), false);
  assert.equal(WORK_ORDER_TYPES.filter(needsFollowUp).length, 4);
  assert.equal(followUpDueAt('2026-11-02T02:00:00.000Z'), '2026-11-05T02:00:00.000Z');
});
