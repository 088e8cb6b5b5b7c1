import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { api, enRoute, signature } from '../onsite/onsite.fixtures.ts';
import { inspectPdf } from '../reports/reports.pdf-inspect.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';

type Record = {
  state: string;
  signerName: string | null;
  tests: { item: string; passed: boolean }[];
  memos: { id: string; state: string }[];
  documents: { title: string; fileName: string }[];
};
const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);
const SITE = { lat: 26.5647, lng: 106.7135 };

for (const kind of testDatabases) {
  describe(`engineering acceptance (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    let orderId: string;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());
    const { get, post } = api({ request: (o) => t.request(o) } as TestApp);
    const base = () => `/api/v1/work-orders/${orderId}/acceptance`;
    const record = async () => json<Record>(await get(w.dispatcher, base()));

    test('RS-6 only engineering orders, and only while the engineer works on site', async () => {
      const fault = await enRoute(t, w);
      const notEng = await post(w.engNear, `/api/v1/work-orders/${fault.id}/acceptance/tests`, {
        item: '光功率',
        expected: '≥ -25 dBm',
        measured: '-18',
        passed: true,
      });
      assert.equal(notEng.statusCode, 422, notEng.body);
      assert.deepEqual(fields(notEng), ['type']);
      const o = await enRoute(t, w, {
        type: 'eng_installation',
        symptom: '新建 OLT 安装',
        severity: 'minor',
      });
      orderId = o.id;
      const early = await post(w.engNear, `${base()}/tests`, {
        item: '光功率',
        expected: '≥ -25 dBm',
        measured: '-18',
        passed: true,
      });
      assert.equal(early.statusCode, 409, early.body);
      assert.deepEqual(fields(early), ['state']);
      const ci = await post(w.engNear, `/api/v1/work-orders/${orderId}/check-in`, SITE);
      assert.equal(ci.statusCode, 201, ci.body);
      const stranger = await post(w.engFar, `${base()}/tests`, {
        item: '光功率',
        expected: '≥ -25 dBm',
        measured: '-18',
        passed: true,
      });
      assert.ok([403, 404].includes(stranger.statusCode), 'an engineer not on the order records nothing');
    });

    test('RS-6 tests, leftover items and documents; the customer signs when every item passed', async () => {
      const failed = await post(w.engNear, `${base()}/tests`, {
        item: '上联口光功率',
        expected: '-8 ～ -25',
        measured: '-27.5',
        unit: 'dBm',
        passed: false,
      });
      assert.equal(failed.statusCode, 201, failed.body);
      await post(w.engNear, `${base()}/tests`, {
        item: '业务开通',
        expected: '可上网',
        measured: '正常',
        passed: true,
      });
      const refused = await post(w.engNear, `${base()}/sign`, {
        signerName: '刘工',
        signaturePngBase64: signature(3),
      });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.match(errorOf(refused).details[0]!.message, /上联口光功率/);
      // Fixed and measured again: the new record stands.
      await post(w.engNear, `${base()}/tests`, {
        item: '上联口光功率',
        expected: '-8 ～ -25',
        measured: '-17.2',
        unit: 'dBm',
        passed: true,
      });
      const memo = await post(w.engNear, `${base()}/memos`, {
        description: '机柜标签待补贴',
        dueOn: '2026-11-20',
      });
      assert.equal(memo.statusCode, 201, memo.body);
      const upload = await post(w.engNear, '/api/v1/attachments', {
        ownerType: 'work_order',
        ownerId: orderId,
        kind: 'document',
        fileName: '竣工图.pdf',
        mimeType: 'application/pdf',
        contentBase64: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n').toString('base64'),
      });
      assert.equal(upload.statusCode, 201, upload.body);
      const attachmentId = json<{ id: string }>(upload).id;
      const doc = await post(w.engNear, `${base()}/documents`, { attachmentId, title: '竣工图纸' });
      assert.equal(doc.statusCode, 201, doc.body);
      const foreign = await post(w.engNear, `${base()}/documents`, {
        attachmentId: '01900000-0000-7000-8000-000000000000',
        title: '别的',
      });
      assert.deepEqual(fields(foreign), ['attachmentId']);
      const signed = await post(w.engNear, `${base()}/sign`, {
        signerName: '刘工',
        signaturePngBase64: signature(3),
      });
      assert.equal(signed.statusCode, 200, signed.body);
      const r = json<Record>(signed);
      assert.equal(r.state, 'signed');
      assert.equal(r.signerName, '刘工');
      assert.equal(r.tests.length, 3);
      assert.deepEqual(
        r.documents.map((d) => [d.title, d.fileName]),
        [['竣工图纸', '竣工图.pdf']],
      );
    });

    test('RS-6 a signed acceptance can never be changed afterwards', async () => {
      const before = await record();
      const attempts = [
        post(w.engNear, `${base()}/tests`, {
          item: '光功率',
          expected: '-8',
          measured: '-40',
          passed: false,
        }),
        post(w.engNear, `${base()}/memos`, { description: '补一条', dueOn: '2026-12-01' }),
        post(w.engNear, `${base()}/sign`, { signerName: '别人', signaturePngBase64: signature(4) }),
        post(admin, `${base()}/tests`, { item: '光功率', expected: '-8', measured: '-40', passed: false }),
      ];
      for (const res of await Promise.all(attempts)) {
        assert.ok([403, 409].includes(res.statusCode), res.body);
        if (res.statusCode === 409) assert.deepEqual(fields(res), ['acceptance']);
      }
      assert.deepEqual(await record(), before, 'nothing about the signed record changed');
    });

    test('RS-6 leftover items are closed one by one after signing, each with history', async () => {
      const [memo] = (await record()).memos;
      const closed = await post(w.engNear, `/api/v1/acceptance-memos/${memo!.id}/close`, {
        note: '标签已补贴',
      });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(json<{ state: string }>(closed).state, 'closed');
      const twice = await post(w.engNear, `/api/v1/acceptance-memos/${memo!.id}/close`, { note: '再关' });
      assert.equal(twice.statusCode, 409, twice.body);
      const history = json<{ items: { action: string }[] }>(
        await get(admin, `/api/v1/acceptance-memos/${memo!.id}/history`),
      ).items.map((h) => h.action);
      assert.deepEqual(history, ['create', 'close']);
    });

    test('RS-6 the acceptance PDF: tests, leftover items, documents and the signature', async () => {
      const res = await get(w.dispatcher, `${base()}/pdf`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const c = inspectPdf(res.rawPayload);
      const text = c.text.replace(/\s+/g, '');
      assert.ok(text.includes('工程验收记录'), c.text);
      assert.ok(text.includes('上联口光功率'), c.text);
      assert.ok(text.includes('机柜标签待补贴'), c.text);
      assert.ok(text.includes('竣工图纸'), c.text);
      assert.equal(c.images, 1, 'the customer’s signature');
    });
  });
}
