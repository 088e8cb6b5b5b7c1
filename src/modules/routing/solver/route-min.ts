/**
 * Route minimisation with an ejection pool (after Nagata & Bräysy, "A powerful route minimization
 * heuristic for the vehicle routing problem with time windows", 2009): take one route out, put its
 * jobs in a pool, and re-insert them one at a time into the remaining routes. A job that fits
 * nowhere is forced in by ejecting a few jobs from one route; which ones is decided by how often
 * each job has itself failed to fit (its "penalty" counter), so the hard jobs get placed and the
 * easy ones move around them. Random feasible perturbations between insertions diversify the
 * routes. Every intermediate solution stays feasible; the fleet shrinks only when the pool empties.
 */
import { type Compiled, compatible, earliestStart, latestStart } from './instance.ts';
import type { Rng } from './rng.ts';
import { buildRoute, insertionCost, type Route } from './route.ts';
import { copyState, recreate, ruin, type State, shuffle, usedVehicles } from './search.ts';

/** Most jobs ejected from one route to make room for one job from the pool. */
export const MAX_EJECT = 3;
/** Ejection subsets examined per route before settling for the best found so far. */
const SUBSET_CAP = 4000;
/** Neighbourhood ruin-and-recreate attempts before resorting to an ejection. */
export const SQUEEZE_TRIES = 3;

function tryTimes<T>(n: number, f: () => T | null): T | null {
  for (let i = 0; i < n; i++) {
    const got = f();
    if (got) return got;
  }
  return null;
}

export interface Ejection {
  v: number;
  /** Positions (0-based in the route's job list) of the ejected jobs, ascending. */
  out: number[];
  /** Where the incoming job goes in the route left after the ejection. */
  at: number;
  /** Sum of the ejected jobs' penalty counters (lower is better), then the distance change. */
  score: number;
  delta: number;
}

/** The cheapest feasible insertion of j into any used route, or null. */
export function bestInsertion(c: Compiled, s: State, j: number): { v: number; at: number } | null {
  let best = Number.POSITIVE_INFINITY;
  let found: { v: number; at: number } | null = null;
  const need = c.demand[j] as number;
  for (const r of s.routes) {
    if (r.jobs.length === 0 || r.load + need > (c.cap[r.v] as number) + 1e-9 || !compatible(c, r.v, j))
      continue;
    for (let p = 0; p <= r.jobs.length; p++) {
      const cost = insertionCost(c, r, j, p);
      if (cost < best) {
        best = cost;
        found = { v: r.v, at: p };
      }
    }
  }
  return found;
}

/**
 * The ejection of at most MAX_EJECT unlocked jobs from one used route that lets j in with the
 * smallest sum of penalty counters (ties: the smaller distance change). Subsets are enumerated in
 * lexicographic order and pruned as soon as their counter sum cannot beat the best found.
 */
export function bestEjection(c: Compiled, s: State, j: number, pen: Float64Array): Ejection | null {
  let best: Ejection | null = null;
  const need = c.demand[j] as number;
  for (const r of s.routes) {
    if (r.jobs.length === 0 || !compatible(c, r.v, j)) continue;
    const k = r.jobs.length;
    const chosen: number[] = [];
    let examined = 0;
    const visit = (from: number, sum: number, freed: number): void => {
      if (examined >= SUBSET_CAP) return;
      if (chosen.length > 0 && r.load - freed + need <= (c.cap[r.v] as number) + 1e-9) {
        examined++;
        tryEjection(c, r, j, chosen, sum, (e) => {
          if (!best || e.score < best.score || (e.score === best.score && e.delta < best.delta)) best = e;
        });
      }
      if (chosen.length >= MAX_EJECT) return;
      for (let q = from; q < k; q++) {
        const job = r.jobs[q] as number;
        if ((c.locked[job] as number) >= 0) continue;
        const next = sum + (pen[job] as number);
        if (best && next > (best as Ejection).score) continue;
        chosen.push(q);
        visit(q + 1, next, freed + (c.demand[job] as number));
        chosen.pop();
      }
    };
    visit(0, 0, 0);
  }
  return best;
}

/** Scratch space for evaluating an ejection without building routes (the hot loop of this phase). */
const scratch = {
  locs: new Int32Array(0),
  es: new Float64Array(0),
  ls: new Float64Array(0),
  jobs: new Int32Array(0),
};

function ensureScratch(size: number): void {
  if (scratch.locs.length >= size) return;
  scratch.locs = new Int32Array(size * 2);
  scratch.es = new Float64Array(size * 2);
  scratch.ls = new Float64Array(size * 2);
  scratch.jobs = new Int32Array(size * 2);
}

/**
 * Route r without the jobs at positions `out`, then j at its cheapest feasible position: forward
 * earliest and backward latest starts of the reduced route, then the O(1) insertion test per
 * position (as `insertionCost`, distance only: lateness does not decide an ejection).
 */
