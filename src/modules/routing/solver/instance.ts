/**
 * The problem compiled into typed arrays for the inner loops, with the time-window primitives:
 * the earliest start at or after an arrival, and the latest start at or before a bound. Service
 * may start only inside a job's windows; waiting before a window is free.
 */
import type { Problem } from './model.ts';

export interface Compiled {
  L: number;
  dist: Float64Array;
  time: Float64Array;
  n: number;
  loc: Int32Array;
  svc: Float64Array;
  demand: Float64Array;
  skills: Int32Array;
  /** Windows of job j are winS/winE[winOff[j] … winOff[j+1]). */
  winOff: Int32Array;
  winS: Float64Array;
  winE: Float64Array;
  deadline: Float64Array;
  lateW: Float64Array;
  /** What leaving the job out costs. */
  penalty: Float64Array;
  locked: Int32Array;
  m: number;
  vStart: Int32Array;
  vEnd: Int32Array;
  shiftS: Float64Array;
  shiftE: Float64Array;
  cap: Float64Array;
  vSkills: Int32Array;
  fixed: Float64Array;
  /** Vehicles that are interchangeable share a class; only one empty vehicle per class is tried. */
  vClass: Int32Array;
  hasDeadlines: boolean;
  hasLocks: boolean;
  /** Jobs sorted by distance from each job (excluding itself). */
  near: Int32Array[];
}

/** Leaving out a job costs more than any distance or lateness a day can hold; a must-do job more than anything. */
export const PENALTY_BASE = 1e9;
export const PENALTY_MUST = 1e13;

function mask(skills: readonly number[] | undefined): number {
  let m = 0;
  for (const s of skills ?? []) m |= 1 << s;
  return m;
}

export function compile(p: Problem): Compiled {
  const L = p.size;
  const dist = Float64Array.from(p.distance);
  const time = Float64Array.from(p.duration ?? p.distance);
  if (dist.length !== L * L || time.length !== L * L) throw new RangeError('matrix size does not match');
  const n = p.jobs.length;
  const m = p.vehicles.length;
  const horizonS = Math.min(...p.vehicles.map((v) => v.shift[0]));
  const horizonE = Math.max(...p.vehicles.map((v) => v.shift[1]));
  const winOff = new Int32Array(n + 1);
  const ws: number[] = [];
  const we: number[] = [];
  p.jobs.forEach((j, i) => {
    const wins = j.windows?.length ? j.windows : [[horizonS, horizonE] as const];
    for (const [a, b] of wins) {
      ws.push(a);
      we.push(b);
    }
    winOff[i + 1] = ws.length;
  });
  const c: Compiled = {
    L,
    dist,
    time,
    n,
    loc: Int32Array.from(p.jobs, (j) => j.location),
    svc: Float64Array.from(p.jobs, (j) => j.service),
    demand: Float64Array.from(p.jobs, (j) => j.demand),
    skills: Int32Array.from(p.jobs, (j) => mask(j.skills)),
    winOff,
    winS: Float64Array.from(ws),
    winE: Float64Array.from(we),
    deadline: Float64Array.from(p.jobs, (j) => j.deadline ?? Number.POSITIVE_INFINITY),
    lateW: Float64Array.from(p.jobs, (j) => j.latenessWeight ?? 1),
    penalty: Float64Array.from(p.jobs, (j) =>
      j.mustDo ? PENALTY_MUST : PENALTY_BASE * (1 + (j.priority ?? 0)),
    ),
    locked: Int32Array.from(p.jobs, (j) => j.lockedVehicle ?? -1),
    m,
    vStart: Int32Array.from(p.vehicles, (v) => v.start),
    vEnd: Int32Array.from(p.vehicles, (v) => v.end),
    shiftS: Float64Array.from(p.vehicles, (v) => v.shift[0]),
    shiftE: Float64Array.from(p.vehicles, (v) => v.shift[1]),
    cap: Float64Array.from(p.vehicles, (v) => v.capacity),
    vSkills: Int32Array.from(p.vehicles, (v) => mask(v.skills)),
    fixed: Float64Array.from(p.vehicles, (v) => v.fixedCost ?? 0),
    vClass: new Int32Array(m),
    hasDeadlines: p.jobs.some((j) => j.deadline !== undefined),
    hasLocks: p.jobs.some((j) => j.lockedVehicle !== undefined),
    near: [],
  };
  const classes = new Map<string, number>();
  p.vehicles.forEach((v, i) => {
    const key = [v.start, v.end, v.shift[0], v.shift[1], v.capacity, c.vSkills[i], v.fixedCost ?? 0].join(
      ',',
    );
    if (!classes.has(key)) classes.set(key, classes.size);
    c.vClass[i] = classes.get(key) as number;
  });
  for (let i = 0; i < n; i++) {
    const others = Array.from({ length: n }, (_, k) => k).filter((k) => k !== i);
    const li = c.loc[i] as number;
    others.sort(
      (a, b) =>
        (dist[li * L + (c.loc[a] as number)] as number) - (dist[li * L + (c.loc[b] as number)] as number),
    );
    c.near.push(Int32Array.from(others));
  }
  return c;
}

/** The earliest service start of job j when arriving at `arr`, or -1 when every window has closed. */
export function earliestStart(c: Compiled, j: number, arr: number): number {
  const end = c.winOff[j + 1] as number;
  for (let w = c.winOff[j] as number; w < end; w++) {
    if (arr <= (c.winE[w] as number)) return Math.max(arr, c.winS[w] as number);
  }
  return -1;
}

/** The latest service start of job j no later than `bound`, or -Infinity when no window allows it. */
export function latestStart(c: Compiled, j: number, bound: number): number {
  for (let w = (c.winOff[j + 1] as number) - 1; w >= (c.winOff[j] as number); w--) {
    if (bound >= (c.winS[w] as number)) return Math.min(bound, c.winE[w] as number);
  }
  return Number.NEGATIVE_INFINITY;
}

/** True when vehicle v may serve job j at all (skills, capacity, lock). */
export function compatible(c: Compiled, v: number, j: number): boolean {
  const need = c.skills[j] as number;
  if ((need & (c.vSkills[v] as number)) !== need) return false;
  if ((c.demand[j] as number) > (c.cap[v] as number)) return false;
  const lock = c.locked[j] as number;
  return lock < 0 || lock === v;
}
