/**
 * Creating a site through the HTTP API (real HTTP on loopback: session lookup, permission,
 * zod validation, customer and region checks, history hash chain, one transaction per site)
 * beside a raw single-row INSERT of the same row, for each database in one run: a fresh
 * SQLite file and a fresh PostgreSQL database. Prints rows/s for both and the ratio.
 *
 *   npm run bench:db       BENCH_ROWS=2000 BENCH_CONCURRENCY=8 BENCH_SECONDS=30 by default
 *
 * Each phase stops at BENCH_ROWS rows or after BENCH_SECONDS, whichever comes first, so the
 * run stays bounded on a slow machine; the rate is computed from what completed.
 */

import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { bootstrap } from '../src/app/bootstrap.ts';
import type { SiteTable } from '../src/db/schema.ts';
import { buildServer } from '../src/http/server.ts';
import { createCustomer } from '../src/modules/customers/customers.service.ts';
import { verifyHistory } from '../src/modules/history/history.service.ts';
import { createPerson } from '../src/modules/people/people.service.ts';
import { createRegion } from '../src/modules/regions/regions.service.ts';
import { systemClock } from '../src/shared/clock.ts';
import { newId } from '../src/shared/ids.ts';
import { type DbKind, scratchDatabase, testDatabases } from '../test/harness.ts';

function setting(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const ROWS = setting('BENCH_ROWS', 2000, 1_000_000);
const CONCURRENCY = setting('BENCH_CONCURRENCY', 8, 256);
const SECONDS = setting('BENCH_SECONDS', 30, 3600);
const WARM_UP = 20;
const PASSWORD = 'Bench-passw0rd!';

/** Runs `task(i)` for i in [0, n) with at most `c` in flight, until `deadline`; returns how many finished. */
async function bounded(
  n: number,
  c: number,
  deadline: number,
  task: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      while (next < n && performance.now() < deadline) {
        const i = next++;
        await task(i);
        done += 1;
      }
    }),
  );
  return done;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Result {
  kind: DbKind;
  apiRows: number;
  apiRate: number;
  p50: number;
  p95: number;
  rawRows: number;
  rawRate: number;
  historyOk: boolean;
}

async function measure(kind: DbKind): Promise<Result> {
  const scratch = await scratchDatabase(kind);
  const quiet = { info() {}, warn() {}, error() {} };
  const ctx = await bootstrap(scratch.config, { clock: systemClock, log: quiet });
  const app = await buildServer(ctx, { logger: false });
  try {
    const system = { system: 'bench' };
    const province = await createRegion(ctx, system, { code: 'BENCH-P', name: '基准省', level: 'province' });
    const city = await createRegion(ctx, system, {
      code: 'BENCH-C',
      name: '基准市',
      level: 'prefecture',
      parentId: province.id,
    });
    const customer = await createCustomer(ctx, system, {
      code: 'BENCH-CUST',
      name: '基准运营商',
      kind: 'operator',
      regionId: city.id,
    });
    await createPerson(ctx, system, {
      username: 'bench-admin',
      displayName: '基准管理员',
      roles: ['admin'],
      password: PASSWORD,
    });

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`bench login failed on ${kind}: ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const body = (prefix: string, i: number) =>
      JSON.stringify({
        code: `${prefix}-${i}`,
        customerId: customer.id,
        name: `基准站点 ${i}`,
        address: `贵州省贵阳市观山湖区基准路 ${i} 号`,
        regionId: city.id,
        lat: 26.6,
        lng: 106.6,
        areaClass: 'urban',
      });
    const post = (payload: string) =>
      fetch(`${base}/api/v1/sites`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: payload,
      });

    // Warm up the route, the connection pool and the statement caches.
    for (let i = 0; i < WARM_UP; i++) {
      const res = await post(body('WARM', i));
      if (res.status !== 201) throw new Error(`warm-up site failed on ${kind}: ${await res.text()}`);
    }

    const latencies: number[] = [];
    let failures = 0;
    let firstFailure = '';
    const apiStart = performance.now();
    const apiRows = await bounded(ROWS, CONCURRENCY, apiStart + SECONDS * 1000, async (i) => {
      const sent = performance.now();
      const res = await post(body('API', i));
      const text = await res.text();
      latencies.push(performance.now() - sent);
      if (res.status !== 201) {
        failures += 1;
        firstFailure ||= `${res.status} ${text.slice(0, 200)}`;
      }
    });
    const apiSeconds = (performance.now() - apiStart) / 1000;
    if (failures) throw new Error(`${failures} API site creations failed on ${kind}; first: ${firstFailure}`);

    // The same rows written straight into the table: no HTTP, validation, checks or history.
    const now = new Date().toISOString();
    const rows: SiteTable[] = Array.from({ length: ROWS }, (_, i) => ({
      id: newId(),
      code: `RAW-${i}`,
      customer_id: customer.id,
      name: `基准站点 ${i}`,
      address: `贵州省贵阳市观山湖区基准路 ${i} 号`,
      region_id: city.id,
      lat: 26.6,
      lng: 106.6,
      time_zone: city.time_zone,
      area_class: 'urban',
      site_class: 'other',
      created_at: now,
      updated_at: now,
    }));
    const rawStart = performance.now();
    const rawRows = await bounded(ROWS, CONCURRENCY, rawStart + SECONDS * 1000, async (i) => {
      await ctx.db.insertInto('sites').values(rows[i]!).execute();
    });
    const rawSeconds = (performance.now() - rawStart) / 1000;

    const stored = await ctx.db
      .selectFrom('sites')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== WARM_UP + apiRows + rawRows) {
      throw new Error(`expected ${WARM_UP + apiRows + rawRows} sites on ${kind}, found ${stored.n}`);
    }
    const history = await verifyHistory(ctx);
    latencies.sort((a, b) => a - b);
    return {
      kind,
      apiRows,
      apiRate: apiRows / apiSeconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      rawRows,
      rawRate: rawRows / rawSeconds,
      historyOk: history.ok,
    };
  } finally {
    await app.close();
    await ctx.database.close();
    await scratch.drop();
  }
}

const results: Result[] = [];
for (const kind of testDatabases) results.push(await measure(kind));

const header = [
  'database',
  'API rows',
  'API rows/s',
  'API p50 ms',
  'API p95 ms',
  'raw rows',
  'raw INSERT rows/s',
  'API ÷ raw',
  'history chain',
];
const table = results.map((r) => [
  r.kind,
  String(r.apiRows),
  r.apiRate.toFixed(0),
  r.p50.toFixed(1),
  r.p95.toFixed(1),
  String(r.rawRows),
  r.rawRate.toFixed(0),
  `${((r.apiRate / r.rawRate) * 100).toFixed(1)} %`,
  r.historyOk ? 'intact' : 'BROKEN',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');

console.log(
  `POST /api/v1/sites over loopback HTTP vs a raw single-row INSERT into sites; up to ${ROWS} rows per phase, ` +
    `concurrency ${CONCURRENCY}, at most ${SECONDS} s per phase`,
);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of table) console.log(line(row));
if (!testDatabases.includes('postgres'))
  console.log('(PostgreSQL was not reachable: only SQLite was measured)');
if (results.some((r) => !r.historyOk)) process.exit(1);
