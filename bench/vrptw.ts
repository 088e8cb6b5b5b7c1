/**
 * `npm run bench:vrptw [-- --set solomon|homberger200] [--time S | --iterations N] [--seed N] [--quick] [--only a,b]`
 *
 * Runs the DP-2 solver on the public VRPTW instances with the hierarchical objective (vehicles,
 * then distance; unrounded Euclidean; travel time = distance), one instance after another on one
 * core, re-checks every solution with the independent checker in bench/vrptw/instances.ts, and
 * prints per-instance lines and the summary beside the best-known totals and the reference
 * solver's published figures. Exit code 1 when any solution is infeasible.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../src/modules/routing/solver/model.ts';
import { solve } from '../src/modules/routing/solver/solve.ts';
import {
  type Bks,
  checkSolution,
  type Instance,
  readBks,
  readInstance,
  readPeer,
} from './vrptw/instances.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DATA = process.env.VRPTW_DATA ?? path.resolve(here, '../../shared/bench/vrptw');
export const QUICK = ['c101', 'c201', 'r101', 'r205', 'rc103', 'rc202'];

/** The instance as a solver problem: node 0 the depot, identical vehicles, one window per customer. */
export function toProblem(inst: Instance): Problem {
  const pts = inst.customers;
  const L = pts.length;
  const distance = new Float64Array(L * L);
  for (let a = 0; a < L; a++) {
    for (let b = 0; b < L; b++) {
      const pa = pts[a] as Instance['customers'][number];
      const pb = pts[b] as Instance['customers'][number];
      distance[a * L + b] = Math.hypot(pa.x - pb.x, pa.y - pb.y);
    }
  }
  const depot = pts[0] as Instance['customers'][number];
  return {
    size: L,
    distance,
    vehicles: Array.from({ length: inst.vehicles }, () => ({
      start: 0,
      end: 0,
      shift: [depot.ready, depot.due] as const,
      capacity: inst.capacity,
    })),
    jobs: pts.slice(1).map((c, i) => ({
      location: i + 1,
      windows: [[c.ready, c.due] as const],
      service: c.service,
      demand: c.demand,
    })),
  };
}

export interface Row {
  name: string;
  vehicles: number;
  distance: number;
  bks: Bks | undefined;
  feasible: boolean;
  problems: string[];
  iterations: number;
  seconds: number;
}

/** Solves one instance and re-checks the answer independently. */
export function runInstance(file: string, seconds: number, seed: number, bks?: Bks, iterations = 0): Row {
  const inst = readInstance(file);
  // With an iteration budget the run no longer depends on the machine's load: reproducible figures.
  const sol = solve(
    toProblem(inst),
    iterations > 0 ? { seed, maxIterations: iterations } : { seed, timeLimitMs: seconds * 1000 },
  );
  const routes = sol.routes.map((r) => r.jobs.map((j) => (inst.customers[j + 1] as { id: number }).id));
  const check = checkSolution(inst, routes);
  const problems = [...check.problems];
  if (sol.unassigned.length) problems.push(`${sol.unassigned.length} customers left out`);
  if (Math.abs(check.distance - sol.distance) > 1e-6 * Math.max(1, check.distance)) {
    problems.push(`solver distance ${sol.distance} ≠ checked ${check.distance}`);
  }
  return {
    name: path.basename(file, '.txt'),
    vehicles: routes.filter((r) => r.length).length,
    distance: check.distance,
    bks,
    feasible: problems.length === 0,
    problems,
    iterations: sol.iterations,
    seconds: sol.elapsed / 1000,
  };
}

const fmt = (x: number, d = 2) =>
  x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const gapOf = (r: Row) => (r.bks ? ((r.distance - r.bks.distance) / r.bks.distance) * 100 : Number.NaN);

export function summary(rows: Row[]) {
  const matched = rows.filter((r) => r.bks && r.vehicles === r.bks.vehicles);
  const gaps = matched.map(gapOf);
  return {
    instances: rows.length,
    infeasible: rows.filter((r) => !r.feasible).length,
    atBksVehicles: rows.filter((r) => r.bks && r.vehicles <= r.bks.vehicles).length,
    matched: matched.length,
    meanGap: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : Number.NaN,
    worstGap: gaps.length ? Math.max(...gaps) : Number.NaN,
    cnv: rows.reduce((a, r) => a + r.vehicles, 0),
    ctd: rows.reduce((a, r) => a + r.distance, 0),
    bksCnv: rows.reduce((a, r) => a + (r.bks?.vehicles ?? 0), 0),
    bksCtd: rows.reduce((a, r) => a + (r.bks?.distance ?? 0), 0),
  };
}