function tryEjection(
  c: Compiled,
  r: Route,
  j: number,
  out: number[],
  score: number,
  take: (e: Ejection) => void,
): void {
  const L = c.L;
  ensureScratch(r.jobs.length + 3);
  const { locs, es, ls, jobs } = scratch;
  let k = 0;
  for (let q = 0; q < r.jobs.length; q++) if (!out.includes(q)) jobs[k++] = r.jobs[q] as number;
  locs[0] = c.vStart[r.v] as number;
  locs[k + 1] = c.vEnd[r.v] as number;
  for (let p = 0; p < k; p++) locs[p + 1] = c.loc[jobs[p] as number] as number;
  let t = c.shiftS[r.v] as number;
  es[0] = t;
  let svcPrev = 0;
  let dist = 0;
  for (let p = 1; p <= k + 1; p++) {
    const a = locs[p - 1] as number;
    const b = locs[p] as number;
    dist += c.dist[a * L + b] as number;
    const arr = t + svcPrev + (c.time[a * L + b] as number);
    if (p === k + 1) {
      if (arr > (c.shiftE[r.v] as number) + 1e-9) return;
      break;
    }
    const job = jobs[p - 1] as number;
    t = earliestStart(c, job, arr);
    if (t < 0) return;
    es[p] = t;
    svcPrev = c.svc[job] as number;
  }
  ls[k + 1] = c.shiftE[r.v] as number;
  for (let p = k; p >= 1; p--) {
    const job = jobs[p - 1] as number;
    const bound =
      (ls[p + 1] as number) - (c.time[(locs[p] as number) * L + (locs[p + 1] as number)] as number);
    ls[p] = latestStart(c, job, bound - (c.svc[job] as number));
  }
  const lj = c.loc[j] as number;
  let bestAt = -1;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let p = 0; p <= k; p++) {
    const a = locs[p] as number;
    const b = locs[p + 1] as number;
    const svcA = p === 0 ? 0 : (c.svc[jobs[p - 1] as number] as number);
    const st = earliestStart(c, j, (es[p] as number) + svcA + (c.time[a * L + lj] as number));
    if (st < 0) continue;
    if (st + (c.svc[j] as number) + (c.time[lj * L + b] as number) > (ls[p + 1] as number) + 1e-9) continue;
    const cost =
      (c.dist[a * L + lj] as number) + (c.dist[lj * L + b] as number) - (c.dist[a * L + b] as number);
    if (cost < bestCost) {
      bestCost = cost;
      bestAt = p;
    }
  }
  if (bestAt < 0) return;
  take({ v: r.v, out: out.slice(), at: bestAt, score, delta: dist + bestCost - r.dist });
}

/** Applies an ejection: the ejected jobs go to the pool, j into the route. */
export function applyEjection(c: Compiled, s: State, j: number, e: Ejection, pool: number[]): void {
  const r = s.routes[e.v] as Route;
  const kept: number[] = [];
  r.jobs.forEach((job, q) => {
    if (e.out.includes(q)) pool.push(job);
    else kept.push(job);
  });
  kept.splice(e.at, 0, j);
  s.routes[e.v] = buildRoute(c, e.v, kept);
}

function insertAt(c: Compiled, s: State, j: number, v: number, at: number): void {
  const jobs = (s.routes[v] as Route).jobs.slice();
  jobs.splice(at, 0, j);
  s.routes[v] = buildRoute(c, v, jobs);
}

/**
 * Ruin and recreate with the fleet fixed, kept only when every job found a place: a random
 * feasible restructuring, or (with j >= 0) room made for j around its own neighbourhood by ruining
 * the routes near it and recreating with j first (a cheap stand-in for Nagata-Bräysy's squeeze).
 */
function reshape(c: Compiled, s: State, rng: Rng, j = -1): State | null {
  const next = copyState(s);
  next.absent = [];
  ruin(c, next, rng, j);
  shuffle(next.absent, rng);
  if (j >= 0) next.absent.unshift(j);
  recreate(c, next, rng, false);
  if (next.absent.length > 0) return null;
  next.absent = s.absent;
  return next;
}

/** A used route without locked jobs, chosen at random; -1 when there is none. */
function pickRoute(c: Compiled, s: State, rng: Rng): number {
  const free = s.routes.filter((r) => r.jobs.length > 0 && !r.jobs.some((j) => (c.locked[j] as number) >= 0));
  if (free.length === 0) return -1;
  return (free[rng.int(free.length)] as Route).v;
}

/**
 * Tries to remove one route from a complete feasible solution. Returns the smaller solution, or
 * null when `stop()` says the budget is spent before the pool emptied.
 */
export function deleteRoute(
  c: Compiled,
  start: State,
  rng: Rng,
  pen: Float64Array,
  stop: () => boolean,
  tick: (s: State) => void,
): State | null {
  const v = pickRoute(c, start, rng);
  if (v < 0) return null;
  let s = copyState(start);
  const pool = (s.routes[v] as Route).jobs.slice();
  s.routes[v] = buildRoute(c, v, []);
  while (pool.length > 0) {
    if (stop()) return null;
    const j = pool.pop() as number;
    const ins = bestInsertion(c, s, j);
    const squeezed = ins ? null : tryTimes(SQUEEZE_TRIES, () => reshape(c, s, rng, j));
    if (ins) insertAt(c, s, j, ins.v, ins.at);
    else if (squeezed) s = squeezed;
    else {
      pen[j] = (pen[j] as number) + 1;
      const e = bestEjection(c, s, j, pen);
      if (!e) {
        pool.unshift(j);
        s = reshape(c, s, rng) ?? s;
        tick(s);
        continue;
      }
      applyEjection(c, s, j, e, pool);
    }
    s = reshape(c, s, rng) ?? s;
    tick(s);
  }
  return usedVehicles(s) < usedVehicles(start) ? s : null;
}
