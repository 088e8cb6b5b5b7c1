/**
 * Keyset pages of the order list (issue 11): every order once, in the same order as the offset
 * pages, while orders are taken between pages; filters and the sort hold across pages; the
 * total is capped past COUNT_CAP and says so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { newId } from '../../shared/ids.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

type Page = {
  items: { id: string; receivedAt: string }[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
};

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

    /** Follows nextCursor from the first page of `query`, calling `between` after each page. */
    const walk = async (query: string, between: () => Promise<void> = async () => {}) => {
      const seen: Page['items'] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: Page } = await get(
          `${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(page.status, 200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        await between();
      } while (cursor);
      return seen;
    };

    test('orders taken while someone pages are neither repeated nor make an older order skipped', async () => {
      const before = (await get('limit=500')).body.items.map((o) => o.id);
      let added = 0;
      // Two intakes land after every page: an offset page would shift by two and repeat rows.
      const seen = await walk('limit=2', async () => {
        for (let i = 0; i < 2; i++) {
          t.clock.advanceMinutes(1);
          const res = await t.request({
            method: 'POST',
            url: '/api/v1/work-orders',
            as: w.callCenter,
            payload: phoneIntake(w),
          });
          assert.equal(res.statusCode, 201, res.body);
          added += 1;
        }
      });
      const ids = seen.map((o) => o.id);
      assert.equal(new Set(ids).size, ids.length, 'no order twice');
      assert.deepEqual(ids, before, 'every order there when paging began, once, in order');
      assert.ok(added > 0);
    });

    test('filters and the newest-first order hold across pages (severity, open)', async () => {
      // One order closed would need the whole lifecycle; cancelling is enough to leave "open".
      const victim = (await get('limit=1')).body.items[0]!.id;
      const cancel = await t.request({
        method: 'POST',
        url: `/api/v1/work-orders/${victim}/transitions`,
        as: w.dispatcher,
        payload: { to: 'cancelled', reason: '客户撤销报修' },
      });
      assert.equal(cancel.statusCode, 200, cancel.body);
      for (const query of ['open=true&limit=2', 'open=false&limit=2', 'severity=major&limit=2']) {
        const whole = (await get(query.replace('limit=2', 'limit=500'))).body;
        const paged = await walk(query);
        assert.deepEqual(
          paged.map((o) => o.id),
          whole.items.map((o) => o.id),
          query,
        );
        const keys = paged.map((o) => `${o.receivedAt} ${o.id}`);
        assert.deepEqual(keys, [...keys].sort().reverse(), `${query}: newest first, id breaking ties`);
      }
      const open = await walk('open=true&limit=3');
      assert.ok(!open.some((o) => o.id === victim), 'a cancelled order is not open');
      const ended = await walk('open=false&limit=3');
      assert.deepEqual(
        ended.map((o) => o.id),
        [victim],
      );
    });

    test('past a thousand rows the total is capped and says so; the cursor still reaches every row', async () => {
      const template = await t.ctx.db.selectFrom('work_orders').selectAll().executeTakeFirstOrThrow();
      const existing = (await get('limit=500')).body.total;
      const extra = 1001 - existing + 5;
      const rows = Array.from({ length: extra }, (_, i) => ({
        ...template,
        id: newId(),
        number: `CAP-${i}`,
        external_ref: null,
        received_at: new Date(Date.parse(template.received_at) - (i + 1) * 1000).toISOString(),
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await t.ctx.db
          .insertInto('work_orders')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      const first = await get('limit=500');
      assert.equal(first.body.total, 1000);
      assert.equal(first.body.totalCapped, true);
      const all = await walk('limit=500');
      assert.equal(all.length, existing + extra);
      assert.equal(new Set(all.map((o) => o.id)).size, all.length);
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
