import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { api, completeSiteWork, enRoute, type OrderView, signature } from '../onsite/onsite.fixtures.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

type Stock = {
  partId: string;
  onHand: number;
  reserved: number;
  available: number;
  faulty: number;
  low: boolean;
};
type OrderPart = {
  partId: string;
  reserved: number;
  issued: number;
  consumed: number;
  returned: number;
  inHand: number;
};
const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);

let n = 0;

for (const kind of testDatabases) {
  describe(`spare parts API (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    let keeper: Session;
    let depotA: string;
    let depotOwn: string;
    let partId: string;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-parts-'));
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, attachmentsDir: dir }) });
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
      keeper = await t.personWith(['dispatcher']);
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const { post, get, put } = {
      ...api({ request: (o) => t.request(o) } as TestApp),
    };
    const move = (as: Session, depot: string, body: Record<string, unknown>) =>
      post(as, `/api/v1/depots/${depot}/movements`, body);
    const stockOf = async (depot: string) =>
      json<{ items: Stock[] }>(await get(admin, `/api/v1/depots/${depot}/stock`)).items.find(
        (s) => s.partId === partId,
      );
    const newOrder = async () => {
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w));
      assert.equal(res.statusCode, 201, res.body);
      return json<OrderView>(res).id;
    };

    test('RS-1 set-up: depots per region and partner with a keeper, a catalogue part, stock received', async () => {
      n += 1;
      const a = await post(admin, '/api/v1/depots', {
        code: `DA${n}`,
        name: '贵阳甲代维备件库',
        regionId: w.regions.prefA,
        partnerId: w.partnerId,
        keeperId: keeper.personId,
      });
      assert.equal(a.statusCode, 201, a.body);
      depotA = json<{ id: string }>(a).id;
      const own = await post(admin, '/api/v1/depots', {
        code: `DO${n}`,
        name: '省中心备件库',
        regionId: w.regions.province,
      });
      depotOwn = json<{ id: string }>(own).id;
      const badRegion = await post(admin, '/api/v1/depots', {
        code: `DX${n}`,
        name: 'x',
        regionId: '01900000-0000-7000-8000-000000000000',
      });
      assert.equal(badRegion.statusCode, 422);
      assert.deepEqual(fields(badRegion), ['regionId']);
      const p = await post(admin, '/api/v1/parts', {
        code: `SFP${n}`,
        name: '10G 光模块',
        product: 'OLT',
        unit: '个',
      });
      assert.equal(p.statusCode, 201, p.body);
      partId = json<{ id: string }>(p).id;
      const r = await move(keeper, depotA, { kind: 'receive', partId, qty: 12 });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal((await stockOf(depotA))?.onHand, 12);
      const zero = await move(keeper, depotA, { kind: 'receive', partId, qty: 0 });
      assert.equal(zero.statusCode, 422);
      assert.deepEqual(fields(zero), ['qty']);
    });

    test('RS-1 never negative: 50 simultaneous reservations of the last 10 units, exactly 10 succeed', async () => {
      const orderId = await newOrder();
      // Bring availability to exactly 10 and set a minimum so the keeper hears of the drop once.
      assert.equal(
        (await move(keeper, depotA, { kind: 'reserve', partId, qty: 2, orderId })).statusCode,
        201,
      );
      assert.equal(
        (await put(admin, `/api/v1/depots/${depotA}/minimums/${partId}`, { minQty: 3 })).statusCode,
        200,
      );
      const results = await Promise.all(
        Array.from({ length: 50 }, () => move(keeper, depotA, { kind: 'reserve', partId, qty: 1, orderId })),
      );
      const codes = results.map((r) => r.statusCode);
      assert.equal(codes.filter((c) => c === 201).length, 10, JSON.stringify(codes));
      assert.ok(
        codes.every((c) => c === 201 || c === 409),
        JSON.stringify(codes),
      );
      const refused = results.find((r) => r.statusCode === 409);
      assert.deepEqual(fields(refused as never), ['qty']);
      const s = await stockOf(depotA);
      assert.deepEqual([s?.onHand, s?.reserved, s?.available, s?.low], [12, 12, 0, true]);
      const parts = json<{ items: OrderPart[] }>(
        await get(admin, `/api/v1/work-orders/${orderId}/parts`),
      ).items;
      assert.equal(parts[0]?.reserved, 12);
      // The keeper was told once, when available stock fell below the minimum.
      const inbox = json<{ items: { kind: string }[] }>(await get(keeper, '/api/v1/notifications'));
      assert.equal(inbox.items.filter((i) => i.kind === 'parts.low_stock').length, 1);
      // Release everything so later tests start from free stock.
      const rel = await move(keeper, depotA, { kind: 'release', partId, qty: 12, orderId });
      assert.equal(rel.statusCode, 201, rel.body);
      const over = await move(keeper, depotA, { kind: 'release', partId, qty: 1, orderId });
      assert.equal(over.statusCode, 409);
    });

    test('RS-1 order path: issue only what is reserved, consume/return only what was issued, faulty return with its code', async () => {
      const orderId = await newOrder();
      const noRes = await move(keeper, depotA, {
        kind: 'issue',
        partId,
        qty: 1,
        orderId,
        personId: w.engNear.personId,
      });
      assert.equal(noRes.statusCode, 409);
      assert.equal(
        (await move(keeper, depotA, { kind: 'reserve', partId, qty: 3, orderId })).statusCode,
        201,
      );
      const issued = await move(keeper, depotA, {
        kind: 'issue',
        partId,
        qty: 3,
        orderId,
        personId: w.engNear.personId,
      });
      assert.equal(issued.statusCode, 201, issued.body);
      assert.equal(
        (await move(w.engNear, depotA, { kind: 'consume', partId, qty: 1, orderId })).statusCode,
        201,
      );
      const tooMany = await move(w.engNear, depotA, { kind: 'consume', partId, qty: 3, orderId });
      assert.equal(tooMany.statusCode, 409);
      assert.deepEqual(fields(tooMany), ['qty']);
      assert.equal(
        (await move(w.engNear, depotA, { kind: 'return_unused', partId, qty: 1, orderId })).statusCode,
        201,
      );
      const noCode = await move(w.engNear, depotA, { kind: 'return_faulty', partId, qty: 1, orderId });
      assert.equal(noCode.statusCode, 422);
      assert.deepEqual(fields(noCode), ['faultCode']);
      const faulty = await move(w.engNear, depotA, {
        kind: 'return_faulty',
        partId,
        qty: 1,
        orderId,
        faultCode: 'BJ-LOS-01',
        serialNo: 'SN-FAULT-1',
      });
      assert.equal(faulty.statusCode, 201, faulty.body);
      const s = await stockOf(depotA);
      assert.deepEqual([s?.onHand, s?.reserved, s?.faulty], [10, 0, 1]);
      const line = json<{ items: OrderPart[] }>(await get(admin, `/api/v1/work-orders/${orderId}/parts`))
        .items[0];
      assert.deepEqual(
        [line?.reserved, line?.issued, line?.consumed, line?.returned, line?.inHand],
        [0, 3, 1, 1, 1],
      );
      const list = json<{ items: { id: string; faultCode: string; status: string }[] }>(
        await get(admin, `/api/v1/depots/${depotA}/faulty-parts`),
      ).items;
      assert.equal(list[0]?.faultCode, 'BJ-LOS-01');
      const id = list[0]?.id;
      assert.equal(
        (await post(keeper, `/api/v1/faulty-parts/${id}/status`, { status: 'rma' })).statusCode,
        200,
      );
      assert.equal(
        (await post(keeper, `/api/v1/faulty-parts/${id}/status`, { status: 'repaired' })).statusCode,
        200,
      );
      const back = await post(keeper, `/api/v1/faulty-parts/${id}/status`, { status: 'rma' });
      assert.equal(back.statusCode, 409);
      assert.deepEqual(fields(back), ['status']);
    });

    test('RS-1 transfer and stock-take: cannot move more than is free; a count needs a reason and cannot undercut reservations', async () => {
      const over = await move(keeper, depotA, { kind: 'transfer', partId, qty: 11, toDepotId: depotOwn });
      assert.equal(over.statusCode, 409);
      const same = await move(keeper, depotA, { kind: 'transfer', partId, qty: 1, toDepotId: depotA });
      assert.deepEqual(fields(same), ['toDepotId']);
      assert.equal(
        (await move(keeper, depotA, { kind: 'transfer', partId, qty: 4, toDepotId: depotOwn })).statusCode,
        201,
      );
      assert.equal((await stockOf(depotA))?.onHand, 6);
      assert.equal((await stockOf(depotOwn))?.onHand, 4);
      const noReason = await move(keeper, depotOwn, { kind: 'adjust', partId, countedQty: 3 });
      assert.deepEqual(fields(noReason), ['reason']);
      const orderId = await newOrder();
      assert.equal(
        (await move(keeper, depotOwn, { kind: 'reserve', partId, qty: 2, orderId })).statusCode,
        201,
      );
      const under = await move(keeper, depotOwn, { kind: 'adjust', partId, countedQty: 1, reason: '盘亏' });
      assert.equal(under.statusCode, 409);
      assert.deepEqual(fields(under), ['countedQty']);
      const counted = await move(keeper, depotOwn, {
        kind: 'adjust',
        partId,
        countedQty: 3,
        reason: '年度盘点，丢失 1 个',
      });
      assert.equal(counted.statusCode, 201, counted.body);
      assert.equal(json<{ qty: number }>(counted).qty, -1);
      const ledger = json<{ items: { kind: string }[] }>(
        await get(admin, `/api/v1/depots/${depotOwn}/movements`),
      ).items;
      assert.deepEqual(
        ledger.map((m) => m.kind),
        ['adjust', 'reserve', 'transfer'],
      );
      const hist = json<{ items: { action: string }[] }>(
        await get(admin, `/api/v1/depots/${depotOwn}/history`),
      );
      assert.ok(hist.items.some((h) => h.action === 'movement.adjust'));
      // The ledger is append-only on the database itself.
      await assert.rejects(sql`update part_movements set qty = 99`.execute(t.ctx.db));
      await assert.rejects(sql`delete from part_movements`.execute(t.ctx.db));
    });

    test('a partner sees only its own depots; another depot answers 404', async () => {
      const list = json<{ items: { id: string }[] }>(await get(w.partnerDispatcher, '/api/v1/depots')).items;
      assert.deepEqual(
        list.map((d) => d.id),
        [depotA],
      );
      assert.equal((await get(w.partnerDispatcher, `/api/v1/depots/${depotOwn}/stock`)).statusCode, 404);
      const res = await move(w.partnerDispatcher, depotOwn, { kind: 'receive', partId, qty: 1 });
      assert.equal(res.statusCode, 404);
      const customer = await t.personWith(['end_customer'], { customerId: w.customerId });
      assert.equal((await get(customer, '/api/v1/depots')).statusCode, 403);
    });

    test('RS-1 close guard: an order with issued parts not consumed or returned is not closed', async () => {
      const o = await enRoute(t, w);
      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      await completeSiteWork(t, w.engNear, o.id);
      assert.equal(
        (await move(keeper, depotA, { kind: 'reserve', partId, qty: 2, orderId: o.id })).statusCode,
        201,
      );
      const give = { kind: 'issue', partId, qty: 2, orderId: o.id, personId: w.engNear.personId };
      assert.equal((await move(keeper, depotA, give)).statusCode, 201);
      assert.equal(
        (await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'service_restored' }))
          .statusCode,
        200,
      );
      t.clock.advanceMinutes(30);
      const resolved = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' });
      assert.equal(resolved.statusCode, 200, resolved.body);
      const signed = await post(w.engNear, `/api/v1/work-orders/${o.id}/sign-off`, {
        signerName: '刘工',
        signaturePngBase64: signature(11),
        opinion: '同意关闭',
      });
      assert.equal(signed.statusCode, 201, signed.body);
      const close = () => post(w.manager, `/api/v1/work-orders/${o.id}/transitions`, { to: 'closed' }, 'en');
      const refused = await close();
      assert.equal(refused.statusCode, 409);
      const msg = errorOf(refused).details.find((d) => d.field === 'parts')?.message ?? refused.body;
      assert.match(msg, /2 × 10G/);
      assert.equal(
        (await move(w.engNear, depotA, { kind: 'consume', partId, qty: 2, orderId: o.id })).statusCode,
        201,
      );
      assert.ok(!fields(await close()).includes('parts'));
    });
  });
}
