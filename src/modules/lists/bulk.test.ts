/**
 * Bulk actions on the order list (issue 17 item 3): each selected order is decided on its own by
 * the same rules as a single change (DP-1 dispatch, WO-2 severity), in the caller's scope, with
 * its history in its own transaction; a refused row changes nothing and stops no other row. The
 * selection exports as a workbook of exactly those orders. Both databases.
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

interface Row {
  orderId: string;
  ok: boolean;
  state?: string;
  severity?: string;
  error?: { code: string; message: string; details: { field: string; message: string }[] };
}
interface Bulk {
  ok: number;
  refused: number;
  results: Row[];
}

for (const kind of testDatabases) {
  describe(`bulk actions on selected orders (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const call = (as: Session, method: 'GET' | 'POST', url: string, payload?: object, lang = 'zh-CN') =>
      t.request({
        method,
        url,
        as,
        headers: { 'accept-language': lang },
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
    const intake = async (extra: Record<string, unknown> = {}) => {
      const res = await call(w.callCenter, 'POST', '/api/v1/work-orders', phoneIntake(w, extra));
      assert.equal(res.statusCode, 201, res.body);
      return json<{ id: string; number: string }>(res);
    };
    const accept = async (id: string) => {
      const res = await call(w.callCenter, 'POST', `/api/v1/work-orders/${id}/transitions`, {
        to: 'accepted',
      });
      assert.equal(res.statusCode, 200, res.body);
    };
    const historyActions = async (id: string) =>
      (
        await t.ctx.db
          .selectFrom('history')
          .select('action')
          .where('entity_type', '=', 'work_order')
          .where('entity_id', '=', id)
          .execute()
      ).map((h) => h.action);
    const bulk = async (as: Session, body: object, lang = 'zh-CN') => {
      const res = await call(as, 'POST', '/api/v1/work-orders/bulk', body, lang);
      assert.equal(res.statusCode, 200, res.body);
      return json<Bulk>(res);
    };

    test('DP-1: dispatch to one engineer — each row ok or refused with its reason; a refused row keeps no change and no history', async () => {
      const ready = await intake();
      const notAccepted = await intake();
      const inB = await intake({ siteId: w.siteB1, equipmentId: undefined, product: '中兴 OLT C600' });
      await accept(ready.id);
      await accept(inB.id);
      const before = {
        notAccepted: await historyActions(notAccepted.id),
        inB: await historyActions(inB.id),
      };
      const out = await bulk(w.dispatcher, {
        orderIds: [ready.id, notAccepted.id, inB.id, ready.id],
        action: { kind: 'assign', leadEngineerId: w.engNear.personId },
      });
      assert.deepEqual(
        out.results.map((r) => [r.orderId, r.ok]),
        [
          [ready.id, true],
          [notAccepted.id, false],
          [inB.id, false],
        ],
        'one result per selected order, in the order given, duplicates once',
      );
      assert.equal(out.ok, 1);
      assert.equal(out.refused, 2);
      assert.equal(out.results[0]?.state, 'dispatched');
      // The reasons are the ones a single dispatch gives, in the reader's language.
      assert.equal(out.results[1]?.error?.details[0]?.field, 'state');
      assert.match(out.results[1]?.error?.details[0]?.message ?? '', /接单/);
      assert.ok(out.results[2]?.error, 'an engineer outside the order’s region is refused (DP-1)');
      assert.notEqual(out.results[2]?.error?.code, 'internal');
      // History: the dispatched order has its entry; the refused ones have nothing new.
      assert.ok((await historyActions(ready.id)).some((a) => a.includes('assign')));
      assert.deepEqual(await historyActions(notAccepted.id), before.notAccepted);
      assert.deepEqual(await historyActions(inB.id), before.inB);
      const lead = await t.ctx.db
        .selectFrom('work_order_assignments')
        .select('order_id')
        .where('order_id', 'in', [notAccepted.id, inB.id])
        .execute();
      assert.deepEqual(lead, []);

      // In English the same refusal reads in English.
      const en = await bulk(
        w.dispatcher,
        { orderIds: [notAccepted.id], action: { kind: 'assign', leadEngineerId: w.engNear.personId } },
        'en',
      );
      assert.match(en.results[0]?.error?.details[0]?.message ?? '', /accepted/);
    });

    test('WO-2: severity with a reason, per row; scope is checked per row (another partner’s region answers not found)', async () => {
      const a = await intake({ severity: 'minor' });
      const inB = await intake({
        siteId: w.siteB1,
        equipmentId: undefined,
        product: '中兴 OLT C600',
        severity: 'minor',
      });
      await accept(a.id);
      await accept(inB.id);
      const out = await bulk(w.partnerDispatcher, {
        orderIds: [a.id, inB.id],
        action: { kind: 'severity', severity: 'major', reason: '客户称全楼断网' },
      });
      const [ra, rb] = out.results;
      assert.ok(ra && rb);
      if (ra.ok) assert.equal(ra.severity, 'major');
      else assert.notEqual(ra.error?.code, 'not_found', 'order a is in the partner’s coverage');
      assert.equal(rb.ok, false);
      assert.equal(rb.error?.code, 'not_found');
      const stored = await t.ctx.db
        .selectFrom('work_orders')
        .select('severity')
        .where('id', '=', inB.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.severity, 'minor');

      // The company's dispatcher raises both; each has its own history entry.
      const own = await bulk(w.dispatcher, {
        orderIds: [a.id, inB.id],
        action: { kind: 'severity', severity: 'critical', reason: '影响全市业务' },
      });
      assert.deepEqual(
        own.results.map((r) => [r.ok, r.severity]),
        [
          [true, 'critical'],
          [true, 'critical'],
        ],
      );
      for (const id of [a.id, inB.id])
        assert.ok(
          (await historyActions(id)).some((x) => x.includes('severity')),
          `history of ${id}`,
        );
    });

    test('bad input names the field; no permission for the action is 403 and changes nothing', async () => {
      const o = await intake();
      for (const [body, field] of [
        [{ orderIds: [], action: { kind: 'severity', severity: 'major', reason: 'x' } }, 'orderIds'],
        [{ orderIds: [o.id], action: { kind: 'severity', severity: 'major' } }, 'action.reason'],
        [{ orderIds: [o.id], action: { kind: 'move', to: 'x' } }, 'action.kind'],
        [
          { orderIds: Array(101).fill(o.id), action: { kind: 'severity', severity: 'major', reason: 'x' } },
          'orderIds',
        ],
      ] as const) {
        const res = await call(w.dispatcher, 'POST', '/api/v1/work-orders/bulk', body);
        assert.equal(res.statusCode, 422, res.body);
        assert.ok(
          errorOf(res).details.some((d) => d.field.startsWith(field)),
          `${field}: ${res.body}`,
        );
      }
      const engineer = await call(w.engNear, 'POST', '/api/v1/work-orders/bulk', {
        orderIds: [o.id],
        action: { kind: 'assign', leadEngineerId: w.engNear.personId },
      });
      assert.equal(engineer.statusCode, 403, engineer.body);
      assert.equal((await historyActions(o.id)).filter((a) => a.includes('assign')).length, 0);
    });

    test('the selection exports as a workbook of exactly those orders; one outside the scope is 404', async () => {
      const a = await intake();
      const b = await intake();
      await intake(); // not selected
      const res = await call(
        w.dispatcher,
        'GET',
        `/api/v1/exports/work-orders?orderId=${a.id}&orderId=${b.id}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      assert.ok(ws);
      const numbers: string[] = [];
      ws.eachRow((row, i) => {
        if (i > 1) numbers.push(String(row.getCell(1).value));
      });
      assert.deepEqual(numbers, [a.number, b.number]);
      const inB = await intake({ siteId: w.siteB1, equipmentId: undefined, product: '中兴 OLT C600' });
      const hidden = await call(
        w.partnerDispatcher,
        'GET',
        `/api/v1/exports/work-orders?orderId=${a.id}&orderId=${inB.id}`,
      );
      assert.equal(hidden.statusCode, 404, hidden.body);
    });
  });
}
