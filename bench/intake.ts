/**
 * Work-order intake through the HTTP API (session auth, validation, 5W1H rule, scope, history
 * hash chain, one transaction per order) beside a raw INSERT of the same rows, on SQLite and on
 * PostgreSQL in one run. Prints orders per second for each and the ratio.
 *
 *   npm run bench:intake                 (BENCH_ORDERS=2000 BENCH_CONCURRENCY=16 by default)
 */

import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildWorld, phoneIntake } from '../src/modules/work-orders/work-orders.fixtures.ts';
import type { WorkOrderTable } from '../src/modules/work-orders/work-orders.tables.ts';
import { newId } from '../src/shared/ids.ts';
import { startTestApp, testDatabases } from '../test/harness.ts';

const N = Number(process.env.BENCH_ORDERS ?? 2000);
const C = Number(process.env.BENCH_CONCURRENCY ?? 16);

/** Runs `task(i)` for i in [0, n) with at most `c` in flight. */
async function pool(n: number, c: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      while (next < n) {
        const i = next++;
        await task(i);
      }
    }),
  );
}

const results: { kind: string; api: number; raw: number }[] = [];

for (const kind of testDatabases) {
  const t = await startTestApp(kind);
  try {
    const w = await buildWorld(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const cookie = 'cookie' in w.callCenter ? w.callCenter.cookie : '';
    const bodies = Array.from({ length: N }, (_, i) =>
      JSON.stringify(
        phoneIntake(w, { symptom: `基准测试第 ${i} 单：上联口闪断`, externalRef: `BENCH-${i}` }),
      ),
    );
    // Warm up the route, the pool and the statement caches.
    for (let i = 0; i < 20; i++) {
      await fetch(`${base}/api/v1/work-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(phoneIntake(w, { externalRef: `WARM-${i}` })),
      });
    }
    let failures = 0;
    const apiStart = performance.now();
    await pool(N, C, async (i) => {
      const res = await fetch(`${base}/api/v1/work-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: bodies[i],
      });
      if (res.status !== 201) failures += 1;
      await res.arrayBuffer();
    });
    const apiSeconds = (performance.now() - apiStart) / 1000;
    if (failures) throw new Error(`${failures} API intakes failed on ${kind}`);
    // WO-1 numbers: every intake of the run (all on one clock day) got its own, with no gaps.
    const numbers = await t.ctx.db.selectFrom('work_orders').select('number').execute();
    const sequences = new Set(numbers.map((r) => Number(r.number.split('-')[2])));
    if (sequences.size !== numbers.length || Math.max(...sequences) !== numbers.length) {
      throw new Error(`order numbers on ${kind} are not distinct and gap-free`);
    }

    // The same rows, written straight into the table: no HTTP, rules, history or scope.
    const template = await t.ctx.db
      .selectFrom('work_orders')
      .selectAll()
      .where('external_ref', '=', 'BENCH-0')
      .executeTakeFirstOrThrow();
    const rows: WorkOrderTable[] = Array.from({ length: N }, (_, i) => {
      const id = newId();
      return {
        ...template,
        id,
        number: `RAW-${i}`,
        symptom: `基准测试第 ${i} 单：上联口闪断`,
        external_ref: `RAW-${i}`,
      };
    });
    const rawStart = performance.now();
    await pool(N, C, async (i) => {
      await t.ctx.db.insertInto('work_orders').values(rows[i]!).execute();
    });
    const rawSeconds = (performance.now() - rawStart) / 1000;
    results.push({ kind, api: N / apiSeconds, raw: N / rawSeconds });
  } finally {
    await t.close();
  }
}

console.log(`work-order intake, ${N} orders per database, concurrency ${C}`);
console.log('database   | API intake (orders/s) | raw INSERT (rows/s) | raw ÷ API');
for (const r of results) {
  console.log(
    `${r.kind.padEnd(10)} | ${r.api.toFixed(0).padStart(21)} | ${r.raw.toFixed(0).padStart(19)} | ${(r.raw / r.api).toFixed(1).padStart(9)}`,
  );
}
