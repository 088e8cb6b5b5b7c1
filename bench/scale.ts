/**
 * Province scale: loads orders in bulk (bench/scale-load.ts) into SQLite and PostgreSQL, then
 * drives each read of issue 11 with autocannon (a separate process, so it does not share the
 * server's event loop or memory) at 100 connections, first at 10,000 orders and again at the
 * full size, printing req/s, p50 and p99 with the growth ratio; then intake at concurrency 16
 * through the API beside a raw multi-row insert of the same rows, and the server's peak RSS.
 *
 *   npm run bench:scale                              (1,000,000 orders)
 *   npm run bench:scale -- --orders 100000 --seconds 10
 *   npm run bench:scale -- --orders 30000 --seconds 5 --reads list,inbox,next
 *
 * `--reads` keeps the reads whose name contains one of the words (a shared machine cannot run
 * every read at every size in minutes); `bench/plans.ts` prints the same reads' query plans.
 */

import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { buildWorld, phoneIntake } from '../src/modules/work-orders/work-orders.fixtures.ts';
import { startTestApp, testDatabases } from '../test/harness.ts';
import { intakeTemplate, loadCopies } from './scale-load.ts';

const run = promisify(execFile);

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const n = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive whole number`);
    process.exit(2);
  }
  return n;
}

const ORDERS = flag('orders', 1_000_000);
const SECONDS = flag('seconds', 10);
const SMALL = Math.min(10_000, ORDERS);
const readsAt = process.argv.indexOf('--reads');
const READS = readsAt < 0 ? null : (process.argv[readsAt + 1] ?? '').split(',').filter(Boolean);

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One autocannon run; non-2xx answers count as errors so a broken read cannot look fast. */
async function cannon(
  url: string,
  cookie: string,
  connections: number,
  extra: string[] = [],
): Promise<Figures> {
  const { stdout } = await run(
    'node_modules/.bin/autocannon',
    ['-j', '-c', String(connections), '-d', String(SECONDS), '-H', `cookie=${cookie}`, ...extra, url],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const r = JSON.parse(stdout);
  if (process.env.SCALE_DEBUG)
    process.stderr.write(
      `${JSON.stringify({ total: r.requests.total, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, codes: r.statusCodeStats })}\n`,
    );
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250);

const report: string[] = [];
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const progressLine = (kind: string, target: number) => (done: number) => {
  if (done % 50_000 === 0 || done === target)
    process.stderr.write(`  ${kind}: ${done} / ${target} orders loaded\n`);
};

for (const kind of testDatabases) {
  const t = await startTestApp(kind);
  try {
    const w = await buildWorld(t);
    const manager = 'cookie' in w.manager ? w.manager.cookie : '';
    const intakeCookie = 'cookie' in w.callCenter ? w.callCenter.cookie : '';
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;

    const template = await intakeTemplate(t, w);
    const now = t.clock.now().getTime();

    const load = async (from: number, count: number) => {
      const started = performance.now();
      const open = await loadCopies(
        t.ctx,
        template,
        { from, count, total: ORDERS, now },
        progressLine(kind, count),
      );
      if (kind === 'postgres') await sql`analyze`.execute(t.ctx.db);
      const s = (performance.now() - started) / 1000;
      report.push(
        `${kind}: loaded ${count} orders in ${s.toFixed(0)} s (${(count / s).toFixed(0)} orders/s)`,
      );
      return open;
    };

    const reads = (open: string[]) => ({
      'order list, default (100)': `${base}/api/v1/work-orders`,
      'order list, region + severity (20)': `${base}/api/v1/work-orders?regionId=${w.regions.prefA}&severity=major&limit=20`,
      'dashboard deadline compliance': `${base}/api/v1/dashboard/deadline-compliance`,
      'deadlines at-risk board': `${base}/api/v1/deadlines/at-risk`,
      'deadlines/next for 20 ids': `${base}/api/v1/deadlines/next?${open
        .slice(0, 20)
        .map((id) => `orderId=${id}`)
        .join('&')}`,
      'inbox (manager, 100)': `${base}/api/v1/notifications?limit=100`,
      'order detail': `${base}/api/v1/work-orders/${open[0]}`,
    });

    const measureReads = async (open: string[]) => {
      const out: Record<string, Figures> = {};
      for (const [name, url] of Object.entries(reads(open))) {
        if (READS && !READS.some((word) => name.includes(word))) continue;
        out[name] = await cannon(url, manager, 100);
        // Work still queued when autocannon stops would be charged to the next read: one
        // more request of the same kind returns only after that backlog is through.
        await (await fetch(url, { headers: { cookie: manager } })).arrayBuffer();
        process.stderr.write(
          `  ${kind}: ${name}: ${out[name].rps.toFixed(0)} req/s, p99 ${out[name].p99} ms\n`,
        );
      }
      return out;
    };

    const openSmall = await load(0, SMALL - 1);
    const small = await measureReads(openSmall);
    const openLarge = ORDERS > SMALL ? await load(SMALL - 1, ORDERS - SMALL) : [];
    const large = ORDERS > SMALL ? await measureReads([...openSmall, ...openLarge]) : small;

    report.push(`\n${kind}: reads at 100 connections, ${SECONDS} s each; ${SMALL} orders → ${ORDERS} orders`);
    report.push(
      'request                             | req/s 10k | p50 10k | p99 10k | req/s big | p50 big | p99 big | p99 ratio | errors',
    );
    for (const name of Object.keys(small)) {
      const a = small[name]!;
      const b = large[name]!;
      report.push(
        [
          name.padEnd(35),
          a.rps.toFixed(0).padStart(9),
          `${a.p50}`.padStart(7),
          `${a.p99}`.padStart(7),
          b.rps.toFixed(0).padStart(9),
          `${b.p50}`.padStart(7),
          `${b.p99}`.padStart(7),
          `${(b.p99 / Math.max(a.p99, 1)).toFixed(2)}×`.padStart(9),
          `${a.errors + b.errors}`.padStart(6),
        ].join(' | '),
      );
    }

    // Intake at concurrency 16: each request gets its own external reference.
    const body = JSON.stringify(phoneIntake(w, { externalRef: 'SCALE-[<id>]' }));
    const before = await t.ctx.db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const intake = await cannon(`${base}/api/v1/work-orders`, intakeCookie, 16, [
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      body,
      '-I',
    ]);
    const after = await t.ctx.db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const took = Number(after.n) - Number(before.n);
    const rawStart = performance.now();
    await loadCopies(
      t.ctx,
      template,
      { from: ORDERS, count: Math.max(took, 1), total: ORDERS, now },
      () => {},
      16,
    );
    const rawRate = Math.max(took, 1) / ((performance.now() - rawStart) / 1000);
    report.push(
      `${kind}: intake at concurrency 16: ${intake.rps.toFixed(0)} orders/s, p50 ${intake.p50} ms, p99 ${intake.p99} ms, ` +
        `${intake.errors} errors; raw multi-row insert of the same rows (16 orders per transaction): ${rawRate.toFixed(0)} orders/s ` +
        `→ intake is ${((intake.rps / rawRate) * 100).toFixed(0)} % of raw`,
    );
  } finally {
    await t.close();
  }
}

clearInterval(sampler);
console.log(report.join('\n'));
console.log(`\npeak RSS of the server process (loader included): ${mb(peakRss)}`);
