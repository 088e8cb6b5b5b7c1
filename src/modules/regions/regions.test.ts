import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { createPartner } from '../partners/partners.service.ts';

for (const kind of testDatabases) {
  describe(`regions API (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('an administrator builds the tree; each create and change writes history (RC-1)', async () => {
      const admin = await t.personWith(['admin']);
      const prov = await t.request({
        method: 'POST',
        url: '/api/v1/regions',
        as: admin,
        payload: { code: 'GZ', name: '贵州省', level: 'province' },
      });
      assert.equal(prov.statusCode, 201, prov.body);
      const p = json<{ id: string; timeZone: string }>(prov);
      assert.equal(p.timeZone, 'Asia/Shanghai');
      const city = await t.request({
        method: 'POST',
        url: '/api/v1/regions',
        as: admin,
        payload: { code: 'GZ-GY', name: '贵阳市', level: 'prefecture', parentId: p.id },
      });
      assert.equal(city.statusCode, 201, city.body);
      const c = json<{ id: string }>(city);
      const patched = await t.request({
        method: 'PATCH',
        url: `/api/v1/regions/${c.id}`,
        as: admin,
        payload: { name: '贵阳', reason: '简称' },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const hist = json<{
        items: { action: string; changes: Record<string, unknown>; reason: string | null }[];
      }>(await t.request({ method: 'GET', url: `/api/v1/regions/${c.id}/history`, as: admin }));
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['create', 'update'],
      );
      assert.deepEqual(hist.items[1]?.changes, { name: ['贵阳市', '贵阳'] });
      assert.equal(hist.items[1]?.reason, '简称');
    });

    test('a county cannot sit directly under a province; the error names parentId in zh-CN and en', async () => {
      const admin = await t.personWith(['admin']);
      const prov = json<{ id: string }>(
        await t.request({
          method: 'POST',
          url: '/api/v1/regions',
          as: admin,
          payload: { code: 'P2', name: '省二', level: 'province' },
        }),
      );
      const payload = { code: 'C1', name: '县一', level: 'county', parentId: prov.id };
      const zh = await t.request({ method: 'POST', url: '/api/v1/regions', as: admin, payload });
      assert.equal(zh.statusCode, 422);
      assert.equal(errorOf(zh).details[0]?.field, 'parentId');
      assert.match(errorOf(zh).details[0]?.message ?? '', /区县的上级必须是地市/);
      const en = await t.request({
        method: 'POST',
        url: '/api/v1/regions',
        as: admin,
        payload,
        headers: { 'accept-language': 'en-US,en;q=0.9' },
      });
      assert.match(errorOf(en).details[0]?.message ?? '', /parent of a county must be a prefecture/);
    });

    test('only administrators change reference data; anonymous callers get 401', async () => {
      const dispatcher = await t.personWith(['dispatcher']);
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/regions',
        as: dispatcher,
        payload: { code: 'X', name: 'X', level: 'province' },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'forbidden');
      const anon = await t.request({ method: 'GET', url: '/api/v1/regions' });
      assert.equal(anon.statusCode, 401);
      assert.equal(errorOf(anon).code, 'unauthenticated');
    });

    test('a partner sees only the regions it covers and below; one that covers none sees an empty list', async () => {
      const admin = await t.personWith(['admin']);
      const post = async (payload: Record<string, unknown>) =>
        json<{ id: string }>(await t.request({ method: 'POST', url: '/api/v1/regions', as: admin, payload }));
      const prov = await post({ code: 'SC-P', name: '省', level: 'province' });
      const covered = await post({ code: 'SC-A', name: '甲市', level: 'prefecture', parentId: prov.id });
      const county = await post({ code: 'SC-A1', name: '甲县', level: 'county', parentId: covered.id });
      const other = await post({ code: 'SC-B', name: '乙市', level: 'prefecture', parentId: prov.id });
      const withCoverage = await createPartner(
        t.ctx,
        { system: 'test' },
        { code: 'PA', name: '甲代维', regionIds: [covered.id] },
      );
      const without = await createPartner(t.ctx, { system: 'test' }, { code: 'PB', name: '乙代维' });
      const a = await t.personWith(['dispatcher'], { partnerId: withCoverage.id });
      const b = await t.personWith(['dispatcher'], { partnerId: without.id });
      const seen = json<{ items: { id: string }[] }>(
        await t.request({ method: 'GET', url: '/api/v1/regions', as: a }),
      );
      assert.deepEqual(seen.items.map((r) => r.id).sort(), [covered.id, county.id].sort());
      const hidden = await t.request({ method: 'GET', url: `/api/v1/regions/${other.id}`, as: a });
      assert.equal(hidden.statusCode, 404);
      const none = await t.request({ method: 'GET', url: '/api/v1/regions', as: b });
      assert.equal(none.statusCode, 200, none.body);
      assert.equal(json<{ total: number }>(none).total, 0);
    });

    test('duplicate codes answer 409 naming the field', async () => {
      const admin = await t.personWith(['admin']);
      const payload = { code: 'DUP', name: '重复', level: 'province' };
      assert.equal(
        (await t.request({ method: 'POST', url: '/api/v1/regions', as: admin, payload })).statusCode,
        201,
      );
      const again = await t.request({ method: 'POST', url: '/api/v1/regions', as: admin, payload });
      assert.equal(again.statusCode, 409);
      assert.equal(errorOf(again).code, 'duplicate');
    });
  });
}
