/**
 * Self-service (issue 17 item 7): a customer's person sees only their own customer's orders
 * (another customer's order is 404), reports a fault only on their own sites (another customer's
 * site is "no such site", naming the field in both languages), and the report lands with the
 * call center as a customer call owned by a call-center person (WO-3). Both databases.
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

interface MyOrder {
  id: string;
  number: string;
  state: string;
  siteName: string | null;
  symptom: string;
  progress?: string;
}

for (const kind of testDatabases) {
  describe(`self-service: a customer's own orders and fault reports (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let subscriber: Session;
    let otherSite: string;
    let mine: { id: string; number: string };
    let theirs: { id: string; number: string };

    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      const sys = { system: 'test' };
      const other = await createCustomer(t.ctx, sys, {
        code: `OTHER${kind}`,
        name: '另一家客户',
        kind: 'operator',
        regionId: w.regions.countyA1,
      });
      otherSite = (
        await createSite(t.ctx, sys, {
          code: `OS${kind}`,
          customerId: other.id,
          name: '另一家机房',
          address: '贵阳市南明区 2 号',
          areaClass: 'urban',
          regionId: w.regions.countyA1,
        })
      ).id;
      subscriber = await t.personWith(['end_customer'], {
        customerId: w.customerId,
        displayName: '用户小陈',
        phone: '13900001111',
      });
      const a = await t.request({
        method: 'POST',
        url: '/api/v1/work-orders',
        as: w.callCenter,
        payload: phoneIntake(w),
      });
      assert.equal(a.statusCode, 201, a.body);
      mine = json(a);
      const b = await t.request({
        method: 'POST',
        url: '/api/v1/work-orders',
        as: w.callCenter,
        payload: phoneIntake(w, {
          customerId: other.id,
          siteId: otherSite,
          equipmentId: undefined,
          product: 'OLT',
        }),
      });
      assert.equal(b.statusCode, 201, b.body);
      theirs = json(b);
    });
    after(async () => {
      await t?.close();
    });

    test('a subscriber sees only their customer’s orders, with labels in their language', async () => {
      const res = await t.request({ method: 'GET', url: '/api/v1/my/orders', as: subscriber });
      assert.equal(res.statusCode, 200, res.body);
      const list = json<{ items: MyOrder[]; total: number }>(res);
      assert.deepEqual(
        list.items.map((o) => o.number),
        [mine.number],
      );
      assert.equal(list.items[0]!.state, '已受理');
      assert.equal(list.items[0]!.siteName, '南明汇聚机房');
      const one = await t.request({
        method: 'GET',
        url: `/api/v1/my/orders/${mine.id}`,
        as: subscriber,
        headers: { 'accept-language': 'en' },
      });
      assert.equal(one.statusCode, 200, one.body);
      assert.equal(json<MyOrder>(one).state, 'Received');
      assert.match(json<MyOrder>(one).progress!, /We have your report/);
    });

    test('another customer’s order answers 404', async () => {
      const res = await t.request({ method: 'GET', url: `/api/v1/my/orders/${theirs.id}`, as: subscriber });
      assert.equal(res.statusCode, 404, res.body);
    });

    test('staff without the customer role are refused', async () => {
      const res = await t.request({ method: 'GET', url: '/api/v1/my/orders', as: w.dispatcher });
      assert.equal(res.statusCode, 403, res.body);
    });

    test('reporting on another customer’s site is refused naming the site, in both languages', async () => {
      const body = {
        siteId: otherSite,
        symptom: '宽带全断了',
        occurredAt: '2026-11-01T01:00:00.000Z',
        serviceDown: true,
      };
      for (const [lang, words] of [
        ['zh-CN', '站点不存在'],
        ['en', 'no such site'],
      ] as const) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/my/faults',
          as: subscriber,
          headers: { 'accept-language': lang },
          payload: body,
        });
        assert.equal(res.statusCode, 422, res.body);
        const err = errorOf(res);
        assert.equal(err.details[0]!.field, 'siteId');
        assert.match(err.details[0]!.message, new RegExp(words));
      }
      const blank = await t.request({
        method: 'POST',
        url: '/api/v1/my/faults',
        as: subscriber,
        payload: { ...body, siteId: w.siteA1, symptom: '' },
      });
      assert.equal(blank.statusCode, 422, blank.body);
      assert.equal(errorOf(blank).details[0]!.field, 'symptom');
    });

    test('a reported fault reaches the call center as a customer call owned by a call-center person', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/my/faults',
        as: subscriber,
        payload: {
          siteId: w.siteA1,
          symptom: '整栋楼宽带全断了',
          occurredAt: '2026-11-01T01:00:00.000Z',
          serviceDown: true,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      const made = json<{ id: string; number: string }>(res);
      const list = json<{
        items: { id: string; channel: string; ownerId: string; severity: string; contactPhone: string }[];
      }>(await t.request({ method: 'GET', url: '/api/v1/work-orders?state=received', as: w.callCenter }));
      const found = list.items.find((o) => o.id === made.id);
      assert.ok(found, 'the call center lists the reported fault');
      assert.equal(found.channel, 'customer_call');
      assert.equal(found.ownerId, w.callCenter.personId);
      assert.equal(found.severity, 'critical', 'service down forces critical (WO-2)');
      assert.equal(found.contactPhone, '13900001111');
      const back = json<{ items: MyOrder[] }>(
        await t.request({ method: 'GET', url: '/api/v1/my/orders', as: subscriber }),
      );
      assert.ok(
        back.items.some((o) => o.number === made.number),
        'the subscriber follows their report',
      );
    });
  });
}
