/**
 * DP-2 solver entry: VRPTW with skills, capacities, several windows per job, soft deadlines and
 * priorities. Hierarchical: first place every job that can be placed, then (when `fleetShare` > 0)
 * use as few vehicles as possible, then minimise distance plus weighted lateness. Deterministic for
 * a seed and an iteration budget; a time limit stops earlier.
 */
import { type Compiled, compatible, compile } from './instance.ts';
import type { Problem, Solution, SolveOptions, UnplacedReason } from './model.ts';
import { annealer, evolve } from './population.ts';
import { Rng } from './rng.ts';
import { buildRoute } from './route.ts';
import { deleteRoute } from './route-min.ts';
import { recreate, type State, sortAbsent, usedVehicles } from './search.ts';

/** Why a job cannot be placed even in an empty route, or null when some vehicle could take it alone. */
export function preflight(c: Compiled, j: number): UnplacedReason | null {
  let skilled = false;
  let roomy = false;
  for (let v = 0; v < c.m; v++) {
    const need = c.skills[j] as number;
    if ((need & (c.vSkills[v] as number)) !== need) continue;
    skilled = true;
    if (!compatible(c, v, j)) continue;
    roomy = true;
    if (buildRoute(c, v, [j]).feasible) return null;
  }
  if (!skilled) return 'no_skilled_vehicle';
  return roomy ? 'window_unreachable' : 'over_capacity';
}

class Budget {
  private readonly t0 = performance.now();
  iterations = 0;
  constructor(
    private readonly timeLimitMs: number,
    private readonly maxIterations: number,
  ) {}
  /** 0…1 of the budget spent. */
  fraction(): number {
    const byTime = this.timeLimitMs > 0 ? (performance.now() - this.t0) / this.timeLimitMs : 0;
    const byIter = this.maxIterations > 0 ? this.iterations / this.maxIterations : 0;
    return Math.min(1, Math.max(byTime, byIter));
  }
  elapsed(): number {
    return performance.now() - this.t0;
  }
}

export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  const c = compile(problem);
  const rng = new Rng(options.seed ?? 1);
  const budget = new Budget(
    options.timeLimitMs ?? (options.maxIterations ? 0 : 1000),
    options.maxIterations ?? 0,
  );
  const fleetShare = options.fleetShare ?? 0.5;
  const depotLoc = c.m > 0 ? (c.vStart[0] as number) : 0;

  const reasons = new Map<number, UnplacedReason>();
  const placeable: number[] = [];
  for (let j = 0; j < c.n; j++) {
    const why = preflight(c, j);
    if (why) reasons.set(j, why);
    else placeable.push(j);
  }

  // Start: the given routes (kept where feasible), then everything else inserted greedily.
  let cur: State = { routes: Array.from({ length: c.m }, (_, v) => buildRoute(c, v, [])), absent: [] };
  const given = new Set<number>();
  options.initial?.forEach((jobs, v) => {
    if (v >= c.m) return;
    const ok = jobs.filter((j) => j >= 0 && j < c.n && !reasons.has(j) && !given.has(j));
    const r = buildRoute(c, v, ok);
    if (r.feasible) {
      cur.routes[v] = r;
      for (const j of ok) given.add(j);
    }
  });
  cur.absent = placeable.filter((j) => !given.has(j));
  sortAbsent(c, cur, rng, depotLoc);
  recreate(c, cur, rng, true);

  const report = (fraction: number, s: State) =>
    options.onProgress?.({
      fraction,
      vehicles: usedVehicles(s),
      distance: s.routes.reduce((a, r) => a + r.dist, 0),
      unassigned: s.absent.length + reasons.size,
      iterations: budget.iterations,
    });
  let lastReport = 0;
  const tick = (s: State) => {
    budget.iterations++;
    if ((budget.iterations & 255) === 0) {
      const f = budget.fraction();
      if (f - lastReport >= 0.02) {
        lastReport = f;
        report(f, s);
      }
    }
  };

  // Phase 1 (hierarchical objective): remove vehicles one at a time with an ejection pool while
  // every job stays placed; each success restarts from the smaller fleet.
  let best = cur;
  if (fleetShare > 0 && cur.absent.length === 0) {
    const totalDemand = placeable.reduce((a, j) => a + (c.demand[j] as number), 0);
    const lower = Math.max(1, Math.ceil(totalDemand / Math.max(...c.cap)));
    const spent = () => budget.fraction() >= fleetShare;
    while (!spent() && usedVehicles(best) > lower) {
      const pen = new Float64Array(c.n).fill(1);
      const smaller = deleteRoute(c, best, rng, pen, spent, tick);
      if (!smaller) break;
      best = smaller;
    }
    cur = best;
  }

  // Phase 2: a population-based search (population.ts) on cost (distance + lateness + fixed costs
  // + left-out penalties), each child educated by annealing whose temperature falls over the
  // remaining budget. With a fleet phase the fleet stays as found; otherwise vehicles may be opened.
  const openNew = fleetShare <= 0;
  const arcs = Math.max(1, placeable.length + usedVehicles(cur));
  const t0 = (0.1 * cur.routes.reduce((a, r) => a + r.dist, 0)) / arcs;
  const tf = t0 / 100;
  const start = budget.fraction();
  const temp = () => t0 * (tf / t0) ** ((budget.fraction() - start) / Math.max(1e-9, 1 - start));
  const educate = annealer(c, rng, depotLoc, temp, tick, openNew, () => budget.fraction() >= 1);
  best = evolve(c, cur, rng, educate, () => budget.fraction(), openNew);
  report(1, best);
  return present(best, reasons, budget);
}

function present(s: State, reasons: Map<number, UnplacedReason>, budget: Budget): Solution {
  const routes = s.routes
    .filter((r) => r.jobs.length > 0)
    .map((r) => ({
      vehicle: r.v,
      jobs: r.jobs.slice(),
      starts: Array.from(r.es.subarray(1, r.jobs.length + 1)),
      distance: r.dist,
      duration: (r.es[r.jobs.length + 1] as number) - (r.es[0] as number),
      load: r.load,
      lateness: r.late,
    }));
  const unassigned = [
    ...[...reasons].map(([job, reason]) => ({ job, reason })),
    ...s.absent.map((job) => ({ job, reason: 'no_room' as const })),
  ].sort((a, b) => a.job - b.job);
  return {
    routes,
    unassigned,
    vehicles: routes.length,
    distance: routes.reduce((a, r) => a + r.distance, 0),
    lateness: routes.reduce((a, r) => a + r.lateness, 0),
    iterations: budget.iterations,
    elapsed: budget.elapsed(),
  };
}
