/**
 * Ruin and recreate with string removals (after Christiaens & Vanden Berghe's SISR, 2020):
 * remove strings of consecutive jobs from routes near a random seed job, reinsert the removed
 * jobs greedily in a randomly chosen order with "blinks" (each position skipped with a small
 * probability), and accept by simulated annealing. The fleet-minimisation phase that comes first
 * for the hierarchical objective is in route-min.ts and uses ruin/recreate as its perturbation.
 */
import { type Compiled, compatible } from './instance.ts';
import type { Rng } from './rng.ts';
import { buildRoute, insertionCost, type Route } from './route.ts';

export interface State {
  routes: Route[];
  absent: number[];
}

/** Tuning (SISR's published defaults where they apply). */
export const PARAMS = {
  /** Average number of jobs removed per ruin. */
  avgRemoved: 10,
  /** Longest string removed from one route. */
  maxString: 10,
  /** Probability of skipping a position during recreate. */
  blink: 0.01,
  /** Split-string: chance to keep one more job inside the removed string. */
  splitDepth: 0.01,
};

/** Routes' cost plus the left-out jobs' penalties. */
export function stateCost(c: Compiled, s: State): number {
  let cost = 0;
  for (const r of s.routes) cost += r.cost;
  for (const j of s.absent) cost += c.penalty[j] as number;
  return cost;
}

export function usedVehicles(s: State): number {
  let n = 0;
  for (const r of s.routes) if (r.jobs.length > 0) n++;
  return n;
}

export function copyState(s: State): State {
  return { routes: s.routes.slice(), absent: s.absent.slice() };
}

/** Removes strings of jobs from routes near a seed job (SISR ruin); random unless `around` is given. */
export function ruin(c: Compiled, s: State, rng: Rng, around = -1): void {
  const used = s.routes.filter((r) => r.jobs.length > 0);
  if (used.length === 0) return;
  const where = new Int32Array(c.n).fill(-1);
  let placed = 0;
  for (const r of used) {
    for (const j of r.jobs) where[j] = r.v;
    placed += r.jobs.length;
  }
  if (placed === 0) return;
  const lsMax = Math.min(PARAMS.maxString, placed / used.length);
  const ksMax = (4 * PARAMS.avgRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(rng.next() * ksMax) + 1;
  let seed = around >= 0 ? around : rng.int(c.n);
  for (let tries = 0; around < 0 && where[seed] === -1 && tries < 2 * c.n; tries++) seed = rng.int(c.n);
  if (around < 0 && where[seed] === -1) return;
  const ruined = new Set<number>();
  const removed: number[] = [];
  const near = c.near[seed] as Int32Array;
  for (let i = -1; i < near.length && ruined.size < ks; i++) {
    const j = i < 0 ? seed : (near[i] as number);
    const v = where[j] as number;
    if (v < 0 || ruined.has(v)) continue;
    const r = s.routes[v] as Route;
    const lMax = Math.min(r.jobs.length, lsMax);
    const l = Math.floor(rng.next() * lMax) + 1;
    const kept = removeString(r.jobs, r.jobs.indexOf(j), l, rng, removed);
    for (const x of removed) where[x] = -1;
    s.routes[v] = buildRoute(c, v, kept);
    ruined.add(v);
  }
  for (const x of removed) s.absent.push(x);
}

/**
 * Takes a string of length l containing position pos out of `jobs` (pushing them to `out`); half
 * the time a split string: a longer string of which m consecutive jobs stay.
 */
function removeString(jobs: number[], pos: number, l: number, rng: Rng, out: number[]): number[] {
  const k = jobs.length;
  let m = 0;
  if (rng.next() < 0.5 && l < k) {
    m = 1;
    while (l + m < k && rng.next() > PARAMS.splitDepth) m++;
  }
  const span = l + m;
  // The string's first position: span positions containing pos, inside the route.
  const lo = Math.max(0, pos - span + 1);
  const hi = Math.min(pos, k - span);
  const first = lo + rng.int(hi - lo + 1);
  const keepFrom = m > 0 ? first + rng.int(l + 1) : -1;
  const kept: number[] = [];
  for (let p = 0; p < k; p++) {
    const inString = p >= first && p < first + span;
    const inKept = m > 0 && p >= keepFrom && p < keepFrom + m;
    if (inString && !inKept) out.push(jobs[p] as number);
    else kept.push(jobs[p] as number);
  }
  return kept;
}

/** Fisher-Yates in place. */
export function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [a[i], a[k]] = [a[k] as number, a[i] as number];
  }
}

/** Orders the left-out jobs for reinsertion (SISR: random, demand, far, close; plus window end). */
export function sortAbsent(c: Compiled, s: State, rng: Rng, depotLoc: number): void {
  const a = s.absent;
  // Shuffle first, so ties are broken at random.
  shuffle(a, rng);
  const pick = rng.int(13);
  const d = (j: number) => c.dist[depotLoc * c.L + (c.loc[j] as number)] as number;
  const due = (j: number) => c.winE[(c.winOff[j + 1] as number) - 1] as number;
  if (pick < 4) return;
  if (pick < 8) a.sort((x, y) => (c.demand[y] as number) - (c.demand[x] as number));
  else if (pick < 10) a.sort((x, y) => d(y) - d(x));
  else if (pick < 11) a.sort((x, y) => d(x) - d(y));
  else a.sort((x, y) => due(x) - due(y));
}

/**
 * Greedy reinsertion with blinks: each left-out job goes to its cheapest feasible position;
 * empty vehicles are tried (one per interchangeable class) only when `openNew`. Jobs that fit
 * nowhere stay left out.
 */
export function recreate(c: Compiled, s: State, rng: Rng, openNew: boolean): void {
  const left: number[] = [];
  for (const j of s.absent) {
    let bestCost = Number.POSITIVE_INFINITY;
    let bestV = -1;
    let bestP = -1;
    let triedClasses = 0;
    const need = (c.demand[j] as number) - 1e-9;
    for (const r of s.routes) {
      const v = r.v;
      if (r.jobs.length === 0) {
        if (!openNew) continue;
        const bit = 1 << ((c.vClass[v] as number) % 31);
        if (triedClasses & bit) continue;
        triedClasses |= bit;
      }
      if (r.load + need > (c.cap[v] as number) || !compatible(c, v, j)) continue;
      for (let p = 0; p <= r.jobs.length; p++) {
        if (rng.next() < PARAMS.blink) continue;
        const cost = insertionCost(c, r, j, p);
        if (cost < bestCost) {
          bestCost = cost;
          bestV = v;
          bestP = p;
        }
      }
    }
    if (bestV < 0) {
      left.push(j);
      continue;
    }
    const r = s.routes[bestV] as Route;
    const jobs = r.jobs.slice();
    jobs.splice(bestP, 0, j);
    s.routes[bestV] = buildRoute(c, bestV, jobs);
  }
  s.absent = left;
}
