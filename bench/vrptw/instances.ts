/**
 * Solomon / Gehring–Homberger text files and their best-known solutions, read on their own terms
 * (no solver code), and an independent feasibility checker the harness trusts over the solver.
 */
import { readFileSync } from 'node:fs';

export interface Customer {
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface Instance {
  name: string;
  vehicles: number;
  capacity: number;
  /** customers[0] is the depot. */
  customers: Customer[];
}

/** Parses the Solomon text format (CRLF or LF). */
export function readInstance(file: string): Instance {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const name = (lines[0] ?? '').trim();
  const vIdx = lines.findIndex((l) => /^\s*NUMBER\s+CAPACITY/.test(l));
  const [vehicles = 0, capacity = 0] = (lines[vIdx + 1] ?? '').trim().split(/\s+/).map(Number);
  const cIdx = lines.findIndex((l) => /CUST\s+NO\./.test(l));
  const customers: Customer[] = [];
  for (const l of lines.slice(cIdx + 1)) {
    const f = l.trim().split(/\s+/).map(Number);
    if (f.length < 7 || f.some((x) => Number.isNaN(x))) continue;
    const [id, x, y, demand, ready, due, service] = f as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    customers.push({ id, x, y, demand, ready, due, service });
  }
  return { name, vehicles, capacity, customers };
}

export interface Bks {
  vehicles: number;
  distance: number;
}

/** bks.csv: instance → hierarchical best-known (vehicles, distance); the first columns hold no quotes. */
export function readBks(file: string): Map<string, Bks> {
  const out = new Map<string, Bks>();
  const [head = '', ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  const iName = cols.indexOf('instance');
  const iV = cols.indexOf('vehicles');
  const iD = cols.indexOf('distance');
  for (const row of rows) {
    const f = row.split(',');
    out.set(f[iName] as string, { vehicles: Number(f[iV]), distance: Number(f[iD]) });
  }
  return out;
}

/** The reference solver's published rows (peer-vroom-x5-t2*.csv). */
export function readPeer(
  file: string,
): Map<string, { vehicles: number; distance: number; feasible: boolean; gap: number }> {
  const out = new Map<string, { vehicles: number; distance: number; feasible: boolean; gap: number }>();
  const [head = '', ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  for (const row of rows) {
    const f = row.split(',');
    const get = (c: string) => f[cols.indexOf(c)] as string;
    out.set(get('instance'), {
      vehicles: Number(get('vehicles')),
      distance: Number(get('distance')),
      feasible: get('feasible_exact') === 'True',
      gap: Number(get('gap_vs_dist_bks_pct')),
    });
  }
  return out;
}

/**
 * Independent check of a solution given as routes of customer ids: every customer exactly once,
 * capacity, service start within [ready, due] (waiting allowed), back at the depot by its due
 * time, at most the instance's vehicles. Returns the problems found and the exact distance.
 */
export function checkSolution(inst: Instance, routes: number[][]): { problems: string[]; distance: number } {
  const problems: string[] = [];
  const depot = inst.customers[0] as Customer;
  const byId = new Map(inst.customers.map((c) => [c.id, c]));
  const seen = new Set<number>();
  let distance = 0;
  const used = routes.filter((r) => r.length > 0);
  if (used.length > inst.vehicles) problems.push(`${used.length} routes > ${inst.vehicles} vehicles`);
  used.forEach((route, ri) => {
    let at = depot;
    let t = depot.ready;
    let load = 0;
    for (const id of route) {
      const c = byId.get(id);
      if (!c || id === depot.id) {
        problems.push(`route ${ri}: unknown customer ${id}`);
        continue;
      }
      if (seen.has(id)) problems.push(`customer ${id} visited twice`);
      seen.add(id);
      const d = Math.hypot(at.x - c.x, at.y - c.y);
      distance += d;
      t = Math.max(t + (at === depot ? 0 : at.service) + d, c.ready);
      if (t > c.due + 1e-6)
        problems.push(`route ${ri}: customer ${id} starts at ${t.toFixed(4)} > due ${c.due}`);
      load += c.demand;
      at = c;
    }
    const back = Math.hypot(at.x - depot.x, at.y - depot.y);
    distance += back;
    t += at.service + back;
    if (t > depot.due + 1e-6) problems.push(`route ${ri}: back at ${t.toFixed(4)} > depot due ${depot.due}`);
    if (load > inst.capacity) problems.push(`route ${ri}: load ${load} > capacity ${inst.capacity}`);
  });
  for (const c of inst.customers.slice(1)) if (!seen.has(c.id)) problems.push(`customer ${c.id} not visited`);
  return { problems, distance };
}
