/** Keyset pages of the order list (issue 11): every order once, in the same order as the offset pages. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

type Page = { items: { id: string }[]; total: number; totalCapped: boolean; nextCursor: string | null };

for (const kind of testDatabases) {
  describe(`work orders list by cursor (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      // Seven orders, some received at the same instant, so the id tie-break is exercised.
      for (let i = 0; i < 7; i++) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/work-orders',
          as: w.callCenter,
          payload: phoneIntake(w),
        });
        assert.equal(res.statusCode, 201, res.body);
        if (i % 3 === 2) t.clock.advanceMinutes(1);
      }
    });
    after(() => t.close());

    const get = async (query: string) => {
      const res = await t.request({ method: 'GET', url: `/api/v1/work-orders?${query}`, as: w.manager });
      return { status: res.statusCode, body: json<Page>(res) };
    };

    test('following nextCursor visits each order exactly once, newest first', async () => {
      const all = await get('limit=100');
      assert.equal(all.status, 200);
      assert.equal(all.body.total, 7);
      assert.equal(all.body.totalCapped, false);
      assert.equal(all.body.nextCursor, null, 'a page that is not full has no next cursor');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: Page } = await get(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200);
        seen.push(...page.body.items.map((o) => o.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(
        seen,
        all.body.items.map((o) => o.id),
      );
    });

    test('a cursor the list did not hand out is refused, naming the field', async () => {
      const res = await t.request({
        method: 'GET',
        url: '/api/v1/work-orders?cursor=garbage',
        as: w.manager,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, /cursor/);
    });
  });
}