function peerLines(dir: string, names: string[]): string[] {
  const out: string[] = [];
  const dist = path.join(dir, 'peer-vroom-x5-t2.csv');
  const fixed = path.join(dir, 'peer-vroom-x5-t2-fixedcost.csv');
  if (!existsSync(dist)) return out;
  const peer = readPeer(dist);
  const rows = names.filter((n) => peer.has(n));
  if (rows.length === 0) return out;
  // As published: distance mode, gap against the distance-only BKS column (gap_vs_dist_bks_pct).
  const gaps = rows.map((n) => peer.get(n)!.gap);
  out.push(
    `reference solver (vroom -x 5 -t 2, published figures), distance mode: mean gap ${fmt(gaps.reduce((a, b) => a + b, 0) / gaps.length)} % vs the distance-only BKS over ${rows.length} instances, CNV ${rows.reduce((a, n) => a + peer.get(n)!.vehicles, 0)}, CTD ${fmt(rows.reduce((a, n) => a + peer.get(n)!.distance, 0))}, ${rows.filter((n) => !peer.get(n)!.feasible).length} infeasible under exact arithmetic`,
  );
  if (existsSync(fixed)) {
    const pf = readPeer(fixed);
    const bks = readBks(path.join(dir, 'bks.csv'));
    const fr = names.filter((n) => pf.has(n));
    const at = fr.filter((n) => pf.get(n)!.vehicles <= (bks.get(n)?.vehicles ?? 0));
    const same = at.filter((n) => pf.get(n)!.vehicles === bks.get(n)?.vehicles);
    const g = same.map((n) => ((pf.get(n)!.distance - bks.get(n)!.distance) / bks.get(n)!.distance) * 100);
    out.push(
      `reference solver, vehicles-first mode (fixed cost): CNV ${fr.reduce((a, n) => a + pf.get(n)!.vehicles, 0)}, CTD ${fmt(fr.reduce((a, n) => a + pf.get(n)!.distance, 0))}, at BKS vehicles on ${at.length}/${fr.length}, mean gap where vehicles match ${fmt(g.reduce((a, b) => a + b, 0) / Math.max(1, g.length))} %`,
    );
  }
  return out;
}

export function instanceFiles(set: string, only?: string[]): string[] {
  const dir = path.join(DATA, set);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .filter((n) => !only || only.includes(n))
    .sort(naturally)
    .map((n) => path.join(dir, `${n}.txt`));
}

function naturally(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const quick = args.includes('--quick');
  const set = opt('set') ?? 'solomon';
  const seconds = Number(opt('time') ?? (quick ? 1 : 10));
  const seed = Number(opt('seed') ?? 1);
  const iterations = Number(opt('iterations') ?? 0);
  const only = opt('only')?.split(',') ?? (quick ? QUICK : undefined);
  const dir = path.join(DATA, set);
  const bks = readBks(path.join(dir, 'bks.csv'));
  const files = instanceFiles(set, only);
  const budget = iterations > 0 ? `${iterations} iterations` : `${seconds} s`;
  console.log(`VRPTW ${set}: ${files.length} instances, ${budget} each, seed ${seed}, one core`);
  console.log('instance   veh  distance     bks_veh  bks_dist     gap%    feasible  iterations');
  const rows: Row[] = [];
  for (const f of files) {
    const name = path.basename(f, '.txt');
    const r = runInstance(f, seconds, seed, bks.get(name), iterations);
    rows.push(r);
    console.log(
      `${name.padEnd(10)} ${String(r.vehicles).padStart(3)}  ${fmt(r.distance).padStart(10)}   ${String(r.bks?.vehicles ?? '-').padStart(3)}    ${fmt(r.bks?.distance ?? Number.NaN).padStart(10)}  ${(r.bks && r.vehicles === r.bks.vehicles ? fmt(gapOf(r)) : '—').padStart(6)}    ${r.feasible ? 'yes' : `NO: ${r.problems.slice(0, 3).join('; ')}`}  ${r.iterations}`,
    );
  }
  const s = summary(rows);
  console.log('');
  console.log(
    `summary: ${s.instances} instances, ${s.infeasible} infeasible; at BKS vehicles on ${s.atBksVehicles}/${s.instances}; distance gap where vehicles match (${s.matched}): mean ${fmt(s.meanGap)} %, worst ${fmt(s.worstGap)} %`,
  );
  console.log(`CNV ${s.cnv} (BKS ${s.bksCnv}), CTD ${fmt(s.ctd)} (BKS ${fmt(s.bksCtd)})`);
  for (const line of peerLines(
    dir,
    rows.map((r) => r.name),
  ))
    console.log(line);
  if (s.infeasible > 0) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
