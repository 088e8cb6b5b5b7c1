import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildOrg } from '../../../test/server/org-fixture.ts';

type Customer = { id: string; code: string; kind: string; regionId: string };
type Contact = { id: string; name: string; isEscort: boolean; active: boolean };
type History = { items: { action: string; changes: Record<string, unknown>; reason: string | null }[] };

for (const kind of testDatabases) {
  describe(`customers API (${kind})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof buildOrg>>;
    before(async () => {
      t = await startTestApp(kind);
      org = await buildOrg(t);
    });
    after(() => t.close());

    test('an administrator registers a customer and its contacts; contacts retire, never disappear; history for each (RC-1)', async () => {
      const admin = await t.personWith(['admin']);
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/customers',
        as: admin,
        payload: { code: 'HH1', name: '某小区住户', kind: 'household', regionId: org.regions.nanming.id },
      });
      assert.equal(created.statusCode, 201, created.body);
      const c = json<Customer>(created);
      const patched = await t.request({
        method: 'PATCH',
        url: `/api/v1/customers/${c.id}`,
        as: admin,
        payload: { kind: 'enterprise', reason: '转为企业客户' },
      });
      assert.equal(json<Customer>(patched).kind, 'enterprise');

      const contact = await t.request({
        method: 'POST',
        url: `/api/v1/customers/${c.id}/contacts`,
        as: admin,
        payload: { name: '刘工', phone: '0851-8888888', title: '机房负责人', isEscort: true },
      });
      assert.equal(contact.statusCode, 201, contact.body);
      const k = json<Contact>(contact);
      assert.equal(k.isEscort, true);
      const retire = await t.request({
        method: 'PATCH',
        url: `/api/v1/contacts/${k.id}`,
        as: admin,
        payload: { active: false, reason: '调岗' },
      });
      assert.equal(json<Contact>(retire).active, false);
      const shown = json<{ items: Contact[] }>(
        await t.request({ method: 'GET', url: `/api/v1/customers/${c.id}/contacts`, as: admin }),
      );
      assert.equal(shown.items.length, 0);
      const all = json<{ items: Contact[] }>(
        await t.request({
          method: 'GET',
          url: `/api/v1/customers/${c.id}/contacts?includeInactive=true`,
          as: admin,
        }),
      );
      assert.deepEqual(
        all.items.map((x) => x.id),
        [k.id],
      );

      const ch = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/customers/${c.id}/history`, as: admin }),
      );
      assert.deepEqual(
        ch.items.map((h) => h.action),
        ['create', 'update'],
      );
      assert.deepEqual(ch.items[1]?.changes, { kind: ['household', 'enterprise'] });
      const kh = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/contacts/${k.id}/history`, as: admin }),
      );
      assert.deepEqual(
        kh.items.map((h) => [h.action, h.reason]),
        [
          ['create', null],
          ['deactivate', '调岗'],
        ],
      );
    });

    test('a region that does not exist is a 422 naming regionId; bad kind and email are refused; duplicates are 409', async () => {
      const admin = await t.personWith(['admin']);
      const missing = await t.request({
        method: 'POST',
        url: '/api/v1/customers',
        as: admin,
        payload: {
          code: 'M1',
          name: 'x',
          kind: 'operator',
          regionId: '01900000-0000-7000-8000-000000000000',
        },
      });
      assert.equal(missing.statusCode, 422);
      assert.equal(errorOf(missing).details[0]?.field, 'regionId');
      const badKind = await t.request({
        method: 'POST',
        url: '/api/v1/customers',
        as: admin,
        payload: { code: 'M2', name: 'x', kind: 'alien', regionId: org.regions.guiyang.id },
      });
      assert.equal(errorOf(badKind).details[0]?.field, 'kind');
      const dup = await t.request({
        method: 'POST',
        url: '/api/v1/customers',
        as: admin,
        payload: { code: org.operator.code, name: 'x', kind: 'operator', regionId: org.regions.guiyang.id },
      });
      assert.equal(dup.statusCode, 409);
      const badEmail = await t.request({
        method: 'POST',
        url: `/api/v1/customers/${org.operator.id}/contacts`,
        as: admin,
        payload: { name: '某人', email: 'not-an-email' },
      });
      assert.equal(badEmail.statusCode, 422);
      assert.equal(errorOf(badEmail).details[0]?.field, 'email');
      const noCustomer = await t.request({
        method: 'POST',
        url: '/api/v1/customers/01900000-0000-7000-8000-000000000000/contacts',
        as: admin,
        payload: { name: '某人' },
      });
      assert.equal(noCustomer.statusCode, 404);
    });

    test('scope: a partner sees customers registered or with sites in its regions; a customer only itself', async () => {
      const a = await t.personWith(['dispatcher'], { partnerId: org.partnerA.id });
      const list = json<{ items: Customer[] }>(
        await t.request({ method: 'GET', url: '/api/v1/customers', as: a }),
      );
      // The operator is registered at province level but has a site in 贵阳; the enterprise is only in 遵义.
      const ids = list.items.map((c) => c.id);
      assert.ok(ids.includes(org.operator.id));
      assert.ok(!ids.includes(org.enterprise.id));
      for (const url of [
        `/api/v1/customers/${org.enterprise.id}`,
        `/api/v1/customers/${org.enterprise.id}/contacts`,
        `/api/v1/customers/${org.enterprise.id}/history`,
      ]) {
        assert.equal((await t.request({ method: 'GET', url, as: a })).statusCode, 404, url);
      }
      const b = await t.personWith(['dispatcher'], { partnerId: org.partnerB.id });
      const listB = json<{ items: Customer[] }>(
        await t.request({ method: 'GET', url: '/api/v1/customers', as: b }),
      );
      assert.deepEqual(listB.items.map((c) => c.id).sort(), [org.operator.id, org.enterprise.id].sort());

      const escort = await t.personWith(['customer_escort'], { customerId: org.enterprise.id });
      const own = json<{ items: Customer[] }>(
        await t.request({ method: 'GET', url: '/api/v1/customers', as: escort }),
      );
      assert.deepEqual(
        own.items.map((c) => c.id),
        [org.enterprise.id],
      );
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/customers/${org.operator.id}`, as: escort }))
          .statusCode,
        404,
      );
      const write = await t.request({
        method: 'PATCH',
        url: `/api/v1/customers/${org.enterprise.id}`,
        as: escort,
        payload: { name: '改名' },
      });
      assert.equal(write.statusCode, 403);
    });

    test('a dispatcher reads every customer but cannot change one; anonymous callers get 401', async () => {
      const dispatcher = await t.personWith(['dispatcher']);
      const list = json<{ total: number }>(
        await t.request({ method: 'GET', url: '/api/v1/customers', as: dispatcher }),
      );
      assert.ok(list.total >= 2);
      const filtered = json<{ items: Customer[] }>(
        await t.request({
          method: 'GET',
          url: `/api/v1/customers?regionId=${org.regions.zunyi.id}`,
          as: dispatcher,
        }),
      );
      assert.deepEqual(
        filtered.items.map((c) => c.id),
        [org.enterprise.id],
      );
      const write = await t.request({
        method: 'POST',
        url: '/api/v1/customers',
        as: dispatcher,
        payload: { code: 'D1', name: 'x', kind: 'operator', regionId: org.regions.guiyang.id },
      });
      assert.equal(write.statusCode, 403);
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/customers' })).statusCode, 401);
    });
  });
}
