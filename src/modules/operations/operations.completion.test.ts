/**
 * MO-13 through the API on both databases: completing stores a PDF completion report (Chinese
 * first, embedded CJK font) that reads back with the operation's facts; each leftover is tracked
 * with its owner and due date, reminds its owner when due unless closed, and is closed once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { sweepOnce } from '../../jobs/timers.ts';
import { FONT_NAMES } from '../reports/reports.font.ts';
import { inspectPdf } from '../reports/reports.pdf-inspect.ts';
import { buildOpsWorld, type OpsWorld, opsApi, ready } from './operations.fixtures.ts';

const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);

for (const kind of testDatabases) {
  describe(`operation completion (${kind})`, () => {
    let t: TestApp;
    let o: OpsWorld;
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 60 }) });
      o = await buildOpsWorld(t);
      t.clock.set('2026-11-02T02:00:00.000Z');
    });
    after(() => t.close());

    test('MO-13 the completion report PDF and leftovers tracked, reminded and closed once', async () => {
      const { post, get } = opsApi(t);
      // A restart needs no watch: steps, verification, then completion.
      const id = await ready(t, o, { kind: 'restart', title: '南明汇聚设备重启' });
      t.clock.set('2026-11-02T17:05:00.000Z');
      assert.equal((await post(o.lead, `/api/v1/operations/${id}/start`, {})).statusCode, 200);
      await post(o.lead, `/api/v1/operations/${id}/backup`, {
        what: '全量配置',
        location: '备份服务器',
        fileName: 'nanming-cfg.zip',
        sizeBytes: 4096,
        sha256: 'c'.repeat(64),
        changeTableChecked: true,
      });
      const d = json<{ steps: { id: string; tableTransfer: boolean }[] }>(
        await get(o.lead, `/api/v1/operations/${id}`),
      );
      for (const s of d.steps) {
        if (s.tableTransfer) await post(o.lead, `/api/v1/operations/${id}/steps/${s.id}/recheck`, {});
        await post(o.lead, `/api/v1/operations/${id}/steps/${s.id}/start`, {});
        await post(o.lead, `/api/v1/operations/${id}/finish-step`, {
          stepId: s.id,
          outcome: 'done',
          result: '正常',
        });
      }
      assert.equal((await post(o.lead, `/api/v1/operations/${id}/finish-work`, {})).statusCode, 200);
      await post(o.lead, `/api/v1/operations/${id}/verification`, {
        callTests: '本地长途拨测正常',
        billingRecords: '各方向话单正常',
        callLoss: '无异常掉话',
        alarms: '无新增告警',
        performance: '正常',
        passed: true,
      });
      assert.equal(
        json<{ attachmentId: string | null }>(await get(o.lead, `/api/v1/operations/${id}/completion-report`))
          .attachmentId,
        null,
        'no report before completion',
      );
      const done = await post(o.lead, `/api/v1/operations/${id}/completion`, {
        summary: '重启完成，业务恢复正常',
        leftovers: [
          { description: '告警门限待调整', ownerId: o.pm.personId, dueOn: '2026-11-10' },
          { description: '补充机房标签', ownerId: o.lead.personId, dueOn: '2026-11-20' },
        ],
      });
      assert.equal(done.statusCode, 200, done.body);

      // The PDF: stored on the operation, Chinese first, the font embedded, the facts readable.
      const { attachmentId } = json<{ attachmentId: string }>(
        await get(o.lead, `/api/v1/operations/${id}/completion-report`),
      );
      const file = await get(o.lead, `/api/v1/attachments/${attachmentId}/content`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      const pdf = inspectPdf(file.rawPayload);
      assert.ok(pdf.fonts.some((f) => f.baseFont.endsWith(`+${FONT_NAMES.regular}`) && f.hasToUnicode));
      const text = pdf.text.replace(/\s+/g, '');
      for (const s of [
        '重大操作完成报告',
        '南明汇聚设备重启',
        '重启',
        'nanming-cfg.zip',
        '告警门限待调整',
        '项目经理周',
        '2026-11-10',
        '重启完成，业务恢复正常',
      ])
        assert.ok(text.includes(s.replace(/\s+/g, '')), `the report shows ${s}`);
      assert.ok(text.indexOf('重大操作完成报告') < text.indexOf('Completionreport'), 'Chinese first');
      // Someone who may not see the operation (a partner’s dispatcher) gets 404 for the file.
      assert.equal(
        (await get(o.w.partnerDispatcher, `/api/v1/attachments/${attachmentId}/content`)).statusCode,
        404,
      );

      // The leftovers: tracked with owner and due date.
      const list = json<{
        items: { id: string; ownerName: string; dueOn: string; closedAt: string | null }[];
      }>(await get(o.lead, `/api/v1/operations/${id}/leftovers`)).items;
      assert.deepEqual(
        list.map((l) => [l.ownerName, l.dueOn, l.closedAt]),
        [
          ['项目经理周', '2026-11-10', null],
          ['近工程师', '2026-11-20', null],
        ],
      );
      const [first, second] = list as [(typeof list)[0], (typeof list)[0]];
      // Closing: someone neither the owner nor allowed to run operations is refused.
      assert.equal(
        (await post(o.escort, `/api/v1/operations/${id}/leftovers/${second.id}/close`, { note: '已处理' }))
          .statusCode,
        403,
      );
      const empty = await post(o.lead, `/api/v1/operations/${id}/leftovers/${second.id}/close`, { note: '' });
      assert.deepEqual(fields(empty), ['note']);
      const unknown = await post(
        o.lead,
        `/api/v1/operations/${id}/leftovers/01930000-0000-7000-8000-000000000000/close`,
        { note: '已处理' },
      );
      assert.deepEqual(fields(unknown), ['leftoverId']);
      const closed = await post(o.pm, `/api/v1/operations/${id}/leftovers/${first.id}/close`, {
        note: '门限已按网监要求调整',
      });
      assert.equal(closed.statusCode, 200, closed.body);
      const again = await post(o.lead, `/api/v1/operations/${id}/leftovers/${first.id}/close`, {
        note: '再关',
      });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(fields(again), ['leftoverId']);

      // Due dates pass: only the open leftover reminds its owner.
      t.clock.set('2026-11-21T00:00:00.000Z');
      for (let i = 0; i < 3; i++) await sweepOnce(t.ctx);
      const due = async (who: typeof o.pm) =>
        json<{ items: { kind: string }[] }>(await get(who, '/api/v1/notifications')).items.filter(
          (n) => n.kind === 'operation.leftover_due',
        ).length;
      assert.equal(await due(o.pm), 0, 'the closed leftover stays silent');
      assert.equal(await due(o.lead), 1, 'the open leftover reminds its owner');
      const history = json<{ items: { action: string }[] }>(
        await get(o.lead, `/api/v1/operations/${id}/history`),
      );
      assert.ok(history.items.some((h) => h.action === 'record:leftover_closed'));
      assert.ok(history.items.some((h) => h.action === 'attachment_added'));
    });
  });
}
