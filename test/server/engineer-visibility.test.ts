/**
 * Access: an own-staff field engineer sees the work that is theirs or their area team's, not
 * every order of the organisation; a manager override that assigns them elsewhere brings that
 * order into view. Both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';

for (const kind of testDatabases) {
  describe(`engineer visibility (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: Record<string, unknown> = {}) =>
      t.request({ method: 'POST', url, as, payload });
    const listIds = async (as: Session) =>
      json<{ items: { id: string }[] }>(
        await t.request({ method: 'GET', url: '/api/v1/work-orders', as }),
      ).items.map((o) => o.id);

    test('an engineer of another area neither lists nor opens an order until assigned to it', async () => {
      const created = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w));
      assert.equal(created.statusCode, 201, created.body);
      const order = json<{ id: string }>(created);

      // The area team (engineers assigned to prefecture A) sees the order at the site in A1.
      assert.ok((await listIds(w.engNear)).includes(order.id));
      // An engineer of prefecture B does not: not in the list, and 404 by id.
      assert.ok(!(await listIds(w.engOtherRegion)).includes(order.id));
      const hidden = await t.request({
        method: 'GET',
        url: `/api/v1/work-orders/${order.id}`,
        as: w.engOtherRegion,
      });
      assert.equal(hidden.statusCode, 404);
      // Coordinators see everything in their scope.
      assert.ok((await listIds(w.dispatcher)).includes(order.id));

      assert.equal(
        (await post(w.callCenter, `/api/v1/work-orders/${order.id}/transitions`, { to: 'accepted' }))
          .statusCode,
        200,
      );
      const assigned = await post(w.manager, `/api/v1/work-orders/${order.id}/assignments`, {
        leadEngineerId: w.engOtherRegion.personId,
        overrideReason: '本区无人值班，跨区支援',
      });
      assert.equal(assigned.statusCode, 200, assigned.body);
      // Assigned work is theirs to see.
      const seen = await t.request({
        method: 'GET',
        url: `/api/v1/work-orders/${order.id}`,
        as: w.engOtherRegion,
      });
      assert.equal(seen.statusCode, 200, seen.body);
      assert.ok((await listIds(w.engOtherRegion)).includes(order.id));
    });
  });
}
