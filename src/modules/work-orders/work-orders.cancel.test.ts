/**
 * Who may cancel (WO-3, SL-3): an engineer never cancels, even their own order on site; a
 * dispatcher or a manager does, with a reason; a critical order only a manager, and the
 * after-sales director is told at once. Both databases.
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
  describe(`cancelling orders (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let director: Session;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      director = await t.personWith(['after_sales_director'], { displayName: '售后总监老周' });
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: Record<string, unknown> = {}) =>
      t.request({ method: 'POST', url, as, payload, headers: EN });
    /** An order accepted and given to engNear as lead. */
    const assigned = async (severity: string) => {
      const o = json<{ id: string; number: string }>(
        await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, { severity })),
      );
      assert.equal(
        (await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' })).statusCode,
        200,
      );
      const a = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
      });
      assert.equal(a.statusCode, 200, a.body);
      return o;
    };
    const cancel = (as: Session, id: string, reason = '客户说不用来了') =>
      post(as, `/api/v1/work-orders/${id}/transitions`, { to: 'cancelled', reason });
    const stateOf = async (id: string) =>
      (
        await t.ctx.db
          .selectFrom('work_orders')
          .select('state')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).state;

    test('WO-3 the assigned engineer and the call center cannot cancel; a dispatcher can, and history says who and why', async () => {
      const o = await assigned('major');
      const dispatcherView = json<{ nextStates: string[] }>(
        await t.request({ method: 'GET', url: `/api/v1/work-orders/${o.id}`, as: w.dispatcher }),
      );
      assert.ok(dispatcherView.nextStates.includes('cancelled'));
      for (const who of [w.engNear, w.callCenter]) {
        const res = await cancel(who, o.id);
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(errorOf(res).code, 'cancel_not_allowed');
        assert.match(errorOf(res).details[0]?.message ?? '', /only a dispatcher or a manager may cancel/);
      }
      assert.equal(await stateOf(o.id), 'dispatched');
      const ok = await cancel(w.dispatcher, o.id, '客户已自行恢复');
      assert.equal(ok.statusCode, 200, ok.body);
      const history = json<{ items: { action: string; reason: string | null; actorId: string | null }[] }>(
        await t.request({ method: 'GET', url: `/api/v1/work-orders/${o.id}/history`, as: w.dispatcher }),
      ).items;
      const entry = history.find((h) => h.action === 'cancel');
      assert.equal(entry?.reason, '客户已自行恢复');
      assert.equal(entry?.actorId, w.dispatcher.personId);
    });

    test('SL-3 a critical order is cancelled only by a manager, and the director is told at once', async () => {
      const o = await assigned('critical');
      // The order tells each person only the moves they may make: the page offers no dead button.
      const movesOf = async (as: Session) =>
        json<{ nextStates: string[] }>(
          await t.request({ method: 'GET', url: `/api/v1/work-orders/${o.id}`, as }),
        ).nextStates;
      assert.ok(!(await movesOf(w.dispatcher)).includes('cancelled'));
      assert.ok((await movesOf(w.manager)).includes('cancelled'));
      const listed = json<{ items: { id: string; nextStates: string[] }[] }>(
        await t.request({ method: 'GET', url: '/api/v1/work-orders?limit=200', as: w.dispatcher }),
      ).items.find((x) => x.id === o.id);
      assert.ok(listed && !listed.nextStates.includes('cancelled'));
      const byDispatcher = await cancel(w.dispatcher, o.id);
      assert.equal(byDispatcher.statusCode, 403, byDispatcher.body);
      assert.match(
        errorOf(byDispatcher).details[0]?.message ?? '',
        /only a manager may cancel a critical order/,
      );
      const byEngineer = await cancel(w.engNear, o.id);
      assert.equal(byEngineer.statusCode, 403);
      assert.equal(await stateOf(o.id), 'dispatched');
      const before = await t.ctx.db
        .selectFrom('notifications')
        .select('id')
        .where('person_id', '=', director.personId)
        .where('kind', '=', 'work_order.critical_cancelled')
        .execute();
      assert.equal(before.length, 0);
      const ok = await cancel(w.manager, o.id, '客户确认为误报');
      assert.equal(ok.statusCode, 200, ok.body);
      const told = await t.ctx.db
        .selectFrom('notifications')
        .selectAll()
        .where('person_id', '=', director.personId)
        .where('kind', '=', 'work_order.critical_cancelled')
        .execute();
      assert.equal(told.length, 1, 'the director is told in the same transaction, no timer needed');
      assert.equal(told[0]?.critical, 1);
      assert.match(told[0]?.body_zh ?? '', /客户确认为误报/);
      assert.ok(told[0]?.body_zh.includes(o.number));
    });
  });
}
