import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dutyFindings, MAX_ROSTER_DAYS, rosterDays, shiftSpan } from './duty.rules.ts';

describe('duty rules (DP-1 on duty)', () => {
  test('rosterDays keeps the chosen weekdays and refuses backwards, over-long and empty ranges', () => {
    assert.deepEqual(rosterDays('2026-11-06', '2026-11-09', [1, 5]).days, ['2026-11-06', '2026-11-09']);
    assert.equal(rosterDays('2026-11-09', '2026-11-06', [1]).problems[0]?.field, 'to');
    assert.equal(rosterDays('2026-01-01', '2026-12-31', [1]).problems[0]?.field, 'to');
    assert.equal(rosterDays('2026-11-01', '2026-11-01', [1]).problems[0]?.field, 'weekdays');
    const full = rosterDays('2026-01-01', '2026-03-03', [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(full.days.length, MAX_ROSTER_DAYS);
  });

  test('shiftSpan: day shifts, night shifts past midnight, zero length refused', () => {
    assert.deepEqual(shiftSpan('2026-11-02', '08:30', '17:30', 'Asia/Shanghai'), {
      startsAt: '2026-11-02T00:30:00.000Z',
      endsAt: '2026-11-02T09:30:00.000Z',
    });
    assert.deepEqual(shiftSpan('2026-11-02', '20:00', '08:00', 'Asia/Shanghai'), {
      startsAt: '2026-11-02T12:00:00.000Z',
      endsAt: '2026-11-03T00:00:00.000Z',
    });
    assert.equal('field' in shiftSpan('2026-11-02', '08:00', '08:00', 'Asia/Shanghai'), true);
  });

  test('dutyFindings: leave blocks; a kept roster needs a shift at the moment; no roster is not judged', () => {
    const shift = { startsAt: '2026-11-02T00:30:00.000Z', endsAt: '2026-11-02T09:30:00.000Z' };
    const at = '2026-11-02T02:00:00.000Z';
    assert.deepEqual(dutyFindings({ rostered: true, shifts: [shift], leave: [] }, at, '2026-11-02'), []);
    assert.deepEqual(
      dutyFindings(
        { rostered: true, shifts: [shift], leave: [] },
        '2026-11-02T09:30:00.000Z',
        '2026-11-02',
      ).map((f) => f.code),
      ['not_on_duty'],
      'the end of a shift is outside it',
    );
    assert.deepEqual(dutyFindings({ rostered: false, shifts: [], leave: [] }, at, '2026-11-02'), []);
    assert.deepEqual(
      dutyFindings(
        { rostered: false, shifts: [], leave: [{ fromDay: '2026-11-01', toDay: '2026-11-02' }] },
        at,
        '2026-11-02',
      ).map((f) => [f.code, f.blocking]),
      [['on_leave', true]],
    );
  });
});
