/**
 * Vendor assessment at scale (VA-1, VA-2): loads N closed orders (1,000,000 by default) with
 * their respond / restore / resolve clocks and ratings, spread over twelve months, three
 * partners and the operator's own staff, across counties of two prefectures; then computes one
 * month's indicators and scorecard for all partners and regions (the same service the API
 * calls) beside a single `SELECT count(*)` pass over the same order rows, in the same run.
 * Prints the query plans of the month's heaviest reads.
 *
 *   npm run bench:assessment                          (SQLite, then PostgreSQL when it is up)
 *   npm run bench:assessment -- --db postgres --orders 100000
 *
 * PostgreSQL is the server at 127.0.0.1:5432 (TEST_DATABASE_URL overrides); the bench creates a
 * database of its own and drops it at the end. Rows are copied from one real intake with
 * multi-row INSERTs, a transaction per batch: a million orders through the API would take hours.
 */

import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../src/app/context.ts';
import type { DB } from '../src/db/schema.ts';
import { getScorecard } from '../src/modules/assessment/assessment.scorecards.ts';
import { monthIndicators } from '../src/modules/assessment/assessment.service.ts';
import { rebuildRollups } from '../src/modules/rollups/rollups.rebuild.ts';
import { createTriggers, dropTriggers } from '../src/modules/rollups/rollups.triggers.ts';
import { buildWorld } from '../src/modules/work-orders/work-orders.fixtures.ts';
import { newId } from '../src/shared/ids.ts';
import { type DbKind, startTestApp, testDatabases } from '../test/harness.ts';
import { intakeTemplate, type Template } from './scale-load.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

const ORDERS = Number(option('orders') ?? 1_000_000);
if (!Number.isInteger(ORDERS) || ORDERS < 1000) {
  console.error('--orders must be a whole number of at least 1000');
  process.exit(2);
}
const ASKED = option('db') ?? process.env.BENCH_DB;
const KINDS: DbKind[] = ASKED === 'sqlite' || ASKED === 'postgres' ? [ASKED] : testDatabases;
if (ASKED === 'postgres' && !testDatabases.includes('postgres')) {
  console.error('PostgreSQL is not reachable at 127.0.0.1:5432 (or TEST_DATABASE_URL)');
  process.exit(2);
}

/** The month measured: the last full month of the twelve loaded. */
const MONTH = '2026-10';
/** Receipts spread from 2025-11-01 to 2026-10-31 (Asia/Shanghai), so every month holds a twelfth. */
const START = Date.parse('2025-10-31T16:00:00Z');
const SPAN = Date.parse('2026-10-31T16:00:00Z') - START;
const BATCH = 5000;
const MIN = 60_000;

type Row = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();

