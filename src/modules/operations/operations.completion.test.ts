/**
 * MO-13 through the API on both databases: completing stores a PDF completion report (Chinese
 * first, embedded CJK font) that reads back with the operation's facts; each leftover is tracked
 * with its owner and due date as a deadline clock of the deadlines module — warned when near,
 * breached and escalated to its owner when it runs out unless closed, stopped when closed (once) —
 * and those clocks stay off the work orders' risk board.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { sweepOnce } from '../../jobs/timers.ts';
import { scanAtRisk } from '../deadlines/deadlines.service.ts';
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

    test('MO-13 the completion report PDF; leftovers as deadline clocks: warned, breached and escalated, closed once', async () => {
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
      // A due day already past is refused naming the leftover's field, and nothing is kept.
      const past = await post(o.lead, `/api/v1/operations/${id}/completion`, {
        summary: '重启完成',
        leftovers: [
          { description: '补充机房标签', ownerId: o.lead.personId, dueOn: '2026-11-20' },
          { description: '告警门限待调整', ownerId: o.pm.personId, dueOn: '2026-11-01' },
        ],
      });
      assert.equal(past.statusCode, 422, past.body);
      assert.deepEqual(fields(past), ['leftovers.1.dueOn']);
      assert.equal(
        json<{ items: unknown[] }>(await get(o.lead, `/api/v1/operations/${id}/leftovers`)).items.length,
        0,
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
      type LeftoverItem = {
        id: string;
        ownerName: string;
        dueOn: string;
        dueAt: string | null;
        overdueAt: string | null;
        closedAt: string | null;
      };
      const leftovers = async () =>
        json<{ items: LeftoverItem[] }>(await get(o.lead, `/api/v1/operations/${id}/leftovers`)).items;
      const list = await leftovers();
      // Each is due at the end of its due day at the site (China Standard Time, UTC+8).
      assert.deepEqual(
        list.map((l) => [l.ownerName, l.dueOn, l.dueAt, l.closedAt]),
        [
          ['项目经理周', '2026-11-10', '2026-11-10T16:00:00.000Z', null],
          ['近工程师', '2026-11-20', '2026-11-20T16:00:00.000Z', null],
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

      // Near its due time the open leftover's clock warns its owner, like an order's clock.
      const notices = async (who: typeof o.pm, kind: string) =>
        json<{ items: { kind: string; subjectType: string | null; subjectId: string | null }[] }>(
          await get(who, '/api/v1/notifications'),
        ).items.filter((n) => n.kind === kind);
      t.clock.set('2026-11-20T12:00:00.000Z');
      assert.ok((await scanAtRisk(t.ctx)) >= 1);
      for (let i = 0; i < 3; i++) await sweepOnce(t.ctx);
      const near = await notices(o.lead, 'deadline.at_risk');
      assert.equal(near.length, 1, 'the owner is warned once');
      assert.deepEqual([near[0]?.subjectType, near[0]?.subjectId], ['operation', id]);
      // Due dates pass: the open leftover's clock breaches and escalates to its owner; the closed one is silent.
      t.clock.set('2026-11-21T00:00:00.000Z');
      for (let i = 0; i < 3; i++) await sweepOnce(t.ctx);
      assert.equal((await notices(o.pm, 'escalation.breach')).length, 0, 'the closed leftover stays silent');
      const breach = await notices(o.lead, 'escalation.breach');
      assert.equal(breach.length, 1, 'the open leftover escalates to its owner');
      assert.deepEqual([breach[0]?.subjectType, breach[0]?.subjectId], ['operation', id]);
      const after = await leftovers();
      assert.deepEqual(
        after.map((l) => l.overdueAt),
        [null, '2026-11-20T16:00:00.000Z'],
      );
      // The work orders' risk board counts only work-order clocks.
      const board = json<{ items: unknown[] }>(await get(o.lead, '/api/v1/deadlines/breached'));
      assert.equal(board.items.length, 0);
      // Closing the overdue leftover stops its clock (late), with history.
      const late = await post(o.lead, `/api/v1/operations/${id}/leftovers/${second.id}/close`, {
        note: '标签已补齐',
      });
      assert.equal(late.statusCode, 200, late.body);
      const history = json<{ items: { action: string; changes: Record<string, unknown> }[] }>(
        await get(o.lead, `/api/v1/operations/${id}/history`),
      );
      const actions = history.items.map((h) => h.action);
      for (const a of [
        'record:leftover_closed',
        'attachment_added',
        'deadlines_started',
        'deadline_breached',
      ])
        assert.ok(actions.includes(a), a);
      const met = history.items
        .filter((h) => h.action === 'deadlines_met')
        .map((h) => JSON.stringify(h.changes));
      assert.equal(met.length, 2);
      assert.ok(
        met.some((m) => m.includes('met 2026-11-02')) && met.some((m) => m.includes('late 2026-11-21')),
      );
    });
  });
}
