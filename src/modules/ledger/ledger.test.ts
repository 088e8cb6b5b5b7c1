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
import { api } from '../onsite/onsite.fixtures.ts';
import { createPartner } from '../partners/partners.service.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';

type Item = {
  id: string;
  lineNo: string;
  kind: string;
  field: string;
  eomsValue: string | null;
  ledgerValue: string | null;
  state: string;
  updatedAt: string;
};
type Report = {
  id: string;
  rowsRead: number;
  rowsRejected: number;
  itemsOpened: number;
  itemsClosed: number;
  rejected: { rowNo: number; problems: { field: string }[] }[];
};

const HEADER = ['电路编号', '业务类型', '区县', '客户名称', '装机地址', '带宽', '状态'];
const LEDGER = [
  ['GY001', '家庭宽带', '南明区', '张三', '南明区某路 1 号', '300M', '在用'],
  ['GY002', '家庭宽带', '南明区', '李四', '南明区某路 2 号', '100M', '在用'],
  ['GY003', '集团专线', '云岩区', '某公司', '云岩区某路 3 号', '50M', '在用'],
];
// EOMS: GY002's bandwidth differs, GY003 is missing, GY004 is new; one row refused, one repeated.
const EOMS = [
  ['GY001', '家庭宽带', '南明区', '张三', '南明区某路 1 号', '300M', '在用'],
  ['GY002', '家庭宽带', '南明区', '李四', '南明区某路 2 号', '200M', '在用'],
  ['GY004', '集团专线', '花溪区', '某医院, 花溪分院', '花溪区某路 4 号', '100M', '在用'],
  ['GY005', '卫星', '花溪区', '某人', '某处', '1M', '在用'],
  ['GY001', '家庭宽带', '南明区', '张三', '南明区某路 1 号', '300M', '在用'],
];
const csv = (rows: string[][]) =>
  Buffer.from(
    `\ufeff${[HEADER, ...rows].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n')}\r\n`,
  ).toString('base64');
