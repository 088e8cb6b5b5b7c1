import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDate, localParts, localToUtc } from '../work-orders/local-time.ts';
import {
  DEFAULT_WORKING_HOURS,
  isMissed,
  suggestWindows,
  windowProblems,
  workingHoursProblems,
} from './appointments.rules.ts';

const tz = 'Asia/Shanghai';
const now = '2026-11-02T02:00:00.000Z'; // Monday 10:00 in Guiyang

test('local time: wall clock in a zone and back', () => {
  assert.deepEqual(localParts(now, tz), { date: '2026-11-02', weekday: 1, minutes: 600 });
  assert.equal(localToUtc('2026-11-02', '08:30', tz).toISOString(), '2026-11-02T00:30:00.000Z');
  assert.equal(
    localToUtc('2026-03-09', '09:00', 'America/New_York').toISOString(),
    '2026-03-09T13:00:00.000Z',
  );
  assert.equal(localDate('2026-11-01T17:00:00Z', tz), '2026-11-02');
});

test('WO-5: a window inside Mon–Fri 08:30–17:30 site time is accepted', () => {
  const ctx = { now, timeZone: tz, hours: DEFAULT_WORKING_HOURS };
  assert.deepEqual(windowProblems({ start: '2026-11-02T06:00:00Z', end: '2026-11-02T08:00:00Z' }, ctx), []);
  assert.deepEqual(
    windowProblems({ start: '2026-11-03T00:30:00Z', end: '2026-11-03T09:30:00Z' }, ctx),
    [],
    'the whole working day',
  );
});

test('WO-5: windows outside working hours, reversed, in the past or over two days are refused', () => {
  const ctx = { now, timeZone: tz, hours: DEFAULT_WORKING_HOURS };
  const field = (start: string, end: string) => windowProblems({ start, end }, ctx)[0]?.field;
  assert.equal(
    field('2026-11-02T08:00:00Z', '2026-11-02T10:00:00Z'),
    'windowStart',
    'ends 18:00, after closing',
  );
  assert.equal(
    field('2026-11-03T00:00:00Z', '2026-11-03T01:00:00Z'),
    'windowStart',
    'starts 08:00, before opening',
  );
  assert.equal(field('2026-11-07T02:00:00Z', '2026-11-07T04:00:00Z'), 'windowStart', 'Saturday');
  assert.equal(field('2026-11-02T06:00:00Z', '2026-11-02T05:00:00Z'), 'windowEnd');
  assert.equal(field('2026-11-02T01:00:00Z', '2026-11-02T03:00:00Z'), 'windowStart', 'already started');
  assert.equal(field('2026-11-03T08:00:00Z', '2026-11-04T02:00:00Z'), 'windowStart', 'spans two days');
  const msg = windowProblems({ start: '2026-11-07T02:00:00Z', end: '2026-11-07T04:00:00Z' }, ctx)[0]?.message;
  assert.match(msg?.['zh-CN'] ?? '', /周一、周二、周三、周四、周五 08:30–17:30（Asia\/Shanghai）/);
});

test('WO-5: site-specific hours (a 7-day NOC) and their validation', () => {
  const noc = { days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '23:59' };
  assert.deepEqual(
    windowProblems(
      { start: '2026-11-07T02:00:00Z', end: '2026-11-07T04:00:00Z' },
      { now, timeZone: tz, hours: noc },
    ),
    [],
  );
  assert.deepEqual(
    workingHoursProblems({ days: [0, 8], opens: '9:00', closes: '08:00' }).map((p) => p.field),
    ['days', 'opens'],
  );
  assert.deepEqual(
    workingHoursProblems({ days: [1], opens: '18:00', closes: '08:00' }).map((p) => p.field),
    ['closes'],
  );
});

test('WO-5: suggested windows are in the future and inside working hours', () => {
  const windows = suggestWindows('2026-11-06T08:00:00Z', tz, DEFAULT_WORKING_HOURS, 120, 5); // Friday 16:00
  assert.equal(windows[0]?.start, '2026-11-09T00:30:00.000Z', 'next Monday 08:30');
  for (const w of windows) {
    assert.deepEqual(
      windowProblems(w, { now: '2026-11-06T08:00:00Z', timeZone: tz, hours: DEFAULT_WORKING_HOURS }),
      [],
    );
  }
  assert.equal(suggestWindows(now, tz, DEFAULT_WORKING_HOURS, 60, 1)[0]?.start, '2026-11-02T02:30:00.000Z');
});

test('WO-5: a confirmed window that passed without arrival or timely notice is missed', () => {
  const a = {
    state: 'confirmed',
    windowStart: '2026-11-02T06:00:00Z',
    windowEnd: '2026-11-02T08:00:00Z',
    arrivedAt: null,
    lateNoticeInTime: false,
  };
  assert.equal(isMissed(a, '2026-11-02T07:00:00Z'), false, 'still inside the window');
  assert.equal(isMissed(a, '2026-11-02T08:00:01Z'), true);
  assert.equal(isMissed({ ...a, lateNoticeInTime: true }, '2026-11-02T09:00:00Z'), false);
  assert.equal(isMissed({ ...a, arrivedAt: '2026-11-02T07:30:00Z' }, '2026-11-02T09:00:00Z'), false);
  assert.equal(
    isMissed({ ...a, arrivedAt: '2026-11-02T08:30:00Z' }, '2026-11-02T09:00:00Z'),
    true,
    'arrived after the window',
  );
  assert.equal(isMissed({ ...a, state: 'rescheduled' }, '2026-11-02T09:00:00Z'), false);
});
