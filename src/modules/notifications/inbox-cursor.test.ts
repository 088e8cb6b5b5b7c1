/**
 * Issue 11: the inbox pages by cursor (newest first, id breaking ties), each notice once even
 * while new ones arrive between pages, grouped or not; past a thousand the total says "more".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { newId } from '../../shared/ids.ts';
import type { NotificationTable } from './notifications.tables.ts';

type Page = {
  items: { id: string; createdAt: string; groupCount: number }[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
};

for (const kind of testDatabases) {
  describe(`inbox by cursor (${kind})`, () => {
    let t: TestApp;
    let me: Session;
    let stamp = Date.parse('2026-03-02T01:00:00.000Z');
    before(async () => {
      t = await startTestApp(kind);
      me = await t.personWith(['dispatcher']);
    });
    after(() => t.close());

    /** `n` notices for me; every third shares the instant of the one before (the tie-break). */
    const arrive = async (n: number, group: string | null = null) => {
      const rows: NotificationTable[] = Array.from({ length: n }, (_, i) => {
        if (i % 3 !== 2) stamp += 1000;
        return {
          id: newId(),
          person_id: me.personId,
          kind: 'escalation',
          title_zh: '工单升级',
          title_en: 'Order escalated',
          body_zh: '请处理',
          body_en: 'Please act',
          subject_type: null,
          subject_id: null,
          escalation_id: null,
          critical: 0,
          created_at: new Date(stamp).toISOString(),
          read_at: null,
          group_key: group ? `${group}-${i % 4}` : null,
          escalation_level: null,
        };
      });
      for (let i = 0; i < rows.length; i += 200)
        await t.ctx.db
          .insertInto('notifications')
          .values(rows.slice(i, i + 200))
          .execute();
    };

    const walk = async (query: string, between: () => Promise<void> = async () => {}) => {
      const seen: Page['items'] = [];
      let cursor: string | null = null;
      do {
        const res = await t.request({
          method: 'GET',
          url: `/api/v1/notifications?${query}${cursor ? `&cursor=${cursor}` : ''}`,
          as: me,
        });
        assert.equal(res.statusCode, 200, res.body);
        const page = json<Page>(res);
        seen.push(...page.items);
        cursor = page.nextCursor;
        await between();
      } while (cursor);
      return seen;
    };

    test('each notice once, newest first, while new notices arrive between pages', async () => {
      await arrive(11);
      const whole = await walk('limit=500');
      const paged = await walk('limit=4', () => arrive(2));
      assert.deepEqual(
        paged.map((n) => n.id),
        whole.map((n) => n.id),
      );
      const keys = paged.map((n) => `${n.createdAt} ${n.id}`);
      assert.deepEqual(keys, [...keys].sort().reverse());
    });

    test('grouped, the live items page the same way', async () => {
      await arrive(12, 'esc');
      const whole = await walk('group=true&limit=500');
      const paged = await walk('group=true&limit=3');
      assert.deepEqual(
        paged.map((n) => n.id),
        whole.map((n) => n.id),
      );
      assert.ok(
        whole.some((n) => n.groupCount === 3),
        'repeated notices of one subject are one item',
      );
    });

    test('past a thousand notices the total is capped and says so', async () => {
      await arrive(1001);
      const res = await t.request({ method: 'GET', url: '/api/v1/notifications?limit=1', as: me });
      const page = json<Page>(res);
      assert.equal(page.total, 1000);
      assert.equal(page.totalCapped, true);
    });
  });
}
