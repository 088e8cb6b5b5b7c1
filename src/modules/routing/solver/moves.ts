/**
 * The local-search moves beside relocate and 2-opt* (local-search.ts): moving a job inside its own
 * route (or-opt of one job, which long routes need most: a few vehicles serving thirty jobs each)
 * and exchanging two jobs between routes. The distance change is computed first; windows are then
 * checked from the route's cached earliest and latest starts, walking only the stretch of the route
 * that the move shifts; only a move that passes both pays for rebuilding the route(s). With soft
 * deadlines the rebuilt routes' full cost decides.
 */
import { type Compiled, compatible, earliestStart } from './instance.ts';
import { buildRoute, type Route } from './route.ts';

const EPS = 1e-7;

function d(c: Compiled, a: number, b: number): number {
  return c.dist[a * c.L + b] as number;
}

/** A walk along a route from a position whose service start is known, visiting jobs in turn. */
class Walk {
  t = 0;
  loc = 0;
  svc = 0;
  ok = true;
  constructor(
    private readonly c: Compiled,
    r: Route,
    p: number,
  ) {
    this.t = r.es[p] as number;
    this.loc = r.locs[p] as number;
    this.svc = p === 0 ? 0 : (c.svc[r.jobs[p - 1] as number] as number);
  }
  visit(j: number): void {
    if (!this.ok) return;
    const c = this.c;
    const lj = c.loc[j] as number;
    const s = earliestStart(c, j, this.t + this.svc + (c.time[this.loc * c.L + lj] as number));
    if (s < 0) this.ok = false;
    this.t = s;
    this.loc = lj;
    this.svc = c.svc[j] as number;
  }
  /** Whether position q of r (and so the rest of r) is still reached in time. */
  reaches(r: Route, q: number): boolean {
    const c = this.c;
    return (
      this.ok &&
      this.t + this.svc + (c.time[this.loc * c.L + (r.locs[q] as number)] as number) <=
        (r.ls[q] as number) + 1e-9
    );
  }
}

/** Moves the job at pu to just after position `after` (0 = route start) in the same route. */
export function moveWithin(c: Compiled, r: Route, pu: number, after: number): Route | null {
  if (after === pu || after === pu - 1) return null;
  const l = r.locs;
  const lu = l[pu] as number;
  const removeGain =
    d(c, l[pu - 1] as number, lu) +
    d(c, lu, l[pu + 1] as number) -
    d(c, l[pu - 1] as number, l[pu + 1] as number);
  // Positions `after` and `after + 1` are neighbours once u is gone (u is neither of them).
  const a = l[after] as number;
  const b = l[after + 1] as number;
  const addCost = d(c, a, lu) + d(c, lu, b) - d(c, a, b);
  if (addCost - removeGain > -EPS && !c.hasDeadlines) return null;
  const u = r.jobs[pu - 1] as number;
  if (!c.hasDeadlines) {
    // Earlier: start after `after`, u, then the jobs up to u's old place, then pu+1 onwards.
    // Later: start before u, the jobs after it up to `after`, then u, then after+1 onwards.
    const w = new Walk(c, r, after < pu ? after : pu - 1);
    if (after < pu) {
      w.visit(u);
      for (let q = after + 1; q < pu; q++) w.visit(r.jobs[q - 1] as number);
    } else {
      for (let q = pu + 1; q <= after; q++) w.visit(r.jobs[q - 1] as number);
      w.visit(u);
    }
    if (!w.reaches(r, after < pu ? pu + 1 : after + 1)) return null;
  }
  const jobs = r.jobs.slice();
  jobs.splice(pu - 1, 1);
  jobs.splice(after < pu ? after : after - 1, 0, u);
  const next = buildRoute(c, r.v, jobs);
  return next.feasible && next.cost < r.cost - EPS ? next : null;
}

/** Whether job x can take the place of the job at p in r, as far as windows go. */
function fitsInstead(c: Compiled, r: Route, p: number, x: number): boolean {
  const w = new Walk(c, r, p - 1);
  w.visit(x);
  return w.reaches(r, p + 1);
}

/** Exchanges the job at pu in ru with the job at pw in rw (different routes). */
export function swapBetween(
  c: Compiled,
  ru: Route,
  rw: Route,
  pu: number,
  pw: number,
): [Route, Route] | null {
  const u = ru.jobs[pu - 1] as number;
  const w = rw.jobs[pw - 1] as number;
  if (!compatible(c, rw.v, u) || !compatible(c, ru.v, w)) return null;
  const du = c.demand[u] as number;
  const dw = c.demand[w] as number;
  if (ru.load - du + dw > (c.cap[ru.v] as number) + 1e-9) return null;
  if (rw.load - dw + du > (c.cap[rw.v] as number) + 1e-9) return null;
  const lu = ru.locs[pu] as number;
  const lw = rw.locs[pw] as number;
  const ua = ru.locs[pu - 1] as number;
  const ub = ru.locs[pu + 1] as number;
  const wa = rw.locs[pw - 1] as number;
  const wb = rw.locs[pw + 1] as number;
  const delta =
    d(c, ua, lw) +
    d(c, lw, ub) -
    d(c, ua, lu) -
    d(c, lu, ub) +
    d(c, wa, lu) +
    d(c, lu, wb) -
    d(c, wa, lw) -
    d(c, lw, wb);
  if (!c.hasDeadlines && (delta > -EPS || !fitsInstead(c, ru, pu, w) || !fitsInstead(c, rw, pw, u)))
    return null;
  const ju = ru.jobs.slice();
  ju[pu - 1] = w;
  const jw = rw.jobs.slice();
  jw[pw - 1] = u;
  const a = buildRoute(c, ru.v, ju);
  if (!a.feasible) return null;
  const b = buildRoute(c, rw.v, jw);
  if (!b.feasible || a.cost + b.cost > ru.cost + rw.cost - EPS) return null;
  return [a, b];
}
