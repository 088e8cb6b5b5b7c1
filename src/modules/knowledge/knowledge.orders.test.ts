import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { api, completeSiteWork, enRoute } from '../onsite/onsite.fixtures.ts';
import { buildWorld, PRODUCT } from '../work-orders/work-orders.fixtures.ts';

type Entry = { id: string; symptom: string; product: string | null; sourceOrderId: string | null };

for (const kind of testDatabases) {
  describe(`knowledge from work orders (${kind})`, () => {
    let t: TestApp;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-kn-'));
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, attachmentsDir: dir }) });
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('WO-12: a resolved fault becomes an entry; later orders with a similar symptom see it', async () => {
      const w = await buildWorld(t);
      const { post, get } = api(t);
      const o = await enRoute(t, w, { severity: 'critical', impacts: { serviceInterruption: true } });
      const learn = { fix: '更换上联光模块，清洁光纤端面' };
      const early = await post(w.engNear, `/api/v1/work-orders/${o.id}/knowledge`, learn, 'en');
      assert.equal(early.statusCode, 409);
      assert.equal(errorOf(early).code, 'not_a_resolved_fault');
      assert.equal(errorOf(early).details[0]?.field, 'orderId');

      await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {});
      await completeSiteWork(t, w.engNear, o.id);
      await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'service_restored' });
      assert.equal(
        (await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' })).statusCode,
        200,
      );

      const noFix = await post(w.engNear, `/api/v1/work-orders/${o.id}/knowledge`, {});
      assert.equal(noFix.statusCode, 422);
      assert.equal(errorOf(noFix).details[0]?.field, 'fix');
      assert.equal(
        (await post(w.dispatcher, `/api/v1/work-orders/${o.id}/knowledge`, learn)).statusCode,
        403,
      );
      const created = await post(w.engNear, `/api/v1/work-orders/${o.id}/knowledge`, learn);
      assert.equal(created.statusCode, 201, created.body);
      const e = json<Entry & { cause: string }>(created);
      assert.equal(e.symptom, 'OLT 上联口频繁闪断，部分用户掉线');
      assert.equal(e.cause, '光模块老化', 'the cause defaults to the suspected cause');
      assert.equal(e.product, PRODUCT);
      assert.equal(e.sourceOrderId, o.id);
      const hist = json<{ items: { action: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/history`),
      );
      assert.ok(hist.items.some((h) => h.action === 'knowledge_entry_created'));

      // A new order worded differently still finds it; intake finds it before the order exists.
      const next = json<{ id: string }>(
        await post(w.callCenter, '/api/v1/work-orders', {
          type: 'fault_repair',
          channel: 'customer_call',
          severity: 'critical',
          impacts: { serviceInterruption: true },
          customerId: w.customerId,
          contactName: '刘工',
          contactPhone: '13800000001',
          siteId: w.siteA1,
          symptom: '上联口闪断导致大面积掉线',
        }),
      );
      const matches = json<{ matches: { items: Entry[] }; learned: Entry[] }>(
        await get(w.engNear, `/api/v1/work-orders/${next.id}/knowledge`),
      );
      assert.deepEqual(
        matches.matches.items.map((m) => m.id),
        [e.id],
      );
      const own = json<{ matches: { items: Entry[] }; learned: Entry[] }>(
        await get(w.engNear, `/api/v1/work-orders/${o.id}/knowledge`),
      );
      assert.deepEqual(
        own.learned.map((m) => m.id),
        [e.id],
      );
      const intake = json<{ items: Entry[] }>(
        await t.request({
          method: 'POST',
          url: '/api/v1/knowledge/related',
          payload: { text: '客户说上联口闪断' },
          as: w.callCenter,
        }),
      );
      assert.ok(intake.items.some((m) => m.id === e.id));
    });
  });
}
