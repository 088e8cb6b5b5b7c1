/**
 * WO-9 close-out that writes itself: the report is drafted from what was recorded on site (the
 * daily logs as the work done, checklist, restore and resolve times); the engineer signs on the
 * phone (only one who checked in on the order, a replay with the same key signs once); the PDF
 * generated with nothing typed carries the drafted work and the engineer's own signature.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { contentOf } from '../attachments/attachments.service.ts';
import { api, completeSiteWork, enRoute, signature } from '../onsite/onsite.fixtures.ts';
import { inspectPdf } from '../reports/reports.pdf-inspect.ts';
import { buildWorld } from '../work-orders/work-orders.fixtures.ts';

for (const kind of testDatabases) {
  describe(`report draft and engineer signature (${kind})`, () => {
    let t: TestApp;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-draft-'));
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, attachmentsDir: dir }) });
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the draft comes from the site record; the engineer signs once; the PDF carries both', async () => {
      const w = await buildWorld(t);
      const { post, put, get } = api(t);
      const o = await enRoute(t, w, { severity: 'critical', impacts: { serviceInterruption: true } });
      const base = `/api/v1/work-orders/${o.id}`;
      assert.equal((await post(w.engNear, `${base}/check-in`, {})).statusCode, 201);
      await completeSiteWork(t, w.engNear, o.id);
      assert.equal(
        (await put(w.engNear, `${base}/daily-log`, { workDone: '更换上联光模块，告警消除' })).statusCode,
        200,
      );
      assert.equal(
        (await post(w.engNear, `${base}/transitions`, { to: 'service_restored' })).statusCode,
        200,
      );
      t.clock.advanceMinutes(20);
      assert.equal((await post(w.engNear, `${base}/transitions`, { to: 'resolved' })).statusCode, 200);

      const me = json<{ displayName: string }>(await get(w.engNear, '/api/v1/auth/me'));
      const draft = json<{
        symptom: string;
        workDone: string;
        checklist: { done: boolean }[];
        restoredAt: string | null;
        resolvedAt: string | null;
        engineerSignature: unknown;
      }>(await get(w.dispatcher, `${base}/report-draft`));
      assert.match(
        draft.workDone,
        new RegExp(`^\\d{4}-\\d{2}-\\d{2} ${me.displayName}：更换上联光模块，告警消除$`),
      );
      assert.ok(draft.checklist.length > 0 && draft.checklist.every((c) => c.done));
      assert.ok(draft.restoredAt && draft.resolvedAt && draft.restoredAt < draft.resolvedAt);
      assert.equal(draft.engineerSignature, null);

      // Only an engineer who checked in on the order signs as its engineer.
      const desk = await post(
        w.dispatcher,
        `${base}/engineer-signature`,
        { signaturePngBase64: signature(3) },
        'en',
      );
      assert.equal(desk.statusCode, 409, desk.body);
      assert.deepEqual(
        errorOf(desk).details.map((d) => d.field),
        ['signaturePngBase64'],
      );
      assert.match(errorOf(desk).details[0]?.message ?? '', /only an engineer who checked in/);
      // Signed from the phone's queue: the replay signs nothing twice.
      const sign = () =>
        t.request({
          method: 'POST',
          url: `${base}/engineer-signature`,
          as: w.engNear,
          payload: { signaturePngBase64: signature(4) },
          headers: { 'idempotency-key': 'sign-engineer-0001' },
        });
      const first = await sign();
      assert.equal(first.statusCode, 201, first.body);
      const again = await sign();
      assert.equal(again.statusCode, 201);
      assert.deepEqual(json(again), json(first));
      const rows = await t.ctx.db
        .selectFrom('engineer_signatures')
        .selectAll()
        .where('order_id', '=', o.id)
        .execute();
      assert.equal(rows.length, 1);
      const signed = json<{ engineerSignature: { name: string } | null }>(
        await get(w.dispatcher, `${base}/report-draft`),
      );
      assert.equal(signed.engineerSignature?.name, me.displayName);

      // The dispatcher generates the report typing nothing: the draft and the engineer's signature are in it.
      const report = await post(w.dispatcher, `${base}/reports`, {});
      assert.equal(report.statusCode, 201, report.body);
      const file = await t.ctx.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', json<{ attachment: { id: string } }>(report).attachment.id)
        .executeTakeFirstOrThrow();
      const pdf = inspectPdf(await contentOf(t.ctx, file));
      assert.match(pdf.text.replace(/\s+/g, ''), /更换上联光模块，告警消除/);
      assert.ok(pdf.text.includes(me.displayName));
      const dispatcherName = json<{ displayName: string }>(
        await get(w.dispatcher, '/api/v1/auth/me'),
      ).displayName;
      assert.ok(!pdf.text.includes(dispatcherName), 'the person at the desk is not shown as the engineer');
    });

    test('with no site log and nothing typed, the report names the missing work done', async () => {
      const w = await buildWorld(t);
      const { post } = api(t);
      const o = await enRoute(t, w, { severity: 'critical', impacts: { serviceInterruption: true } });
      const base = `/api/v1/work-orders/${o.id}`;
      assert.equal((await post(w.engNear, `${base}/check-in`, {})).statusCode, 201);
      await completeSiteWork(t, w.engNear, o.id);
      assert.equal(
        (await post(w.engNear, `${base}/transitions`, { to: 'service_restored' })).statusCode,
        200,
      );
      const resolved = await post(w.engNear, `${base}/transitions`, { to: 'resolved' });
      assert.equal(resolved.statusCode, 200, resolved.body);
      const res = await post(w.dispatcher, `${base}/reports`, {}, 'en');
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(
        errorOf(res).details.map((d) => d.field),
        ['workDone'],
      );
    });
  });
}
