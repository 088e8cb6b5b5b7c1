/**
 * The distance phase as a small hybrid genetic search (after Vidal et al.'s HGS with advanced
 * diversity control, 2012, and Nagata's selective route exchange for VRPTW, 2010), written here for
 * the fixed fleet the vehicle phase leaves: a population of complete solutions, parents drawn by
 * binary tournament on biased fitness (cost rank plus diversity rank, the diversity contribution
 * being the mean broken-pairs distance to the closest few), a route-exchange crossover that keeps
 * each vehicle's identity (its skills, start and shift stay with it), education by a short
 * ruin-and-recreate annealing with local search, and survivor selection that removes clones first,
 * then the worst biased fitness. A giant-tour crossover with Split is not used: with tight windows
 * and a fleet fixed at its minimum, split tours rarely fit, while routes taken whole from a parent
 * are feasible by construction.
 */
import type { Compiled } from './instance.ts';
import { localSearch } from './local-search.ts';
import type { Rng } from './rng.ts';
import { buildRoute, type Route } from './route.ts';
import { copyState, recreate, ruin, type State, sortAbsent, stateCost, usedVehicles } from './search.ts';

export const HGS = {
  /** Population kept after survivor selection, and how many children before selection runs. */
  mu: 8,
  lambda: 12,
  /** Best solutions shielded from the diversity term; neighbours that define diversity. */
  elite: 2,
  close: 3,
  /** Generations (of mu + lambda educated solutions) the budget must afford for a population. */
  minGenerations: 1,
  /** Annealing iterations that educate each child. */
  education: 60,
};

interface Member {
  s: State;
  cost: number;
  /** Successor of each job (n = route end), for the broken-pairs distance. */
  succ: Int32Array;
  fit: number;
}

function successors(c: Compiled, s: State): Int32Array {
  const succ = new Int32Array(c.n).fill(-1);
  for (const r of s.routes) {
    for (let p = 0; p < r.jobs.length; p++)
      succ[r.jobs[p] as number] = (r.jobs[p + 1] as number | undefined) ?? c.n;
  }
  return succ;
}

/** Share of jobs whose successor differs between two solutions. */
function brokenPairs(a: Int32Array, b: Int32Array): number {
  let diff = 0;
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) diff++;
  return diff / Math.max(1, a.length);
}

/** Improves s within a few iterations; returns the best solution found (s when none beats it). */
export type Educator = (s: State, iterations: number) => State;

/**
 * Anneals from s for `iterations` rounds (fewer when `stop()` says the budget is spent) of ruin, recreate and local search at a low temperature;
 * returns the best complete solution seen (s itself when none beats it).
 */
export function annealer(
  c: Compiled,
  rng: Rng,
  depotLoc: number,
  temp: () => number,
  tick: (s: State) => void,
  openNew: boolean,
  stop: () => boolean,
): Educator {
  return (start, iterations) => {
    let cur = start;
    let curCost = stateCost(c, cur);
    let best = cur;
    let bestCost = curCost;
    for (let i = 0; i < iterations && !stop(); i++) {
      const next = copyState(cur);
      ruin(c, next, rng);
      sortAbsent(c, next, rng, depotLoc);
      recreate(c, next, rng, openNew);
      if (next.absent.length === 0) localSearch(c, next, rng);
      const cost = stateCost(c, next);
      if (cost < curCost - temp() * Math.log(rng.next() + 1e-300)) {
        cur = next;
        curCost = cost;
        if (cost < bestCost - 1e-9) {
          best = next;
          bestCost = cost;
        }
      }
      tick(best);
    }
    return best;
  };
}

/**
 * Route exchange: the child starts as parent b; the routes of parent a that serve a random job and
 * its nearest neighbours replace b's routes of the same vehicles; jobs that now appear twice are
 * taken out of b's other routes, jobs that lost their place are reinserted greedily. Null when some
 * job finds no place or the child would use more vehicles than the fleet allows.
 */
export function routeExchange(
  c: Compiled,
  a: State,
  b: State,
  rng: Rng,
  fleet: number,
  openNew: boolean,
): State | null {
  const used = a.routes.filter((r) => r.jobs.length > 0);
  if (used.length < 2) return null;
  const take = new Set<number>();
  const want = 1 + rng.int(Math.max(1, Math.floor(used.length / 2)));
  const where = new Int32Array(c.n).fill(-1);
  for (const r of used) for (const j of r.jobs) where[j] = r.v;
  const seed = (used[rng.int(used.length)] as Route).jobs[0] as number;
  const near = c.near[seed] as Int32Array;
  for (let i = -1; i < near.length && take.size < want; i++) {
    const v = where[i < 0 ? seed : (near[i] as number)] as number;
    if (v >= 0) take.add(v);
  }
  const moved = new Set<number>();
  for (const v of take) for (const j of (a.routes[v] as Route).jobs) moved.add(j);
  const child: State = { routes: b.routes.slice(), absent: [] };
  for (const r of b.routes) {
    if (take.has(r.v)) {
      for (const j of r.jobs) if (!moved.has(j)) child.absent.push(j);
      child.routes[r.v] = a.routes[r.v] as Route;
    } else if (r.jobs.some((j) => moved.has(j))) {
      child.routes[r.v] = buildRoute(
        c,
        r.v,
        r.jobs.filter((j) => !moved.has(j)),
      );
    }
  }
  for (const j of b.absent) if (!moved.has(j)) child.absent.push(j);
  if (usedVehicles(child) > fleet) return null;
  recreate(c, child, rng, openNew);
  return child.absent.length <= b.absent.length ? child : null;
}