async function xlsx(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('EOMS').addRows([HEADER, ...rows]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);

for (const kind of testDatabases) {
  describe(`subscriber ledger and EOMS reconciliation API (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    let otherPartner: string;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
      otherPartner = (
        await createPartner(
          t.ctx,
          { system: 'test' },
          { code: `LB${Date.now()}`, name: '乙代维', regionIds: [w.regions.prefB] },
        )
      ).id;
    });
    after(() => t.close());
    const { get, post } = { ...api({ request: (o) => t.request(o) } as TestApp) };
    const upload = (as: Session, body: Record<string, unknown>) => post(as, '/api/v1/ledger-imports', body);
    const items = async (as: Session, q = '') =>
      json<{ items: Item[] }>(await get(as, `/api/v1/ledger-items?partnerId=${w.partnerId}${q}`)).items;
    const historyCount = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('history')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('entity_type', 'in', ['ledger_item', 'ledger_line'])
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('RS-7 the vendor ledger loads from a CSV with BOM; loading it again changes nothing', async () => {
      const body = {
        partnerId: w.partnerId,
        target: 'ledger',
        fileName: '台账.csv',
        contentBase64: csv(LEDGER),
      };
      const first = await upload(admin, body);
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(json<Report>(first).rowsRead, 3);
      assert.equal(json<Report>(first).itemsOpened, 3);
      const before = await historyCount();
      const again = json<Report>(await upload(admin, body));
      assert.equal(again.itemsOpened, 0);
      assert.equal(await historyCount(), before);
      const lines = json<{ items: { lineNo: string }[] }>(
        await get(admin, `/api/v1/ledger-lines?partnerId=${w.partnerId}`),
      ).items;
      assert.deepEqual(
        lines.map((l) => l.lineNo),
        ['GY001', 'GY002', 'GY003'],
      );
    });

    test('RS-7 an EOMS export (xlsx) yields only-in-EOMS, only-in-ledger and field items, refused rows reported one by one', async () => {
      const res = await upload(w.dispatcher, {
        partnerId: w.partnerId,
        target: 'eoms',
        fileName: 'EOMS导出.xlsx',
        contentBase64: await xlsx(EOMS),
      });
      assert.equal(res.statusCode, 201, res.body);
      const r = json<Report>(res);
      assert.equal(r.rowsRead, 5);
      assert.deepEqual(
        r.rejected.map((x) => [x.rowNo, x.problems[0]?.field]),
        [
          [5, '业务类型'],
          [6, '电路编号'],
        ],
      );
      const found = (await items(admin)).map((i) => [i.lineNo, i.kind, i.field, i.eomsValue, i.ledgerValue]);
      assert.deepEqual(found, [
        ['GY002', 'field', 'bandwidth', '200M', '100M'],
        ['GY003', 'only_ledger', '', null, null],
        ['GY004', 'only_eoms', '', null, null],
      ]);
      const report = json<Report>(await get(admin, `/api/v1/ledger-imports/${r.id}`));
      assert.equal(report.rowsRejected, 2);
    });

    test('RS-7 importing the same export again changes nothing (no item doubled, no history written)', async () => {
      const before = await items(admin);
      const entries = await historyCount();
      const r = json<Report>(
        await upload(admin, {
          partnerId: w.partnerId,
          target: 'eoms',
          fileName: 'EOMS导出.csv',
          contentBase64: csv(EOMS),
        }),
      );
      assert.equal(r.itemsOpened, 0);
      assert.equal(r.itemsClosed, 0);
      assert.deepEqual(await items(admin), before);
      assert.equal(await historyCount(), entries);
    });

    test('RS-7 two imports of one export at once still make each item once', async () => {
      const body = { partnerId: w.partnerId, target: 'eoms', fileName: 'e.csv', contentBase64: csv(EOMS) };
      const res = await Promise.all([upload(admin, body), upload(admin, body), upload(admin, body)]);
      for (const x of res) assert.equal(x.statusCode, 201, x.body);
      assert.equal((await items(admin)).length, 3);
    });

    test('RS-7 an item is corrected or explained once, with history; the ledger follows a correction', async () => {
      const all = await items(admin);
      const field = all.find((i) => i.kind === 'field') as Item;
      const onlyLedger = all.find((i) => i.kind === 'only_ledger') as Item;
      const onlyEoms = all.find((i) => i.kind === 'only_eoms') as Item;
      const noNote = await post(admin, `/api/v1/ledger-items/${onlyLedger.id}/resolve`, {
        action: 'explain',
      });
      assert.equal(noNote.statusCode, 422, noNote.body);
      assert.ok(fields(noNote).includes('note'), noNote.body);
      const ok = await post(w.dispatcher, `/api/v1/ledger-items/${field.id}/resolve`, { action: 'correct' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(json<Item>(ok).state, 'corrected');
      const twice = await post(admin, `/api/v1/ledger-items/${field.id}/resolve`, {
        action: 'explain',
        note: '再次',
      });
      assert.equal(twice.statusCode, 409, twice.body);
      const explained = await post(admin, `/api/v1/ledger-items/${onlyLedger.id}/resolve`, {
        action: 'explain',
        note: '已拆机，EOMS 未同步',
      });
      assert.equal(json<Item>(explained).state, 'explained');
      await post(admin, `/api/v1/ledger-items/${onlyEoms.id}/resolve`, { action: 'correct' });
      const lines = json<{ items: { lineNo: string; bandwidth: string; customerName: string }[] }>(
        await get(admin, `/api/v1/ledger-lines?partnerId=${w.partnerId}`),
      ).items;
      assert.equal(lines.find((l) => l.lineNo === 'GY002')?.bandwidth, '200M');
      assert.equal(lines.find((l) => l.lineNo === 'GY004')?.customerName, '某医院, 花溪分院');
      const history = json<{ items: { action: string }[] }>(
        await get(admin, `/api/v1/ledger-items/${field.id}/history`),
      ).items.map((h) => h.action);
      assert.deepEqual(history, ['open', 'correct']);
      // The export again: nothing is open, the explanation stands.
      const r = json<Report>(
        await upload(admin, {
          partnerId: w.partnerId,
          target: 'eoms',
          fileName: 'e.csv',
          contentBase64: csv(EOMS),
        }),
      );
      assert.equal(r.itemsOpened, 0);
      assert.deepEqual((await items(admin, '&state=open')).length, 0);
      assert.equal((await items(admin, '&state=explained')).length, 1);
    });

    test('RS-7 a mismatch that comes back after a correction is reopened; one EOMS fixed is marked gone', async () => {
      const changed = EOMS.map((r) => (r[0] === 'GY001' ? r.with(5, '1000M') : r));
      const r = json<Report>(
        await upload(admin, {
          partnerId: w.partnerId,
          target: 'eoms',
          fileName: 'e2.csv',
          contentBase64: csv(changed),
        }),
      );
      assert.equal(r.itemsOpened, 1);
      const open = await items(admin, '&state=open');
      assert.deepEqual(
        open.map((i) => [i.lineNo, i.eomsValue]),
        [['GY001', '1000M']],
      );
      const back = json<Report>(
        await upload(admin, {
          partnerId: w.partnerId,
          target: 'eoms',
          fileName: 'e.csv',
          contentBase64: csv(EOMS),
        }),
      );
      assert.equal(back.itemsClosed, 1);
      assert.equal((await items(admin, '&state=gone')).length, 1);
    });

    test('RS-7 bad files are refused naming the field, in both languages, and write nothing', async () => {
      const entries = await historyCount();
      const txt = await upload(admin, {
        partnerId: w.partnerId,
        target: 'eoms',
        fileName: 'a.txt',
        contentBase64: csv(EOMS),
      });
      assert.equal(txt.statusCode, 422);
      assert.deepEqual(fields(txt), ['fileName']);
      const headerless = Buffer.from('编号,类型\r\nA,B\r\n').toString('base64');
      const bad = await post(
        admin,
        '/api/v1/ledger-imports',
        { partnerId: w.partnerId, target: 'eoms', fileName: 'a.csv', contentBase64: headerless },
        'en',
      );
      assert.equal(bad.statusCode, 422, bad.body);
      assert.ok(fields(bad).includes('file'));
      assert.match(bad.body, /header/);
      const nobody = await upload(admin, {
        partnerId: w.regions.prefA,
        target: 'eoms',
        fileName: 'a.csv',
        contentBase64: csv(EOMS),
      });
      assert.equal(nobody.statusCode, 422);
      assert.deepEqual(fields(nobody), ['partnerId']);
      assert.equal(await historyCount(), entries);
    });

    test('RS-7 a partner sees and imports only its own ledger', async () => {
      const theirs = json<Report>(
        await upload(admin, {
          partnerId: otherPartner,
          target: 'ledger',
          fileName: 'b.csv',
          contentBase64: csv(LEDGER),
        }),
      );
      assert.equal(theirs.itemsOpened, 3);
      await upload(admin, {
        partnerId: otherPartner,
        target: 'eoms',
        fileName: 'b.csv',
        contentBase64: csv(EOMS),
      });
      const bItems = json<{ items: Item[] }>(
        await get(admin, `/api/v1/ledger-items?partnerId=${otherPartner}`),
      ).items;
      assert.equal(bItems.length, 3);
      const p = w.partnerDispatcher;
      const seen = json<{ items: { partnerId: string }[] }>(await get(p, '/api/v1/ledger-items')).items;
      assert.ok(seen.length > 0 && seen.every((i) => i.partnerId === w.partnerId));
      assert.equal(
        json<{ items: unknown[] }>(await get(p, `/api/v1/ledger-items?partnerId=${otherPartner}`)).items
          .length,
        0,
      );
      assert.equal((await get(p, `/api/v1/ledger-items/${bItems[0]?.id}`)).statusCode, 404);
      assert.equal(
        (await post(p, `/api/v1/ledger-items/${bItems[0]?.id}/resolve`, { action: 'correct' })).statusCode,
        404,
      );
      assert.equal((await get(p, `/api/v1/ledger-imports/${theirs.id}`)).statusCode, 404);
      const lines = json<{ items: { partnerId: string }[] }>(await get(p, '/api/v1/ledger-lines')).items;
      assert.ok(lines.every((l) => l.partnerId === w.partnerId));
      const foreign = await upload(p, {
        partnerId: otherPartner,
        target: 'eoms',
        fileName: 'b.csv',
        contentBase64: csv(EOMS),
      });
      assert.equal(foreign.statusCode, 422);
      assert.deepEqual(fields(foreign), ['partnerId']);
    });

    test('RS-7 the mismatches export as xlsx: the filter applies, words not codes, a partner gets only its own', async () => {
      const sheetOf = async (res: { statusCode: number; rawPayload: Buffer }) => {
        assert.equal(res.statusCode, 200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const rows: string[][] = [];
        wb.worksheets[0]?.eachRow((r) => {
          rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
        });
        return rows;
      };
      const mine = await items(admin, '&kind=field');
      const zh = await sheetOf(
        await get(admin, `/api/v1/ledger-items/export?partnerId=${w.partnerId}&kind=field`),
      );
      assert.deepEqual(zh[0]?.slice(0, 3), ['电路编号', '类型', '字段']);
      assert.deepEqual(
        zh.slice(1).map((r) => r[0]),
        mine.map((i) => i.lineNo),
      );
      assert.ok(zh.slice(1).every((r) => r[1] === '字段不一致' && r[2] === '带宽'));
      const en = await sheetOf(
        await t.request({
          method: 'GET',
          url: `/api/v1/ledger-items/export?partnerId=${w.partnerId}&kind=only_eoms`,
          headers: { 'accept-language': 'en' },
          as: admin,
        }),
      );
      assert.equal(en[0]?.[0], 'Line number');
      assert.ok(en.length > 1 && en.slice(1).every((r) => r[1] === 'Only in EOMS'));
      const partnerRows = await sheetOf(await get(w.partnerDispatcher, '/api/v1/ledger-items/export'));
      const own = new Set(
        json<{ items: Item[] }>(await get(w.partnerDispatcher, '/api/v1/ledger-items?limit=500')).items.map(
          (i) => i.lineNo,
        ),
      );
      assert.ok(partnerRows.length > 1 && partnerRows.slice(1).every((r) => own.has(r[0] as string)));
      const bad = await get(admin, '/api/v1/ledger-items/export?kind=nonsense');
      assert.equal(bad.statusCode, 400);
    });
  });
}
