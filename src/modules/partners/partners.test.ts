import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildOrg } from '../../../test/server/org-fixture.ts';

type Partner = { id: string; code: string; active: boolean; regionIds: string[] };
type History = { items: { action: string; changes: Record<string, unknown>; reason: string | null }[] };

for (const kind of testDatabases) {
  describe(`partners API (${kind})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof buildOrg>>;
    before(async () => {
      t = await startTestApp(kind);
      org = await buildOrg(t);
    });
    after(() => t.close());

    test('an administrator registers, changes, re-scopes and deactivates a partner; each step is in its history (RC-1)', async () => {
      const admin = await t.personWith(['admin']);
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/partners',
        as: admin,
        payload: { code: 'NEW1', name: '新代维', contactName: '王经理', regionIds: [org.regions.guiyang.id] },
      });
      assert.equal(created.statusCode, 201, created.body);
      const p = json<Partner>(created);
      assert.deepEqual(p.regionIds, [org.regions.guiyang.id]);
      assert.equal(p.active, true);

      const patched = await t.request({
        method: 'PATCH',
        url: `/api/v1/partners/${p.id}`,
        as: admin,
        payload: { contactPhone: '0851-1234567' },
      });
      assert.equal(patched.statusCode, 200, patched.body);

      const regions = await t.request({
        method: 'PUT',
        url: `/api/v1/partners/${p.id}/regions`,
        as: admin,
        payload: { regionIds: [org.regions.zunyi.id, org.regions.guiyang.id], reason: '扩大范围' },
      });
      assert.equal(regions.statusCode, 200, regions.body);
      assert.deepEqual(
        json<Partner>(regions).regionIds,
        [org.regions.guiyang.id, org.regions.zunyi.id].sort(),
      );

      const off = await t.request({
        method: 'PATCH',
        url: `/api/v1/partners/${p.id}`,
        as: admin,
        payload: { active: false, reason: '合同到期' },
      });
      assert.equal(json<Partner>(off).active, false);

      const hist = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/partners/${p.id}/history`, as: admin }),
      );
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['create', 'update', 'regions_set', 'deactivate'],
      );
      assert.deepEqual(hist.items[1]?.changes, { contact_phone: [null, '0851-1234567'] });
      assert.deepEqual(hist.items[2]?.changes, {
        regionIds: [[org.regions.guiyang.id], [org.regions.guiyang.id, org.regions.zunyi.id].sort()],
      });
      assert.equal(hist.items[2]?.reason, '扩大范围');
      assert.equal(hist.items[3]?.reason, '合同到期');

      // Deactivated partners stay listed and can be filtered.
      const inactive = json<{ items: Partner[] }>(
        await t.request({ method: 'GET', url: '/api/v1/partners?active=false', as: admin }),
      );
      assert.deepEqual(
        inactive.items.map((x) => x.id),
        [p.id],
      );
    });

    test('a region that does not exist is a 422 naming regionIds; a duplicate code is a 409; unknown fields are refused', async () => {
      const admin = await t.personWith(['admin']);
      const missing = await t.request({
        method: 'POST',
        url: '/api/v1/partners',
        as: admin,
        payload: { code: 'BAD1', name: '坏', regionIds: ['01900000-0000-7000-8000-000000000000'] },
      });
      assert.equal(missing.statusCode, 422, missing.body);
      assert.equal(errorOf(missing).details[0]?.field, 'regionIds');
      const dup = await t.request({
        method: 'POST',
        url: '/api/v1/partners',
        as: admin,
        payload: { code: org.partnerA.code, name: '重复' },
      });
      assert.equal(dup.statusCode, 409);
      assert.equal(errorOf(dup).code, 'duplicate');
      const extra = await t.request({
        method: 'POST',
        url: '/api/v1/partners',
        as: admin,
        payload: { code: 'X9', name: 'x', owner: 'me' },
      });
      assert.equal(extra.statusCode, 422);
      assert.equal(errorOf(extra).details[0]?.field, 'owner');
      const twice = await t.request({
        method: 'PUT',
        url: `/api/v1/partners/${org.partnerA.id}/regions`,
        as: admin,
        payload: { regionIds: [org.regions.zunyi.id, org.regions.zunyi.id] },
      });
      assert.equal(twice.statusCode, 422);
      assert.equal(errorOf(twice).details[0]?.field, 'regionIds');
    });

    test('a dispatcher reads partners but cannot change them; anonymous callers get 401', async () => {
      const dispatcher = await t.personWith(['dispatcher']);
      const list = json<{ items: Partner[]; total: number }>(
        await t.request({ method: 'GET', url: '/api/v1/partners', as: dispatcher }),
      );
      assert.ok(list.items.some((p) => p.id === org.partnerA.id));
      assert.ok(list.items.some((p) => p.id === org.partnerB.id));
      const write = await t.request({
        method: 'PATCH',
        url: `/api/v1/partners/${org.partnerA.id}`,
        as: dispatcher,
        payload: { name: '改名' },
      });
      assert.equal(write.statusCode, 403);
      const anon = await t.request({ method: 'GET', url: `/api/v1/partners/${org.partnerA.id}` });
      assert.equal(anon.statusCode, 401);
    });

    test("a partner's person sees only their own partner; another partner's record and history answer 404", async () => {
      const a = await t.personWith(['dispatcher'], { partnerId: org.partnerA.id });
      const list = json<{ items: Partner[]; total: number }>(
        await t.request({ method: 'GET', url: '/api/v1/partners', as: a }),
      );
      assert.deepEqual(
        list.items.map((p) => p.id),
        [org.partnerA.id],
      );
      assert.equal(list.total, 1);
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/partners/${org.partnerA.id}`, as: a })).statusCode,
        200,
      );
      const other = await t.request({ method: 'GET', url: `/api/v1/partners/${org.partnerB.id}`, as: a });
      assert.equal(other.statusCode, 404);
      assert.equal(errorOf(other).code, 'not_found');
      const otherHistory = await t.request({
        method: 'GET',
        url: `/api/v1/partners/${org.partnerB.id}/history`,
        as: a,
      });
      assert.equal(otherHistory.statusCode, 404);
    });

    test("a customer's person has no access to partners", async () => {
      const escort = await t.personWith(['customer_escort'], { customerId: org.enterprise.id });
      const res = await t.request({ method: 'GET', url: '/api/v1/partners', as: escort });
      assert.equal(res.statusCode, 403);
    });
  });
}
