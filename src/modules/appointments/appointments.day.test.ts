import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

type DayItem = {
  id: string;
  orderId: string;
  orderNumber: string;
  orderState: string;
  state: string;
  windowStart: string;
  windowEnd: string;
  engineers: { personId: string; name: string; role: string }[];
};

for (const kind of testDatabases) {
  describe(`appointments of a day for the dispatcher's timeline (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const call = async (as: Session, method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const res = await t.request({
        method,
        url,
        as,
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
      assert.ok([200, 201].includes(res.statusCode), `${method} ${url} → ${res.statusCode} ${res.body}`);
      return res;
    };
    const day = async (as: Session, from: string, to: string, extra = '') => {
      const res = await t.request({
        method: 'GET',
        url: `/api/v1/appointments?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`,
        as,
      });
      assert.equal(res.statusCode, 200, res.body);
      return json<{ items: DayItem[] }>(res).items;
    };

    test('WO-5: a proposed then confirmed window shows on its day with the lead engineer; other days, other regions and other scopes do not', async () => {
      t.clock.set('2026-11-02T02:00:00.000Z'); // Monday 10:00 Beijing
      const o = json<{ id: string; number: string }>(
        await call(w.callCenter, 'POST', '/api/v1/work-orders', phoneIntake(w)),
      );
      await call(w.callCenter, 'POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
      await call(w.dispatcher, 'POST', `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
      });
      const appt = json<{ id: string }>(
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/appointments`, {
          windowStart: '2026-11-03T06:00:00.000Z', // Tuesday 14:00–16:00 Beijing
          windowEnd: '2026-11-03T08:00:00.000Z',
        }),
      );
      // Tuesday in Beijing: 2026-11-02T16:00Z to 2026-11-03T16:00Z.
      const tuesday = ['2026-11-03T00:00:00+08:00', '2026-11-04T00:00:00+08:00'] as const;
      let items = await day(w.dispatcher, ...tuesday);
      assert.equal(items.length, 1);
      assert.equal(items[0]?.orderNumber, o.number);
      assert.equal(items[0]?.state, 'proposed');
      assert.deepEqual(
        items[0]?.engineers.map((e) => [e.personId, e.role]),
        [[w.engNear.personId, 'lead']],
      );
      await call(w.dispatcher, 'POST', `/api/v1/appointments/${appt.id}/confirm`);
      items = await day(w.dispatcher, ...tuesday);
      assert.equal(items[0]?.state, 'confirmed');
      // Monday and Wednesday hold nothing; the window's edges do not overlap the next day.
      assert.equal(
        (await day(w.dispatcher, '2026-11-02T00:00:00+08:00', '2026-11-03T00:00:00+08:00')).length,
        0,
      );
      assert.equal(
        (await day(w.dispatcher, '2026-11-03T16:00:00+08:00', '2026-11-04T00:00:00+08:00')).length,
        0,
      );
      // A region filter narrows: prefecture B holds none of it, prefecture A does.
      assert.equal((await day(w.dispatcher, ...tuesday, `&regionId=${w.regions.prefB}`)).length, 0);
      assert.equal((await day(w.dispatcher, ...tuesday, `&regionId=${w.regions.prefA}`)).length, 1);
      // The engineer covering prefecture B only does not see the order at all.
      assert.equal((await day(w.engOtherRegion, ...tuesday)).length, 0);
    });

    test('strict query: the span must be ordered and at most 7 days; unknown parameters and regions are refused', async () => {
      for (const [url, status] of [
        ['/api/v1/appointments', 400],
        ['/api/v1/appointments?from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z', 422],
        ['/api/v1/appointments?from=2026-11-01T00:00:00Z&to=2026-11-09T00:00:00Z', 422],
        ['/api/v1/appointments?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&x=1', 400],
        [
          `/api/v1/appointments?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&regionId=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`,
          422,
        ],
      ] as const) {
        const res = await t.request({ method: 'GET', url, as: w.dispatcher });
        assert.equal(res.statusCode, status, `${url}: ${res.body}`);
        assert.ok(errorOf(res).code);
      }
    });
  });
}
