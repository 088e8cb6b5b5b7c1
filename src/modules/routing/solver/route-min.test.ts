/**
 * DP-2 route minimisation (ejection pool): the chosen ejection is the cheapest by penalty counters
 * among all feasible ones (checked against brute force with full route rebuilds), applying it gives
 * feasible routes with every job accounted for, and a deleted route leaves a feasible solution with
 * one vehicle fewer that passes the independent check.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from './instance.ts';
import { Rng } from './rng.ts';
import { buildRoute } from './route.ts';
import { applyEjection, bestEjection, bestInsertion, deleteRoute, MAX_EJECT } from './route-min.ts';
import { recreate, type State, usedVehicles } from './search.ts';
import { solve } from './solve.ts';
import { check, randomProblem } from './test-problems.ts';

function subsets(k: number, max: number): number[][] {
  const out: number[][] = [];
  const walk = (from: number, cur: number[]) => {
    if (cur.length > 0) out.push(cur.slice());
    if (cur.length === max) return;
    for (let q = from; q < k; q++) walk(q + 1, [...cur, q]);
  };
  walk(0, []);
  return out;
}

function startingState(seed: number, n: number) {
  const p = randomProblem(seed, n);
  const c = compile(p);
  const rng = new Rng(seed);
  const s: State = {
    routes: Array.from({ length: c.m }, (_, v) => buildRoute(c, v, [])),
    absent: Array.from({ length: c.n }, (_, j) => j),
  };
  recreate(c, s, rng, true);
  return { p, c, rng, s };
}

describe('DP-2 route minimisation (ejection pool)', () => {
  test('the ejection found has the least penalty sum among all feasible ejections (brute force)', () => {
    let compared = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { c, rng, s } = startingState(seed, 24);
      const pen = Float64Array.from({ length: c.n }, () => 1 + rng.int(5));
      // A job taken out of its route, to be forced back into some other route.
      const from = s.routes.find((r) => r.jobs.length > 0);
      if (!from) continue;
      const j = from.jobs[0] as number;
      s.routes[from.v] = buildRoute(c, from.v, from.jobs.slice(1));
      let brute = Number.POSITIVE_INFINITY;
      for (const r of s.routes) {
        if (r.jobs.length === 0 || r.v === from.v) continue;
        for (const out of subsets(r.jobs.length, MAX_EJECT)) {
          const kept = r.jobs.filter((_, q) => !out.includes(q));
          for (let at = 0; at <= kept.length; at++) {
            const next = kept.slice();
            next.splice(at, 0, j);
            if (!buildRoute(c, r.v, next).feasible) continue;
            brute = Math.min(
              brute,
              out.reduce((a, q) => a + (pen[r.jobs[q] as number] as number), 0),
            );
          }
        }
      }
      // Keep only the other routes in play, so the brute force saw the same choices.
      const own = s.routes[from.v];
      s.routes[from.v] = buildRoute(c, from.v, []);
      const e = bestEjection(c, s, j, pen);
      s.routes[from.v] = own as (typeof s.routes)[number];
      if (brute === Number.POSITIVE_INFINITY) {
        assert.equal(e, null, `seed ${seed}: no feasible ejection exists`);
        continue;
      }
      assert.ok(e, `seed ${seed}: an ejection exists`);
      assert.equal(e.score, brute, `seed ${seed}`);
      const pool: number[] = [];
      const before = s.routes[e.v]?.jobs.length ?? 0;
      applyEjection(c, s, j, e, pool);
      const after = s.routes[e.v];
      assert.ok(after?.feasible, `seed ${seed}: route after the ejection is feasible`);
      assert.equal(pool.length, e.out.length);
      assert.equal(after.jobs.length, before - e.out.length + 1);
      assert.ok(after.jobs.includes(j));
      compared++;
    }
    assert.ok(compared >= 10, `only ${compared} cases compared`);
  });

  test('bestInsertion only proposes feasible positions', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { c, s } = startingState(seed, 20);
      for (let j = 0; j < c.n; j++) {
        const r = s.routes.find((x) => x.jobs.includes(j));
        if (!r) continue;
        s.routes[r.v] = buildRoute(
          c,
          r.v,
          r.jobs.filter((x) => x !== j),
        );
        const ins = bestInsertion(c, s, j);
        if (ins) {
          const jobs = (s.routes[ins.v] as (typeof s.routes)[number]).jobs.slice();
          jobs.splice(ins.at, 0, j);
          assert.ok(buildRoute(c, ins.v, jobs).feasible, `seed ${seed} job ${j}`);
        }
        s.routes[r.v] = r;
      }
    }
  });

  test('deleteRoute returns a feasible solution with fewer vehicles, every job placed once', () => {
    let reduced = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { c, rng, s } = startingState(seed, 30);
      let ticks = 0;
      const pen = new Float64Array(c.n).fill(1);
      const out = deleteRoute(
        c,
        s,
        rng,
        pen,
        () => ticks > 1000,
        () => ticks++,
      );
      if (!out) continue;
      reduced++;
      assert.ok(usedVehicles(out) < usedVehicles(s), `seed ${seed}`);
      assert.ok(
        out.routes.every((r) => r.feasible),
        `seed ${seed}`,
      );
      const placed = out.routes.flatMap((r) => r.jobs).sort((a, b) => a - b);
      assert.deepEqual(
        placed,
        s.routes.flatMap((r) => r.jobs).sort((a, b) => a - b),
        `seed ${seed}`,
      );
    }
    assert.ok(reduced >= 6, `a greedy start should be reducible; reduced ${reduced}/12`);
  });

  test('the fleet phase only ever returns solutions that pass the independent check', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const p = randomProblem(seed, 40, { skills: seed % 2 === 0, multi: seed % 3 === 0 });
      const s = solve(p, { seed, maxIterations: 600, fleetShare: 0.9 });
      assert.deepEqual(check(p, s), [], `seed ${seed}`);
      assert.equal(s.unassigned.filter((u) => u.reason === 'no_room').length, 0, `seed ${seed}`);
    }
  });
});
