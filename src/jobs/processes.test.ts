/**
 * Durable timers across real server processes: `node bin/onsite.mjs serve` children on one
 * database. Two processes fire each timer exactly once; a process killed with SIGKILL loses
 * nothing — a timer that fell due while it was down fires after the restart. These tests wait
 * for outcomes; they never assert how long anything took.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scratchDatabase, testDatabases } from '../../test/harness.ts';
import { bootstrap } from '../app/bootstrap.ts';
import type { AppContext } from '../app/context.ts';
import { newId } from '../shared/ids.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quiet = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `onsite serve` and resolves once /api/health answers. */
async function serve(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/onsite.mjs', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TIMER_SWEEP_INTERVAL_MS: '100',
      TIMER_BATCH_SIZE: '10',
      SMS_WEBHOOK_URL: '',
      QUIET_HOURS: 'off',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c) => {
    stderr += String(c);
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return { child, port };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${stderr}`);
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  await done;
}

/** Queues SMS messages to the development outbox, each with its send timer, due at `dueAt`. */
async function queueSms(ctx: AppContext, n: number, dueAt: Date): Promise<string[]> {
  const ids: string[] = [];
  const now = new Date().toISOString();
  for (let start = 0; start < n; start += 200) {
    const batch = Array.from({ length: Math.min(200, n - start) }, (_, i) => ({ id: newId(), i: start + i }));
    await ctx.db
      .insertInto('outbound_messages')
      .values(
        batch.map((b) => ({
          id: b.id,
          notification_id: null,
          person_id: null,
          channel: 'sms',
          to_address: `1380000${String(b.i).padStart(4, '0')}`,
          subject: 'test',
          body: `message ${b.i}`,
          critical: 0,
          status: 'queued',
          attempts: 0,
          last_error: null,
          not_before: dueAt.toISOString(),
          provider_ref: null,
          created_at: now,
          sent_at: null,
        })),
      )
      .execute();
    await ctx.db
      .insertInto('timers')
      .values(
        batch.map((b) => ({
          id: newId(),
          kind: 'outbound.send',
          payload: JSON.stringify({ messageId: b.id }),
          due_at: dueAt.toISOString(),
          locked_until: null,
          locked_by: null,
          attempts: 0,
          last_error: null,
          fired_at: null,
          dead_at: null,
          dedupe_key: `send:${b.id}`,
          created_at: now,
        })),
      )
      .execute();
    ids.push(...batch.map((b) => b.id));
  }
  return ids;
}

async function sentCount(ctx: AppContext): Promise<number> {
  const r = await ctx.db
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function waitForSent(ctx: AppContext, n: number): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if ((await sentCount(ctx)) >= n) return;
    await sleep(100);
  }
  assert.fail(`only ${await sentCount(ctx)} of ${n} messages were sent`);
}

describe('durable timers across server processes', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  if (testDatabases.includes('postgres')) {
    test('two `onsite serve` processes on one PostgreSQL fire each of N timers exactly once', async () => {
      const scratch = await scratchDatabase('postgres');
      const ctx = await bootstrap(scratch.config, { log: quiet, poolSize: 2 });
      const a = await serve(scratch.config.databaseUrl);
      const b = await serve(scratch.config.databaseUrl);
      cleanups.push(async () => {
        await stop(a.child);
        await stop(b.child);
        await ctx.database.close();
        await scratch.drop();
      });
      const N = 600;
      const ids = await queueSms(ctx, N, new Date());
      await waitForSent(ctx, N);
      const perMessage = await ctx.db
        .selectFrom('sms_outbox')
        .select(['message_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('message_id')
        .execute();
      assert.equal(perMessage.length, N, 'every message reached the outbox');
      assert.ok(
        perMessage.every((r) => Number(r.n) === 1),
        'no message was sent twice',
      );
      assert.deepEqual(new Set(perMessage.map((r) => r.message_id)), new Set(ids));
      // A message is marked sent just before its timer is marked fired: wait for the timers too.
      for (let i = 0; i < 600; i++) {
        const open = await ctx.db
          .selectFrom('timers')
          .select('id')
          .where('kind', '=', 'outbound.send')
          .where('fired_at', 'is', null)
          .execute();
        if (open.length === 0) break;
        await sleep(100);
      }
      // The send timers (the servers also schedule their recurring jobs, which are not part of this count).
      const timers = await ctx.db
        .selectFrom('timers')
        .select(['fired_at', 'attempts', 'locked_by'])
        .where('kind', '=', 'outbound.send')
        .execute();
      assert.equal(timers.length, N);
      assert.ok(
        timers.every((r) => r.fired_at !== null && r.attempts === 1),
        'each timer claimed once and fired',
      );
      const sweepers = new Set(timers.map((r) => (r.locked_by ?? '').split('-')[0]));
      assert.equal(sweepers.size, 2, `both processes swept (${[...sweepers].join(', ')})`);
    });
  }

  for (const kind of testDatabases) {
    test(`${kind}: a server killed with SIGKILL loses nothing; a timer that fell due while it was down fires after restart`, async () => {
      const scratch = await scratchDatabase(kind);
      const ctx = await bootstrap(scratch.config, { log: quiet, poolSize: 2 });
      const first = await serve(scratch.config.databaseUrl);
      cleanups.push(async () => {
        await stop(first.child, 'SIGKILL');
        await ctx.database.close();
        await scratch.drop();
      });
      // Queued while the server runs, due shortly after it dies.
      const dueAt = new Date(Date.now() + 1500);
      const [id] = await queueSms(ctx, 1, dueAt);
      await stop(first.child, 'SIGKILL');
      while (Date.now() < dueAt.getTime() + 500) await sleep(100);
      const before = await ctx.db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('id', '=', id as string)
        .executeTakeFirstOrThrow();
      assert.equal(before.status, 'queued', 'nobody sent it while the server was down');
      const second = await serve(scratch.config.databaseUrl);
      cleanups.push(() => stop(second.child));
      await waitForSent(ctx, 1);
      const outbox = await ctx.db
        .selectFrom('sms_outbox')
        .selectAll()
        .where('message_id', '=', id as string)
        .execute();
      assert.equal(outbox.length, 1);
    });
  }
});
