import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICIES } from './deadlines.defaults.ts';
import { clocksMetBy, isAtRisk, pickPolicy } from './deadlines.rules.ts';

const p = (order_type: string, area_class: string, id: string) => ({
  id,
  order_type,
  severity: 'major',
  area_class,
  kind: 'arrive',
});

test('SL-1: the most specific policy wins — exact type, then exact area class, then the wildcards', () => {
  const all = [
    p('*', '*', 'any'),
    p('*', 'rural', 'rural'),
    p('fault_repair', '*', 'fault'),
    p('inspection', 'rural', 'insp-rural'),
  ];
  const want = (orderType: string, areaClass: string) =>
    pickPolicy(all, { orderType, severity: 'major', areaClass, kind: 'arrive' })?.id;
  assert.equal(want('activation', 'urban'), 'any');
  assert.equal(want('activation', 'rural'), 'rural');
  assert.equal(want('fault_repair', 'rural'), 'fault');
  assert.equal(want('inspection', 'rural'), 'insp-rural');
  assert.equal(
    pickPolicy(all, { orderType: 'x', severity: 'minor', areaClass: 'urban', kind: 'arrive' }),
    undefined,
  );
});

test('SL-1 / WO-10 / WO-11 defaults: critical runs 24×7; updates within 1 day for critical and major, 2 working days otherwise; follow-up in 3 days', () => {
  const get = (severity: string, kind: string) =>
    DEFAULT_POLICIES.find((x) => x.severity === severity && x.kind === kind);
  for (const x of DEFAULT_POLICIES.filter((d) => d.severity === 'critical'))
    assert.equal(x.calendar, 'ALWAYS');
  assert.deepEqual(
    [get('critical', 'update')?.minutes, get('critical', 'update')?.calendar],
    [1440, 'ALWAYS'],
  );
  assert.deepEqual([get('major', 'update')?.minutes, get('major', 'update')?.calendar], [480, 'CN-STD']);
  assert.deepEqual([get('minor', 'update')?.minutes, get('advisory', 'update')?.minutes], [960, 960]);
  for (const s of ['critical', 'major', 'minor', 'advisory'])
    assert.equal(get(s, 'follow_up')?.minutes, 3 * 1440);
  // Arrival allowances grow with distance.
  const arrive = DEFAULT_POLICIES.filter((d) => d.severity === 'major' && d.kind === 'arrive').map(
    (d) => d.minutes,
  );
  assert.deepEqual(
    arrive,
    [...arrive].sort((a, b) => a - b),
  );
});

test('which state meets which clock', () => {
  assert.deepEqual(clocksMetBy('dispatched'), []);
  assert.deepEqual(clocksMetBy('appointment_agreed'), ['respond']);
  assert.deepEqual(clocksMetBy('on_site'), ['respond', 'arrive']);
  assert.deepEqual(clocksMetBy('service_restored'), ['respond', 'arrive', 'restore']);
  assert.deepEqual(clocksMetBy('resolved'), ['respond', 'arrive', 'restore', 'resolve']);
  assert.deepEqual(clocksMetBy('cancelled'), ['respond', 'arrive', 'restore', 'resolve', 'update']);
});

test('at risk: no more than the configured share of the budget left, and not yet past', () => {
  assert.equal(isAtRisk(30, 100, 25), false);
  assert.equal(isAtRisk(25, 100, 25), true);
  assert.equal(isAtRisk(0, 100, 25), false);
  assert.equal(isAtRisk(-5, 100, 25), false);
});
