import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addFigures,
  figuresOf,
  hotlineShort,
  inService,
  rollUp,
  ruleProblems,
  SEED_RULES,
  ZERO,
} from './capacity.rules.ts';

test('RS-4 maintainers needed: each started block of 300 subscribers and of 30 lines needs one', () => {
  const cases: [number, number, number][] = [
    [0, 0, 0],
    [1, 0, 1],
    [300, 0, 1],
    [301, 0, 2],
    [0, 30, 1],
    [0, 31, 2],
    [600, 60, 4],
  ];
  for (const [home, lines, needed] of cases)
    assert.equal(
      figuresOf({ ...ZERO, homeSubscribers: home, enterpriseLines: lines }, SEED_RULES).maintainersNeeded,
      needed,
      `${home} subscribers, ${lines} lines`,
    );
});

test('RS-4 vehicles: one per four maintainers on staff; gaps are staff minus needs', () => {
  const f = figuresOf({ ...ZERO, homeSubscribers: 900, maintainers: 5, vehicles: 1 }, SEED_RULES);
  assert.equal(f.maintainerGap, 2);
  assert.equal(f.vehiclesNeeded, 2);
  assert.equal(f.vehicleGap, -1);
});

test('RS-4 a team with work needs a hotline answered the hours the rule asks', () => {
  const busy = { ...ZERO, homeSubscribers: 10 };
  assert.equal(hotlineShort(busy, 0, SEED_RULES), true);
  assert.equal(hotlineShort(busy, 12, SEED_RULES), true);
  assert.equal(hotlineShort(busy, 24, SEED_RULES), false);
  assert.equal(hotlineShort(ZERO, 0, SEED_RULES), false, 'no work, no hotline needed');
});

test('RS-4 lines no longer in service need nobody', () => {
  assert.equal(inService('在用'), true);
  assert.equal(inService('拆机'), false);
  assert.equal(inService(' 注销 '), false);
});

test('RS-4 roll-up: a region adds every team below it; rounding stays where the team is', () => {
  const one = figuresOf({ ...ZERO, homeSubscribers: 1 }, SEED_RULES);
  const rolled = rollUp(
    ['/p/', '/p/a/', '/p/b/'],
    [
      { regionPath: '/p/a/', partnerId: 'x', figures: one },
      { regionPath: '/p/b/', partnerId: 'x', figures: one },
      { regionPath: '/p/b/', partnerId: null, figures: one },
    ],
  );
  const p = rolled.find((n) => n.path === '/p/')!;
  assert.equal(p.total.maintainersNeeded, 3, 'two subscribers in two counties need two people, not one');
  assert.equal(p.byPartner.get('x')!.maintainersNeeded, 2);
  assert.equal(rolled.find((n) => n.path === '/p/a/')!.total.maintainersNeeded, 1);
  assert.deepEqual(addFigures(one, one).homeSubscribers, 2);
});

test('RS-4 ratios must be positive; hotline hours at most 24', () => {
  assert.deepEqual(ruleProblems({ home_per_maintainer: 300 }), []);
  assert.deepEqual(
    ruleProblems({ home_per_maintainer: 0, hotline_hours: 25 }).map((p) => p.field),
    ['home_per_maintainer', 'hotline_hours'],
  );
});
