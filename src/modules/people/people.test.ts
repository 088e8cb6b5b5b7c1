import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildOrg } from '../../../test/server/org-fixture.ts';
import { listPartners } from '../partners/partners.service.ts';
import { eligibilityGaps } from './people.rules.ts';
import { getPerson, listPeople, loadEligibility } from './people.service.ts';

type Person = {
  id: string;
  username: string;
  active: boolean;
  roles: string[];
  regionIds: string[];
  partnerId: string | null;
  hasPassword: boolean;
  phone: string | null;
};
type Profile = { employment: string; workCardValid: boolean; skills: string[]; lastLat: number | null };
type Cert = { id: string; product: string; valid: boolean; revokedAt: string | null };
type History = { items: { action: string; changes: Record<string, unknown>; reason: string | null }[] };

for (const kind of testDatabases) {
  describe(`people API (${kind})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof buildOrg>>;
    before(async () => {
      t = await startTestApp(kind);
      org = await buildOrg(t);
    });
    after(() => t.close());

    test('an administrator adds a partner engineer, changes roles and regions, deactivates them; history holds every change (RC-1)', async () => {
      const admin = await t.personWith(['admin']);
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/people',
        as: admin,
        payload: {
          username: 'zhang.san',
          displayName: '张三',
          roles: ['engineer'],
          partnerId: org.partnerA.id,
          regionIds: [org.regions.nanming.id],
          phone: '13800000000',
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const p = json<Person>(created);
      assert.deepEqual(p.roles, ['engineer']);
      assert.equal(p.hasPassword, false);
      assert.equal('passwordHash' in p || 'password_hash' in p, false);

      const patched = await t.request({
        method: 'PATCH',
        url: `/api/v1/people/${p.id}`,
        as: admin,
        payload: { roles: ['engineer', 'dispatcher'], regionIds: [org.regions.guiyang.id], phone: null },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const q = json<Person>(patched);
      assert.deepEqual(q.roles, ['dispatcher', 'engineer']);
      assert.deepEqual(q.regionIds, [org.regions.guiyang.id]);
      assert.equal(q.phone, null);

      const off = await t.request({
        method: 'PATCH',
        url: `/api/v1/people/${p.id}`,
        as: admin,
        payload: { active: false, reason: '离职' },
      });
      assert.equal(json<Person>(off).active, false);

      const hist = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/people/${p.id}/history`, as: admin }),
      );
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['create', 'update', 'deactivate'],
      );
      assert.deepEqual(hist.items[1]?.changes, {
        phone: ['13800000000', null],
        roles: [['engineer'], ['dispatcher', 'engineer']],
        regionIds: [[org.regions.nanming.id], [org.regions.guiyang.id]],
      });
      assert.equal(hist.items[2]?.reason, '离职');
      assert.ok(!JSON.stringify(hist.items).includes('password_hash'));
    });

    test('references are checked: missing partner, regions outside the partner’s coverage, duplicate username, customer roles', async () => {
      const admin = await t.personWith(['admin']);
      const base = { displayName: '李四', roles: ['engineer'] };
      const noPartner = await t.request({
        method: 'POST',
        url: '/api/v1/people',
        as: admin,
        payload: { ...base, username: 'li1', partnerId: '01900000-0000-7000-8000-000000000000' },
      });
      assert.equal(noPartner.statusCode, 422);
      assert.equal(errorOf(noPartner).details[0]?.field, 'partnerId');
      const outside = await t.request({
        method: 'POST',
        url: '/api/v1/people',
        as: admin,
        payload: { ...base, username: 'li2', partnerId: org.partnerA.id, regionIds: [org.regions.zunyi.id] },
      });
      assert.equal(outside.statusCode, 422);
      assert.equal(errorOf(outside).details[0]?.field, 'regionIds');
      const noRegion = await t.request({
        method: 'POST',
        url: '/api/v1/people',
        as: admin,
        payload: { ...base, username: 'li3', regionIds: ['01900000-0000-7000-8000-000000000001'] },
      });
      assert.equal(noRegion.statusCode, 422);
      assert.equal(errorOf(noRegion).details[0]?.field, 'regionIds');
      const customerRole = await t.request({
        method: 'POST',
        url: '/api/v1/people',
        as: admin,
        payload: { ...base, username: 'li4', roles: ['customer_escort'] },
      });
      assert.equal(customerRole.statusCode, 422);
      assert.equal(errorOf(customerRole).details[0]?.field, 'customerId');
      const ok = await t.request({
        method: 'POST',
        url: '/api/v1/people',
        as: admin,
        payload: { ...base, username: 'li5' },
      });
      assert.equal(ok.statusCode, 201, ok.body);
      const dup = await t.request({
        method: 'POST',
        url: '/api/v1/people',
        as: admin,
        payload: { ...base, username: 'li5' },
      });
      assert.equal(dup.statusCode, 409);
      assert.equal(errorOf(dup).code, 'duplicate');
      const badRole = await t.request({
        method: 'POST',
        url: '/api/v1/people',
        as: admin,
        payload: { ...base, username: 'li6', roles: ['wizard'] },
      });
      assert.equal(badRole.statusCode, 422);
      assert.equal(errorOf(badRole).details[0]?.field, 'roles.0');
    });

    test('an administrator cannot deactivate themselves; a deactivated person can no longer sign in', async () => {
      const admin = await t.personWith(['admin']);
      const self = await t.request({
        method: 'PATCH',
        url: `/api/v1/people/${admin.personId}`,
        as: admin,
        payload: { active: false },
      });
      assert.equal(self.statusCode, 422);
      assert.equal(errorOf(self).details[0]?.field, 'active');
      const victim = await t.personWith(['dispatcher']);
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', as: victim })).statusCode, 200);
      await t.request({
        method: 'PATCH',
        url: `/api/v1/people/${victim.personId}`,
        as: admin,
        payload: { active: false },
      });
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', as: victim })).statusCode, 401);
    });

    test('an administrator sets a password: weak ones are refused, the new one signs in, history records it without the secret', async () => {
      const admin = await t.personWith(['admin']);
      const created = json<Person>(
        await t.request({
          method: 'POST',
          url: '/api/v1/people',
          as: admin,
          payload: { username: 'wang.wu', displayName: '王五', roles: ['call_center'] },
        }),
      );
      const weak = await t.request({
        method: 'PUT',
        url: `/api/v1/people/${created.id}/password`,
        as: admin,
        payload: { password: 'short' },
      });
      assert.equal(weak.statusCode, 422);
      assert.equal(errorOf(weak).details[0]?.field, 'password');
      const set = await t.request({
        method: 'PUT',
        url: `/api/v1/people/${created.id}/password`,
        as: admin,
        payload: { password: 'Str0ng!pass' },
      });
      assert.equal(set.statusCode, 200, set.body);
      const login = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'wang.wu', password: 'Str0ng!pass' },
      });
      assert.equal(login.statusCode, 200, login.body);
      const hist = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/people/${created.id}/history`, as: admin }),
      );
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['create', 'password_set'],
      );
      assert.ok(!JSON.stringify(hist).includes('Str0ng'));
    });

    test('RS-3 engineer profile: a partner engineer needs a work card; its validity follows the clock', async () => {
      const admin = await t.personWith(['admin']);
      const eng = await t.personWith(['engineer'], { partnerId: org.partnerA.id });
      const missing = await t.request({
        method: 'PUT',
        url: `/api/v1/people/${eng.personId}/engineer-profile`,
        as: admin,
        payload: { employment: 'partner', skills: ['光纤熔接'] },
      });
      assert.equal(missing.statusCode, 422);
      assert.deepEqual(
        errorOf(missing).details.map((d) => d.field),
        ['workCardNo', 'workCardExpiresOn'],
      );
      const wrongKind = await t.request({
        method: 'PUT',
        url: `/api/v1/people/${eng.personId}/engineer-profile`,
        as: admin,
        payload: { employment: 'own' },
      });
      assert.equal(errorOf(wrongKind).details[0]?.field, 'employment');
      const put = await t.request({
        method: 'PUT',
        url: `/api/v1/people/${eng.personId}/engineer-profile`,
        as: admin,
        payload: {
          employment: 'partner',
          workCardNo: 'GZ-WC-001',
          workCardExpiresOn: '2026-11-02',
          skills: ['光纤熔接', 'OLT'],
          vehicle: '贵A12345',
        },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(json<Profile>(put).workCardValid, true);

      // The engineer reads their own profile and reports a position; no history for telemetry.
      const pos = await t.request({
        method: 'PUT',
        url: `/api/v1/people/${eng.personId}/position`,
        as: eng,
        payload: { lat: 26.6, lng: 106.7 },
      });
      assert.equal(pos.statusCode, 200, pos.body);
      assert.equal(json<Profile>(pos).lastLat, 26.6);

      // The clock starts at 10:00 on 2 Nov in Shanghai; fifteen hours later it is 3 Nov there
      // (a fresh sign-in, since the earlier sessions have lapsed by then).
      t.clock.advanceMinutes(15 * 60);
      const reader = await t.personWith(['dispatcher']);
      const later = json<Profile>(
        await t.request({
          method: 'GET',
          url: `/api/v1/people/${eng.personId}/engineer-profile`,
          as: reader,
        }),
      );
      assert.equal(later.workCardValid, false);
      t.clock.advanceMinutes(-15 * 60);

      const hist = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/people/${eng.personId}/history`, as: admin }),
      );
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['create', 'engineer_profile_create'],
      );
      assert.deepEqual(hist.items[1]?.changes.skills, [null, ['光纤熔接', 'OLT']]);

      // Someone else's profile needs people.read; the position only its owner (or an administrator).
      const other = await t.personWith(['engineer']);
      assert.equal(
        (
          await t.request({
            method: 'GET',
            url: `/api/v1/people/${eng.personId}/engineer-profile`,
            as: other,
          })
        ).statusCode,
        403,
      );
      assert.equal(
        (
          await t.request({
            method: 'PUT',
            url: `/api/v1/people/${eng.personId}/position`,
            as: other,
            payload: { lat: 1, lng: 1 },
          })
        ).statusCode,
        403,
      );
      const none = await t.request({
        method: 'GET',
        url: `/api/v1/people/${other.personId}/engineer-profile`,
        as: other,
      });
      assert.equal(none.statusCode, 404);
    });

    test('RS-3 certifications are added, expire with the clock and are revoked, never deleted', async () => {
      const admin = await t.personWith(['admin']);
      const eng = await t.personWith(['engineer']);
      const add = await t.request({
        method: 'POST',
        url: `/api/v1/people/${eng.personId}/certifications`,
        as: admin,
        payload: { product: 'OLT', level: '高级', certificateNo: 'C-1', expiresOn: '2027-03-31' },
      });
      assert.equal(add.statusCode, 201, add.body);
      const c = json<Cert>(add);
      assert.equal(c.valid, true);
      await t.request({
        method: 'POST',
        url: `/api/v1/people/${eng.personId}/certifications`,
        as: admin,
        payload: { product: 'ONU', expiresOn: '2026-11-01' },
      });
      const badDate = await t.request({
        method: 'POST',
        url: `/api/v1/people/${eng.personId}/certifications`,
        as: admin,
        payload: { product: 'ONU', expiresOn: '2026-02-30' },
      });
      assert.equal(errorOf(badDate).details[0]?.field, 'expiresOn');

      const revoke = await t.request({
        method: 'POST',
        url: `/api/v1/certifications/${c.id}/revoke`,
        as: admin,
        payload: { reason: '考试作弊' },
      });
      assert.equal(revoke.statusCode, 200, revoke.body);
      assert.equal(json<Cert>(revoke).valid, false);

      const list = json<{ items: Cert[] }>(
        await t.request({ method: 'GET', url: `/api/v1/people/${eng.personId}/certifications`, as: eng }),
      );
      assert.deepEqual(
        list.items.map((x) => [x.product, x.valid, x.revokedAt !== null]),
        [
          ['OLT', false, true],
          ['ONU', false, false],
        ],
      );
      const hist = json<History>(
        await t.request({ method: 'GET', url: `/api/v1/certifications/${c.id}/history`, as: admin }),
      );
      assert.deepEqual(
        hist.items.map((h) => [h.action, h.reason]),
        [
          ['create', null],
          ['revoke', '考试作弊'],
        ],
      );
      const dispatcher = await t.personWith(['dispatcher']);
      const denied = await t.request({
        method: 'POST',
        url: `/api/v1/people/${eng.personId}/certifications`,
        as: dispatcher,
        payload: { product: 'OLT', expiresOn: '2030-01-01' },
      });
      assert.equal(denied.statusCode, 403);
    });

    test('lists filter by role, partner, region and text', async () => {
      const admin = await t.personWith(['admin']);
      const e1 = await t.personWith(['engineer'], {
        partnerId: org.partnerB.id,
        regionIds: [org.regions.zunyi.id],
        displayName: '赵六工程师',
      });
      const byPartner = json<{ items: Person[] }>(
        await t.request({ method: 'GET', url: `/api/v1/people?partnerId=${org.partnerB.id}`, as: admin }),
      );
      assert.ok(byPartner.items.every((p) => p.partnerId === org.partnerB.id));
      assert.ok(byPartner.items.some((p) => p.id === e1.personId));
      const byRegion = json<{ items: Person[] }>(
        await t.request({
          method: 'GET',
          url: `/api/v1/people?regionId=${org.regions.zunyi.id}&role=engineer`,
          as: admin,
        }),
      );
      assert.deepEqual(
        byRegion.items.map((p) => p.id),
        [e1.personId],
      );
      const byText = json<{ items: Person[]; total: number }>(
        await t.request({ method: 'GET', url: `/api/v1/people?q=${encodeURIComponent('赵六')}`, as: admin }),
      );
      assert.deepEqual(
        byText.items.map((p) => p.id),
        [e1.personId],
      );
      const byRole = json<{ items: Person[] }>(
        await t.request({ method: 'GET', url: '/api/v1/people?role=admin', as: admin }),
      );
      assert.ok(byRole.items.length > 0 && byRole.items.every((p) => p.roles.includes('admin')));
    });

    test("scope: a partner's person sees only their colleagues; customers see no people; dispatchers read but cannot write", async () => {
      const b = await t.personWith(['engineer'], { partnerId: org.partnerB.id });
      const a = await t.personWith(['dispatcher'], { partnerId: org.partnerA.id });
      const list = json<{ items: Person[]; total: number }>(
        await t.request({ method: 'GET', url: '/api/v1/people?limit=500', as: a }),
      );
      assert.ok(list.items.length > 0);
      assert.ok(list.items.every((p) => p.partnerId === org.partnerA.id));
      assert.equal(list.total, list.items.length);
      for (const url of [
        `/api/v1/people/${b.personId}`,
        `/api/v1/people/${b.personId}/history`,
        `/api/v1/people/${b.personId}/certifications`,
      ]) {
        assert.equal((await t.request({ method: 'GET', url, as: a })).statusCode, 404, url);
      }
      const escort = await t.personWith(['customer_escort'], { customerId: org.enterprise.id });
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/people', as: escort })).statusCode, 403);
      const dispatcher = await t.personWith(['dispatcher']);
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/people/${b.personId}`, as: dispatcher })).statusCode,
        200,
      );
      const write = await t.request({
        method: 'PATCH',
        url: `/api/v1/people/${b.personId}`,
        as: dispatcher,
        payload: { displayName: 'x' },
      });
      assert.equal(write.statusCode, 403);
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/people' })).statusCode, 401);
    });

    test("services also answer a customer's scope with nothing: no people, no partners", async () => {
      const scope = { kind: 'customer' as const, customerId: org.enterprise.id };
      const page = { limit: 10, offset: 0 };
      assert.equal((await listPeople(t.ctx, scope, {}, page)).total, 0);
      assert.equal((await listPartners(t.ctx, scope, {}, page)).total, 0);
      const someone = await t.personWith(['dispatcher']);
      await assert.rejects(getPerson(t.ctx, scope, someone.personId), { code: 'not_found' });
    });

    test('RS-3 / DP-1 eligibility facts load in one batch and explain who may go', async () => {
      const admin = await t.personWith(['admin']);
      const ready = await t.personWith(['engineer'], { partnerId: org.partnerA.id });
      const noCard = await t.personWith(['engineer']);
      const dispatcher = await t.personWith(['dispatcher']);
      await t.request({
        method: 'PUT',
        url: `/api/v1/people/${ready.personId}/engineer-profile`,
        as: admin,
        payload: { employment: 'partner', workCardNo: 'W-9', workCardExpiresOn: '2027-01-31' },
      });
      await t.request({
        method: 'POST',
        url: `/api/v1/people/${ready.personId}/certifications`,
        as: admin,
        payload: { product: 'OLT', expiresOn: '2027-01-31' },
      });
      const facts = await loadEligibility(t.ctx, [ready.personId, noCard.personId, dispatcher.personId]);
      const gaps = (id: string) => eligibilityGaps(facts.get(id)!, 'OLT', '2026-11-02');
      assert.deepEqual(gaps(ready.personId), []);
      assert.deepEqual(gaps(noCard.personId), ['no_engineer_profile', 'not_certified']);
      assert.deepEqual(gaps(dispatcher.personId), ['not_engineer', 'no_engineer_profile', 'not_certified']);
      assert.deepEqual(eligibilityGaps(facts.get(ready.personId)!, 'OLT', '2027-02-01'), [
        'work_card_expired',
        'certification_expired',
      ]);
    });

    test('the role list carries both languages', async () => {
      const someone = await t.personWith(['engineer']);
      const res = json<{ items: { role: string; label: Record<string, string>; customerSide: boolean }[] }>(
        await t.request({ method: 'GET', url: '/api/v1/reference/roles', as: someone }),
      );
      const dispatcher = res.items.find((r) => r.role === 'dispatcher');
      assert.deepEqual(dispatcher?.label, { 'zh-CN': '调度', en: 'Dispatcher' });
      assert.equal(res.items.find((r) => r.role === 'customer_escort')?.customerSide, true);
    });
  });
}
