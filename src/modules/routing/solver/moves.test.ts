/**
 * DP-2 solver pieces beside relocate and 2-opt*: the intra-route move and the swap agree with
 * rebuilding the routes (they never accept an infeasible or a more expensive result, and they find
 * the improving feasible ones the distance test lets through), and the population's route exchange
 * yields children that serve every job exactly once, feasibly, within the fleet.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from './instance.ts';
import { moveWithin, swapBetween } from './moves.ts';
import { Population, routeExchange } from './population.ts';
import { Rng } from './rng.ts';
import { buildRoute } from './route.ts';
import { recreate, ruin, type State, stateCost, usedVehicles } from './search.ts';
import { randomProblem } from './test-problems.ts';

function greedy(
  seed: number,
  n: number,
  multi = false,
): { c: ReturnType<typeof compile>; s: State; rng: Rng } {
  const c = compile(randomProblem(seed, n, { multi }));
  const rng = new Rng(seed);
  const s: State = {
    routes: Array.from({ length: c.m }, (_, v) => buildRoute(c, v, [])),
    absent: Array.from({ length: c.n }, (_, j) => j),
  };
  recreate(c, s, rng, true);
  return { c, s, rng };
}

describe('DP-2 solver moves and population', () => {
  test('intra-route relocate: accepted moves are feasible and cheaper; refused improving ones are infeasible', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { c, s } = greedy(seed, 25, seed % 2 === 0);
      for (const r of s.routes) {
        const k = r.jobs.length;
        for (let pu = 1; pu <= k; pu++) {
          for (let after = 0; after <= k; after++) {
            if (after === pu || after === pu - 1) continue;
            const got = moveWithin(c, r, pu, after);
            const jobs = r.jobs.slice();
            const [u] = jobs.splice(pu - 1, 1);
            jobs.splice(after < pu ? after : after - 1, 0, u as number);
            const full = buildRoute(c, r.v, jobs);
            const better = full.feasible && full.cost < r.cost - 1e-7;
            assert.equal(got !== null, better, `seed ${seed} route ${r.v} ${pu}→${after}`);
            if (got) {
              assert.deepEqual(got.jobs, jobs);
              accepted++;
            }
          }
        }
      }
    }
    assert.ok(accepted > 0, 'some greedy route can be improved from within');
  });

  test('swap between routes: agrees with rebuilding both routes', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { c, s } = greedy(seed, 25, seed % 2 === 0);
      const used = s.routes.filter((r) => r.jobs.length > 0);
      for (const ru of used) {
        for (const rw of used) {
          if (ru.v >= rw.v) continue;
          for (let pu = 1; pu <= ru.jobs.length; pu++) {
            for (let pw = 1; pw <= rw.jobs.length; pw++) {
              const got = swapBetween(c, ru, rw, pu, pw);
              const ju = ru.jobs.slice();
              const jw = rw.jobs.slice();
              ju[pu - 1] = rw.jobs[pw - 1] as number;
              jw[pw - 1] = ru.jobs[pu - 1] as number;
              const a = buildRoute(c, ru.v, ju);
              const b = buildRoute(c, rw.v, jw);
              const better = a.feasible && b.feasible && a.cost + b.cost < ru.cost + rw.cost - 1e-7;
              assert.equal(got !== null, better, `seed ${seed} ${ru.v}:${pu} ⇄ ${rw.v}:${pw}`);
              if (got) accepted++;
            }
          }
        }
      }
    }
    assert.ok(accepted > 0);
  });

  test('route exchange: every job once, every route feasible, no more vehicles than allowed', () => {
    let children = 0;
    for (let seed = 1; seed <= 15; seed++) {
      const { c, s: a, rng } = greedy(seed, 30);
      const b: State = { routes: a.routes.slice(), absent: a.absent.slice() };
      ruin(c, b, rng);
      recreate(c, b, rng, true);
      if (b.absent.length > a.absent.length) continue;
      const fleet = Math.max(usedVehicles(a), usedVehicles(b));
      for (let k = 0; k < 10; k++) {
        const child = routeExchange(c, a, b, rng, fleet, false);
        if (!child) continue;
        children++;
        const placed = child.routes.flatMap((r) => r.jobs).sort((x, y) => x - y);
        assert.deepEqual(
          [...placed, ...child.absent].sort((x, y) => x - y),
          Array.from({ length: c.n }, (_, j) => j),
        );
        assert.ok(child.absent.length <= b.absent.length);
        assert.ok(child.routes.every((r) => r.feasible));
        assert.ok(usedVehicles(child) <= fleet);
      }
    }
    assert.ok(children > 0, 'some exchanges succeed');
  });

  test('population: clones are refused, survivors are trimmed, the best is kept', () => {
    const { c, s, rng } = greedy(3, 30);
    const pop = new Population(c);
    pop.add(s);
    pop.add({ routes: s.routes.slice(), absent: s.absent.slice() });
    assert.equal(pop.members.length, 1, 'an identical solution is a clone');
    let best = stateCost(c, s);
    for (let k = 0; k < 40; k++) {
      const next: State = { routes: s.routes.slice(), absent: s.absent.slice() };
      ruin(c, next, rng);
      recreate(c, next, rng, true);
      best = Math.min(best, stateCost(c, next));
      pop.add(next);
    }
    assert.ok(pop.members.length < 20);
    assert.equal(stateCost(c, pop.best()), best);
  });
});
