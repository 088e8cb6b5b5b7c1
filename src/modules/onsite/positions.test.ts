/**
 * The dispatcher's map (issue 17 item 1): each engineer's last known position is the GPS fix of
 * their latest check-in; a check-in without a fix does not move them; a partner's dispatcher sees
 * only the partner's people, an engineer may not read the map. Both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';
import { enRoute } from './onsite.fixtures.ts';

interface Position {
  personId: string;
  name: string;
  lat: number;
  lng: number;
  accuracyM: number | null;
  at: string;
  orderId: string;
}

for (const kind of testDatabases) {
  describe(`engineers' last known positions from check-in GPS (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const positions = async (as: Session) => {
      const res = await t.request({ method: 'GET', url: '/api/v1/engineers/positions', as });
      assert.equal(res.statusCode, 200, res.body);
      return json<{ items: Position[] }>(res).items;
    };
    const checkIn = async (orderId: string, body: Record<string, unknown>) => {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/work-orders/${orderId}/check-in`,
        as: w.engNear,
        payload: body,
      });
      assert.equal(res.statusCode, 201, res.body);
    };

    test('the newest check-in with a fix is where the engineer was last seen; one without a fix does not move them', async () => {
      assert.ok(!(await positions(w.dispatcher)).some((p) => p.personId === w.engNear.personId));
      const first = await enRoute(t, w);
      await checkIn(first.id, { lat: 26.5648, lng: 106.7136, accuracyM: 12 });
      t.clock.advanceMinutes(90);
      const second = await enRoute(t, w);
      await checkIn(second.id, { lat: 26.6, lng: 106.65, accuracyM: 30 });
      t.clock.advanceMinutes(90);
      const third = await enRoute(t, w);
      await checkIn(third.id, {}); // no fix: the phone had no GPS

      const mine = (await positions(w.dispatcher)).filter((p) => p.personId === w.engNear.personId);
      assert.equal(mine.length, 1, 'one position per engineer');
      assert.deepEqual(
        { lat: mine[0]?.lat, lng: mine[0]?.lng, accuracyM: mine[0]?.accuracyM, orderId: mine[0]?.orderId },
        { lat: 26.6, lng: 106.65, accuracyM: 30, orderId: second.id },
      );
      assert.ok(mine[0]?.name);

      // engNear is own staff: the partner's dispatcher does not see them; an engineer may not read the map.
      assert.ok(!(await positions(w.partnerDispatcher)).some((p) => p.personId === w.engNear.personId));
      const engineer = await t.request({ method: 'GET', url: '/api/v1/engineers/positions', as: w.engNear });
      assert.equal(engineer.statusCode, 403, engineer.body);
    });
  });
}
