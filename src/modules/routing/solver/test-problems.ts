/**
 * Random DP-2 instances and an independent solution check for the solver's tests (not a test file
 * itself, so several test files can share them).
 */
import type { Problem, Solution } from './model.ts';
import { Rng } from './rng.ts';

/** A random instance: a depot and n jobs on a 100×100 square, some with two windows or skills. */
export function randomProblem(
  seed: number,
  n: number,
  opts: { skills?: boolean; multi?: boolean } = {},
): Problem {
  const rng = new Rng(seed);
  const pts = Array.from({ length: n + 1 }, () => [rng.next() * 100, rng.next() * 100] as const);
  const L = n + 1;
  const distance = new Float64Array(L * L);
  for (let a = 0; a < L; a++)
    for (let b = 0; b < L; b++)
      distance[a * L + b] = Math.hypot(pts[a]![0] - pts[b]![0], pts[a]![1] - pts[b]![1]);
  const horizon = 600;
  return {
    size: L,
    distance,
    vehicles: Array.from({ length: Math.ceil(n / 4) }, (_, v) => ({
      start: 0,
      end: 0,
      shift: [0, horizon] as const,
      capacity: 40,
      skills: opts.skills ? [v % 2] : [],
    })),
    jobs: Array.from({ length: n }, (_, i) => {
      const a = rng.int(horizon - 100);
      const w: [number, number][] = [[a, a + 20 + rng.int(120)]];
      if (opts.multi && rng.next() < 0.5) w.push([w[0]![1] + 30, w[0]![1] + 90]);
      return {
        location: i + 1,
        windows: w,
        service: 10,
        demand: 1 + rng.int(15),
        skills: opts.skills && rng.next() < 0.3 ? [rng.int(2)] : [],
      };
    }),
  };
}

/** Independent check: windows, capacity, shift end, skills, each job at most once, figures agree. */
export function check(p: Problem, s: Solution): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  const T = (a: number, b: number) => (p.duration ?? p.distance)[a * p.size + b] as number;
  for (const r of s.routes) {
    const v = p.vehicles[r.vehicle]!;
    let t = v.shift[0];
    let at = v.start;
    let load = 0;
    let dist = 0;
    let svc = 0;
    for (const j of r.jobs) {
      const job = p.jobs[j]!;
      if (seen.has(j)) out.push(`job ${j} twice`);
      seen.add(j);
      const arr = t + svc + T(at, job.location);
      dist += p.distance[at * p.size + job.location] as number;
      const w = (job.windows ?? [[v.shift[0], v.shift[1]]]).find(([, e]) => arr <= e + 1e-9);
      if (!w) out.push(`job ${j} misses its windows (arrives ${arr})`);
      t = w ? Math.max(arr, w[0]) : arr;
      svc = job.service;
      at = job.location;
      load += job.demand;
      for (const k of job.skills ?? [])
        if (!(v.skills ?? []).includes(k)) out.push(`job ${j} lacks skill ${k}`);
      if (job.lockedVehicle !== undefined && job.lockedVehicle !== r.vehicle)
        out.push(`job ${j} off its lock`);
    }
    dist += p.distance[at * p.size + v.end] as number;
    if (t + svc + T(at, v.end) > v.shift[1] + 1e-9) out.push(`vehicle ${r.vehicle} back late`);
    if (load > v.capacity) out.push(`vehicle ${r.vehicle} overloaded`);
    if (Math.abs(dist - r.distance) > 1e-6) out.push(`vehicle ${r.vehicle} distance ${r.distance} ≠ ${dist}`);
  }
  for (const u of s.unassigned) {
    if (seen.has(u.job)) out.push(`job ${u.job} both placed and left out`);
    seen.add(u.job);
  }
  if (seen.size !== p.jobs.length) out.push(`${p.jobs.length - seen.size} jobs lost`);
  return out;
}
