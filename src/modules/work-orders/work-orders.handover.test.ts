/**
 * WO-4 handover: never to someone who could not see the order once they owned it (a partner
 * that does not cover its region, or an order given to another partner), refused naming why;
 * accept and decline answer with the decision as stored. Both databases.
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
import { createPartner } from '../partners/partners.service.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

const EN = { 'accept-language': 'en' };
type Handover = { id: string; state: string; decidedAt: string | null; decisionNote: string | null };

for (const kind of testDatabases) {
  describe(`handover (${kind})`, () => {
    let t: TestApp;
    let w: World;
    /** A dispatcher of a partner that covers prefecture B only. */
    let elsewhere: Session;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      const partnerB = await createPartner(
        t.ctx,
        { system: 'test' },
        {
          code: `HB${kind}`,
          name: '遵义代维',
          regionIds: [w.regions.prefB],
        },
      );
      elsewhere = await t.personWith(['dispatcher'], {
        partnerId: partnerB.id,
        regionIds: [w.regions.prefB],
      });
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: Record<string, unknown> = {}) =>
      t.request({ method: 'POST', url, as, payload, headers: EN });
    const intake = async () =>
      json<{ id: string; ownerId: string }>(await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w)));
    const ask = (orderId: string, toPersonId: string) =>
      post(w.callCenter, `/api/v1/work-orders/${orderId}/handovers`, { toPersonId, reason: '换班交接' });

    test('WO-4 a handover to a partner that does not cover the order’s region is refused, naming why', async () => {
      const o = await intake();
      const res = await ask(o.id, elsewhere.personId);
      assert.equal(res.statusCode, 422, res.body);
      const [p] = errorOf(res).details;
      assert.equal(p?.field, 'toPersonId');
      assert.match(p?.message ?? '', /does not cover the order's region/);
      assert.equal(
        (
          await t.ctx.db
            .selectFrom('work_order_handovers')
            .select('id')
            .where('order_id', '=', o.id)
            .execute()
        ).length,
        0,
      );
    });

    test('WO-4 a handover to another partner’s person is refused once the order is given to a partner', async () => {
      const o = await intake();
      await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
      const given = await post(w.manager, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engCardExpired.personId,
        overrideReason: '卡过期但唯一可到场',
      });
      assert.equal(given.statusCode, 200, given.body);
      // A partner that also covers prefecture A (overlapping coverage) still may not take it.
      const overlap = await createPartner(
        t.ctx,
        { system: 'test' },
        {
          code: `HC${kind}`,
          name: '贵阳另一代维',
          regionIds: [w.regions.prefA],
        },
      );
      const other = await t.personWith(['dispatcher'], {
        partnerId: overlap.id,
        regionIds: [w.regions.prefA],
      });
      const res = await ask(o.id, other.personId);
      assert.equal(res.statusCode, 422, res.body);
      assert.match(errorOf(res).details[0]?.message ?? '', /given to another partner/);
      // The order's own partner may take it.
      const ok = await ask(o.id, w.partnerDispatcher.personId);
      assert.equal(ok.statusCode, 201, ok.body);
    });

    test('WO-4 accept and decline answer with the decision time and note as stored', async () => {
      const o = await intake();
      const h1 = json<Handover>(await ask(o.id, w.dispatcher.personId));
      const declined = await post(w.dispatcher, `/api/v1/handovers/${h1.id}/decline`, { note: '今天不在岗' });
      assert.equal(declined.statusCode, 200, declined.body);
      const d = json<Handover>(declined);
      assert.equal(d.state, 'declined');
      assert.equal(d.decisionNote, '今天不在岗');
      assert.equal(d.decidedAt, t.clock.now().toISOString());
      const h2 = json<Handover>(await ask(o.id, w.dispatcher.personId));
      const accepted = json<Handover>(
        await post(w.dispatcher, `/api/v1/handovers/${h2.id}/accept`, { note: '已接手' }),
      );
      assert.equal(accepted.state, 'accepted');
      assert.equal(accepted.decisionNote, '已接手');
      assert.equal(accepted.decidedAt, t.clock.now().toISOString());
    });
  });
}
