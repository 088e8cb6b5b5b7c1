import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { newId } from '../../shared/ids.ts';
import { createPartner } from '../partners/partners.service.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

type Figures = {
  rated: number;
  refused: number;
  average: number | null;
  rate: number | null;
  closedOrders: number;
  responseRate: number | null;
  complaints: number;
  complaintsPer1000: number | null;
  topCategories: Array<{ category: string; count: number }>;
};
type View = Figures & {
  scores: Array<{ score: number; count: number }>;
  groups: Array<Figures & { key: string | null; label: string | null }>;
};

/**
 * The fixture, computed by hand below:
 *   A  partner 甲, county A1, closed 2026-11-05, score 5, complaint (attitude) 11-07
 *   B  partner 甲, county A1, closed 2026-11-06, score 3
 *   C  partner 乙, county B1, closed 2026-11-20, score 4, complaint (response time) 11-21
 *   D  partner 乙, county B1, closed 2026-12-02, declined to rate
 *   E  partner 甲, county A1, closed 2026-12-03, no rating, complaint (attitude) 12-04
 */
for (const kind of testDatabases) {
  describe(`CS-2 satisfaction aggregates (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let partnerB: string;
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 90 }) });
      w = await buildWorld(t);
      partnerB = (
        await createPartner(
          t.ctx,
          { system: 'test' },
          { code: `Y${newId().slice(-6)}`, name: '代维乙', regionIds: [w.regions.prefB] },
        )
      ).id;
      const orders: Array<[string, string, string, string, number | null | 'none', string | null]> = [
        [
          'A',
          w.partnerId,
          w.regions.countyA1,
          '2026-11-05T03:00:00.000Z',
          5,
          'attitude@2026-11-07T03:00:00.000Z',
        ],
        ['B', w.partnerId, w.regions.countyA1, '2026-11-06T03:00:00.000Z', 3, null],
        [
          'C',
          partnerB,
          w.regions.countyB1,
          '2026-11-20T03:00:00.000Z',
          4,
          'response_time@2026-11-21T03:00:00.000Z',
        ],
        ['D', partnerB, w.regions.countyB1, '2026-12-02T03:00:00.000Z', null, null],
        [
          'E',
          w.partnerId,
          w.regions.countyA1,
          '2026-12-03T03:00:00.000Z',
          'none',
          'attitude@2026-12-04T03:00:00.000Z',
        ],
      ];
      for (const [, partner, region, closedAt, score, complaint] of orders) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/work-orders',
          as: w.callCenter,
          payload: phoneIntake(w),
        });
        assert.equal(res.statusCode, 201, res.body);
        const id = json<{ id: string }>(res).id;
        await t.ctx.db
          .updateTable('work_orders')
          .set({ state: 'closed', closed_at: closedAt, partner_id: partner, region_id: region })
          .where('id', '=', id)
          .execute();
        if (score !== 'none') {
          await t.ctx.db
            .insertInto('satisfaction_ratings')
            .values({
              id: newId(),
              order_id: id,
              score,
              refused: score === null ? 1 : 0,
              comment: null,
              via: 'staff',
              recorded_by: null,
              recorded_at: closedAt,
            })
            .execute();
        }
        if (complaint) {
          const [category, at] = complaint.split('@');
          t.clock.set(at!);
          const c = await t.request({
            method: 'POST',
            url: '/api/v1/complaints',
            as: w.callCenter,
            payload: { source: 'hotline', category, severity: 'low', summary: '客户投诉', orderId: id },
          });
          assert.equal(c.statusCode, 201, c.body);
        }
      }
    });
    after(() => t.close());

    const view = async (as: Session, q = '') => {
      const res = await t.request({ method: 'GET', url: `/api/v1/dashboard/satisfaction${q}`, as });
      assert.equal(res.statusCode, 200, res.body);
      return json<View>(res);
    };
    const pick = (f: Figures) => [
      f.rated,
      f.refused,
      f.average,
      f.rate,
      f.closedOrders,
      f.responseRate,
      f.complaints,
      f.complaintsPer1000,
    ];

    test('CS-2 overall: score 4.0, rate 66.7 %, response 60 %, 600 complaints per 1,000 orders, attitude first', async () => {
      const all = await view(w.manager);
      assert.deepEqual(
        all.scores.map((s) => s.count),
        [0, 0, 1, 1, 1],
      );
      assert.deepEqual(pick(all), [3, 1, 4, 66.7, 5, 60, 3, 600]);
      assert.deepEqual(all.topCategories, [
        { category: 'attitude', count: 2 },
        { category: 'response_time', count: 1 },
      ]);
      assert.deepEqual(all.groups, []);
    });

    test('CS-2 by partner, region and month match the hand-computed figures', async () => {
      const byPartner = await view(w.manager, '?groupBy=partner');
      const p = (id: string) => byPartner.groups.find((g) => g.key === id)!;
      assert.deepEqual(pick(p(w.partnerId)), [2, 0, 4, 50, 3, 66.7, 2, 666.7]);
      assert.equal(p(w.partnerId).label, '代维甲');
      assert.deepEqual(pick(p(partnerB)), [1, 1, 4, 100, 2, 50, 1, 500]);
      const byRegion = await view(w.manager, '?groupBy=region');
      assert.deepEqual(
        pick(byRegion.groups.find((g) => g.key === w.regions.countyB1)!),
        [1, 1, 4, 100, 2, 50, 1, 500],
      );
      const byMonth = await view(w.manager, '?groupBy=month');
      assert.deepEqual(
        byMonth.groups.map((g) => [g.key, ...pick(g)]),
        [
          ['2026-11', 3, 0, 4, 66.7, 3, 100, 2, 666.7],
          ['2026-12', 0, 1, null, null, 2, 0, 1, 500],
        ],
      );
      const range = await view(w.manager, `?from=${encodeURIComponent('2026-12-01T00:00:00.000Z')}`);
      assert.deepEqual(pick(range), [0, 1, null, null, 2, 0, 1, 500]);
      const byEngineer = await view(w.manager, '?groupBy=engineer');
      assert.deepEqual(
        byEngineer.groups.map((g) => g.key),
        [null],
        'no lead engineer was assigned in the fixture',
      );
    });

    test('CS-2 within the caller’s scope: partner 甲 sees only its own orders and complaints', async () => {
      const partnerManager = await t.personWith(['area_service_manager'], { partnerId: w.partnerId });
      const own = await view(partnerManager);
      assert.deepEqual(pick(own), [2, 0, 4, 50, 3, 66.7, 2, 666.7]);
    });

    test('CS-2 xlsx export: one row per month and a total row', async () => {
      const res = await t.request({
        method: 'GET',
        url: '/api/v1/dashboard/satisfaction/export?groupBy=month',
        as: w.manager,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
      assert.deepEqual(
        rows.map((r) => [r[1], r[2] ?? null, r[3] ?? null]),
        [
          ['月份', '平均分', '满意率 %'],
          ['2026-11', 4, 66.7],
          ['2026-12', null, null],
          ['合计', 4, 66.7],
        ],
      );
    });
  });
}
