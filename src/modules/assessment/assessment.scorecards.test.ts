import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { api } from '../onsite/onsite.fixtures.ts';
import { createPartner } from '../partners/partners.service.ts';
import { inspectPdf } from '../reports/reports.pdf-inspect.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';
import { fixtureWriter, seedOctober } from './assessment.fixtures.ts';

interface Row {
  partnerId: string;
  partnerName: string | null;
  score: number | null;
  rank: number | null;
}
interface Card {
  closed: boolean;
  revision: number | null;
  revisions: { revision: number; reason: string | null }[];
  rows: Row[];
  comments: { partnerId: string; side: string; body: string }[];
}

for (const kind of testDatabases) {
  describe(`assessment scorecards (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let other: string;
    let chief: Session;
    let partnerManager: Session;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      const ids = await seedOctober(t, w);
      void ids;
      other = (
        await createPartner(
          t.ctx,
          { system: 'test' },
          { code: `SQ${Date.now()}`, name: '代维乙', regionIds: [w.regions.prefB] },
        )
      ).id;
      // 代维乙: one fault fixed at the first visit and a 5: full marks on what it has data for.
      const f = fixtureWriter(t, w);
      const q = await f.order({
        type: 'fault_repair',
        partnerId: other,
        regionId: w.regions.countyB1,
        received: '2026-10-25T00:00:00.000Z',
        resolved: '2026-10-25T05:00:00.000Z',
      });
      await f.visit(q, '2026-10-25T01:00:00.000Z');
      await f.rating(q, 5, '2026-10-26T00:00:00.000Z');
      chief = await t.personWith(['department_chief'], { displayName: '科长' });
      partnerManager = await t.personWith(['area_service_manager'], {
        partnerId: w.partnerId,
        regionIds: [w.regions.prefA],
      });
    });
    after(async () => {
      await t.close();
    });

    /** The fields a 422 names, sorted. */
    const refused = (r: { statusCode: number; body: string }) => {
      assert.equal(r.statusCode, 422, r.body);
      return JSON.parse(r.body)
        .error.details.map((d: { field: string }) => d.field)
        .sort();
    };

    const card = async (as: Session, month = '2026-10') => {
      const r = await api(t).get(as, `/api/v1/assessment/scorecards/${month}`);
      assert.equal(r.statusCode, 200, r.body);
      return json<Card>(r);
    };

    test('VA-2: score and rank from the default scheme; closing freezes; a correction is a new revision with a reason', async () => {
      const { post } = api(t);
      const live = await card(w.manager);
      assert.equal(live.closed, false);
      // 代维甲 earns only restore compliance (15) of the 85 weight with data: 17.6.
      // 代维乙 earns first-time fix (15) and satisfaction rate (15) of 30: 100.
      assert.deepEqual(
        live.rows.map((r) => [r.partnerName, r.score, r.rank]),
        [
          ['代维乙', 100, 1],
          ['代维甲', 17.6, 2],
        ],
      );

      // A month that has not ended cannot close; a partner's manager cannot close at all.
      assert.equal((await post(chief, '/api/v1/assessment/scorecards/2026-11/close', {})).statusCode, 409);
      assert.equal(
        (await post(partnerManager, '/api/v1/assessment/scorecards/2026-10/close', {})).statusCode,
        403,
      );
      const closed = await post(chief, '/api/v1/assessment/scorecards/2026-10/close', {});
      assert.equal(closed.statusCode, 200, closed.body);
      assert.deepEqual(json(closed), { month: '2026-10', revision: 1 });
      assert.equal((await post(chief, '/api/v1/assessment/scorecards/2026-10/close', {})).statusCode, 409);

      // A late record changes the live figures but not the frozen scorecard.
      await fixtureWriter(t, w).clock(
        (
          await t.ctx.db
            .selectFrom('work_orders')
            .select('id')
            .where('partner_id', '=', w.partnerId)
            .executeTakeFirstOrThrow()
        ).id,
        w.partnerId,
        w.regions.countyA1,
        { kind: 'resolve', started: '2026-10-12T00:00:00.000Z', stopped: '2026-10-12T05:00:00.000Z' },
      );
      const frozen = await card(w.manager);
      assert.equal(frozen.revision, 1);
      assert.equal(frozen.rows.find((r) => r.partnerName === '代维甲')!.score, 17.6);

      // The database itself refuses to edit a snapshot.
      await assert.rejects(
        t.ctx.db
          .updateTable('assessment_scorecards')
          .set({ rows: '[]' })
          .where('month', '=', '2026-10')
          .execute(),
      );
      await assert.rejects(
        t.ctx.db.deleteFrom('assessment_scorecards').where('month', '=', '2026-10').execute(),
      );

      // Correction: a reason is required, then revision 2 recomputes (resolve compliance 100 → 25 of 95 = 26.3).
      const noReason = await post(chief, '/api/v1/assessment/scorecards/2026-10/revisions', { reason: ' ' });
      assert.equal(noReason.statusCode, 422, noReason.body);
      assert.equal(JSON.parse(noReason.body).error.details[0].field, 'reason');
      assert.equal(
        (await post(chief, '/api/v1/assessment/scorecards/2026-09/revisions', { reason: '补录' })).statusCode,
        409,
        'an open month has nothing to correct',
      );
      const revised = await post(chief, '/api/v1/assessment/scorecards/2026-10/revisions', {
        reason: '补录 10 月 12 日的解决时限',
      });
      assert.equal(revised.statusCode, 200, revised.body);
      const v2 = await card(w.manager);
      assert.equal(v2.revision, 2);
      assert.deepEqual(
        v2.revisions.map((r) => [r.revision, r.reason]),
        [
          [2, '补录 10 月 12 日的解决时限'],
          [1, null],
        ],
      );
      assert.equal(v2.rows.find((r) => r.partnerName === '代维甲')!.score, 26.3);
      const history = await t.ctx.db
        .selectFrom('history')
        .select(['action', 'reason'])
        .where('entity_type', '=', 'assessment_scorecard')
        .where('entity_id', '=', '2026-10')
        .orderBy('seq')
        .execute();
      assert.deepEqual(history, [
        { action: 'closed', reason: null },
        { action: 'revised', reason: '补录 10 月 12 日的解决时限' },
      ]);
    });

    test('VA-2: a partner sees only its own line and comments, and responds only on its own', async () => {
      const { post } = api(t);
      const c1 = await post(w.manager, '/api/v1/assessment/scorecards/2026-10/comments', {
        partnerId: w.partnerId,
        body: '响应及时率需要改进',
      });
      assert.equal(c1.statusCode, 200, c1.body);
      await post(w.manager, '/api/v1/assessment/scorecards/2026-10/comments', {
        partnerId: other,
        body: '保持',
      });
      const reply = await post(partnerManager, '/api/v1/assessment/scorecards/2026-10/comments', {
        partnerId: w.partnerId,
        body: '已安排夜班值守',
      });
      assert.equal(reply.statusCode, 200, reply.body);
      assert.equal(json<{ side: string }>(reply).side, 'partner');
      const intrude = await post(partnerManager, '/api/v1/assessment/scorecards/2026-10/comments', {
        partnerId: other,
        body: 'x',
      });
      assert.equal(intrude.statusCode, 404);

      const theirs = await card(partnerManager);
      assert.deepEqual(
        theirs.rows.map((r) => r.partnerId),
        [w.partnerId],
      );
      assert.equal(theirs.rows[0]!.rank, 2, 'its rank among all partners stays');
      assert.deepEqual(
        theirs.comments.map((c) => [c.side, c.body]),
        [
          ['operator', '响应及时率需要改进'],
          ['partner', '已安排夜班值守'],
        ],
      );
      assert.equal((await card(w.manager)).comments.length, 3);
    });

    test('VA-2: the PDF carries the Chinese scorecard, ranking, trend and indicators; English on request', async () => {
      const pdf = async (lang?: string) => {
        const res = await t.request({
          method: 'GET',
          url: '/api/v1/assessment/scorecards/2026-10/export?format=pdf',
          as: w.manager,
          ...(lang ? { headers: { 'accept-language': lang } } : {}),
        });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.headers['content-type'], 'application/pdf');
        assert.match(String(res.headers['content-disposition']), /assessment-2026-10\.pdf/);
        return inspectPdf(res.rawPayload);
      };
      const zh = await pdf();
      const text = zh.text.replace(/\s+/g, '');
      for (const s of [
        '代维考核报告2026-10',
        '排名',
        '十二个月得分趋势',
        '代维甲',
        '代维乙',
        '响应时长',
        '一次修复率',
      ])
        assert.ok(text.includes(s), `${s} in ${zh.text.slice(0, 400)}`);
      assert.ok(zh.fonts.some((f) => f.baseFont.endsWith('+NotoSansSC-Regular')));
      assert.equal(zh.images, 0, 'charts are drawn, not pasted as images');
      const api_ = await card(w.manager);
      for (const r of api_.rows)
        assert.ok(text.includes(`${r.rank}${r.partnerName}${r.score}`), JSON.stringify(r));
      const en = await pdf('en');
      assert.ok(en.text.replace(/\s+/g, ' ').includes('Vendor assessment 2026-10'), en.text.slice(0, 200));
      const bad = await t.request({
        method: 'GET',
        url: '/api/v1/assessment/scorecards/2026-10/export?format=docx',
        as: w.manager,
      });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('format'), bad.body);
    });

    test('VA-2: the xlsx opens with a scorecard sheet and one sheet per indicator, numbers as the API gives them', async () => {
      const res = await t.request({
        method: 'GET',
        url: '/api/v1/assessment/scorecards/2026-10/export',
        as: w.manager,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const api_ = await card(w.manager);
      const defs = json<{ indicators: { key: string; name: { 'zh-CN': string } }[] }>(
        await api(t).get(w.manager, '/api/v1/assessment/definitions'),
      ).indicators;
      assert.equal(wb.worksheets.length, 1 + defs.length);
      const values = (i: number) =>
        (wb.worksheets[i]!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
      assert.deepEqual(
        values(0).slice(1),
        api_.rows.map((r) => [r.partnerName, r.score, r.rank, 0]),
      );
      const indicators = json<{
        partners: {
          partnerName: string | null;
          indicators: Record<string, { value: number | null; p90?: number | null; sample: number }>;
        }[];
      }>(await api(t).get(w.manager, '/api/v1/assessment/indicators?month=2026-10')).partners;
      const respondSheet = wb.worksheets.find((ws) => ws.name === '响应时长')!;
      const rows = (respondSheet.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
      const p = indicators.find((x) => x.partnerName === '代维甲')!.indicators.respond_time!;
      assert.deepEqual(
        rows.find((r) => r[0] === '代维甲'),
        ['代维甲', p.value, p.p90, p.sample],
      );
      const ftf = wb.worksheets.find((ws) => ws.name === '一次修复率')!;
      const ftfRows = (ftf.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
      const q = indicators.find((x) => x.partnerName === '代维乙')!.indicators.first_time_fix!;
      assert.deepEqual(
        ftfRows.find((r) => r[0] === '代维乙'),
        ['代维乙', q.value, q.sample],
      );
    });

    test('VA-2: the heat map gives each partner × prefecture its value and band score, a partner only its own', async () => {
      interface Heat {
        regions: { id: string }[];
        partners: { partnerName: string | null }[];
        cells: { regionId: string; partnerId: string | null; value: number | null; score: number | null }[];
      }
      const url = '/api/v1/assessment/heatmap?month=2026-10&indicator=first_time_fix';
      const all = json<Heat>(await api(t).get(w.manager, url));
      const ids = all.regions.map((r) => r.id);
      assert.ok(ids.includes(w.regions.prefA) && ids.includes(w.regions.prefB), ids.join());
      const cell = all.cells.find((c) => c.partnerId === other && c.regionId === w.regions.prefB);
      // One fault fixed at the first visit: 100 %, above the default band's full marks (95): 100.
      assert.deepEqual(cell && [cell.value, cell.score], [100, 100]);
      assert.ok(!all.cells.some((c) => c.partnerId === other && c.regionId === w.regions.prefA));
      // The same figure as the month view narrowed to the prefecture.
      const view = json<{
        partners: { partnerId: string | null; indicators: Record<string, { value: number | null }> }[];
      }>(
        await api(t).get(
          w.manager,
          `/api/v1/assessment/indicators?month=2026-10&regionId=${w.regions.prefB}`,
        ),
      );
      assert.equal(view.partners.find((p) => p.partnerId === other)?.indicators.first_time_fix?.value, 100);
      const mine = json<Heat>(await api(t).get(partnerManager, url));
      assert.deepEqual(
        mine.regions.map((r) => r.id),
        [w.regions.prefA],
      );
      assert.ok(mine.cells.every((c) => c.partnerId === w.partnerId || c.partnerId === null));
      const bad = await api(t).get(w.manager, '/api/v1/assessment/heatmap?month=2026-13&indicator=nonsense');
      assert.equal(bad.statusCode, 400, bad.body);
    });

    test('VA-2: the scheme validates each field and its change is kept in history', async () => {
      const { get, put } = api(t);
      const scheme = json<{ version: number; items: unknown[] }>(
        await get(w.manager, '/api/v1/assessment/scheme'),
      );
      assert.equal(scheme.version, 0, 'the default scheme until someone changes it');
      const bad = await put(chief, '/api/v1/assessment/scheme', {
        items: [
          { key: 'nonsense', weight: 1, full: 1, zero: 0 },
          { key: 'first_time_fix', weight: 0, full: 90, zero: 90 },
        ],
        penaltyPerViolation: 5,
      });
      assert.deepEqual(refused(bad), ['items', 'items.0.key', 'items.1.weight', 'items.1.zero']);
      const notHundred = await put(chief, '/api/v1/assessment/scheme', {
        items: [
          { key: 'first_time_fix', weight: 60, full: 95, zero: 80 },
          { key: 'repeat_faults', weight: 30, full: 2, zero: 10 },
        ],
        penaltyPerViolation: 5,
      });
      assert.deepEqual(refused(notHundred), ['items']);
      assert.match(notHundred.body, /须为 100，现为 90/);
      const good = {
        items: [{ key: 'first_time_fix', weight: 100, full: 95, zero: 80 }],
        penaltyPerViolation: 10,
      };
      assert.equal((await put(partnerManager, '/api/v1/assessment/scheme', good)).statusCode, 403);
      const ok = await put(chief, '/api/v1/assessment/scheme', good);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(json<{ version: number }>(ok).version, 1);
      const h = await t.ctx.db
        .selectFrom('history')
        .select('action')
        .where('entity_type', '=', 'assessment_scheme')
        .execute();
      assert.equal(h.length, 1);
      const shown = await api(t).get(w.manager, '/api/v1/assessment/scheme/history');
      assert.equal(shown.statusCode, 200, shown.body);
      const entries = json<{ items: { action: string; changes: { penaltyPerViolation: number[] } }[] }>(
        shown,
      ).items;
      assert.deepEqual(
        entries.map((e) => [e.action, e.changes.penaltyPerViolation]),
        [['updated', [5, 10]]],
      );
    });
  });
}
