import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildOrg } from '../../../test/server/org-fixture.ts';

type Site = {
  id: string;
  code: string;
  regionId: string;
  timeZone: string;
  lat: number | null;
  areaClass: string;
};
type History = { items: { action: string; changes: Record<string, unknown>; reason: string | null }[] };

for (const kind of testDatabases) {
  describe(`sites API (${kind})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof buildOrg>>;
    before(async () => {
      t = await startTestApp(kind);
      org = await buildOrg(t);
    });
    after(() => t.close());

    test("a site takes its region's time zone unless given one; moving region moves the zone; history records both (RC-1)", async () => {
      const admin = await t.personWith(['admin']);
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/sites',
        as: admin,
        payload: {
          code: 'NEW-S1',
          customerId: org.enterprise.id,
          name: '新站点',
          address: '遵义某路 9 号',
          regionId: org.regions.zunyi.id,
          areaClass: 'county',
          lat: 27.7,
          lng: 106.9,
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const s = json<Site>(created);
      assert.equal(s.timeZone, 'Asia/Urumqi');
      const moved = await t.request({
        method: 'PATCH',
        url: `/api/v1/sites/${s.id}`,
        as: admin,
        payload: { regionId: org.regions.nanming.id, areaClass: 'urban', reason: '搬迁' },
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(json<Site>(moved).timeZone, 'Asia/Shanghai');
      const explicit = await t.request({
        method: 'PATCH',
        url: `/api/v1/sites/${s.id}`,
        as: admin,
        payload: { timeZone: 'Asia/Chongqing' },
      });
      assert.equal(json<Site>(explicit).timeZone, 'Asia/Chongqing');
      const hist = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/sites/${s.id}/history`, as: admin }),
      );
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['create', 'update', 'update'],
      );
      assert.deepEqual(hist.items[1]?.changes, {
        region_id: [org.regions.zunyi.id, org.regions.nanming.id],
        time_zone: ['Asia/Urumqi', 'Asia/Shanghai'],
        area_class: ['county', 'urban'],
      });
      assert.equal(hist.items[1]?.reason, '搬迁');
    });

    test('references and values are checked with the field named; duplicate codes are 409', async () => {
      const admin = await t.personWith(['admin']);
      const base = {
        code: 'CHK1',
        customerId: org.operator.id,
        name: '站',
        address: '地址',
        regionId: org.regions.guiyang.id,
        areaClass: 'urban',
      };
      const cases: [Record<string, unknown>, number, string][] = [
        [{ regionId: '01900000-0000-7000-8000-000000000000' }, 422, 'regionId'],
        [{ customerId: '01900000-0000-7000-8000-000000000000' }, 422, 'customerId'],
        [{ lat: 26.5 }, 422, 'lng'],
        [{ lat: 91, lng: 100 }, 422, 'lat'],
        [{ timeZone: 'Mars/Olympus' }, 422, 'timeZone'],
        [{ areaClass: 'suburb' }, 422, 'areaClass'],
        [{ code: org.siteA.code }, 409, ''],
      ];
      for (const [over, status, field] of cases) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/sites',
          as: admin,
          payload: { ...base, ...over },
        });
        assert.equal(res.statusCode, status, `${JSON.stringify(over)}: ${res.body}`);
        if (field) assert.equal(errorOf(res).details[0]?.field, field, JSON.stringify(over));
      }
    });

    test('scope: a partner lists only sites in the regions it covers (subtree); others answer 404', async () => {
      const a = await t.personWith(['engineer'], { partnerId: org.partnerA.id });
      const list = json<{ items: Site[]; total: number }>(
        await t.request({ method: 'GET', url: '/api/v1/sites', as: a }),
      );
      const ids = list.items.map((s) => s.id);
      assert.ok(ids.includes(org.siteA.id), 'a county site under the covered prefecture is visible');
      assert.ok(!ids.includes(org.siteB.id));
      assert.ok(!ids.includes(org.siteOpB.id));
      for (const url of [`/api/v1/sites/${org.siteB.id}`, `/api/v1/sites/${org.siteOpB.id}/history`]) {
        assert.equal((await t.request({ method: 'GET', url, as: a })).statusCode, 404, url);
      }
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/sites/${org.siteA.id}`, as: a })).statusCode,
        200,
      );
      const b = await t.personWith(['engineer'], { partnerId: org.partnerB.id });
      const listB = json<{ items: Site[] }>(await t.request({ method: 'GET', url: '/api/v1/sites', as: b }));
      assert.ok(listB.items.every((s) => s.regionId === org.regions.zunyi.id));
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/sites/${org.siteA.id}`, as: b })).statusCode,
        404,
      );
    });

    test('a partner that covers no region yet sees no sites, customers or equipment', async () => {
      const admin = await t.personWith(['admin']);
      const bare = await t.request({
        method: 'POST',
        url: '/api/v1/partners',
        as: admin,
        payload: { code: 'BARE', name: '新签代维' },
      });
      const someone = await t.personWith(['dispatcher'], { partnerId: json<{ id: string }>(bare).id });
      for (const url of ['/api/v1/sites', '/api/v1/customers', '/api/v1/equipment']) {
        const res = await t.request({ method: 'GET', url, as: someone });
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
        assert.equal(json<{ total: number }>(res).total, 0, url);
      }
    });

    test("scope: a customer's person sees only that customer's sites", async () => {
      const escort = await t.personWith(['customer_escort'], { customerId: org.enterprise.id });
      const list = json<{ items: (Site & { customerId: string })[] }>(
        await t.request({ method: 'GET', url: '/api/v1/sites', as: escort }),
      );
      assert.ok(list.items.length > 0);
      assert.ok(list.items.every((s) => s.customerId === org.enterprise.id));
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/sites/${org.siteA.id}`, as: escort })).statusCode,
        404,
      );
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/sites/${org.siteB.id}`, as: escort })).statusCode,
        200,
      );
    });

    test('a dispatcher reads and filters all sites but cannot write; anonymous callers get 401', async () => {
      const dispatcher = await t.personWith(['dispatcher']);
      const inGuiyang = json<{ items: Site[] }>(
        await t.request({
          method: 'GET',
          url: `/api/v1/sites?regionId=${org.regions.guiyang.id}`,
          as: dispatcher,
        }),
      );
      assert.ok(inGuiyang.items.some((s) => s.id === org.siteA.id));
      assert.ok(!inGuiyang.items.some((s) => s.id === org.siteB.id));
      const rural = json<{ items: Site[] }>(
        await t.request({ method: 'GET', url: '/api/v1/sites?areaClass=rural', as: dispatcher }),
      );
      assert.deepEqual(
        rural.items.map((s) => s.id),
        [org.siteOpB.id],
      );
      const write = await t.request({
        method: 'PATCH',
        url: `/api/v1/sites/${org.siteA.id}`,
        as: dispatcher,
        payload: { name: 'x' },
      });
      assert.equal(write.statusCode, 403);
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/sites' })).statusCode, 401);
    });
  });
}
