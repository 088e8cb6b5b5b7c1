/**
 * WO-13: an order on equipment whose maintenance contract has expired is taken, and a scope
 * review naming the expiry date is raised with it at once for a manager — shown in the intake
 * answer and on the order. A contract still running raises nothing. Both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { createEquipment } from '../equipment/equipment.service.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

type Intake = { id: string; scopeReviews: { kind: string; reason: string; decision: string | null }[] };

for (const kind of testDatabases) {
  describe(`expired maintenance contract (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const intakeOn = async (contractEndsOn: string | null) => {
      const eq = await createEquipment(
        t.ctx,
        { system: 'test' },
        {
          siteId: w.siteA1,
          product: 'OLT',
          model: 'MA5800',
          serialNo: `C${Math.random().toString(36).slice(2, 8)}`,
          contractEndsOn,
        },
      );
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/work-orders',
        as: w.callCenter,
        payload: phoneIntake(w, { equipmentId: eq.id }),
      });
      assert.equal(res.statusCode, 201, res.body);
      return json<Intake>(res);
    };

    test('WO-13 an expired contract raises a scope review with its expiry date, shown at intake and on the order', async () => {
      const o = await intakeOn('2026-10-31');
      assert.equal(o.scopeReviews.length, 1);
      assert.equal(o.scopeReviews[0]?.kind, 'contract_expired');
      assert.equal(o.scopeReviews[0]?.decision, null, 'waiting for a manager');
      assert.match(o.scopeReviews[0]?.reason ?? '', /2026-10-31/);
      const detail = json<Intake>(
        await t.request({ method: 'GET', url: `/api/v1/work-orders/${o.id}`, as: w.manager }),
      );
      assert.deepEqual(
        detail.scopeReviews.map((r) => r.kind),
        ['contract_expired'],
      );
    });

    test('WO-13 a contract running through today (or none recorded) raises nothing', async () => {
      assert.deepEqual((await intakeOn('2026-11-02')).scopeReviews, []);
      assert.deepEqual((await intakeOn(null)).scopeReviews, []);
    });
  });
}