/** A cheap deterministic spread in [0, 1) for copy `i` and salt `k`. */
function spread(i: number, k: number): number {
  const x = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

interface Shape {
  partners: (string | null)[];
  /** Sites the faults are spread over, so repeat faults are looked up per site as in life. */
  sites: string[];
  regions: string[];
  template: Template;
}

/** The rows of copy `i`: a closed order, its three stopped clocks and (mostly) a rating. */
function copy(s: Shape, i: number): { order: Row; clocks: Row[]; ratings: Row[] } {
  const t = s.template;
  const id = newId();
  const received = START + Math.floor((i * SPAN) / ORDERS);
  // Partner k is slower by k × 20 % and breaches more often: the ranking has something to rank.
  const p = i % s.partners.length;
  const slow = 1 + p * 0.2;
  const install = i % 10 === 0;
  const resolveMin = Math.round((60 + 600 * spread(i, 1)) * slow);
  const order: Row = {
    ...t.order,
    id,
    number: `VA-${String(i).padStart(7, '0')}`,
    external_ref: null,
    type: install ? 'activation' : 'fault_repair',
    partner_id: s.partners[p],
    site_id: s.sites[Math.floor(spread(i, 7) * s.sites.length)],
    equipment_id: null,
    region_id: s.regions[Math.floor(i / s.partners.length) % s.regions.length],
    state: 'closed',
    repeat_count: spread(i, 2) < 0.05 * slow ? 1 : 0,
    received_at: iso(received),
    created_at: iso(received),
    updated_at: iso(received + (resolveMin + 60) * MIN),
    resolved_at: iso(received + resolveMin * MIN),
    closed_at: iso(received + (resolveMin + 60) * MIN),
  };
  const minutesOf: Record<string, number> = {
    respond: Math.round(5 + 40 * spread(i, 3) * slow),
    restore: Math.round(30 + 300 * spread(i, 4) * slow),
    resolve: resolveMin,
  };
  const clocks = t.clocks
    .filter((c) => (c.kind as string) in minutesOf)
    .map((c) => {
      const budget = Number(c.budget_minutes);
      const taken = minutesOf[c.kind as string]!;
      const due = received + budget * MIN;
      const stopped = received + taken * MIN;
      return {
        ...c,
        id: newId(),
        order_id: id,
        started_at: iso(received),
        due_at: iso(due),
        state: 'stopped',
        stopped_at: iso(stopped),
        breached_at: stopped > due ? iso(due) : null,
        paused_ms: 0,
        created_at: iso(received),
        updated_at: iso(stopped),
      };
    });
  const ratings =
    spread(i, 5) < 0.8
      ? [
          {
            id: newId(),
            order_id: id,
            score: Math.max(1, 5 - Math.floor(spread(i, 6) * 2 * slow)),
            refused: 0,
            comment: null,
            via: 'staff',
            recorded_by: null,
            recorded_at: order.closed_at,
          },
        ]
      : [];
  return { order, clocks, ratings };
}

/** Multi-row INSERTs under both databases' bound-parameter limits (PostgreSQL 65,535). */
async function insertAll(db: Kysely<DB>, table: keyof DB, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
  for (let k = 0; k < rows.length; k += per)
    await db
      .insertInto(table)
      .values(rows.slice(k, k + per) as never)
      .execute();
}

/**
 * PostgreSQL: one INSERT … SELECT FROM unnest(…) per table and batch, a typed array per column,
 * so a batch of thousands of rows is one statement with as many parameters as columns.
 */
function pgInsert(db: Kysely<DB>) {
  const types = new Map<string, Map<string, string>>();
  return async (trx: Kysely<DB>, table: string, rows: Row[]) => {
    if (rows.length === 0) return;
    let cols = types.get(table);
    if (!cols) {
      const res = await sql<{ column_name: string; udt_name: string }>`select column_name, udt_name
        from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(
        db,
      );
      cols = new Map(res.rows.map((r) => [r.column_name, r.udt_name]));
      types.set(table, cols);
    }
    const names = Object.keys(rows[0]!);
    const arrays = names.map((n) => sql`${rows.map((r) => r[n] ?? null)}::${sql.raw(cols.get(n)!)}[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
      select * from unnest(${sql.join(arrays)})`.execute(trx);
  };
}

/**
 * SQLite: one prepared single-row INSERT per table run in a loop inside the transaction, which
 * is several times faster there than compiling 30,000-parameter statements.
 */
function sqliteInsert(handle: NonNullable<AppContext['database']['sqlite']>) {
  const statements = new Map<string, ReturnType<typeof handle.prepare>>();
  return (table: string, rows: Row[]) => {
    if (rows.length === 0) return;
    const cols = Object.keys(rows[0]!);
    let st = statements.get(table);
    if (!st) {
      st = handle.prepare(
        `insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`,
      );
      statements.set(table, st);
    }
    for (const r of rows) st.run(r);
  };
}

async function load(ctx: AppContext, s: Shape, kind: DbKind): Promise<void> {
  const db = ctx.db;
  const handle = ctx.database.sqlite;
  const fast = handle ? sqliteInsert(handle) : null;
  const bulk = pgInsert(db);
  const started = performance.now();
  for (let from = 0; from < ORDERS; from += BATCH) {
    const orders: Row[] = [];
    const clocks: Row[] = [];
    const ratings: Row[] = [];
    for (let i = from; i < Math.min(ORDERS, from + BATCH); i++) {
      const c = copy(s, i);
      orders.push(c.order);
      clocks.push(...c.clocks);
      ratings.push(...c.ratings);
    }
    if (handle && fast)
      handle.transaction(() => {
        fast('work_orders', orders);
        fast('order_clocks', clocks);
        fast('satisfaction_ratings', ratings);
      })();
    else
      await db.transaction().execute(async (trx) => {
        await bulk(trx, 'work_orders', orders);
        await bulk(trx, 'order_clocks', clocks);
        await bulk(trx, 'satisfaction_ratings', ratings);
      });
    const done = Math.min(ORDERS, from + BATCH);
    if (done % 100_000 === 0 || done === ORDERS) {
      const s = (performance.now() - started) / 1000;
      process.stderr.write(
        `  ${kind}: ${done.toLocaleString('en')} / ${ORDERS.toLocaleString('en')} orders loaded (${s.toFixed(0)} s, ${(done / s).toFixed(0)} orders/s)\n`,
      );
    }
  }
}

/** Best of `runs` timings, in milliseconds, after one warm-up. */
async function best(runs: number, task: () => Promise<unknown>): Promise<number> {
  await task();
  let min = Number.POSITIVE_INFINITY;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    await task();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** The statement with its parameters written in, so EXPLAIN plans the literal query. */
function inline(statement: { sql: string; parameters: readonly unknown[] }): string {
  const lit = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  let k = 0;
  return statement.sql.replace(/\$\d+|\?/g, () => lit(statement.parameters[k++]));
}

/** The plan of a statement, one line per plan row, on either database. */
async function plan(
  db: Kysely<DB>,
  kind: DbKind,
  statement: { sql: string; parameters: readonly unknown[] },
) {
  const prefix = kind === 'postgres' ? 'EXPLAIN ' : 'EXPLAIN QUERY PLAN ';
  const res = await sql<Row>`${sql.raw(prefix)}${sql.raw(inline(statement))}`.execute(db);
  return res.rows.map((r) => `      ${String(r['QUERY PLAN'] ?? r.detail)}`).join('\n');
}

const report: string[] = [];

for (const kind of KINDS) {
  const t = await startTestApp(kind);
  try {
    const w = await buildWorld(t);
    const template = await intakeTemplate(t, w);
    // Two more partners beside the world's one, copied from it with their own names.
    const base = await t.ctx.db
      .selectFrom('partners')
      .selectAll()
      .where('id', '=', w.partnerId)
      .executeTakeFirstOrThrow();
    const partners: (string | null)[] = [w.partnerId, null];
    for (const name of ['黔南通信工程', '遵义网络服务']) {
      const id = newId();
      await t.ctx.db
        .insertInto('partners')
        .values({ ...base, id, name, code: `${base.code}-${partners.length}` } as never)
        .execute();
      partners.push(id);
    }
    // A thousand sites copied from the world's, for the repeat-fault lookups.
    const site = await t.ctx.db
      .selectFrom('sites')
      .selectAll()
      .where('id', '=', w.siteA1)
      .executeTakeFirstOrThrow();
    const sites = Array.from({ length: 1000 }, () => newId());
    await insertAll(
      t.ctx.db,
      'sites',
      sites.map((id, k) => ({ ...site, id, code: `${site.code}-${k}`, name: `${site.name} ${k}` })),
    );
    const { countyA1, countyA2, countyB1, prefA, prefB } = w.regions;
    // A bulk load sums the rollups once afterwards instead of running their triggers per row.
    await dropTriggers(t.ctx.db as Kysely<unknown>, kind);
    await load(
      t.ctx,
      { partners, sites, regions: [countyA1, countyA2, countyB1, prefA, prefB], template },
      kind,
    );
    const r0 = performance.now();
    await t.ctx.db.transaction().execute((trx) =>
      rebuildRollups(trx, kind, (done, total) => {
        if (done % 3 === 0 || done === total)
          process.stderr.write(`  ${kind}: rollups ${done}/${total} months\n`);
      }),
    );
    const rebuildMs = performance.now() - r0;
    await createTriggers(t.ctx.db as Kysely<unknown>, kind);
    if (kind === 'postgres') await sql`analyze`.execute(t.ctx.db);

    const countMs = await best(5, () => sql`select count(*) from work_orders`.execute(t.ctx.db));
    const monthMs = await best(5, () => monthIndicators(t.ctx, { kind: 'all' }, { month: MONTH }));
    const cardMs = await best(3, () => getScorecard(t.ctx, { scope: { kind: 'all' } }, MONTH));
    const baseMs = await best(2, () =>
      monthIndicators(t.ctx, { kind: 'all' }, { month: MONTH }, { fromBaseRows: true }),
    );
    const view = await monthIndicators(t.ctx, { kind: 'all' }, { month: MONTH });
    const reference = await monthIndicators(t.ctx, { kind: 'all' }, { month: MONTH }, { fromBaseRows: true });
    const same = JSON.stringify(view) === JSON.stringify(reference);

    const { from, to } = { from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' };
    const clockPlan = t.ctx.db
      .selectFrom('work_orders as o')
      .innerJoin('order_clocks as c', 'c.order_id', 'o.id')
      .select(['o.partner_id', 'c.kind'])
      .where('c.state', '=', 'stopped')
      .where('c.stopped_at', '>=', from)
      .where('c.stopped_at', '<', to)
      .compile();
    const rollupPlan = t.ctx.db
      .selectFrom('rollup_minutes as x')
      .innerJoin('regions as r', 'r.id', 'x.region_id')
      .select(['x.partner_key', 'x.measure', 'x.bucket'])
      .where('x.day', '>=', '2026-10-01')
      .where('x.day', '<', '2026-11-01')
      .compile();
    const resolvedPlan = t.ctx.db
      .selectFrom('work_orders as o')
      .select(['o.partner_id'])
      .where('o.resolved_at', '>=', from)
      .where('o.resolved_at', '<', to)
      .compile();

    report.push(
      `${kind}, ${ORDERS.toLocaleString('en')} closed orders over 12 months, month ${MONTH} (${view.partners.length} partner lines, ${view.partners.reduce((n, p) => n + p.orders, 0).toLocaleString('en')} orders received in it):`,
      `  SELECT count(*) over every order (baseline)   ${countMs.toFixed(2)} ms`,
      `  the month's indicators, all partners          ${monthMs.toFixed(1)} ms  (${(monthMs / countMs).toFixed(1)}× the count; target ≤ 10×)`,
      `  the month's scorecard (indicators + scores)   ${cardMs.toFixed(1)} ms  (${(cardMs / countMs).toFixed(1)}× the count)`,
      `  reference: the month from the base rows        ${baseMs.toFixed(1)} ms  (${(baseMs / countMs).toFixed(1)}× the count)`,
      `  rollup figures equal the base-row figures     ${same ? 'yes' : 'NO'}`,
      `  rollups rebuilt after the load in              ${(rebuildMs / 1000).toFixed(1)} s`,
      '  plan: duration histograms of the month (rollup)',
      await plan(t.ctx.db, kind, rollupPlan),
      '  plan: stopped clocks of the month',
      await plan(t.ctx.db, kind, clockPlan),
      '  plan: orders resolved in the month',
      await plan(t.ctx.db, kind, resolvedPlan),
    );
    process.stderr.write(`  ${kind}: measured\n`);
  } finally {
    await t.close();
  }
}
console.log(report.join('\n'));
