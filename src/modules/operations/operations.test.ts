/**
 * Change control for major operations through the API (MO-1 … MO-13), on both databases: each
 * test tries to break its rule and is refused with an error naming the field.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { sweepOnce } from '../../jobs/timers.ts';
import { createSite } from '../sites/sites.service.ts';
import { PRODUCT } from '../work-orders/work-orders.fixtures.ts';
import {
  buildOpsWorld,
  type OpsWorld,
  opsApi,
  PLAN,
  ready,
  submitted,
  WINDOW,
} from './operations.fixtures.ts';

const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);
const START = '2026-11-02T02:00:00.000Z';
/** 01:30 in Guiyang on the night of the window. */
const IN_WINDOW = '2026-11-02T17:30:00.000Z';

for (const kind of testDatabases) {
  describe(`operations API (${kind})`, () => {
    let t: TestApp;
    let o: OpsWorld;
    before(async () => {
      // Sessions outlive the days the clock jumps across (windows at night, watches over days).
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 60 }) });
      o = await buildOpsWorld(t);
    });
    after(() => t.close());
    beforeEach(() => t.clock.set(START));
    const base = (extra: Record<string, unknown> = {}) => ({
      kind: 'expansion',
      title: '扩容',
      siteIds: [o.w.siteA1],
      leadId: o.lead.personId,
      product: PRODUCT,
      ...WINDOW,
      ...extra,
    });

    test('MO-1 a window in daytime, in a peak, or outside a site’s own local window is refused at plan time', async () => {
      const { post } = opsApi(t);
      const day = await post(
        o.lead,
        '/api/v1/operations',
        base({
          windowStart: '2026-11-02T06:00:00.000Z',
          windowEnd: '2026-11-02T07:00:00.000Z',
        }),
      );
      assert.equal(day.statusCode, 422);
      assert.deepEqual(fields(day), ['windowStart']);
      // A site in another zone: 01:00 in Guiyang is 17:00 in London, outside London's night window.
      const london = await createSite(
        t.ctx,
        { system: 'test' },
        {
          code: `LDN${kind}`,
          customerId: o.w.customerId,
          name: '伦敦机房',
          address: 'London',
          regionId: o.w.regions.countyA1,
          areaClass: 'urban',
          timeZone: 'Europe/London',
        },
      );
      const zone = await post(o.lead, '/api/v1/operations', base({ siteIds: [o.w.siteA1, london.id] }), 'en');
      assert.equal(zone.statusCode, 422);
      assert.match(errorOf(zone).details[0]!.message, /伦敦机房 is outside its maintenance window/);
      // A peak configured for the product is never allowed, even inside the window.
      const peak = await post(o.admin, '/api/v1/operation-time-rules', {
        product: 'peak-product',
        kind: 'peak',
        startMinute: 60,
        endMinute: 120,
      });
      assert.equal(peak.statusCode, 201, peak.body);
      const inPeak = await post(o.lead, '/api/v1/operations', base({ product: 'peak-product' }));
      assert.equal(inPeak.statusCode, 422);
      assert.deepEqual(fields(inPeak), ['windowStart']);
    });

    test('MO-1 start is refused outside the booked window and allowed inside; two concurrent starts → one wins', async () => {
      const { post } = opsApi(t);
      const id = await ready(t, o);
      const early = await post(o.lead, `/api/v1/operations/${id}/start`, {});
      assert.equal(early.statusCode, 409);
      assert.deepEqual(fields(early), ['windowStart']);
      t.clock.set(IN_WINDOW);
      const [a, b] = await Promise.all([
        post(o.lead, `/api/v1/operations/${id}/start`, {}),
        post(o.lead, `/api/v1/operations/${id}/start`, {}),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
      const detail = json<{ state: string; steps: unknown[] }>(
        await opsApi(t).get(o.lead, `/api/v1/operations/${id}`),
      );
      assert.equal(detail.state, 'in_progress');
      assert.equal(detail.steps.length, PLAN.steps.length);
    });

    test('MO-2 a freeze on the province reaches the county site: plan refused; declared after approval it flags and blocks the start', async () => {
      const { post, get } = opsApi(t);
      const id = await ready(t, o);
      const freeze = await post(o.admin, '/api/v1/operation-freezes', {
        regionId: o.w.regions.province,
        startsAt: '2026-11-02T16:00:00.000Z',
        endsAt: '2026-11-03T16:00:00.000Z',
        reason: '重大活动保障',
      });
      assert.equal(freeze.statusCode, 201, freeze.body);
      assert.ok(json<{ flaggedOperationIds: string[] }>(freeze).flaggedOperationIds.includes(id));
      assert.ok(
        json<{ freezeFlaggedAt: string | null }>(await get(o.lead, `/api/v1/operations/${id}`))
          .freezeFlaggedAt,
      );
      const plan = await post(o.lead, '/api/v1/operations', base());
      assert.equal(plan.statusCode, 422);
      assert.deepEqual(fields(plan), ['windowStart']);
      t.clock.set(IN_WINDOW);
      const start = await post(o.lead, `/api/v1/operations/${id}/start`, {});
      assert.equal(start.statusCode, 409);
      assert.deepEqual(fields(start), ['windowStart']);
      // Move the freeze's effect out of later tests: a later night is outside it.
    });

    test('MO-3 no plan, no submit; incomplete plans name the missing parts; review before approval for cutovers', async () => {
      const { post, put, get } = opsApi(t);
      const later = { windowStart: '2026-11-04T17:00:00.000Z', windowEnd: '2026-11-04T19:00:00.000Z' };
      const created = await post(o.lead, '/api/v1/operations', base({ kind: 'cutover', ...later }));
      assert.equal(created.statusCode, 201, created.body);
      const id = json<{ id: string }>(created).id;
      const noPlan = await post(o.lead, `/api/v1/operations/${id}/transitions`, { to: 'submitted' });
      assert.deepEqual(fields(noPlan), ['plan']);
      await put(o.lead, `/api/v1/operations/${id}/plan`, {
        ...PLAN,
        steps: [{ ...PLAN.steps[0], rollbackStep: '' }],
        rollbackPlan: '',
        verificationSteps: [],
      });
      const thin = await post(o.lead, `/api/v1/operations/${id}/transitions`, { to: 'submitted' });
      assert.equal(thin.statusCode, 409);
      assert.deepEqual(fields(thin), [
        'plan.steps.0.rollbackStep',
        'plan.rollbackPlan',
        'plan.verificationSteps',
      ]);
      await put(o.lead, `/api/v1/operations/${id}/plan`, PLAN);
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/transitions`, { to: 'submitted' })).statusCode,
        200,
      );
      const unreviewed = await post(o.escort, `/api/v1/operations/${id}/approvals`, {});
      assert.equal(unreviewed.statusCode, 409);
      assert.deepEqual(fields(unreviewed), ['planReview']);
      assert.equal((await post(o.lead, `/api/v1/operations/${id}/review`, {})).statusCode, 403);
      assert.equal((await post(o.chief, `/api/v1/operations/${id}/review`, {})).statusCode, 200);
      for (const who of [o.escort, o.pm, o.chiefEngineer])
        assert.equal((await post(who, `/api/v1/operations/${id}/approvals`, {})).statusCode, 200);
      const approved = json<{ state: string; approvals: { planVersion: number; personId: string }[] }>(
        await get(o.lead, `/api/v1/operations/${id}`),
      );
      assert.equal(approved.state, 'approved');
      assert.ok(approved.approvals.every((a) => a.planVersion === 2));
      // A change after approval goes back to review; the old version stays visible.
      const changed = await put(o.lead, `/api/v1/operations/${id}/plan`, {
        ...PLAN,
        rollbackPlan: '新回退方案',
      });
      assert.equal(json<{ state: string }>(changed).state, 'submitted');
      const after = json<{ plans: { version: number }[] }>(await get(o.lead, `/api/v1/operations/${id}`));
      assert.deepEqual(
        after.plans.map((p) => p.version),
        [1, 2, 3],
      );
      assert.deepEqual(fields(await post(o.escort, `/api/v1/operations/${id}/approvals`, {})), [
        'planReview',
      ]);
    });

    test('MO-4 approvals by role, once per plan version, concurrent ones both recorded; notices before ready', async () => {
      const { post, get } = opsApi(t);
      const id = await submitted(t, o, {
        windowStart: '2026-11-05T17:00:00.000Z',
        windowEnd: '2026-11-05T19:00:00.000Z',
      });
      assert.equal((await post(o.lead, `/api/v1/operations/${id}/approvals`, {})).statusCode, 403);
      const [a, b] = await Promise.all([
        post(o.escort, `/api/v1/operations/${id}/approvals`, {}),
        post(o.pm, `/api/v1/operations/${id}/approvals`, {}),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode], [200, 200], `${a.body} ${b.body}`);
      const twice = await post(o.escort, `/api/v1/operations/${id}/approvals`, {});
      assert.deepEqual(fields(twice), ['role']);
      const notYet = await post(o.lead, `/api/v1/operations/${id}/notices`, {});
      assert.deepEqual(fields(notYet), ['state']);
      assert.equal((await post(o.chief, `/api/v1/operations/${id}/approvals`, {})).statusCode, 200);
      const d = json<{ state: string; approvals: { role: string }[] }>(
        await get(o.lead, `/api/v1/operations/${id}`),
      );
      assert.equal(d.state, 'approved');
      assert.deepEqual(d.approvals.map((x) => x.role).sort(), [
        'customer_escort',
        'department_chief',
        'project_manager',
      ]);
      const early = await post(o.lead, `/api/v1/operations/${id}/transitions`, { to: 'ready' });
      assert.deepEqual(fields(early), ['to']);
      assert.equal((await post(o.lead, `/api/v1/operations/${id}/notices`, {})).statusCode, 200);
      const inbox = json<{ items: { kind: string }[] }>(await get(o.office, '/api/v1/notifications'));
      assert.ok(inbox.items.some((n) => n.kind === 'operation.notice'));
      // Approval rules per kind and region: a drill in the prefecture needs only the project manager.
      const rule = await opsApi(t).put(o.admin, '/api/v1/operation-approval-rules', {
        kind: 'drill',
        regionId: o.w.regions.prefA,
        roles: ['project_manager'],
      });
      assert.equal(rule.statusCode, 200, rule.body);
      const drill = await submitted(t, o, {
        kind: 'drill',
        windowStart: '2026-11-05T17:00:00.000Z',
        windowEnd: '2026-11-05T19:00:00.000Z',
      });
      assert.equal((await post(o.escort, `/api/v1/operations/${drill}/approvals`, {})).statusCode, 403);
      const one = await post(o.pm, `/api/v1/operations/${drill}/approvals`, {});
      assert.equal(json<{ state: string }>(one).state, 'approved');
    });

    test('MO-5 MO-6 MO-12 MO-9 on site: backup first, re-check before transfer, unplanned steps authorised, emergencies at once', async () => {
      const { post, get } = opsApi(t);
      const id = await ready(t, o, {
        windowStart: '2026-11-06T17:00:00.000Z',
        windowEnd: '2026-11-06T19:00:00.000Z',
      });
      t.clock.set('2026-11-06T17:10:00.000Z');
      assert.equal((await post(o.lead, `/api/v1/operations/${id}/start`, {})).statusCode, 200);
      const s = json<{ steps: { id: string }[] }>(await get(o.lead, `/api/v1/operations/${id}`)).steps;
      const out = await post(o.lead, `/api/v1/operations/${id}/steps/${s[1]!.id}/start`, {});
      assert.deepEqual(fields(out), ['stepId']);
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/steps/${s[0]!.id}/start`, {})).statusCode,
        200,
      );
      await post(o.lead, `/api/v1/operations/${id}/finish-step`, {
        stepId: s[0]!.id,
        outcome: 'done',
        result: '备份完成',
      });
      const noBackup = await post(o.lead, `/api/v1/operations/${id}/steps/${s[1]!.id}/start`, {});
      assert.equal(noBackup.statusCode, 409);
      assert.deepEqual(fields(noBackup), ['backup']);
      const backup = {
        what: 'HLR 数据',
        location: 'OMC 服务器 /backup',
        fileName: 'hlr-20261107.tar',
        sizeBytes: 1_048_576,
        sha256: 'a'.repeat(64),
        changeTableChecked: false,
      };
      const unchecked = await post(o.lead, `/api/v1/operations/${id}/backup`, backup);
      assert.deepEqual(fields(unchecked), ['changeTableChecked']);
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/backup`, { ...backup, changeTableChecked: true }))
          .statusCode,
        200,
      );
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/steps/${s[1]!.id}/start`, {})).statusCode,
        200,
      );
      await post(o.lead, `/api/v1/operations/${id}/finish-step`, {
        stepId: s[1]!.id,
        outcome: 'done',
        result: '配置生效',
      });
      const noRecheck = await post(o.lead, `/api/v1/operations/${id}/steps/${s[2]!.id}/start`, {});
      assert.deepEqual(fields(noRecheck), ['recheck']);
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/steps/${s[2]!.id}/recheck`, {})).statusCode,
        200,
      );
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/steps/${s[2]!.id}/start`, {})).statusCode,
        200,
      );
      await post(o.lead, `/api/v1/operations/${id}/finish-step`, {
        stepId: s[2]!.id,
        outcome: 'done',
        result: '传表成功',
      });
      // MO-12: masking an alarm on the customer's word is not in the plan.
      const extra = await post(o.lead, `/api/v1/operations/${id}/unplanned-steps`, {
        title: '屏蔽告警',
        reason: '用户口头要求',
        modifying: true,
        tableTransfer: false,
      });
      assert.equal(extra.statusCode, 201, extra.body);
      const stepId = json<{ id: string }>(extra).id;
      const unauth = await post(o.lead, `/api/v1/operations/${id}/steps/${stepId}/start`, {});
      assert.deepEqual(fields(unauth), ['authorisation']);
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/steps/${stepId}/authorise`, {})).statusCode,
        403,
      );
      assert.equal(
        (await post(o.chief, `/api/v1/operations/${id}/steps/${stepId}/authorise`, {})).statusCode,
        200,
      );
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/steps/${stepId}/start`, {})).statusCode,
        200,
      );
      // A failed step must say what happens next; "report" reaches the chief and chief engineer at once.
      const bare = await post(o.lead, `/api/v1/operations/${id}/finish-step`, {
        stepId,
        outcome: 'failed',
        result: '告警未消除',
      });
      assert.deepEqual(fields(bare), ['onFailure']);
      const reported = await post(o.lead, `/api/v1/operations/${id}/finish-step`, {
        stepId,
        outcome: 'failed',
        result: '告警未消除',
        onFailure: 'report',
      });
      assert.equal(reported.statusCode, 200, reported.body);
      const emergency = await post(o.lead, `/api/v1/operations/${id}/emergency`, {
        description: '部分用户掉话',
      });
      assert.equal(emergency.statusCode, 201, emergency.body);
      for (const who of [o.chief, o.chiefEngineer]) {
        const inbox = json<{ items: { kind: string }[] }>(await get(who, '/api/v1/notifications'));
        assert.ok(inbox.items.filter((n) => n.kind === 'escalation.emergency').length >= 2);
      }
      const history = json<{ items: { action: string }[] }>(
        await get(o.lead, `/api/v1/operations/${id}/history`),
      );
      assert.ok(history.items.some((h) => h.action === 'step:authorise'));
    });

    test('MO-7 MO-8 MO-13: verify, 24-hour watch, network monitoring agreement, completion with leftovers', async () => {
      const { post, get } = opsApi(t);
      const id = await ready(t, o, {
        windowStart: '2026-11-09T17:00:00.000Z',
        windowEnd: '2026-11-09T19:00:00.000Z',
        observationDays: 2,
      });
      t.clock.set('2026-11-09T17:05:00.000Z');
      await post(o.lead, `/api/v1/operations/${id}/start`, {});
      await post(o.lead, `/api/v1/operations/${id}/backup`, {
        what: '全量配置',
        location: 'U 盘',
        fileName: 'cfg.zip',
        sizeBytes: 2048,
        sha256: 'b'.repeat(64),
        changeTableChecked: true,
      });
      const early = await post(o.lead, `/api/v1/operations/${id}/finish-work`, {});
      assert.deepEqual(fields(early), ['steps']);
      const d = json<{ steps: { id: string; tableTransfer: boolean }[] }>(
        await get(o.lead, `/api/v1/operations/${id}`),
      );
      for (const s of d.steps) {
        if (s.tableTransfer) await post(o.lead, `/api/v1/operations/${id}/steps/${s.id}/recheck`, {});
        assert.equal(
          (await post(o.lead, `/api/v1/operations/${id}/steps/${s.id}/start`, {})).statusCode,
          200,
        );
        await post(o.lead, `/api/v1/operations/${id}/finish-step`, {
          stepId: s.id,
          outcome: 'done',
          result: '正常',
        });
      }
      assert.equal((await post(o.lead, `/api/v1/operations/${id}/finish-work`, {})).statusCode, 200);
      const unverified = await post(o.lead, `/api/v1/operations/${id}/completion`, {
        summary: '完成',
        leftovers: [],
      });
      assert.deepEqual(fields(unverified), ['verification']);
      const verify = await post(o.lead, `/api/v1/operations/${id}/verification`, {
        callTests: '本地、长途、互联互通拨测正常',
        billingRecords: '各方向话单正常',
        callLoss: '无异常掉话',
        alarms: '无新增告警',
        performance: '性能统计正常',
        passed: true,
      });
      assert.equal(json<{ state: string }>(verify).state, 'watching');
      const watching = await post(o.lead, `/api/v1/operations/${id}/completion`, {
        summary: '完成',
        leftovers: [],
      });
      assert.deepEqual(fields(watching), ['dutyShifts', 'observationDays', 'monitorAgreement']);
      // The watch timer escalates when nobody is on duty.
      t.clock.advanceMinutes(61);
      await sweepOnce(t.ctx);
      for (let i = 0; i < 5; i++) await sweepOnce(t.ctx);
      const watchLog = json<{ items: { action: string }[] }>(
        await get(o.lead, `/api/v1/operations/${id}/history`),
      );
      assert.ok(watchLog.items.some((h) => h.action === 'watch:unstaffed'));
      await post(o.lead, `/api/v1/operations/${id}/duty`, {
        names: ['近工程师'],
        from: '2026-11-09T17:00:00.000Z',
        to: '2026-11-10T05:00:00.000Z',
      });
      await post(o.lead, `/api/v1/operations/${id}/duty`, {
        names: ['远工程师'],
        from: '2026-11-10T05:00:00.000Z',
        to: '2026-11-10T19:00:00.000Z',
      });
      assert.equal((await post(o.lead, `/api/v1/operations/${id}/monitor-agreement`, {})).statusCode, 403);
      assert.equal(
        (await post(o.monitor, `/api/v1/operations/${id}/monitor-agreement`, { note: '同意撤离' }))
          .statusCode,
        200,
      );
      t.clock.set('2026-11-12T00:00:00.000Z');
      const badOwner = await post(o.lead, `/api/v1/operations/${id}/completion`, {
        summary: '完成',
        leftovers: [
          {
            description: '告警门限待调整',
            ownerId: '01930000-0000-7000-8000-000000000000',
            dueOn: '2026-11-20',
          },
        ],
      });
      assert.deepEqual(fields(badOwner), ['leftovers.0.ownerId']);
      const done = await post(o.lead, `/api/v1/operations/${id}/completion`, {
        summary: '扩容完成，业务正常',
        leftovers: [{ description: '告警门限待调整', ownerId: o.lead.personId, dueOn: '2026-11-20' }],
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(json<{ state: string }>(done).state, 'completed');
      const recs = json<{ records: { kind: string }[] }>(
        await get(o.lead, `/api/v1/operations/${id}`),
      ).records;
      assert.equal(recs.filter((r) => r.kind === 'leftover').length, 1);
    });

    test('MO-10 MO-11 released versions only, acknowledged; a never-used version goes to a pilot before a batch', async () => {
      const { post, patch, get } = opsApi(t);
      const night = { windowStart: '2026-11-16T17:00:00.000Z', windowEnd: '2026-11-16T19:00:00.000Z' };
      const v = await post(o.admin, '/api/v1/software-versions', {
        product: PRODUCT,
        version: 'V800R021',
        status: 'released',
        pilotSize: 1,
      });
      assert.equal(v.statusCode, 201, v.body);
      const versionId = json<{ id: string }>(v).id;
      const none = await post(o.lead, '/api/v1/operations', base({ kind: 'upgrade', ...night }));
      assert.deepEqual(fields(none), ['versionId']);
      const batch = await post(
        o.lead,
        '/api/v1/operations',
        base({ kind: 'upgrade', versionId, siteIds: [o.w.siteA1, o.w.siteB1], ...night }),
      );
      assert.equal(batch.statusCode, 422);
      assert.deepEqual(fields(batch), ['siteIds']);
      await patch(o.admin, `/api/v1/software-versions/${versionId}`, { status: 'withdrawn' });
      const withdrawn = await post(
        o.lead,
        '/api/v1/operations',
        base({ kind: 'upgrade', versionId, ...night }),
      );
      assert.deepEqual(fields(withdrawn), ['versionId']);
      await patch(o.admin, `/api/v1/software-versions/${versionId}`, { status: 'released' });
      // The pilot: ready needs the lead's acknowledgement of the notes and guide.
      const pilot = await submitted(t, o, { kind: 'upgrade', versionId, ...night });
      await post(o.chief, `/api/v1/operations/${pilot}/review`, {});
      for (const who of [o.escort, o.pm, o.chief])
        await post(who, `/api/v1/operations/${pilot}/approvals`, {});
      await post(o.lead, `/api/v1/operations/${pilot}/notices`, {});
      const noAck = await post(o.lead, `/api/v1/operations/${pilot}/transitions`, { to: 'ready' });
      assert.deepEqual(fields(noAck), ['versionAcknowledged']);
      await post(o.lead, `/api/v1/operations/${pilot}/version-acknowledgement`, {});
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${pilot}/transitions`, { to: 'ready' })).statusCode,
        200,
      );
      const catalog = json<{ items: { id: string; pilotVerified: boolean }[] }>(
        await get(o.lead, '/api/v1/software-versions'),
      );
      assert.equal(catalog.items.find((i) => i.id === versionId)?.pilotVerified, false);
    });

    test('scope: a partner does not see operations led by others (404)', async () => {
      const { get } = opsApi(t);
      const id = await submitted(t, o, {
        windowStart: '2026-11-17T17:00:00.000Z',
        windowEnd: '2026-11-17T19:00:00.000Z',
      });
      assert.equal((await get(o.w.partnerDispatcher, `/api/v1/operations/${id}`)).statusCode, 404);
      const list = json<{ items: { id: string }[] }>(await get(o.w.partnerDispatcher, '/api/v1/operations'));
      assert.ok(!list.items.some((i) => i.id === id));
    });
  });
}
