/**
 * WO-5 appointment hours follow the site and the order: critical and major faults and machine
 * rooms are worked around the clock (weekend and night windows accepted and offered); a home
 * keeps the customer's business hours, even for a critical fault, unless the customer's own
 * policy says otherwise. Both databases.
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
import { createCustomer } from '../customers/customers.service.ts';
import { createSite } from '../sites/sites.service.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

/** Saturday 2026-11-07 10:00 in Asia/Shanghai. */
const SATURDAY = '2026-11-07T02:00:00.000Z';
/** Saturday 21:00–23:00 local. */
const NIGHT = { windowStart: '2026-11-07T13:00:00.000Z', windowEnd: '2026-11-07T15:00:00.000Z' };

for (const kind of testDatabases) {
  describe(`appointment hours (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let desk: Session;
    let dispatcher: Session;
    let manager: Session;
    let admin: Session;
    let home: { customerId: string; siteId: string };
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      const sys = { system: 'test' };
      const household = await createCustomer(t.ctx, sys, {
        code: `H${kind}`,
        name: '王女士（家庭宽带）',
        kind: 'household',
        regionId: w.regions.countyA1,
      });
      const site = await createSite(t.ctx, sys, {
        code: `HS${kind}`,
        customerId: household.id,
        name: '王女士家',
        address: '贵阳市南明区某小区 3 栋',
        regionId: w.regions.countyA1,
        areaClass: 'urban',
        siteClass: 'home',
      });
      home = { customerId: household.id, siteId: site.id };
      t.clock.set(SATURDAY);
      desk = await t.personWith(['call_center']);
      dispatcher = await t.personWith(['dispatcher']);
      manager = await t.personWith(['area_service_manager']);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: Record<string, unknown> = {}) =>
      t.request({ method: 'POST', url, as, payload, headers: { 'accept-language': 'en' } });
    /** An order accepted and given to the near engineer, ready for an appointment. */
    const ready = async (extra: Record<string, unknown>) => {
      const o = json<{ id: string }>(
        await post(desk, '/api/v1/work-orders', phoneIntake(w, { occurredAt: SATURDAY, ...extra })),
      );
      assert.equal(
        (await post(desk, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' })).statusCode,
        200,
      );
      const a = await post(manager, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
        overrideReason: '周末值班',
      });
      assert.equal(a.statusCode, 200, a.body);
      return o.id;
    };
    const propose = (id: string) => post(dispatcher, `/api/v1/work-orders/${id}/appointments`, NIGHT);

    test('WO-5 a major fault on a Saturday night gets its appointment, and is offered weekend windows', async () => {
      const id = await ready({ severity: 'major' });
      const res = await propose(id);
      assert.equal(res.statusCode, 201, res.body);
      const offered = json<{ windows: { start: string }[]; hours: { aroundTheClock?: boolean } }>(
        await t.request({
          method: 'GET',
          url: `/api/v1/work-orders/${id}/appointment-windows?count=2`,
          as: dispatcher,
        }),
      );
      assert.equal(offered.hours.aroundTheClock, true);
      assert.equal(offered.windows[0]?.start, '2026-11-07T02:30:00.000Z', 'the next half hour, on Saturday');
    });

    test('WO-5 a minor fault keeps the business hours; a machine room is worked around the clock', async () => {
      const minor = await ready({ severity: 'minor' });
      const refused = await propose(minor);
      assert.equal(refused.statusCode, 422, refused.body);
      assert.match(errorOf(refused).details[0]?.message ?? '', /inside the customer's working hours/);
      const patched = await t.request({
        method: 'PATCH',
        url: `/api/v1/sites/${w.siteA1}`,
        as: admin,
        payload: { siteClass: 'machine_room' },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal((await propose(minor)).statusCode, 201);
    });

    test('WO-5 a home keeps business hours even for a critical fault, unless its customer’s policy says otherwise', async () => {
      const body = {
        customerId: home.customerId,
        siteId: home.siteId,
        equipmentId: undefined,
        product: '光猫',
      };
      const id = await ready({ ...body, severity: 'critical' });
      const refused = await propose(id);
      assert.equal(refused.statusCode, 422, refused.body);
      const put = await t.request({
        method: 'PUT',
        url: '/api/v1/appointment-hours-policies',
        as: admin,
        payload: { customerId: home.customerId, siteClass: '*', severity: '*', aroundTheClock: true },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal((await propose(id)).statusCode, 201);
      const listed = json<{ items: { customerId: string; aroundTheClock: boolean }[] }>(
        await t.request({ method: 'GET', url: '/api/v1/appointment-hours-policies', as: admin }),
      ).items;
      assert.ok(listed.some((p) => p.customerId === home.customerId && p.aroundTheClock));
    });
  });
}
