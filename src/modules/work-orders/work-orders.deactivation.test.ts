/**
 * Deactivating a person never leaves duties with nobody (WO-4, SL-2/SL-3): it is refused while
 * they own open orders (listed, so they can be handed over) or are the only active holder of a
 * role on the escalation ladder; once handed over or shared, it goes through. Both databases.
 */
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
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

const EN = { 'accept-language': 'en' };

for (const kind of testDatabases) {
  describe(`deactivating people with duties (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: Record<string, unknown> = {}) =>
      t.request({ method: 'POST', url, as, payload, headers: EN });
    const deactivate = (personId: string) =>
      t.request({
        method: 'PATCH',
        url: `/api/v1/people/${personId}`,
        as: admin,
        payload: { active: false, reason: '离职' },
        headers: EN,
      });
    const activeOf = async (id: string) =>
      (await t.ctx.db.selectFrom('people').select('active').where('id', '=', id).executeTakeFirstOrThrow())
        .active;

    test('WO-4 an owner of open orders is not deactivated until they are handed over', async () => {
      const agent = await t.personWith(['call_center'], { displayName: '即将离职的话务员' });
      const orders = [];
      for (let i = 0; i < 2; i++) {
        orders.push(
          json<{ id: string; number: string }>(await post(agent, '/api/v1/work-orders', phoneIntake(w))),
        );
      }
      const refused = await deactivate(agent.personId);
      assert.equal(refused.statusCode, 422, refused.body);
      const [p] = errorOf(refused).details;
      assert.equal(p?.field, 'active');
      assert.match(p?.message ?? '', /still owns 2 open work orders/);
      for (const o of orders) assert.ok(p?.message.includes(o.number), `names ${o.number}`);
      assert.equal(await activeOf(agent.personId), 1, 'nothing changed');

      for (const o of orders) {
        const h = json<{ id: string }>(
          await post(agent, `/api/v1/work-orders/${o.id}/handovers`, {
            toPersonId: w.callCenter.personId,
            reason: '离职交接',
          }),
        );
        const ok = await post(w.callCenter, `/api/v1/handovers/${h.id}/accept`);
        assert.equal(ok.statusCode, 200, ok.body);
      }
      const done = await deactivate(agent.personId);
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(await activeOf(agent.personId), 0);
    });

    test('SL-3 the only active after-sales director is not deactivated; with a second one, they are', async () => {
      const director = await t.personWith(['after_sales_director'], { displayName: '唯一的售后总监' });
      const refused = await deactivate(director.personId);
      assert.equal(refused.statusCode, 422, refused.body);
      assert.match(errorOf(refused).details[0]?.message ?? '', /only active After-sales director/);
      await t.personWith(['after_sales_director'], { displayName: '新任售后总监' });
      const done = await deactivate(director.personId);
      assert.equal(done.statusCode, 200, done.body);
    });
  });
}
