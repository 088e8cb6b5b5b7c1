import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildOrg } from '../../../test/server/org-fixture.ts';

type Equipment = { id: string; siteId: string; serialNo: string | null; softwareVersion: string | null };
type History = { items: { action: string; changes: Record<string, unknown>; reason: string | null }[] };

for (const kind of testDatabases) {
  describe(`equipment API (${kind})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof buildOrg>>;
    before(async () => {
      t = await startTestApp(kind);
      org = await buildOrg(t);
    });
    after(() => t.close());

    test('an administrator registers and upgrades equipment; history records the software change (RC-1)', async () => {
      const admin = await t.personWith(['admin']);
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/equipment',
        as: admin,
        payload: {
          siteId: org.siteA.id,
          product: 'BRAS',
          model: 'ME60',
          serialNo: 'ME60-0001',
          softwareVersion: 'V800R010',
          contractEndsOn: '2027-06-30',
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const e = json<Equipment>(created);
      const up = await t.request({
        method: 'PATCH',
        url: `/api/v1/equipment/${e.id}`,
        as: admin,
        payload: { softwareVersion: 'V800R021', reason: '割接升级' },
      });
      assert.equal(json<Equipment>(up).softwareVersion, 'V800R021');
      const hist = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/equipment/${e.id}/history`, as: admin }),
      );
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['create', 'update'],
      );
      assert.deepEqual(hist.items[1]?.changes, { software_version: ['V800R010', 'V800R021'] });
      assert.equal(hist.items[1]?.reason, '割接升级');
    });

    test('a missing site is a 422 naming siteId; a serial already used for the product is a 409; dates are checked', async () => {
      const admin = await t.personWith(['admin']);
      const noSite = await t.request({
        method: 'POST',
        url: '/api/v1/equipment',
        as: admin,
        payload: { siteId: '01900000-0000-7000-8000-000000000000', product: 'OLT', model: 'X' },
      });
      assert.equal(noSite.statusCode, 422);
      assert.equal(errorOf(noSite).details[0]?.field, 'siteId');
      const dup = await t.request({
        method: 'POST',
        url: '/api/v1/equipment',
        as: admin,
        payload: { siteId: org.siteB.id, product: 'OLT', model: 'X', serialNo: org.equipA.serial_no },
      });
      assert.equal(dup.statusCode, 409);
      const badDate = await t.request({
        method: 'POST',
        url: '/api/v1/equipment',
        as: admin,
        payload: { siteId: org.siteB.id, product: 'OLT', model: 'X', contractEndsOn: '2027-13-01' },
      });
      assert.equal(errorOf(badDate).details[0]?.field, 'contractEndsOn');
      // Units without a serial number are allowed more than once.
      for (let i = 0; i < 2; i++) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/equipment',
          as: admin,
          payload: { siteId: org.siteB.id, product: 'ODF', model: '72芯' },
        });
        assert.equal(res.statusCode, 201, res.body);
      }
    });

    test('scope follows the site: partners see equipment in their regions, customers at their own sites', async () => {
      const a = await t.personWith(['engineer'], { partnerId: org.partnerA.id });
      const list = json<{ items: Equipment[] }>(
        await t.request({ method: 'GET', url: '/api/v1/equipment', as: a }),
      );
      const ids = list.items.map((e) => e.id);
      assert.ok(ids.includes(org.equipA.id));
      assert.ok(!ids.includes(org.equipB.id));
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/equipment/${org.equipB.id}`, as: a })).statusCode,
        404,
      );
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/equipment/${org.equipB.id}/history`, as: a }))
          .statusCode,
        404,
      );
      const escort = await t.personWith(['network_monitoring'], { customerId: org.enterprise.id });
      const own = json<{ items: Equipment[] }>(
        await t.request({ method: 'GET', url: '/api/v1/equipment', as: escort }),
      );
      assert.ok(own.items.length > 0);
      assert.ok(own.items.every((e) => e.siteId === org.siteB.id));
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/equipment/${org.equipA.id}`, as: escort }))
          .statusCode,
        404,
      );
    });

    test('a dispatcher finds equipment by contract end and serial but cannot change it; anonymous 401', async () => {
      const dispatcher = await t.personWith(['dispatcher']);
      const ending = json<{ items: Equipment[] }>(
        await t.request({
          method: 'GET',
          url: '/api/v1/equipment?contractEndsBefore=2027-01-01',
          as: dispatcher,
        }),
      );
      assert.ok(ending.items.some((e) => e.id === org.equipB.id));
      assert.ok(!ending.items.some((e) => e.id === org.equipA.id));
      const bySerial = json<{ items: Equipment[] }>(
        await t.request({
          method: 'GET',
          url: `/api/v1/equipment?q=${org.equipA.serial_no}`,
          as: dispatcher,
        }),
      );
      assert.deepEqual(
        bySerial.items.map((e) => e.id),
        [org.equipA.id],
      );
      const write = await t.request({
        method: 'PATCH',
        url: `/api/v1/equipment/${org.equipA.id}`,
        as: dispatcher,
        payload: { model: 'x' },
      });
      assert.equal(write.statusCode, 403);
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/equipment' })).statusCode, 401);
    });
  });
}
