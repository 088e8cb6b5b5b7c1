/**
 * One vehicle's route with the caches that make an insertion test O(1): for every position the
 * earliest service start (forward) and the latest service start that keeps the rest feasible
 * (backward). Position 0 is the vehicle's start, position k+1 its end. Routes are rebuilt, never
 * patched, so a solution can share unchanged routes with its copies.
 */
import { type Compiled, earliestStart, latestStart } from './instance.ts';

export interface Route {
  v: number;
  jobs: number[];
  /** Location per position (0 … k+1). */
  locs: Int32Array;
  es: Float64Array;
  ls: Float64Array;
  /** Load picked up through each position. */
  cum: Float64Array;
  load: number;
  dist: number;
  /** Weighted lateness past soft deadlines. */
  late: number;
  /** False when the jobs cannot be served in this order (a manual move may produce it). */
  feasible: boolean;
  /** Distance + lateness + fixed cost when used. */
  cost: number;
}

export function buildRoute(c: Compiled, v: number, jobs: number[]): Route {
  const k = jobs.length;
  const locs = new Int32Array(k + 2);
  const es = new Float64Array(k + 2);
  const ls = new Float64Array(k + 2);
  const cum = new Float64Array(k + 2);
  locs[0] = c.vStart[v] as number;
  locs[k + 1] = c.vEnd[v] as number;
  for (let p = 0; p < k; p++) locs[p + 1] = c.loc[jobs[p] as number] as number;
  const L = c.L;
  let feasible = true;
  let load = 0;
  let dist = 0;
  let late = 0;
  let t = c.shiftS[v] as number;
  es[0] = t;
  let svcPrev = 0;
  for (let p = 1; p <= k + 1; p++) {
    const a = locs[p - 1] as number;
    const b = locs[p] as number;
    dist += c.dist[a * L + b] as number;
    const arr = t + svcPrev + (c.time[a * L + b] as number);
    if (p === k + 1) {
      es[p] = arr;
      cum[p] = load;
      if (arr > (c.shiftE[v] as number) + 1e-9) feasible = false;
      break;
    }
    const j = jobs[p - 1] as number;
    load += c.demand[j] as number;
    cum[p] = load;
    let s = earliestStart(c, j, arr);
    if (s < 0) {
      feasible = false;
      s = arr;
    }
    es[p] = s;
    const fin = s + (c.svc[j] as number);
    const over = fin - (c.deadline[j] as number);
    if (over > 0) late += over * (c.lateW[j] as number);
    t = s;
    svcPrev = c.svc[j] as number;
  }
  if (load > (c.cap[v] as number) + 1e-9) feasible = false;
  ls[k + 1] = c.shiftE[v] as number;
  for (let p = k; p >= 1; p--) {
    const j = jobs[p - 1] as number;
    const bound =
      (ls[p + 1] as number) -
      (c.time[(locs[p] as number) * L + (locs[p + 1] as number)] as number) -
      (c.svc[j] as number);
    ls[p] = latestStart(c, j, bound);
  }
  ls[0] = (ls[1] as number) - (c.time[(locs[0] as number) * L + (locs[1] as number)] as number);
  const fixed = k > 0 ? (c.fixed[v] as number) : 0;
  return { v, jobs, locs, es, ls, cum, load, dist, late, feasible, cost: dist + late + fixed };
}

/**
 * The cost of inserting job j after position p (between p and p+1), or Infinity when infeasible.
 * Distance delta plus lateness delta (only simulated when the problem has soft deadlines).
 */
export function insertionCost(c: Compiled, r: Route, j: number, p: number): number {
  const L = c.L;
  const a = r.locs[p] as number;
  const b = r.locs[p + 1] as number;
  const lj = c.loc[j] as number;
  const svcA = p === 0 ? 0 : (c.svc[r.jobs[p - 1] as number] as number);
  const s = earliestStart(c, j, (r.es[p] as number) + svcA + (c.time[a * L + lj] as number));
  if (s < 0) return Number.POSITIVE_INFINITY;
  const arrNext = s + (c.svc[j] as number) + (c.time[lj * L + b] as number);
  if (arrNext > (r.ls[p + 1] as number) + 1e-9) return Number.POSITIVE_INFINITY;
  let delta = (c.dist[a * L + lj] as number) + (c.dist[lj * L + b] as number) - (c.dist[a * L + b] as number);
  if (r.jobs.length === 0) delta += c.fixed[r.v] as number;
  if (c.hasDeadlines) delta += latenessDelta(c, r, j, p, s, arrNext);
  return delta;
}

/** Lateness change when j starts at s after position p: j's own, then the knock-on on later jobs. */
function latenessDelta(c: Compiled, r: Route, j: number, p: number, s: number, arrNext: number): number {
  const L = c.L;
  let d = Math.max(0, s + (c.svc[j] as number) - (c.deadline[j] as number)) * (c.lateW[j] as number);
  let arr = arrNext;
  const k = r.jobs.length;
  for (let q = p + 1; q <= k; q++) {
    const job = r.jobs[q - 1] as number;
    const start = earliestStart(c, job, arr);
    const old = r.es[q] as number;
    if (start <= old + 1e-12) break;
    const dl = c.deadline[job] as number;
    const fin = c.svc[job] as number;
    d += (Math.max(0, start + fin - dl) - Math.max(0, old + fin - dl)) * (c.lateW[job] as number);
    arr = start + fin + (c.time[(r.locs[q] as number) * L + (r.locs[q + 1] as number)] as number);
  }
  return d;
}
