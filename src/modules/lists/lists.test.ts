/**
 * Lists people work in (issue 17 item 3): the order list's search finds an order by its
 * caller's phone, customer, site or equipment serial, within the caller's scope; saved views are
 * per person, checked against the list's known filters and recorded in history; the Excel export
 * holds exactly the filtered list with headers and values in the reader's language. Both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';
import { severityLabels, stateLabels, typeLabels } from '../work-orders/work-orders.labels.ts';

for (const kind of testDatabases) {
  describe(`lists: search, saved views, export (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let inA: { id: string; number: string };
    let inB: { id: string; number: string };
    const call = (
      as: Session,
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      payload?: object,
      lang = 'zh-CN',
    ) =>
      t.request({
        method,
        url,
        as,
        headers: { 'accept-language': lang },
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
    const numbers = async (as: Session, q: string) =>
      json<{ items: { number: string }[] }>(
        await call(as, 'GET', `/api/v1/work-orders?q=${encodeURIComponent(q)}`),
      ).items.map((o) => o.number);

    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      const a = await call(
        w.callCenter,
        'POST',
        '/api/v1/work-orders',
        phoneIntake(w, { contactPhone: '13912345678' }),
      );
      assert.equal(a.statusCode, 201, a.body);
      inA = json(a);
      const b = await call(
        w.callCenter,
        'POST',
        '/api/v1/work-orders',
        phoneIntake(w, {
          siteId: w.siteB1,
          equipmentId: undefined,
          product: 'OLT',
          contactPhone: '13787654321',
          severity: 'minor',
        }),
      );
      assert.equal(b.statusCode, 201, b.body);
      inB = json(b);
    });
    after(async () => {
      await t?.close();
    });

    test('search finds an order by phone, customer, site and equipment serial', async () => {
      assert.deepEqual(await numbers(w.dispatcher, '13912345678'), [inA.number]);
      assert.deepEqual(await numbers(w.dispatcher, '87654'), [inB.number]);
      assert.deepEqual(await numbers(w.dispatcher, '红花岗基站'), [inB.number]);
      assert.deepEqual(await numbers(w.dispatcher, w.serialA1), [inA.number]);
      const customer = json<{ name: string }>(
        await call(w.dispatcher, 'GET', `/api/v1/customers/${w.customerId}`),
      );
      assert.deepEqual((await numbers(w.dispatcher, customer.name)).sort(), [inA.number, inB.number].sort());
      assert.deepEqual(await numbers(w.dispatcher, 'no-such-thing-000'), []);
    });

    test('search stays within scope: a partner finds nothing outside its regions', async () => {
      assert.deepEqual(await numbers(w.partnerDispatcher, '13787654321'), []);
      assert.deepEqual(await numbers(w.partnerDispatcher, '13912345678'), [inA.number]);
    });

    test('saved views are per person, replace by name, refuse unknown filters and are recorded', async () => {
      const made = await call(w.dispatcher, 'POST', '/api/v1/saved-views', {
        page: 'orders',
        name: '我的紧急单',
        query: 'severity=critical&open=true&q=',
      });
      assert.equal(made.statusCode, 201, made.body);
      const view = json<{ id: string; query: string }>(made);
      assert.equal(
        view.query,
        'open=true&severity=critical',
        'stored in a stable order, empty values dropped',
      );

      const again = await call(w.dispatcher, 'POST', '/api/v1/saved-views', {
        page: 'orders',
        name: '我的紧急单',
        query: 'severity=major',
      });
      assert.equal(again.statusCode, 201, again.body);
      const mine = json<{ items: { id: string; name: string; query: string }[] }>(
        await call(w.dispatcher, 'GET', '/api/v1/saved-views?page=orders'),
      ).items;
      assert.deepEqual(
        mine.map((v) => [v.id, v.name, v.query]),
        [[view.id, '我的紧急单', 'severity=major']],
      );
      const theirs = json<{ items: unknown[] }>(
        await call(w.manager, 'GET', '/api/v1/saved-views?page=orders'),
      );
      assert.deepEqual(theirs.items, []);

      const bad = await call(w.dispatcher, 'POST', '/api/v1/saved-views', {
        page: 'orders',
        name: '坏视图',
        query: 'ownerSecret=1',
      });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.equal(errorOf(bad).details[0]?.field, 'query');
      assert.match(errorOf(bad).details[0]?.message ?? '', /ownerSecret/);
      const badEn = await call(
        w.dispatcher,
        'POST',
        '/api/v1/saved-views',
        { page: 'orders', name: 'x', query: 'q=1&q=2' },
        'en',
      );
      assert.equal(badEn.statusCode, 422);
      assert.match(errorOf(badEn).details[0]?.message ?? '', /given twice/);
      const noName = await call(w.dispatcher, 'POST', '/api/v1/saved-views', {
        page: 'orders',
        name: '',
        query: '',
      });
      assert.equal(noName.statusCode, 422);
      assert.equal(errorOf(noName).details[0]?.field, 'name');

      const foreign = await call(w.manager, 'DELETE', `/api/v1/saved-views/${view.id}`);
      assert.equal(foreign.statusCode, 404, 'another person’s view is not theirs to remove');
      const gone = await call(w.dispatcher, 'DELETE', `/api/v1/saved-views/${view.id}`);
      assert.equal(gone.statusCode, 200, gone.body);
      const history = await t.ctx.db
        .selectFrom('history')
        .select(['action'])
        .where('entity_id', '=', view.id)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        history.map((h) => h.action),
        ['saved_view:save', 'saved_view:save', 'saved_view:delete'],
      );
    });

    test('Excel export holds the filtered list, headed and labelled in the reader’s language', async () => {
      const read = async (as: Session, query: string, lang: string) => {
        const res = await call(as, 'GET', `/api/v1/exports/work-orders${query}`, undefined, lang);
        assert.equal(res.statusCode, 200, res.body);
        assert.match(String(res.headers['content-type']), /spreadsheetml/);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const ws = wb.worksheets[0];
        assert.ok(ws);
        const rows: string[][] = [];
        ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
        return rows;
      };
      const zh = await read(w.dispatcher, '?open=true', 'zh-CN');
      assert.deepEqual(zh[0]?.slice(0, 4), ['工单号', '类型', '严重程度', '状态']);
      assert.deepEqual(
        zh
          .slice(1)
          .map((r) => r[0])
          .sort(),
        [inA.number, inB.number].sort(),
      );
      const rowB = zh.find((r) => r[0] === inB.number);
      const customer = json<{ name: string }>(
        await call(w.dispatcher, 'GET', `/api/v1/customers/${w.customerId}`),
      );
      assert.deepEqual(rowB?.slice(1, 8), [
        typeLabels.fault_repair['zh-CN'],
        severityLabels.minor['zh-CN'],
        stateLabels.received['zh-CN'],
        customer.name,
        '红花岗基站',
        '刘工',
        '13787654321',
      ]);
      assert.ok(!zh.flat().includes('fault_repair'), 'no raw codes in the workbook');

      const en = await read(w.dispatcher, '?q=13912345678', 'en');
      assert.equal(en[0]?.[0], 'Order number');
      assert.deepEqual(
        en.slice(1).map((r) => [r[0], r[1]]),
        [[inA.number, 'Fault repair']],
      );

      const partner = await read(w.partnerDispatcher, '', 'zh-CN');
      assert.deepEqual(
        partner.slice(1).map((r) => r[0]),
        [inA.number],
        'the export keeps the caller’s scope',
      );

      const bad = await call(w.dispatcher, 'GET', '/api/v1/exports/work-orders?severity=huge');
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).details[0]?.field, 'severity');
    });
  });
}
