/**
 * RC-1 / RC-2 end to end: history is append-only in the database, written in the same
 * transaction as the change, and anyone who bypasses the guard and rewrites or removes an
 * entry is caught by both `POST /api/v1/audit/verify` and `onsite audit verify`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { inTransaction } from '../../src/app/context.ts';
import type { DB } from '../../src/db/schema.ts';
import { verifyHistory } from '../../src/modules/history/history.service.ts';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
import { errorOf, json, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `onsite audit verify` as a child process against the test app's database. */
function cliVerify(t: TestApp): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin/onsite.mjs'), 'audit', 'verify'],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: t.ctx.config.databaseUrl, LOG_LEVEL: 'silent' },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface Verify {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; entityType: string; entityId: string; problem: string };
}

/** Takes the append-only guard off the history table, as someone with database access could. */
async function dropGuard(t: TestApp): Promise<void> {
  if (t.kind === 'sqlite') {
    await sql`DROP TRIGGER history_no_update`.execute(t.ctx.db);
    await sql`DROP TRIGGER history_no_delete`.execute(t.ctx.db);
  } else {
    await sql`ALTER TABLE history DISABLE TRIGGER history_no_change`.execute(t.ctx.db);
  }
}

async function historyCount(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('history')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Creates a province and a prefecture under it and renames it: three history entries. */
async function makeHistory(t: TestApp, admin: Session, prefix: string) {
  const prov = await t.request({
    method: 'POST',
    url: '/api/v1/regions',
    as: admin,
    payload: { code: `${prefix}P`, name: '贵州省', level: 'province' },
  });
  assert.equal(prov.statusCode, 201, prov.body);
  const provId = json<{ id: string }>(prov).id;
  const city = await t.request({
    method: 'POST',
    url: '/api/v1/regions',
    as: admin,
    payload: { code: `${prefix}C`, name: '贵阳市', level: 'prefecture', parentId: provId },
  });
  assert.equal(city.statusCode, 201, city.body);
  const cityId = json<{ id: string }>(city).id;
  const patch = await t.request({
    method: 'PATCH',
    url: `/api/v1/regions/${cityId}`,
    as: admin,
    payload: { name: '贵阳', reason: '简称' },
  });
  assert.equal(patch.statusCode, 200, patch.body);
  const hist = json<{ items: { seq: number; action: string }[] }>(
    await t.request({ method: 'GET', url: `/api/v1/regions/${cityId}/history`, as: admin }),
  );
  assert.deepEqual(
    hist.items.map((h) => h.action),
    ['create', 'update'],
  );
  return { provId, cityId, citySeqs: hist.items.map((h) => h.seq) };
}

for (const kind of testDatabases) {
  describe(`history tamper evidence (RC-1, RC-2) (${kind})`, () => {
    let t: TestApp;
    let auditor: Session;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      admin = await t.personWith(['admin']);
      auditor = await t.personWith(['auditor']);
    });
    after(() => t.close());

    test('RC-1: the database refuses UPDATE and DELETE on history while the guard is in place', async () => {
      await makeHistory(t, admin, 'G');
      const before = await historyCount(t.ctx.db);
      assert.ok(before >= 3);
      await assert.rejects(
        sql`UPDATE history SET reason = 'rewritten' WHERE seq = 1`.execute(t.ctx.db),
        /append-only/,
      );
      await assert.rejects(sql`DELETE FROM history WHERE seq = 1`.execute(t.ctx.db), /append-only/);
      await assert.rejects(
        sql`DELETE FROM history WHERE seq = (SELECT max(seq) FROM history)`.execute(t.ctx.db),
        /append-only/,
      );
      assert.equal(await historyCount(t.ctx.db), before);
      const verify = await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: auditor });
      assert.equal(verify.statusCode, 200, verify.body);
      assert.deepEqual(json<Verify>(verify), { ok: true, checked: before });
      const cli = await cliVerify(t);
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(cli.stdout, new RegExp(`history chain intact: ${before} entries verified`));
    });

    test('RC-1: a change that fails after its history append leaves neither the change nor the entry', async () => {
      const beforeCount = await historyCount(t.ctx.db);
      const head = await t.ctx.db.selectFrom('history_head').selectAll().executeTakeFirstOrThrow();
      let createdId = '';
      await assert.rejects(
        inTransaction(t.ctx, async (tx) => {
          const row = await createRegion(
            tx,
            { system: 'test' },
            { code: 'ROLLBACK', name: '回滚', level: 'province' },
          );
          createdId = row.id;
          // The region exists inside the transaction and its history entry is recorded with it,
          // to be chained just before the commit …
          assert.ok(
            await tx.db.selectFrom('regions').select('id').where('id', '=', row.id).executeTakeFirst(),
          );
          assert.equal(tx.pendingHistory?.length, 1);
          throw new Error('fails after the history append');
        }),
        /fails after the history append/,
      );
      assert.ok(createdId);
      // … and neither survives it.
      const region = await t.ctx.db
        .selectFrom('regions')
        .select('id')
        .where('id', '=', createdId)
        .executeTakeFirst();
      assert.equal(region, undefined);
      const entries = await t.ctx.db
        .selectFrom('history')
        .select('seq')
        .where('entity_id', '=', createdId)
        .execute();
      assert.deepEqual(entries, []);
      assert.equal(await historyCount(t.ctx.db), beforeCount);
      assert.deepEqual(await t.ctx.db.selectFrom('history_head').selectAll().executeTakeFirstOrThrow(), head);
      // The chain is still whole and the next change continues it without a gap.
      const next = await t.request({
        method: 'POST',
        url: '/api/v1/regions',
        as: admin,
        payload: { code: 'AFTERRB', name: '之后', level: 'province' },
      });
      assert.equal(next.statusCode, 201, next.body);
      const verify = json<Verify>(
        await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: auditor }),
      );
      assert.deepEqual(verify, { ok: true, checked: beforeCount + 1 });
    });

    test('verifying while changes are being written reports an intact chain, not a false alarm', async () => {
      for (let round = 0; round < 5; round++) {
        const writes = Array.from({ length: 12 }, (_, i) =>
          createRegion(
            t.ctx,
            { system: 'test' },
            { code: `LIVE${round}-${i}`, name: '并发', level: 'province' },
          ),
        );
        const verifies = Array.from({ length: 3 }, () => verifyHistory(t.ctx));
        const [, results] = await Promise.all([Promise.all(writes), Promise.all(verifies)]);
        for (const v of results) assert.equal(v.ok, true, JSON.stringify(v));
      }
      assert.equal((await verifyHistory(t.ctx)).checked, await historyCount(t.ctx.db));
    });

    test('recordHistory outside a transaction is refused, so no entry can be written beside its change', async () => {
      const { recordHistory } = await import('../../src/modules/history/history.service.ts');
      await assert.rejects(
        recordHistory(
          t.ctx,
          { system: 'test' },
          { entityType: 'region', entityId: 'x', action: 'x', changes: {} },
        ),
        /inside the transaction/,
      );
    });

    test('only auditors and administrators may verify; others get 403, anonymous 401', async () => {
      const engineer = await t.personWith(['engineer']);
      const res = await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: engineer });
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'forbidden');
      const anon = await t.request({ method: 'POST', url: '/api/v1/audit/verify' });
      assert.equal(anon.statusCode, 401);
      const asAdmin = await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: admin });
      assert.equal(asAdmin.statusCode, 200);
    });
  });

  describe(`history tamper: a rewritten entry is named by seq (RC-2) (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('rewriting one entry with the guard removed is caught by the API and the CLI, naming its seq', async () => {
      const admin = await t.personWith(['admin']);
      const auditor = await t.personWith(['auditor']);
      const { cityId, citySeqs } = await makeHistory(t, admin, 'T');
      // More entries after the tampered one, so the walk has to go past it to stay honest.
      await makeHistory(t, admin, 'U');
      const total = await historyCount(t.ctx.db);
      const target = citySeqs[0]!;
      assert.ok(target < total);

      await dropGuard(t);
      const changed =
        await sql`UPDATE history SET changes = ${JSON.stringify({ name: [null, '遵义市'] })} WHERE seq = ${target}`.execute(
          t.ctx.db,
        );
      assert.equal(Number(changed.numAffectedRows), 1);

      const res = await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: auditor });
      assert.equal(res.statusCode, 200, res.body);
      const v = json<Verify>(res);
      assert.equal(v.ok, false);
      assert.equal(v.firstBad?.seq, target);
      assert.equal(v.firstBad?.entityType, 'region');
      assert.equal(v.firstBad?.entityId, cityId);
      assert.match(v.firstBad?.problem ?? '', /does not match its hash/);
      assert.equal(v.checked, target - 1);

      const cli = await cliVerify(t);
      assert.equal(cli.code, 1, `${cli.stdout}\n${cli.stderr}`);
      assert.match(cli.stderr, new RegExp(`BROKEN at entry #${target} \\(region ${cityId}\\)`));
      assert.doesNotMatch(cli.stderr, new RegExp(`#${target + 1}\\b`));
    });
  });

  describe(`history tamper: re-hashing one entry breaks the link of the next (RC-2) (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('an entry rewritten together with its own hash is caught at the entry after it', async () => {
      const admin = await t.personWith(['admin']);
      const auditor = await t.personWith(['auditor']);
      await makeHistory(t, admin, 'H');
      const total = await historyCount(t.ctx.db);
      const target = total - 1;
      await dropGuard(t);
      // Someone who knows the hash function recomputes the rewritten entry's own hash …
      const { entryHash } = await import('../../src/modules/history/history.rules.ts');
      const row = await t.ctx.db
        .selectFrom('history')
        .selectAll()
        .where('seq', '=', target)
        .executeTakeFirstOrThrow();
      const forged = { ...row, reason: '伪造的原因' };
      const { hash: _old, ...content } = forged;
      await sql`UPDATE history SET reason = ${forged.reason}, hash = ${entryHash(content)} WHERE seq = ${target}`.execute(
        t.ctx.db,
      );
      // … but the next entry still links to the original hash.
      const v = json<Verify>(await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: auditor }));
      assert.equal(v.ok, false);
      assert.equal(v.firstBad?.seq, target + 1);
      assert.match(v.firstBad?.problem ?? '', /previous-hash link/);
      const cli = await cliVerify(t);
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, new RegExp(`BROKEN at entry #${target + 1} `));
    });
  });

  describe(`history tamper: re-hashing the last entry is caught by the head (RC-2) (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('the newest entry rewritten with its own hash recomputed is named by its seq', async () => {
      const admin = await t.personWith(['admin']);
      const auditor = await t.personWith(['auditor']);
      const { cityId } = await makeHistory(t, admin, 'L');
      const last = await historyCount(t.ctx.db);
      await dropGuard(t);
      const { entryHash } = await import('../../src/modules/history/history.rules.ts');
      const row = await t.ctx.db
        .selectFrom('history')
        .selectAll()
        .where('seq', '=', last)
        .executeTakeFirstOrThrow();
      const { hash: _old, ...content } = { ...row, reason: '改写' };
      await sql`UPDATE history SET reason = ${'改写'}, hash = ${entryHash(content)} WHERE seq = ${last}`.execute(
        t.ctx.db,
      );
      const v = json<Verify>(await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: auditor }));
      assert.equal(v.ok, false);
      assert.equal(v.firstBad?.seq, last);
      assert.equal(v.firstBad?.entityId, cityId);
      assert.match(v.firstBad?.problem ?? '', /head of the chain/);
      const cli = await cliVerify(t);
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, new RegExp(`BROKEN at entry #${last} `));
    });
  });

  describe(`history tamper: removed entries (RC-2) (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('deleting the last entry is caught: the chain no longer reaches its head', async () => {
      const admin = await t.personWith(['admin']);
      const auditor = await t.personWith(['auditor']);
      await makeHistory(t, admin, 'D');
      const total = await historyCount(t.ctx.db);
      await dropGuard(t);
      await sql`DELETE FROM history WHERE seq = ${total}`.execute(t.ctx.db);
      assert.equal(await historyCount(t.ctx.db), total - 1);

      const v = json<Verify>(await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: auditor }));
      assert.equal(v.ok, false);
      assert.equal(v.checked, total - 1);
      assert.equal(v.firstBad?.seq, total);
      assert.match(
        v.firstBad?.problem ?? '',
        new RegExp(`chain ends at ${total - 1} but its head says ${total}`),
      );

      const cli = await cliVerify(t);
      assert.equal(cli.code, 1, `${cli.stdout}\n${cli.stderr}`);
      assert.match(cli.stderr, new RegExp(`BROKEN at entry #${total} `));
    });
  });

  describe(`history tamper: an entry removed from the middle (RC-2) (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('deleting an entry in the middle is caught as a sequence gap naming the missing seq', async () => {
      const admin = await t.personWith(['admin']);
      const auditor = await t.personWith(['auditor']);
      await makeHistory(t, admin, 'M');
      const max = Number(
        (
          await t.ctx.db
            .selectFrom('history')
            .select((eb) => eb.fn.max('seq').as('m'))
            .executeTakeFirstOrThrow()
        ).m,
      );
      const target = max - 2;
      await dropGuard(t);
      await sql`DELETE FROM history WHERE seq = ${target}`.execute(t.ctx.db);
      const v = json<Verify>(await t.request({ method: 'POST', url: '/api/v1/audit/verify', as: auditor }));
      assert.equal(v.ok, false);
      assert.equal(v.firstBad?.seq, target);
      assert.match(
        v.firstBad?.problem ?? '',
        new RegExp(`sequence gap: expected ${target}, found ${target + 1}`),
      );
      const cli = await cliVerify(t);
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, new RegExp(`BROKEN at entry #${target} `));
    });
  });
}
