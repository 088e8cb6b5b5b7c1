/**
 * WO-1 order numbers: WO-YYYYMMDD-NNNN from a per-local-day counter taken in the intake's own
 * transaction, so numbers are distinct and gap-free under concurrency, across processes, and
 * when an intake is refused after taking one.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

const run = promisify(execFile);
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'work-orders.numbers.worker.ts');
// The full scale is 8 × 500; the default keeps the suite quick on a shared machine.
const PROCESSES = Number(process.env.ONSITE_NUMBER_PROCESSES ?? 4);
const PER_PROCESS = Number(process.env.ONSITE_NUMBER_INTAKES ?? 60);

/** The sequences of one day's numbers, sorted; asserts each is well formed. */
function sequencesOf(numbers: string[], day: string): number[] {
  for (const n of numbers) assert.match(n, new RegExp(`^WO-${day}-\\d{4,}$`));
  return numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
}

/** 1, 2, … n. */
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

for (const kind of testDatabases) {
  describe(`order numbers (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    let as: Session;
    /** Moves the clock and signs a receiver in afresh (sessions expire as days pass). */
    const at = async (iso: string) => {
      t.clock.set(iso);
      as = await t.personWith(['call_center']);
    };
    const intake = (extra: Record<string, unknown> = {}) =>
      t.request({ method: 'POST', url: '/api/v1/work-orders', as, payload: phoneIntake(w, extra) });
    const numbersOfDay = async (day: string) =>
      (
        await t.ctx.db
          .selectFrom('work_orders')
          .select('number')
          .where('number', 'like', `WO-${day}-%`)
          .execute()
      ).map((r) => r.number);

    test('WO-1 concurrent intakes get distinct, gap-free numbers of the local day', async () => {
      await at('2026-11-02T02:00:00.000Z');
      // Contention answers 503 busy with Retry-After (bounded lock wait); a client retries.
      const patient = async () => {
        for (;;) {
          const r = await intake();
          if (r.statusCode !== 503) return r;
        }
      };
      const responses = await Promise.all(Array.from({ length: 40 }, patient));
      for (const r of responses) assert.equal(r.statusCode, 201, r.body);
      const given = responses.map((r) => json<{ number: string }>(r).number);
      assert.deepEqual(sequencesOf(given, '20261102'), oneTo(40));
    });

    test('WO-1 an intake refused after taking a number gives it back (no gap)', async () => {
      await at('2026-11-04T02:00:00.000Z');
      // The same external reference twenty times at once: on PostgreSQL several pass the
      // duplicate check, take a number and then fail on the unique key, rolling it back.
      const responses = await Promise.all(Array.from({ length: 20 }, () => intake({ externalRef: 'DUP-1' })));
      assert.equal(responses.filter((r) => r.statusCode === 201).length, 1);
      for (const r of responses) assert.ok([201, 409].includes(r.statusCode), r.body);
      const ok = await intake();
      assert.equal(ok.statusCode, 201, ok.body);
      assert.deepEqual(sequencesOf(await numbersOfDay('20261104'), '20261104'), oneTo(2));
    });

    test('WO-1 the day is the local day: 00:30 in Asia/Shanghai starts the next day at 0001', async () => {
      await at('2026-11-05T16:30:00.000Z');
      const r = await intake();
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(json<{ number: string }>(r).number, 'WO-20261106-0001');
    });

    test(`WO-1 ${PROCESSES} processes × ${PER_PROCESS} concurrent intakes: distinct and gap-free`, async () => {
      const clock = '2026-11-10T03:00:00.000Z';
      await at(clock);
      const body = JSON.stringify(phoneIntake(w, { occurredAt: '2026-11-10T01:00:00.000Z' }));
      const outputs = await Promise.all(
        Array.from({ length: PROCESSES }, () =>
          run(
            process.execPath,
            [
              '--import',
              'tsx',
              worker,
              t.ctx.config.databaseUrl,
              as.personId,
              String(PER_PROCESS),
              '8',
              clock,
              body,
            ],
            { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'silent' } },
          ),
        ),
      );
      const results = outputs.map((o) => JSON.parse(o.stdout) as { numbers: string[]; retries: number });
      const all = results.flatMap((r) => r.numbers);
      assert.equal(all.length, PROCESSES * PER_PROCESS);
      assert.deepEqual(sequencesOf(all, '20261110'), oneTo(PROCESSES * PER_PROCESS));
      // Retries are not asserted: PostgreSQL queues on the counter row, but a wait longer than
      // lock_timeout (a loaded machine) is answered busy by design and retried, like a client
      // would after a 503. What must hold whatever the load is the numbering above.
    });
  });
}
