import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

interface Item {
  orderId: string;
  number: string;
  state: string;
  clock: { kind: string; dueAt: string | null; remainingMinutes: number | null } | null;
}

for (const kind of testDatabases) {
  describe(`the dispatcher's unassigned queue, sorted by deadline risk on the server (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const call = async (
      method: 'GET' | 'POST',
      url: string,
      payload?: Record<string, unknown>,
      as = w.dispatcher,
    ) => {
      const res = await t.request({ method, url, as, ...(payload ? { payload } : {}) });
      assert.ok(res.statusCode < 300, `${method} ${url} → ${res.statusCode} ${res.body}`);
      return res;
    };
    const page = async (query: string, as = w.dispatcher) =>
      json<{ total: number; items: Item[] }>(
        await call('GET', `/api/v1/deadlines/queue?${query}`, undefined, as),
      );

    test('SL-1/DP-1: nearest deadline first across pages, paused ones last, given orders left out, scope kept', async () => {
      t.clock.set('2026-11-02T02:00:00.000Z'); // Monday 10:00 Beijing
      const intake = async (extra: Record<string, unknown>) => {
        const o = json<{ id: string; number: string }>(
          await call('POST', '/api/v1/work-orders', phoneIntake(w, extra), w.callCenter),
        );
        t.clock.advanceMinutes(1);
        return o;
      };
      // Received in this order; the least urgent first, so receipt order is not the answer.
      const minor = await intake({ severity: 'minor' });
      const major = await intake({ severity: 'major' });
      const paused = await intake({ severity: 'critical' });
      const critical = await intake({ severity: 'critical' });
      const given = await intake({ severity: 'critical' });
      const otherRegion = await intake({
        siteId: w.siteB1,
        equipmentId: undefined,
        product: '中兴 OLT C600',
        severity: 'minor',
      });
      for (const o of [paused, given])
        await call('POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' }, w.callCenter);
      await call('POST', `/api/v1/work-orders/${paused.id}/deadlines/pause`, { reason: 'customer_not_home' });
      await call('POST', `/api/v1/work-orders/${given.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
      });

      // Two rows a page: the pages put together are one order, by due instant, paused last.
      const seen: Item[] = [];
      let total = 0;
      for (let offset = 0; offset < 10; offset += 2) {
        const p = await page(`limit=2&offset=${offset}&regionId=${w.regions.province}`);
        total = p.total;
        assert.ok(p.items.length <= 2);
        seen.push(...p.items);
        if (p.items.length < 2) break;
      }
      const mine = seen.filter((i) =>
        [minor, major, paused, critical, otherRegion, given].some((o) => o.id === i.orderId),
      );
      assert.equal(total, seen.length);
      assert.ok(
        !mine.some((i) => i.orderId === given.id),
        'an order given to an engineer is not in the queue',
      );
      assert.equal(mine.length, 5);
      assert.equal(mine.at(-1)?.orderId, paused.id, 'a paused order (no running clock) comes last');
      assert.equal(mine.at(-1)?.clock, null);
      const due = mine.slice(0, -1).map((i) => i.clock?.dueAt ?? '');
      assert.deepEqual([...due].sort(), due, 'nearest deadline first');
      assert.equal(mine[0]?.orderId, critical.id);
      assert.ok(
        mine.findIndex((i) => i.orderId === major.id) < mine.findIndex((i) => i.orderId === minor.id),
        'a major order is due before a minor one received earlier',
      );
      // Remaining business minutes go up down the list.
      const left = mine.slice(0, -1).map((i) => i.clock?.remainingMinutes ?? Number.NaN);
      assert.deepEqual(
        [...left].sort((a, b) => a - b),
        left,
      );

      // Scope: the partner's dispatcher covers prefecture A only, so the order in B is not theirs.
      const partner = await page('limit=50', w.partnerDispatcher);
      assert.ok(partner.items.some((i) => i.orderId === critical.id));
      assert.ok(!partner.items.some((i) => i.orderId === otherRegion.id));
      assert.equal(partner.total, partner.items.length);
      // A region filter narrows to the subtree.
      const inB = await page(`regionId=${w.regions.prefB}`);
      assert.deepEqual(
        inB.items.map((i) => i.orderId),
        [otherRegion.id],
      );
    });

    test('bad input names the field: an unknown region is 422, a bad limit or unknown parameter 400', async () => {
      const missing = await t.request({
        method: 'GET',
        url: '/api/v1/deadlines/queue?regionId=01900000-0000-7000-8000-000000000000',
        as: w.dispatcher,
      });
      assert.equal(missing.statusCode, 422, missing.body);
      assert.equal(errorOf(missing).details[0]?.field, 'regionId');
      for (const q of ['limit=0', 'limit=201', 'offset=-1', 'sort=x']) {
        const res = await t.request({ method: 'GET', url: `/api/v1/deadlines/queue?${q}`, as: w.dispatcher });
        assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
      }
    });
  });
}
