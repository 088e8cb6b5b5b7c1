/**
 * WO-9 "training given on site is recorded and signed": what was taught, to whom, signed by the
 * customer's staff; only while on site and checked in; listed on the order and printed in the
 * field service report. Both databases.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { api, completeSiteWork, enRoute, signature } from '../onsite/onsite.fixtures.ts';
import { inspectPdf } from '../reports/reports.pdf-inspect.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';

const TRAINING = {
  topic: 'OLT 日常巡检与光功率测试方法',
  trainees: '机房值班员张三、李四',
  signerName: '张三',
  signaturePngBase64: signature(21),
};

for (const kind of testDatabases) {
  describe(`on-site training (${kind})`, () => {
    let t: TestApp;
    let w: World;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-training-'));
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, attachmentsDir: dir }) });
      w = await buildWorld(t);
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('WO-9 training is recorded on site with what, to whom and the customer’s signature, and printed in the report', async () => {
      const { post, get } = api(t);
      const o = await enRoute(t, w);
      const early = await post(w.engNear, `/api/v1/work-orders/${o.id}/trainings`, TRAINING, 'en');
      assert.equal(early.statusCode, 409, early.body);
      assert.equal(errorOf(early).details[0]?.field, 'state');

      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      await completeSiteWork(t, w.engNear, o.id);
      const noSig = await post(w.engNear, `/api/v1/work-orders/${o.id}/trainings`, {
        ...TRAINING,
        signaturePngBase64: 'bm90IGFuIGltYWdlIGF0IGFsbA==',
      });
      assert.equal(noSig.statusCode, 422, noSig.body);
      assert.equal(errorOf(noSig).details[0]?.field, 'signaturePngBase64');
      const made = await post(w.engNear, `/api/v1/work-orders/${o.id}/trainings`, TRAINING);
      assert.equal(made.statusCode, 201, made.body);
      const listed = json<{
        items: { topic: string; trainees: string; signerName: string; trainedBy: string }[];
      }>(await get(w.dispatcher, `/api/v1/work-orders/${o.id}/trainings`)).items;
      assert.deepEqual(
        listed.map((l) => [l.topic, l.trainees, l.signerName, l.trainedBy]),
        [[TRAINING.topic, TRAINING.trainees, TRAINING.signerName, w.engNear.personId]],
      );
      const history = json<{ items: { action: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/history`),
      ).items;
      assert.ok(history.some((h) => h.action === 'onsite:training'));

      assert.equal(
        (await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'service_restored' }))
          .statusCode,
        200,
      );
      t.clock.advanceMinutes(30);
      assert.equal(
        (await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' })).statusCode,
        200,
      );
      const report = await post(w.engNear, `/api/v1/work-orders/${o.id}/reports`, {
        workDone: '更换光模块并培训值班员',
      });
      assert.equal(report.statusCode, 201, report.body);
      const pdf = await get(
        w.dispatcher,
        json<{ attachment: { contentUrl: string } }>(report).attachment.contentUrl,
      );
      const text = inspectPdf(pdf.rawPayload).text.replace(/\s+/g, '');
      for (const s of ['现场培训', TRAINING.topic, TRAINING.trainees, TRAINING.signerName]) {
        assert.ok(text.includes(s.replace(/\s+/g, '')), `the report prints ${s}`);
      }
    });
  });
}
