import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ChecklistItem,
  checklistFor,
  checklistProblems,
  checkOutProblems,
  restoreFirstProblems,
  weeklyReportProblems,
  weeklyReportsOwed,
} from './onsite.rules.ts';

const item = (
  id: string,
  orderType: string,
  code: string,
  extra: Partial<ChecklistItem> = {},
): ChecklistItem => ({
  id,
  order_type: orderType,
  code,
  label_zh: code,
  label_en: code,
  required: 1,
  position: 10,
  active: 1,
  ...extra,
});

test('WO-6 checklists: general items plus the type’s own; a type item with the same code replaces the general one', () => {
  const items = [
    item('1', '*', 'badge', { position: 10 }),
    item('2', '*', 'shoe_covers', { position: 20 }),
    item('3', 'version_upgrade', 'shoe_covers', { required: 0, position: 20 }),
    item('4', 'version_upgrade', 'guide_read', { position: 5 }),
    item('5', 'inspection', 'torch'),
    item('6', '*', 'retired', { active: 0 }),
  ];
  assert.deepEqual(
    checklistFor(items, 'version_upgrade').map((i) => i.id),
    ['4', '1', '3'],
  );
  assert.deepEqual(
    checklistFor(items, 'fault_repair').map((i) => i.id),
    ['1', '2'],
  );
  const list = checklistFor(items, 'version_upgrade');
  assert.deepEqual(checklistProblems(list, new Set(['4', '1'])), [], 'optional items never block');
  const open = checklistProblems(list, new Set(['1']));
  assert.equal(open[0]?.field, 'checklist');
  assert.match(open[0]?.message.en ?? '', /guide_read/);
});

test('WO-7 restore first applies to critical and major faults only', () => {
  const cases = [
    { type: 'fault_repair', severity: 'critical', restored_at: null, blocked: true },
    { type: 'fault_repair', severity: 'major', restored_at: null, blocked: true },
    { type: 'fault_repair', severity: 'major', restored_at: '2026-11-02T03:00:00.000Z', blocked: false },
    { type: 'fault_repair', severity: 'minor', restored_at: null, blocked: false },
    { type: 'inspection', severity: 'critical', restored_at: null, blocked: false },
  ];
  for (const c of cases) assert.equal(restoreFirstProblems(c).length > 0, c.blocked, JSON.stringify(c));
});

test('WO-7 check-out: refused only with an unrestored critical fault and nobody else on site', () => {
  assert.deepEqual(checkOutProblems({ unrestoredCritical: [], othersCheckedIn: 0 }), []);
  assert.deepEqual(checkOutProblems({ unrestoredCritical: [{ number: 'WO-1' }], othersCheckedIn: 1 }), []);
  const p = checkOutProblems({
    unrestoredCritical: [{ number: 'WO-1' }, { number: 'WO-2' }],
    othersCheckedIn: 0,
  });
  assert.equal(p[0]?.field, 'checkOut');
  assert.match(p[0]?.message['zh-CN'] ?? '', /WO-1, WO-2/);
});

test('WO-8 weekly reports: one per full week once work has gone on for more than a week', () => {
  const start = '2026-11-02T02:00:00.000Z';
  const at = (days: number) => new Date(Date.parse(start) + days * 86_400_000).toISOString();
  assert.equal(weeklyReportsOwed(null, at(30)), 0);
  assert.equal(weeklyReportsOwed(start, at(6.9)), 0);
  assert.equal(weeklyReportsOwed(start, at(7)), 0, 'exactly a week is not more than a week');
  assert.equal(weeklyReportsOwed(start, at(8)), 1);
  assert.equal(weeklyReportsOwed(start, at(15)), 2);
  assert.deepEqual(weeklyReportProblems(2, 2), []);
  assert.equal(weeklyReportProblems(2, 1)[0]?.field, 'weeklyReport');
});
