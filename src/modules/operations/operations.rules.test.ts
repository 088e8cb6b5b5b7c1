/** MO-1 / MO-2 property: no operation is ever allowed to run outside what is allowed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { calendarProblems, DEFAULT_WINDOW, inboxTask, startProblems } from './operations.rules.ts';

const ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Europe/London',
  'America/New_York',
  'Australia/Adelaide',
  'UTC',
];
const BASE = Date.parse('2026-03-01T00:00:00.000Z');

/** Local hour and minute from a differently built formatter (an independent oracle). */
function oracleMinute(t: number, zone: string): number {
  const s = new Date(t).toLocaleString('sv-SE', { timeZone: zone });
  const [h, m] = s.slice(11, 16).split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

test('MO-1 MO-2 property: an allowed window never has a minute outside a site’s window, in a peak or in a freeze', () => {
  const peak = { startMinute: 120, endMinute: 150 };
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ zone: fc.constantFrom(...ZONES), path: fc.constantFrom('/p/a/', '/p/b/', '/q/c/') }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      fc.integer({ min: 0, max: 300 * 24 * 60 }),
      fc.integer({ min: 1, max: 8 * 60 }),
      fc.array(
        fc.record({
          path: fc.constantFrom('/p/', '/p/a/', '/q/', '/z/'),
          start: fc.integer({ min: 0, max: 300 * 24 * 60 }),
          len: fc.integer({ min: 60, max: 3 * 24 * 60 }),
        }),
        { maxLength: 3 },
      ),
      fc.integer({ min: 0, max: 8 * 60 }),
      (sites, startMin, lenMin, freezes, nowOffset) => {
        const from = BASE + startMin * 60_000;
        const to = from + lenMin * 60_000;
        const clocks = sites.map((s, i) => ({ name: `站点${i}`, timeZone: s.zone, regionPath: s.path }));
        const rules = {
          window: DEFAULT_WINDOW,
          peaks: [peak],
          freezes: freezes.map((f) => ({
            regionPath: f.path,
            startsAt: BASE + f.start * 60_000,
            endsAt: BASE + (f.start + f.len) * 60_000,
            reason: '封网',
          })),
        };
        const allowed = calendarProblems(from, to, clocks, rules, 'windowStart').length === 0;
        const now = from + nowOffset * 60_000;
        const started = startProblems(now, from, to, clocks, rules).length === 0;
        for (const [ok, a] of [
          [allowed, from],
          [started, now],
        ] as const) {
          if (!ok) continue;
          for (let t = a; t < to; t += 60_000)
            for (const c of clocks) {
              const m = oracleMinute(t, c.timeZone);
              assert.ok(m < 360, `minute ${m} at ${c.timeZone} is outside 00:00–06:00`);
              assert.ok(!(m >= 120 && m < 150), 'inside the peak');
              assert.ok(
                !rules.freezes.some(
                  (f) => c.regionPath.startsWith(f.regionPath) && f.startsAt <= t && f.endsAt > t,
                ),
                'inside a freeze',
              );
            }
        }
        if (started) assert.ok(now >= from && now < to);
      },
    ),
    { numRuns: 1000 },
  );
});

test('MO-3, MO-4 the approval inbox: review first, then each role once per plan version', () => {
  const base = { reviewed: false, reviewer: false, role: null, approvedRoles: [] as string[] };
  const cases: [Parameters<typeof inboxTask>[0], ReturnType<typeof inboxTask>][] = [
    [{ ...base, kind: 'cutover', reviewer: true }, 'review'],
    [{ ...base, kind: 'cutover', role: 'project_manager' }, null],
    [{ ...base, kind: 'cutover', reviewed: true, role: 'project_manager' }, 'approve'],
    [{ ...base, kind: 'restart', role: 'customer_escort' }, 'approve'],
    [{ ...base, kind: 'restart', role: 'customer_escort', approvedRoles: ['customer_escort'] }, null],
    [{ ...base, kind: 'restart', reviewer: true }, null],
  ];
  for (const [input, expected] of cases) assert.equal(inboxTask(input), expected, JSON.stringify(input));
});
