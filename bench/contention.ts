/**
 * Issue 10, defect 5, measured: one transaction holds the history head for BENCH_HOLD_SECONDS
 * (default 12) while BENCH_WRITERS (default 20) writers arrive, on PostgreSQL. Prints how long
 * the writers waited and what they got (503 busy after lock_timeout, not a wait as long as the
 * holder), and the latency of GET /auth/me during the pile-up beside its latency with no
 * contention, measured in the same run.
 *
 *   npm run bench:contention
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { bootstrap } from '../src/app/bootstrap.ts';
import { buildServer } from '../src/http/server.ts';
import { verifyHistory } from '../src/modules/history/history.service.ts';
import { createPerson } from '../src/modules/people/people.service.ts';
import { scratchDatabase } from '../test/harness.ts';

const HOLD_SECONDS = Number(process.env.BENCH_HOLD_SECONDS ?? 12);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 20);
const PASSWORD = 'Bench-passw0rd!';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const scratch = await scratchDatabase('postgres');
const ctx = await bootstrap(scratch.config, { log: { info() {}, warn() {}, error() {} } });
const app = await buildServer(ctx, { logger: false });
try {
  await createPerson(
    ctx,
    { system: 'bench' },
    { username: 'bench', displayName: '压测', roles: ['admin'], password: PASSWORD },
  );
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'bench', password: PASSWORD },
  });
  const cookie = `onsite_session=${login.cookies.find((c) => c.name === 'onsite_session')?.value}`;
  const me = async () => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`auth/me answered ${res.statusCode}`);
    return performance.now() - t0;
  };
  const baseline: number[] = [];
  for (let i = 0; i < 20; i++) baseline.push(await me());

  const holder = new pg.Client({ connectionString: scratch.config.databaseUrl });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT * FROM history_head WHERE id = 1 FOR UPDATE');
  const released = new Promise<void>((resolve) =>
    setTimeout(async () => {
      await holder.query('COMMIT');
      await holder.end();
      resolve();
    }, HOLD_SECONDS * 1000),
  );
  const writers = Array.from({ length: WRITERS }, async (_, i) => {
    const t0 = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: { cookie },
      payload: { code: `BW${i}`, name: `争用${i}`, level: 'province' },
    });
    return { status: res.statusCode, ms: performance.now() - t0, retryAfter: res.headers['retry-after'] };
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const loaded: number[] = [];
  for (let i = 0; i < 5; i++) loaded.push(await me());
  const answers = await Promise.all(writers);
  await released;
  const statuses = new Map<number, number>();
  for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  console.log(
    `history head held ${HOLD_SECONDS} s; ${WRITERS} writers; lock_timeout ${ctx.config.pgLockTimeoutMs} ms; pool ${ctx.config.pgPoolSize}, reserve ${ctx.config.pgPoolReserve}`,
  );
  console.log(
    `GET /auth/me median: ${median(baseline).toFixed(1)} ms alone (baseline), ${median(loaded).toFixed(1)} ms during the pile-up (max ${Math.max(...loaded).toFixed(1)} ms)`,
  );
  console.log(
    `writers: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}; longest wait ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms; Retry-After ${answers.find((a) => a.retryAfter)?.retryAfter ?? '-'}`,
  );
  console.log(`history verifies: ${(await verifyHistory(ctx)).ok}`);
} finally {
  await app.close();
  await ctx.database.close();
  await scratch.drop();
}
