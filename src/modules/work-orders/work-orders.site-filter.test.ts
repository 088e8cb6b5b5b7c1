/** The list's site filter: intake shows possible duplicate open orders for the chosen site (WO-1). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

type Order = { id: string; siteId: string | null; state: string };

for (const kind of testDatabases) {
  describe(`work orders list by site (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: Record<string, unknown>) =>
      t.request({ method: 'POST', url, as, payload });
    const list = async (query: string) => {
      const res = await t.request({ method: 'GET', url: `/api/v1/work-orders?${query}`, as: w.callCenter });
      assert.equal(res.statusCode, 200, res.body);
      return json<{ items: Order[]; total: number }>(res);
    };

    const intake = async (extra: Record<string, unknown> = {}): Promise<Order> => {
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, extra));
      assert.equal(res.statusCode, 201, res.body);
      return json<Order>(res);
    };

    test('siteId with open=true lists only the open orders of that site', async () => {
      const a = await intake();
      const closedOne = await intake();
      const other = await intake({ siteId: w.siteB1, equipmentId: undefined, product: '中兴 OLT C600' });
      const cancel = await post(w.dispatcher, `/api/v1/work-orders/${closedOne.id}/transitions`, {
        to: 'cancelled',
        reason: '客户重复报障',
      });
      assert.equal(cancel.statusCode, 200, cancel.body);

      const open = await list(`siteId=${w.siteA1}&open=true`);
      const ids = open.items.map((o) => o.id);
      assert.ok(ids.includes(a.id));
      assert.ok(!ids.includes(closedOne.id), 'a cancelled order is not a duplicate');
      assert.ok(!ids.includes(other.id), 'another site’s order is not listed');
      assert.ok(open.items.every((o) => o.siteId === w.siteA1));
      assert.equal(open.total, open.items.length);

      const forB = await list(`siteId=${w.siteB1}`);
      assert.deepEqual(
        forB.items.map((o) => o.id),
        [other.id],
      );
    });

    test('a malformed siteId is refused with 400, an unknown filter too', async () => {
      const bad = await t.request({
        method: 'GET',
        url: '/api/v1/work-orders?siteId=x%27',
        as: w.callCenter,
      });
      assert.equal(bad.statusCode, 400, bad.body);
      const unknown = await t.request({ method: 'GET', url: '/api/v1/work-orders?site=1', as: w.callCenter });
      assert.equal(unknown.statusCode, 400, unknown.body);
    });
  });
}
