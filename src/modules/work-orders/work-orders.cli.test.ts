import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { runCli, tempDir } from '../../../test/server/cli-helpers.ts';
import { buildWorld, type World } from './work-orders.fixtures.ts';

for (const kind of testDatabases) {
  describe(`onsite orders import (${kind})`, () => {
    let t: TestApp;
    let w: World;
    const tmp = tempDir('onsite-orders-import-');
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(async () => {
      await t.close();
      tmp.cleanup();
    });

    test('imports an EOMS CSV as the named person and reports every row; refusals make the exit code 1', async () => {
      const person = await t.ctx.db
        .selectFrom('people')
        .select('username')
        .where('id', '=', w.callCenter.personId)
        .executeTakeFirstOrThrow();
      const site = await t.ctx.db
        .selectFrom('sites')
        .select('code')
        .where('id', '=', w.siteA1)
        .executeTakeFirstOrThrow();
      const file = path.join(tmp.dir, 'eoms.csv');
      writeFileSync(
        file,
        [
          '工单号,工单类型,紧急程度,客户名称,联系人,联系电话,站点编码,设备序列号,发生时间,故障现象',
          `CLI-1,故障处理,严重,某运营商,刘工,138,${site.code},${w.serialA1},2026-11-02 09:10,光口闪断`,
          `CLI-2,故障处理,严重,某运营商,刘工,,${site.code},${w.serialA1},2026-11-02 09:10,光口闪断`,
        ].join('\n'),
      );
      const env = { DATABASE_URL: t.ctx.config.databaseUrl, LOG_LEVEL: 'silent' };
      const r = await runCli(['orders', 'import', '--as', person.username, file, '--lang', 'en'], env);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /row 2: accepted WO-\d{8}-\d{4} \(CLI-1\)/);
      assert.match(r.stdout, /row 3: refused \(CLI-2\) — contactPhone: who: the contact phone is required/);
      assert.match(r.stdout, /1 accepted, 1 refused, 2 rows/);
      const made = await t.ctx.db
        .selectFrom('work_orders')
        .selectAll()
        .where('external_ref', '=', 'CLI-1')
        .executeTakeFirstOrThrow();
      assert.equal(made.owner_id, w.callCenter.personId);
      assert.equal(made.channel, 'eoms_import');
      const engineer = await t.ctx.db
        .selectFrom('people')
        .select('username')
        .where('id', '=', w.engNear.personId)
        .executeTakeFirstOrThrow();
      const denied = await runCli(['orders', 'import', '--as', engineer.username, file], env);
      assert.equal(denied.code, 2);
      assert.match(denied.stderr, /may not import work orders/);
      const usage = await runCli(['orders', 'import', file], env);
      assert.equal(usage.code, 2);
    });
  });
}