export class Population {
  readonly members: Member[] = [];
  constructor(private readonly c: Compiled) {}

  best(): State {
    let best = this.members[0] as Member;
    for (const m of this.members) if (m.cost < best.cost) best = m;
    return best.s;
  }

  /** Adds a solution unless an identical one is present; selects survivors when full. */
  add(s: State): void {
    const succ = successors(this.c, s);
    const cost = stateCost(this.c, s);
    if (this.members.some((m) => Math.abs(m.cost - cost) < 1e-9 && brokenPairs(m.succ, succ) === 0)) return;
    this.members.push({ s, cost, succ, fit: 0 });
    if (this.members.length >= HGS.mu + HGS.lambda) {
      while (this.members.length > HGS.mu) {
        this.rank();
        let worst = 0;
        this.members.forEach((m, i) => {
          if (m.fit > (this.members[worst] as Member).fit) worst = i;
        });
        this.members.splice(worst, 1);
      }
    }
  }

  /** Binary tournament on biased fitness (lower is better). */
  pick(rng: Rng): State {
    this.rank();
    const a = this.members[rng.int(this.members.length)] as Member;
    const b = this.members[rng.int(this.members.length)] as Member;
    return (a.fit <= b.fit ? a : b).s;
  }

  /** Biased fitness: cost rank plus, weighted by how many are not elite, the diversity rank. */
  private rank(): void {
    const ms = this.members;
    const size = ms.length;
    if (size < 2) return;
    const div = ms.map((m) => {
      const ds = ms.filter((o) => o !== m).map((o) => brokenPairs(m.succ, o.succ));
      ds.sort((x, y) => x - y);
      const k = Math.min(HGS.close, ds.length);
      return ds.slice(0, k).reduce((x, y) => x + y, 0) / k;
    });
    const byCost = ms.map((_, i) => i).sort((x, y) => (ms[x] as Member).cost - (ms[y] as Member).cost);
    const byDiv = ms.map((_, i) => i).sort((x, y) => (div[y] as number) - (div[x] as number));
    const rc = new Float64Array(size);
    const rd = new Float64Array(size);
    for (let r = 0; r < size; r++) {
      rc[byCost[r] as number] = r / (size - 1);
      rd[byDiv[r] as number] = r / (size - 1);
    }
    const w = 1 - Math.min(HGS.elite, size) / size;
    ms.forEach((m, i) => {
      m.fit = (rc[i] as number) + w * (rd[i] as number);
    });
  }
}

/**
 * The genetic loop: a first population from heavy perturbations of the start, each educated; then
 * children by route exchange between tournament-chosen parents, educated and offered to the
 * population, until `spent()` (the budget's fraction used) reaches 1. Returns the best member.
 */
export function evolve(
  c: Compiled,
  start: State,
  rng: Rng,
  educate: Educator,
  spent: () => number,
  openNew: boolean,
): State {
  const stop = () => spent() >= 1;
  // A fleet found by the vehicle phase stays; without one, any vehicle may be opened.
  const fleet = openNew ? c.m : usedVehicles(start);
  const pop = new Population(c);
  const before = spent();
  const first = educate(start, HGS.education);
  // A population pays only over several generations: when the budget left affords too few
  // educations (a large instance, a short limit, a busy machine), the one solution is annealed
  // for the rest of it instead.
  const affordable = (1 - spent()) / Math.max(1e-12, (spent() - before) / HGS.education);
  if (affordable < HGS.minGenerations * (HGS.mu + HGS.lambda) * HGS.education) {
    return educate(first, Number.POSITIVE_INFINITY);
  }
  pop.add(first);
  for (let tries = 0; pop.members.length < HGS.mu && tries < 4 * HGS.mu && !stop(); tries++) {
    const s = copyState(start);
    for (let k = 0; k < 3; k++) ruin(c, s, rng);
    recreate(c, s, rng, openNew);
    if (s.absent.length > start.absent.length) continue;
    localSearch(c, s, rng);
    pop.add(educate(s, HGS.education));
  }
  while (!stop()) {
    const a = pop.pick(rng);
    const b = pop.pick(rng);
    const child = a === b ? null : routeExchange(c, a, b, rng, fleet, openNew);
    if (!child) {
      pop.add(educate(pop.pick(rng), HGS.education));
      continue;
    }
    localSearch(c, child, rng);
    pop.add(educate(child, HGS.education));
  }
  return pop.best();
}
