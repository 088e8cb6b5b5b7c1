import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { sweepOnce } from '../../jobs/timers.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

type Clock = {
  orderId: string;
  kind: string;
  dueAt: string | null;
  remainingMinutes: number | null;
  breachedAt: string | null;
};

for (const kind of testDatabases) {
  describe(`nearest deadline per order for the dispatcher board (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    test('SL-1: one request answers the nearest running deadline of each order, overdue ones negative; scope leaves others out', async () => {
      t.clock.set('2026-11-02T02:00:00.000Z'); // Monday 10:00 Beijing
      const intake = async (extra: Record<string, unknown>) => {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/work-orders',
          as: w.callCenter,
          payload: phoneIntake(w, extra),
        });
        assert.equal(res.statusCode, 201, res.body);
        return json<{ id: string }>(res);
      };
      const a = await intake({});
      const b = await intake({
        siteId: w.siteB1,
        equipmentId: undefined,
        product: '中兴 OLT C600',
        severity: 'minor',
      });
      const next = async (as: typeof w.dispatcher, ids: string[]) => {
        const q = ids.map((id) => `orderId=${id}`).join('&');
        const res = await t.request({ method: 'GET', url: `/api/v1/deadlines/next?${q}`, as });
        assert.equal(res.statusCode, 200, res.body);
        return json<{ items: Clock[] }>(res).items;
      };
      const items = await next(w.dispatcher, [a.id, b.id, a.id]);
      assert.equal(items.length, 2);
      const ca = items.find((c) => c.orderId === a.id);
      assert.equal(ca?.kind, 'respond');
      assert.equal(ca?.dueAt, '2026-11-02T02:30:00.000Z');
      assert.equal(ca?.remainingMinutes, 30);

      // Past the respond deadline: the same clock is overdue, with negative minutes.
      t.clock.set('2026-11-02T02:40:00.000Z');
      await sweepOnce(t.ctx);
      const late = (await next(w.dispatcher, [a.id]))[0];
      assert.equal(late?.kind, 'respond');
      assert.equal(late?.remainingMinutes, -10);
      assert.equal(late?.breachedAt, '2026-11-02T02:30:00.000Z');

      // The partner's dispatcher covers prefecture A only: order b (prefecture B) is left out.
      const partner = await next(w.partnerDispatcher, [a.id, b.id]);
      assert.deepEqual(
        partner.map((c) => c.orderId),
        [a.id],
      );
    });

    test('strict query: no ids, malformed ids or unknown parameters are 400', async () => {
      for (const url of [
        '/api/v1/deadlines/next',
        '/api/v1/deadlines/next?orderId=',
        '/api/v1/deadlines/next?orderId=not-an-id!',
        `/api/v1/deadlines/next?orderId=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}&extra=1`,
      ]) {
        const res = await t.request({ method: 'GET', url, as: w.dispatcher });
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
        assert.ok(errorOf(res).code);
      }
    });
  });
}
