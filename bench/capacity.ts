/**
 * RS-4 capacity counts the subscriber ledger (RS-7): loads N ledger lines (200,000 by default)
 * for one vendor over four counties, then times, in the same run, the baseline — reading every
 * line page by page and counting in the process, as capacity did before — beside the grouped
 * count the ledger now answers (`lineCounts`, served by the `ledger_lines_counts` index), and
 * checks both give the same figures. Prints the count's query plan.
 *
 *   npm run bench:capacity                          (SQLite, then PostgreSQL when it is up)
 *   npm run bench:capacity -- --db sqlite --lines 50000
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { lineCounts, listLines } from '../src/modules/ledger/ledger.service.ts';
import type { LedgerLineTable } from '../src/modules/ledger/ledger.tables.ts';
import { buildWorld } from '../src/modules/work-orders/work-orders.fixtures.ts';
import { newId } from '../src/shared/ids.ts';
import { everyPage } from '../src/shared/paging.ts';
import { type DbKind, startTestApp, testDatabases } from '../test/harness.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

const LINES = Number(option('lines') ?? 200_000);
if (!Number.isInteger(LINES) || LINES < 1000) {
  console.error('--lines must be a whole number of at least 1000');
  process.exit(2);
}
const ASKED = option('db') ?? process.env.BENCH_DB;
const KINDS: DbKind[] = ASKED === 'sqlite' || ASKED === 'postgres' ? [ASKED] : testDatabases;
const COUNTIES = ['南明区', '花溪区', '云岩区', '观山湖区'];
const BATCH = 2000;
const ms = (t: number) => `${t.toFixed(0)} ms`;
const key = (r: { partner_id: string; region_name: string; kind: string; status: string }) =>
  `${r.partner_id}|${r.region_name}|${r.kind}|${r.status}`;

for (const kind of KINDS) {
  const t = await startTestApp(kind);
  try {
    const w = await buildWorld(t);
    const now = t.clock.now().toISOString();
    const load0 = performance.now();
    for (let from = 0; from < LINES; from += BATCH) {
      const rows: LedgerLineTable[] = [];
      for (let i = from; i < Math.min(LINES, from + BATCH); i++)
        rows.push({
          id: newId(),
          partner_id: w.partnerId,
          line_no: `L${String(i).padStart(9, '0')}`,
          kind: i % 10 === 0 ? 'enterprise' : 'home',
          region_name: COUNTIES[i % COUNTIES.length] as string,
          customer_name: `用户${i}`,
          address: '地址',
          bandwidth: '100M',
          status: i % 17 === 0 ? '拆机' : '在用',
          created_at: now,
          updated_at: now,
        });
      await t.ctx.db.insertInto('ledger_lines').values(rows).execute();
    }
    if (kind === 'postgres') await sql`analyze ledger_lines`.execute(t.ctx.db);
    const load = performance.now() - load0;
    const scope = { kind: 'all' } as const;

    // Baseline: every line read page by page and counted here.
    const b0 = performance.now();
    const all = await everyPage((page) => listLines(t.ctx, scope, page));
    const baseline = new Map<string, number>();
    for (const l of all) baseline.set(key(l), (baseline.get(key(l)) ?? 0) + 1);
    const baseMs = performance.now() - b0;

    // Measured: the ledger's grouped count.
    const c0 = performance.now();
    const counts = await lineCounts(t.ctx, scope);
    const countMs = performance.now() - c0;

    const same = counts.length === baseline.size && counts.every((c) => baseline.get(key(c)) === c.n);
    if (!same) throw new Error('the grouped count and the line-by-line count disagree');

    const plan =
      kind === 'sqlite'
        ? await sql<{
            detail: string;
          }>`explain query plan select partner_id, region_name, kind, status, count(*) from ledger_lines group by partner_id, region_name, kind, status`.execute(
            t.ctx.db,
          )
        : await sql<{
            'QUERY PLAN': string;
          }>`explain select partner_id, region_name, kind, status, count(*) from ledger_lines group by partner_id, region_name, kind, status`.execute(
            t.ctx.db,
          );
    console.log(`\n${kind}: ${LINES.toLocaleString('en')} ledger lines (loaded in ${ms(load)})`);
    console.log(`  baseline, every line paged and counted: ${ms(baseMs)}`);
    console.log(
      `  grouped count (lineCounts):            ${ms(countMs)}  (${(baseMs / countMs).toFixed(1)}× faster)`,
    );
    console.log(`  groups: ${counts.length}, same figures: ${same}`);
    console.log('  plan:');
    for (const r of plan.rows) console.log(`    ${'detail' in r ? r.detail : r['QUERY PLAN']}`);
  } finally {
    await t.close();
  }
}
