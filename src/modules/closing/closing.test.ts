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
import { inspectPdf } from '../reports/reports.pdf-inspect.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';

const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);

for (const kind of testDatabases) {
  describe(`closing API (${kind})`, () => {
    let t: TestApp;
    let w: World;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-close-'));
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, attachmentsDir: dir }) });
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** An order of `type` worked on site and resolved by the world's near engineer. */
    const resolvedOrder = async (extra: Record<string, unknown> = {}): Promise<OrderView> => {
      const { post, put } = api(t);
      const o = await enRoute(t, w, extra);
      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      await completeSiteWork(t, w.engNear, o.id);
      if (o.severity === 'critical' || o.severity === 'major') {
        const r = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, {
          to: 'service_restored',
        });
        assert.equal(r.statusCode, 200, r.body);
      }
      t.clock.advanceMinutes(30);
      const res = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' });
      assert.equal(res.statusCode, 200, res.body);
      await put(w.engNear, `/api/v1/work-orders/${o.id}/daily-log`, { workDone: '更换光模块，业务恢复' });
      return json<OrderView>(res);
    };
    const close = (as: Session, id: string, lang?: 'en') =>
      api(t).post(as, `/api/v1/work-orders/${id}/transitions`, { to: 'closed' }, lang);

    test('WO-9 staff path: close needs the sign-off, a rating and the field report made after the sign-off', async () => {
      w = await buildWorld(t);
      const { post, get } = api(t);
      const o = await resolvedOrder();

      // Nothing yet: signed_off and closed name what is missing.
      const direct = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'signed_off' });
      assert.equal(direct.statusCode, 409);
      assert.deepEqual(fields(direct), ['signOff']);

      // A report generated before the sign-off does not count: it would lack the signature.
      const early = await post(w.engNear, `/api/v1/work-orders/${o.id}/reports`, { workDone: '更换光模块' });
      assert.equal(early.statusCode, 201, early.body);

      const noSig = await post(w.engNear, `/api/v1/work-orders/${o.id}/sign-off`, {
        signerName: '刘工',
        signaturePngBase64: 'bm90IGFuIGltYWdlIGF0IGFsbA==',
        opinion: '满意',
      });
      assert.equal(noSig.statusCode, 422);
      assert.deepEqual(fields(noSig), ['signaturePngBase64']);
      const signed = await post(w.engNear, `/api/v1/work-orders/${o.id}/sign-off`, {
        signerName: '刘工',
        signaturePngBase64: signature(11),
        opinion: '处理及时，业务已恢复，同意关闭',
      });
      assert.equal(signed.statusCode, 201, signed.body);
      assert.equal(json<{ state: string }>(signed).state, 'signed_off');
      const twice = await post(w.engNear, `/api/v1/work-orders/${o.id}/sign-off`, {
        signerName: '刘工',
        signaturePngBase64: signature(12),
        opinion: '再签一次',
      });
      assert.equal(twice.statusCode, 409);

      t.clock.advanceMinutes(5);
      const missing = await close(w.engNear, o.id, 'en');
      assert.equal(missing.statusCode, 409);
      assert.deepEqual(fields(missing).sort(), ['report', 'satisfaction']);
      assert.match(
        errorOf(missing).details.find((d) => d.field === 'report')?.message ?? '',
        /Field technical-service report/,
      );

      const badScore = await post(w.engNear, `/api/v1/work-orders/${o.id}/satisfaction`, { score: 6 });
      assert.equal(badScore.statusCode, 422);
      const rated = await post(w.engNear, `/api/v1/work-orders/${o.id}/satisfaction`, {
        score: 5,
        comment: '很满意',
      });
      assert.equal(rated.statusCode, 201, rated.body);
      const again = await post(w.engNear, `/api/v1/work-orders/${o.id}/satisfaction`, { score: 1 });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(fields(again), ['score']);

      const stillNoReport = await close(w.engNear, o.id);
      assert.deepEqual(fields(stillNoReport), ['report']);
      const report = await post(w.engNear, `/api/v1/work-orders/${o.id}/reports`, {
        workDone: '1. 确认上联光模块收光过低；\n2. 更换光模块；\n3. 测试业务正常。',
        cause: '光模块老化',
        partsUsed: [{ name: '光模块 10G SFP+', code: 'SFP-10G-LR', quantity: 1, faultyPartCode: 'BAD-77' }],
        engineerSignaturePngBase64: signature(13),
      });
      assert.equal(report.statusCode, 201, report.body);
      const r = json<{
        reportType: string;
        title: string;
        attachment: { contentUrl: string; mimeType: string };
      }>(report);
      assert.equal(r.reportType, 'field_service');
      assert.equal(r.title, '现场技术服务报告');

      const pdf = await get(w.dispatcher, r.attachment.contentUrl);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const c = inspectPdf(pdf.rawPayload);
      assert.ok(c.fonts.some((f) => /\+NotoSansSC-Regular$/.test(f.baseFont) && f.fontFile === 'FontFile2'));
      // Wrapping depends on the lengths of the world's generated codes, and a wrapped line may come
      // back with a space at the break: compare without any white space.
      const text = c.text.replace(/\s+/g, '');
      for (const s of [
        '现场技术服务报告',
        o.number,
        '南明汇聚机房',
        '刘工',
        '处理及时，业务已恢复，同意关闭',
        'BAD-77',
        '近工程师',
        '5 / 5',
      ])
        assert.ok(text.includes(s.replace(/\s+/g, '')), `report shows ${s}`);
      assert.equal(c.images, 3, 'engineer, service request and customer signatures are embedded');

      const closed = await close(w.engNear, o.id);
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(json<OrderView>(closed).state, 'closed');

      const list = json<{ items: { reportType: string }[]; reportType: string }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/reports`),
      );
      assert.equal(list.items.length, 2, 'both reports are kept (RC-3)');
      const history = json<{ items: { action: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/history`),
      );
      for (const a of ['close:sign_off', 'close:rating', 'close:report', 'state:signed_off', 'state:closed'])
        assert.ok(
          history.items.some((h) => h.action === a),
          `history has ${a}`,
        );
      await assert.rejects(sql`DELETE FROM sign_offs`.execute(t.ctx.db), /kept forever/);
      await assert.rejects(sql`DELETE FROM order_reports`.execute(t.ctx.db), /kept forever/);
    });

    test('WO-9 customer link: the customer signs off and declines to rate with the same token; tampered tokens reveal nothing', async () => {
      w = await buildWorld(t);
      const { post, get } = api(t);
      const o = await enRoute(t, w, { type: 'version_upgrade', severity: 'minor' });
      const link = json<{ token: string; apiPath: string }>(
        await post(w.callCenter, `/api/v1/work-orders/${o.id}/customer-links`, {}),
      );
      const sign = (token: string, lang?: 'en') =>
        api(t).post(
          null,
          `/api/v1/customer/orders/${token}/sign-off`,
          { signerName: '刘工', signaturePngBase64: signature(21), opinion: '升级后业务正常' },
          lang,
        );
      const tooEarly = await sign(link.token, 'en');
      assert.equal(tooEarly.statusCode, 409);
      assert.match(errorOf(tooEarly).details[0]?.message ?? '', /must be resolved first/);

      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      await completeSiteWork(t, w.engNear, o.id);
      t.clock.advanceMinutes(10);
      assert.equal(
        (await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' })).statusCode,
        200,
      );

      const tampered = await sign(`${link.token.slice(0, -2)}xx`);
      assert.equal(tampered.statusCode, 404);
      const view = json<{ sections: { closing: { canSignOff: boolean } } }>(await get(null, link.apiPath));
      assert.equal(view.sections.closing.canSignOff, true);
      const signed = await sign(link.token);
      assert.equal(signed.statusCode, 201, signed.body);
      assert.equal(json<{ state: string }>(signed).state, 'signed_off');

      const noReason = await post(null, `/api/v1/customer/orders/${link.token}/satisfaction`, {
        refused: true,
      });
      assert.equal(noReason.statusCode, 422);
      const declined = await post(null, `/api/v1/customer/orders/${link.token}/satisfaction`, {
        refused: true,
        comment: '不参与评价',
      });
      assert.equal(declined.statusCode, 201, declined.body);
      assert.deepEqual(json<{ score: null; refused: boolean }>(declined), {
        ...json(declined),
        score: null,
        refused: true,
      });
      const rateAfter = await post(null, `/api/v1/customer/orders/${link.token}/satisfaction`, { score: 4 });
      assert.equal(rateAfter.statusCode, 409);

      const status = json<{
        signOff: { via: string };
        satisfaction: { refused: boolean; via: string };
        requiredReport: string;
      }>(await get(w.dispatcher, `/api/v1/work-orders/${o.id}/closing`));
      assert.equal(status.signOff.via, 'link');
      assert.equal(status.satisfaction.via, 'link');
      assert.equal(status.requiredReport, 'upgrade_summary');

      // The upgrade summary needs its versions.
      const noVersions = await post(w.engNear, `/api/v1/work-orders/${o.id}/reports`, {
        workDone: '升级完成',
      });
      assert.equal(noVersions.statusCode, 422);
      assert.deepEqual(fields(noVersions), ['upgrade']);
      const blocked = await close(w.engNear, o.id);
      assert.deepEqual(fields(blocked), ['report']);
      const made = await post(w.engNear, `/api/v1/work-orders/${o.id}/reports`, {
        workDone: '按升级指导书完成升级',
        upgrade: { fromVersion: 'V100R019C10', toVersion: 'V100R021C00', verification: '业务拨测正常' },
      });
      assert.equal(made.statusCode, 201, made.body);
      assert.equal(json<{ title: string }>(made).title, '版本升级总结报告');
      assert.equal((await close(w.engNear, o.id)).statusCode, 200);
      // The customer downloads the summary through the same link; another order's report id is not reachable.
      const linkView = json<{ sections: { closing: { reports: { id: string; title: string }[] } } }>(
        await get(null, link.apiPath),
      );
      const mine = linkView.sections.closing.reports[0]!;
      assert.equal(mine.title, '版本升级总结报告');
      const dl = await get(null, `${link.apiPath}/reports/${mine.id}`);
      assert.equal(dl.statusCode, 200);
      assert.ok(inspectPdf(dl.rawPayload).text.includes('V100R021C00'));
      assert.equal(
        (await get(null, `${link.apiPath}/reports/0190b4a2-0000-7000-8000-000000000000`)).statusCode,
        404,
      );
      const history = json<{ items: { action: string; actor: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/history`),
      );
      const linkEntry = history.items.find((h) => h.action === 'close:sign_off');
      assert.match(linkEntry?.actor ?? '', /customer-link/);
      assert.ok(history.items.some((h) => h.action === 'close:rating_refused'));
    });

    test('who may close: an unassigned engineer is refused; anonymous staff routes answer 401', async () => {
      w = await buildWorld(t);
      const { post } = api(t);
      const o = await resolvedOrder({ severity: 'critical', impacts: { serviceInterruption: true } });
      const payload = { signerName: '刘工', signaturePngBase64: signature(31), opinion: '同意' };
      const other = await post(w.engFar, `/api/v1/work-orders/${o.id}/sign-off`, payload);
      assert.equal(other.statusCode, 403);
      assert.equal((await post(null, `/api/v1/work-orders/${o.id}/sign-off`, payload)).statusCode, 401);
      // An engineer of another area does not see the order at all (Access: own and team's work).
      const outside = await post(w.engOtherRegion, `/api/v1/work-orders/${o.id}/satisfaction`, { score: 3 });
      assert.equal(outside.statusCode, 404);
      const unknown = await post(
        w.engNear,
        '/api/v1/work-orders/0190b4a2-0000-7000-8000-000000000000/satisfaction',
        {
          score: 3,
        },
      );
      assert.equal(unknown.statusCode, 404);
    });
  });
}
