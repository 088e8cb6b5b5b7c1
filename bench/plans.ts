/**
 * Query plans of the reads of bench:scale (issue 11), on both databases after a bulk load: each
 * request goes through the API once while its statements are recorded, then every SELECT is
 * explained (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE), so a change of index or
 * query shows in the plan and not only in the timing.
 *
 *   node --import tsx bench/plans.ts --orders 50000
 */
import { CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { buildWorld } from '../src/modules/work-orders/work-orders.fixtures.ts';
import { startTestApp, testDatabases } from '../test/harness.ts';
import { intakeTemplate, loadCopies } from './scale-load.ts';

const at = process.argv.indexOf('--orders');
const ORDERS = at < 0 ? 50_000 : Number(process.argv[at + 1]);

for (const kind of testDatabases) {
  const t = await startTestApp(kind);
  try {
    const w = await buildWorld(t);
    const template = await intakeTemplate(t, w);
    const open = await loadCopies(t.ctx, template, {
      from: 0,
      count: ORDERS,
      total: ORDERS,
      now: t.clock.now().getTime(),
    });
    if (kind === 'postgres') await sql`analyze`.execute(t.ctx.db);
    const reads: Record<string, string> = {
      'order list, default (100)': '/api/v1/work-orders',
      'order list, region + severity (20)': `/api/v1/work-orders?regionId=${w.regions.prefA}&severity=major&limit=20`,
      'deadlines at-risk board': '/api/v1/deadlines/at-risk',
      'inbox (manager, 100)': '/api/v1/notifications?limit=100',
      'deadlines/next for 20 ids': `/api/v1/deadlines/next?${open
        .slice(0, 20)
        .map((id) => `orderId=${id}`)
        .join('&')}`,
    };
    const plain = t.ctx.db;
    for (const [name, url] of Object.entries(reads)) {
      const nodes: RootOperationNode[] = [];
      const recorder: KyselyPlugin = {
        transformQuery: (a) => {
          nodes.push(a.node);
          return a.node;
        },
        transformResult: async (a) => a.result,
      };
      // The context's handle is swapped for this one request only, to record its statements.
      (t.ctx as { db: typeof plain }).db = plain.withPlugin(recorder);
      const res = await t.request({ method: 'GET', url, as: w.manager });
      (t.ctx as { db: typeof plain }).db = plain;
      console.log(`\n=== ${kind}, ${ORDERS} orders: ${name} (HTTP ${res.statusCode}) ===`);
      for (const node of nodes) {
        if (node.kind !== 'SelectQueryNode') continue;
        const c = plain.getExecutor().compileQuery(node, { queryId: 'plan' });
        if (/from "(sessions|people|person_roles|person_regions)"/.test(c.sql)) continue;
        const prefix = kind === 'sqlite' ? 'explain query plan ' : 'explain (analyze, costs off) ';
        const plan = await plain.executeQuery<Record<string, unknown>>(
          CompiledQuery.raw(prefix + c.sql, [...c.parameters]),
        );
        console.log(`-- ${c.sql.slice(0, 160)}${c.sql.length > 160 ? ' …' : ''}`);
        for (const r of plan.rows) console.log(`   ${String(r.detail ?? r['QUERY PLAN'])}`);
      }
    }
  } finally {
    await t.close();
  }
}
