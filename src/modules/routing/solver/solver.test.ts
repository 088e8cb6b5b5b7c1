/**
 * DP-2 solver: the O(1) insertion test agrees with rebuilding the route; local-search moves never
 * make a solution worse or infeasible; and any solution the solver returns on random instances
 * (windows, several windows, capacities, skills, locks) passes an independent check written here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from './instance.ts';
import { localSearch } from './local-search.ts';
import type { Problem } from './model.ts';
import { Rng } from './rng.ts';
import { buildRoute, insertionCost } from './route.ts';
import { recreate, type State, stateCost } from './search.ts';
import { solve } from './solve.ts';
import { check, randomProblem } from './test-problems.ts';

describe('DP-2 solver', () => {
  test('insertionCost agrees with rebuilding the route (time-window feasibility and distance delta)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = randomProblem(seed, 12, { multi: seed % 2 === 0 });
      const c = compile(p);
      const rng = new Rng(seed);
      const jobs = [0, 1, 2, 3, 4, 5].filter(() => rng.next() < 0.7);
      const base = buildRoute(c, 0, jobs);
      if (!base.feasible) continue;
      for (let j = 6; j < 12; j++) {
        // Capacity is the caller's check (route load), not the positional test's.
        if (base.load + p.jobs[j]!.demand > p.vehicles[0]!.capacity) continue;
        for (let pos = 0; pos <= jobs.length; pos++) {
          const fast = insertionCost(c, base, j, pos);
          const next = jobs.slice();
          next.splice(pos, 0, j);
          const full = buildRoute(c, 0, next);
          if (full.feasible)
            assert.ok(Math.abs(fast - (full.dist - base.dist)) < 1e-9, `seed ${seed} job ${j}@${pos}`);
          else assert.equal(fast, Number.POSITIVE_INFINITY, `seed ${seed} job ${j}@${pos} should be refused`);
        }
      }
    }
  });

  test('local search (relocate, 2-opt*) keeps every route feasible and never raises the cost', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const p = randomProblem(seed, 30);
      const c = compile(p);
      const rng = new Rng(seed);
      const s: State = {
        routes: Array.from({ length: c.m }, (_, v) => buildRoute(c, v, [])),
        absent: Array.from({ length: c.n }, (_, j) => j),
      };
      recreate(c, s, rng, true);
      const before = stateCost(c, s);
      localSearch(c, s, rng);
      assert.ok(stateCost(c, s) <= before + 1e-9, `seed ${seed}`);
      assert.ok(s.routes.every((r) => r.feasible));
      const placed = s.routes.flatMap((r) => r.jobs).sort((a, b) => a - b);
      assert.equal(placed.length + s.absent.length, c.n);
      assert.equal(new Set(placed).size, placed.length);
    }
  });

  test('property: every returned solution passes the independent check (windows, several windows, skills, locks)', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const p = randomProblem(seed, 25, { skills: seed % 3 === 0, multi: seed % 2 === 1 });
      const locked: Problem =
        seed % 5 === 0 ? { ...p, jobs: p.jobs.map((j, i) => (i === 0 ? { ...j, lockedVehicle: 1 } : j)) } : p;
      const s = solve(locked, { seed, maxIterations: 400 });
      assert.deepEqual(check(locked, s), [], `seed ${seed}`);
    }
  });

  test('deterministic for a seed and an iteration budget; says why a job cannot be placed', () => {
    const p = randomProblem(7, 30, { skills: true });
    const a = solve(p, { seed: 3, maxIterations: 300 });
    const b = solve(p, { seed: 3, maxIterations: 300 });
    assert.deepEqual(
      a.routes.map((r) => r.jobs),
      b.routes.map((r) => r.jobs),
    );
    const hard: Problem = {
      ...p,
      jobs: [
        ...p.jobs,
        { location: 1, service: 5, demand: 1, skills: [9] },
        { location: 2, service: 5, demand: 999 },
        { location: 3, service: 5, demand: 1, windows: [[5000, 5100]] },
      ],
    };
    const h = solve(hard, { seed: 1, maxIterations: 100 });
    const why = new Map(h.unassigned.map((u) => [u.job, u.reason]));
    assert.equal(why.get(30), 'no_skilled_vehicle');
    assert.equal(why.get(31), 'over_capacity');
    assert.equal(why.get(32), 'window_unreachable');
    assert.deepEqual(check(hard, h), []);
  });

  test('soft deadlines: lateness is counted and avoided when there is room', () => {
    const p = randomProblem(11, 10);
    const withDeadline: Problem = {
      ...p,
      jobs: p.jobs.map((j) => ({ ...j, windows: [[0, 600]] as const, deadline: 100, latenessWeight: 1000 })),
    };
    const s = solve(withDeadline, { seed: 1, maxIterations: 500, fleetShare: 0 });
    assert.deepEqual(check(withDeadline, s), []);
    const tight = solve(
      { ...withDeadline, vehicles: withDeadline.vehicles.slice(0, 1) },
      { seed: 1, maxIterations: 500 },
    );
    assert.ok(tight.lateness > 0, 'one vehicle cannot finish ten jobs by 100');
    assert.ok(s.lateness < tight.lateness);
  });
});
