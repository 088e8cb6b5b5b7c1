/**
 * Granular local search on a complete solution: for each job u and its nearest jobs w, relocate u
 * next to w (in w's route or, when they share one, within it), exchange route tails so that u is
 * followed by w (2-opt*), or swap u and w between their routes (moves.ts).
 * Every test is O(1) from the routes' forward earliest starts and backward latest starts (time
 * windows), prefix loads (capacity) and the distance matrix; first improvement is applied and the
 * two routes rebuilt. With soft deadlines the candidate routes are built and costed in full.
 */
import { type Compiled, compatible, earliestStart } from './instance.ts';
import { moveWithin, swapBetween } from './moves.ts';
import type { Rng } from './rng.ts';
import { buildRoute, insertionCost, type Route } from './route.ts';
import type { State } from './search.ts';

/** How many nearest jobs each job looks at. */
export const GRANULARITY = 20;
const EPS = 1e-7;

export function localSearch(c: Compiled, s: State, rng: Rng): void {
  const where = new Int32Array(c.n).fill(-1);
  const pos = new Int32Array(c.n);
  const index = (r: Route) => {
    r.jobs.forEach((j, p) => {
      where[j] = r.v;
      pos[j] = p + 1;
    });
  };
  for (const r of s.routes) index(r);
  const order = Array.from({ length: c.n }, (_, i) => i).filter((j) => (where[j] as number) >= 0);
  for (let i = order.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [order[i], order[k]] = [order[k] as number, order[i] as number];
  }
  const replace = (a: Route, b: Route) => {
    s.routes[a.v] = a;
    s.routes[b.v] = b;
    index(a);
    index(b);
  };
  let improved = true;
  for (let pass = 0; improved && pass < 20; pass++) {
    improved = false;
    for (const u of order) {
      const near = c.near[u] as Int32Array;
      const lim = Math.min(GRANULARITY, near.length);
      for (let i = 0; i < lim; i++) {
        const w = near[i] as number;
        const vu = where[u] as number;
        const vw = where[w] as number;
        if (vw < 0 || vu < 0) continue;
        const ru = s.routes[vu] as Route;
        if (vu === vw) {
          const pw = pos[w] as number;
          const within =
            moveWithin(c, ru, pos[u] as number, pw) ?? moveWithin(c, ru, pos[u] as number, pw - 1);
          if (within) {
            s.routes[vu] = within;
            index(within);
            improved = true;
          }
          continue;
        }
        const rw = s.routes[vw] as Route;
        const moved = relocate(c, ru, rw, u, pos[u] as number, pos[w] as number);
        if (moved) {
          replace(moved[0], moved[1]);
          where[u] = vw;
          improved = true;
          continue;
        }
        const crossed =
          twoOptStar(c, ru, rw, pos[u] as number, pos[w] as number) ??
          swapBetween(c, ru, rw, pos[u] as number, pos[w] as number);
        if (crossed) {
          replace(crossed[0], crossed[1]);
          improved = true;
        }
      }
    }
  }
}

function d(c: Compiled, a: number, b: number): number {
  return c.dist[a * c.L + b] as number;
}

function svcAt(c: Compiled, r: Route, p: number): number {
  return p === 0 || p > r.jobs.length ? 0 : (c.svc[r.jobs[p - 1] as number] as number);
}

/** Moves u (at pu in ru) just before or after w (at pw in rw) when that lowers the cost. */
function relocate(
  c: Compiled,
  ru: Route,
  rw: Route,
  u: number,
  pu: number,
  pw: number,
): [Route, Route] | null {
  if (rw.load + (c.demand[u] as number) > (c.cap[rw.v] as number) + 1e-9 || !compatible(c, rw.v, u))
    return null;
  if (rw.jobs.length === 0) return null;
  const prev = ru.locs[pu - 1] as number;
  const next = ru.locs[pu + 1] as number;
  const lu = ru.locs[pu] as number;
  // Taking u out: the successor is reached earlier, which never hurts its window.
  const arr = (ru.es[pu - 1] as number) + svcAt(c, ru, pu - 1) + (c.time[prev * c.L + next] as number);
  if (arr > (ru.ls[pu + 1] as number) + 1e-9) return null;
  let gain = d(c, prev, lu) + d(c, lu, next) - d(c, prev, next);
  if (ru.jobs.length === 1) gain += c.fixed[ru.v] as number;
  for (const p of [pw - 1, pw]) {
    const add = insertionCost(c, rw, u, p);
    if (add === Number.POSITIVE_INFINITY) continue;
    if (!c.hasDeadlines && add < gain - EPS) return apply(c, ru, rw, u, pu, p);
    if (c.hasDeadlines && add < gain + 1e-9) {
      const [a, b] = apply(c, ru, rw, u, pu, p);
      if (a.feasible && b.feasible && a.cost + b.cost < ru.cost + rw.cost - EPS) return [a, b];
    }
  }
  return null;
}

function apply(c: Compiled, ru: Route, rw: Route, u: number, pu: number, after: number): [Route, Route] {
  const a = ru.jobs.slice();
  a.splice(pu - 1, 1);
  const b = rw.jobs.slice();
  b.splice(after, 0, u);
  return [buildRoute(c, ru.v, a), buildRoute(c, rw.v, b)];
}

/**
 * 2-opt*: ru keeps its head up to u and takes rw's tail from w; rw keeps its head before w and
 * takes ru's tail after u. Only between interchangeable vehicles (same end, shift, capacity, skills).
 */
function twoOptStar(c: Compiled, ru: Route, rw: Route, pu: number, pw: number): [Route, Route] | null {
  if (c.vClass[ru.v] !== c.vClass[rw.v]) return null;
  const L = c.L;
  const lu = ru.locs[pu] as number;
  const lw = rw.locs[pw] as number;
  const afterU = ru.locs[pu + 1] as number;
  const beforeW = rw.locs[pw - 1] as number;
  const delta = d(c, lu, lw) + d(c, beforeW, afterU) - d(c, lu, afterU) - d(c, beforeW, lw);
  if (delta > -EPS && !c.hasDeadlines) return null;
  const cap = c.cap[ru.v] as number;
  if ((ru.cum[pu] as number) + rw.load - (rw.cum[pw - 1] as number) > cap + 1e-9) return null;
  if ((rw.cum[pw - 1] as number) + ru.load - (ru.cum[pu] as number) > cap + 1e-9) return null;
  const svcU = svcAt(c, ru, pu);
  const startW = earliestStart(
    c,
    rw.jobs[pw - 1] as number,
    (ru.es[pu] as number) + svcU + (c.time[lu * L + lw] as number),
  );
  if (startW < 0 || startW > (rw.ls[pw] as number) + 1e-9) return null;
  const arrAfter =
    (rw.es[pw - 1] as number) + svcAt(c, rw, pw - 1) + (c.time[beforeW * L + afterU] as number);
  if (arrAfter > (ru.ls[pu + 1] as number) + 1e-9) return null;
  // Moving a tail would carry locked jobs to another vehicle.
  if (c.hasLocks) return null;
  const a = buildRoute(c, ru.v, [...ru.jobs.slice(0, pu), ...rw.jobs.slice(pw - 1)]);
  const b = buildRoute(c, rw.v, [...rw.jobs.slice(0, pw - 1), ...ru.jobs.slice(pu)]);
  if (c.hasDeadlines && !(a.feasible && b.feasible && a.cost + b.cost < ru.cost + rw.cost - EPS)) return null;
  return [a, b];
}
