/**
 * WO-5: once the engineer is on site the customer is offered no more confirming or moving, and once
 * the order is resolved its appointment leaves the day's timeline. Both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { api, completeSiteWork, enRoute } from '../onsite/onsite.fixtures.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';

interface CustomerView {
  state: string;
  appointment: { id: string; windowStart: string; windowEnd: string; canChange: boolean } | null;
}

for (const kind of testDatabases) {
  describe(`the visit is over (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    test('WO-5 on site: nothing more to agree; resolved: off the timeline, and a move is refused', async () => {
      const { get, post } = api(t);
      const o = await enRoute(t, w);
      const link = json<{ apiPath: string }>(
        await post(w.dispatcher, `/api/v1/work-orders/${o.id}/customer-links`, {}),
      );
      const view = async () => json<CustomerView>(await get(null, link.apiPath));
      const onTheWay = await view();
      assert.ok(onTheWay.appointment, 'the confirmed window is shown');
      assert.equal(onTheWay.appointment.canChange, true);
      const { windowStart, windowEnd } = onTheWay.appointment;
      const timeline = async () =>
        json<{ items: { orderId: string }[] }>(
          await get(
            w.dispatcher,
            `/api/v1/appointments?from=${encodeURIComponent(windowStart)}&to=${encodeURIComponent(windowEnd)}`,
          ),
        ).items.filter((i) => i.orderId === o.id);
      assert.equal((await timeline()).length, 1);

      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      const onSite = await view();
      assert.equal(onSite.appointment?.canChange, false, 'the engineer is there: nothing left to agree');
      await completeSiteWork(t, w.engNear, o.id);
      for (const to of ['service_restored', 'resolved']) {
        const moved = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to });
        assert.equal(moved.statusCode, 200, moved.body);
      }
      assert.deepEqual(await timeline(), [], 'a resolved order holds no place on the schedule');
      const move = await post(null, `${link.apiPath}/appointment/move`, { reason: '想换个时间' });
      assert.equal(move.statusCode, 409, move.body);
      assert.equal((await view()).appointment?.canChange, false);
    });
  });
}
