/**
 * Defect 2 (issue 10), the route families neither `races.test.ts` nor `races-closing.test.ts`
 * reaches: the duty roster, deadline pause and resume (SL-1), complaints (CS-1), handover
 * decline (WO-4), saved views, group robots, assets (RS-2), faulty parts (RS-1), ledger items
 * (RS-7), daily plans (DP-2) and major operations (MO-1). 50 identical requests sent at once end with exactly one effect and one
 * history entry; on PostgreSQL the transactions really run side by side, so a service that
 * read before it locked, or wrote history for a change that changed nothing, would show here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  buildOpsWorld,
  type OpsWorld,
  opsApi,
  ready,
  submitted,
} from '../../src/modules/operations/operations.fixtures.ts';
import { plansSettled } from '../../src/modules/routing/routing.service.ts';
import { phoneIntake } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';
import { assertOneWinner, buildScene, burst, type Scene } from './security-fixture.ts';

const N = 50;

for (const kind of testDatabases) {
  describe(`races, more families: ${N} identical requests, one effect (${kind})`, () => {
    let t: TestApp;
    let s: Scene;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      s = await buildScene(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    const patch = (as: Session, url: string, payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url, as, payload });

    test('duty shift cancel (DP-1): one cancellation, one history entry', async () => {
      const eng = await t.personWith(['engineer']);
      const made = await s.post(s.w.dispatcher, '/api/v1/duty/shifts', {
        personId: eng.personId,
        from: '2026-12-07',
        to: '2026-12-07',
        start: '08:30',
        end: '17:30',
      });
      assert.equal(made.statusCode, 201, made.body);
      const shift = await t.ctx.db
        .selectFrom('duty_shifts')
        .select('id')
        .where('person_id', '=', eng.personId)
        .executeTakeFirstOrThrow();
      const r = await burst(N, () =>
        s.post(s.w.dispatcher, `/api/v1/duty/shifts/${shift.id}/cancel`, { reason: '调班' }),
      );
      assertOneWinner(r.statuses, 'shift cancel');
      assert.equal(await s.historyCount(eng.personId, 'duty_shift_cancelled'), 1);
    });

    test('leave cancel (DP-1): one withdrawal, one history entry', async () => {
      const eng = await t.personWith(['engineer']);
      const made = await s.post(s.w.dispatcher, '/api/v1/duty/leave', {
        personId: eng.personId,
        from: '2026-12-07',
        to: '2026-12-08',
        kind: 'sick',
      });
      assert.equal(made.statusCode, 201, made.body);
      const { id } = json<{ id: string }>(made);
      const r = await burst(N, () =>
        s.post(s.w.dispatcher, `/api/v1/duty/leave/${id}/cancel`, { reason: '已康复' }),
      );
      assertOneWinner(r.statuses, 'leave cancel');
      assert.equal(await s.historyCount(eng.personId, 'leave_cancelled'), 1);
    });

    test('deadline pause and resume (SL-1): one pause, one resume', async () => {
      const o = await s.dispatched();
      const paused = await burst(N, () =>
        s.post(s.w.callCenter, `/api/v1/work-orders/${o.id}/deadlines/pause`, {
          reason: 'customer_not_home',
        }),
      );
      assertOneWinner(paused.statuses, 'pause');
      assert.equal(await s.historyCount(o.id, 'deadlines_paused'), 1);
      const pauses = await t.ctx.db
        .selectFrom('order_pauses')
        .select('id')
        .where('order_id', '=', o.id)
        .execute();
      assert.equal(pauses.length, 1, 'one pause recorded');
      const resumed = await burst(N, () =>
        s.post(s.w.callCenter, `/api/v1/work-orders/${o.id}/deadlines/resume`, {}),
      );
      assertOneWinner(resumed.statuses, 'resume');
      assert.equal(await s.historyCount(o.id, 'deadlines_resumed'), 1);
    });

    test('saved view: the same view saved 50 times is one view and one history entry', async () => {
      const body = { page: 'orders', name: '并发视图', query: 'severity=critical' };
      const r = await burst(N, () => s.post(s.w.dispatcher, '/api/v1/saved-views', body));
      assert.ok(
        r.statuses.every((x) => x === 201 || x === 503),
        r.statuses.join(','),
      );
      const views = await t.ctx.db
        .selectFrom('saved_views')
        .select('id')
        .where('person_id', '=', s.w.dispatcher.personId)
        .where('name', '=', body.name)
        .execute();
      assert.equal(views.length, 1, 'one view');
      assert.equal(await s.historyCount(views[0]!.id, 'saved_view:save'), 1);
    });

    test('group robot PATCH: the same change 50 times is one change and one history entry', async () => {
      const made = await s.post(admin, '/api/v1/group-robots', {
        name: '并发群',
        provider: 'wecom',
        webhookUrl: 'https://robots.invalid/cgi-bin/webhook/send?key=race-key-0123456789',
      });
      assert.equal(made.statusCode, 201, made.body);
      const { id } = json<{ id: string }>(made);
      const r = await burst(N, () =>
        patch(admin, `/api/v1/group-robots/${id}`, { active: false, reason: '群已解散' }),
      );
      assert.ok(
        r.statuses.every((x) => x === 200 || x === 503),
        r.statuses.join(','),
      );
      assert.equal(await s.historyCount(id, 'update'), 1);
      assert.equal(json<{ version: number }>(await s.get(admin, `/api/v1/group-robots/${id}`)).version, 2);
    });

    test('asset PATCH (RS-2): the same change 50 times is one change and one history entry', async () => {
      const made = await s.post(admin, '/api/v1/assets', {
        kind: 'instrument',
        type: 'otdr',
        name: 'OTDR',
        serialNo: `SN-race-${kind}`,
        regionId: s.w.regions.prefA,
        calibrationDue: '2027-06-30',
      });
      assert.equal(made.statusCode, 201, made.body);
      const { id } = json<{ id: string }>(made);
      const r = await burst(N, () =>
        patch(admin, `/api/v1/assets/${id}`, { calibrationDue: '2027-12-31', reason: '已送检' }),
      );
      assert.ok(
        r.statuses.every((x) => x === 200 || x === 503),
        r.statuses.join(','),
      );
      assert.equal(await s.historyCount(id, 'update'), 1);
    });

    /** A complaint about a fresh order, received by the call centre. */
    const complaint = async (): Promise<string> => {
      const o = await s.dispatched();
      const res = await s.post(s.w.callCenter, '/api/v1/complaints', {
        source: 'hotline',
        category: 'attitude',
        severity: 'medium',
        summary: '工程师态度差',
        orderId: o.id,
      });
      assert.equal(res.statusCode, 201, res.body);
      return json<{ id: string }>(res).id;
    };

    test('complaint step (CS-1): one acknowledgement, one history entry', async () => {
      const id = await complaint();
      const r = await burst(N, () =>
        s.post(s.w.callCenter, `/api/v1/complaints/${id}/steps`, { step: 'acknowledge' }),
      );
      assertOneWinner(r.statuses, 'complaint acknowledge');
      assert.equal(await s.historyCount(id, 'acknowledge'), 1);
    });

    test('corrective action done (CS-1): done once, one history entry', async () => {
      const id = await complaint();
      const added = await s.post(s.w.callCenter, `/api/v1/complaints/${id}/actions`, {
        description: '全员学习服务规范',
        ownerId: s.w.manager.personId,
        dueDate: '2027-03-15',
      });
      assert.equal(added.statusCode, 201, added.body);
      const actionId = json<{ actions: { id: string }[] }>(added).actions[0]!.id;
      const r = await burst(N, () =>
        s.post(s.w.callCenter, `/api/v1/complaints/${id}/actions/${actionId}/done`, { note: '已完成培训' }),
      );
      assertOneWinner(r.statuses, 'action done');
      assert.equal(await s.historyCount(id, 'action_done'), 1);
    });

    test('handover decline (WO-4): one decision, one history entry', async () => {
      const receiver = await t.personWith(['call_center']);
      const o = await s.dispatched();
      const asked = await s.post(s.w.callCenter, `/api/v1/work-orders/${o.id}/handovers`, {
        toPersonId: receiver.personId,
        reason: '换班',
      });
      assert.equal(asked.statusCode, 201, asked.body);
      const { id } = json<{ id: string }>(asked);
      const r = await burst(N, () =>
        s.post(receiver, `/api/v1/handovers/${id}/decline`, { note: '今天不在岗' }),
      );
      assertOneWinner(r.statuses, 'handover decline');
      assert.equal(await s.historyCount(o.id, 'handover_declined'), 1);
    });

    test('ledger item resolve (RS-7): settled once, the ledger corrected once', async () => {
      const header = ['电路编号', '业务类型', '区县', '客户名称', '装机地址', '带宽', '状态'];
      const line = (bandwidth: string) => [
        'RACE001',
        '家庭宽带',
        '南明区',
        '张三',
        '南明区某路 1 号',
        bandwidth,
        '在用',
      ];
      const upload = async (target: string, bandwidth: string) => {
        const csv = [header, line(bandwidth)].map((r) => r.join(',')).join('\r\n');
        const res = await s.post(admin, '/api/v1/ledger-imports', {
          partnerId: s.w.partnerId,
          target,
          fileName: `${target}.csv`,
          contentBase64: Buffer.from(`${csv}\r\n`).toString('base64'),
        });
        assert.equal(res.statusCode, 201, res.body);
      };
      await upload('ledger', '100M');
      await upload('eoms', '200M');
      const item = await t.ctx.db
        .selectFrom('ledger_items')
        .select('id')
        .where('partner_id', '=', s.w.partnerId)
        .where('line_no', '=', 'RACE001')
        .executeTakeFirstOrThrow();
      const r = await burst(N, () =>
        s.post(admin, `/api/v1/ledger-items/${item.id}/resolve`, { action: 'correct' }),
      );
      assertOneWinner(r.statuses, 'ledger resolve');
      assert.equal(await s.historyCount(item.id, 'correct'), 1);
      const corrected = await t.ctx.db
        .selectFrom('ledger_lines')
        .select('id')
        .where('partner_id', '=', s.w.partnerId)
        .where('line_no', '=', 'RACE001')
        .executeTakeFirstOrThrow();
      const lineChanges = await t.ctx.db
        .selectFrom('history')
        .select('id')
        .where('entity_id', '=', corrected.id)
        .where('action', '!=', 'create')
        .execute();
      assert.equal(lineChanges.length, 1, 'the ledger line is corrected once');
    });

    test('faulty-part status (RS-1): moved along once, one history entry', async () => {
      const depot = await s.post(admin, '/api/v1/depots', {
        code: `RACE-${kind}`,
        name: '并发备件库',
        regionId: s.w.regions.prefA,
      });
      assert.equal(depot.statusCode, 201, depot.body);
      const depotId = json<{ id: string }>(depot).id;
      const part = await s.post(admin, '/api/v1/parts', {
        code: `RACE-SFP-${kind}`,
        name: '10G 光模块',
        product: 'OLT',
        unit: '个',
      });
      assert.equal(part.statusCode, 201, part.body);
      const partId = json<{ id: string }>(part).id;
      const orderId = (await s.dispatched()).id;
      const person = { personId: s.w.engNear.personId };
      for (const body of [
        { kind: 'receive', partId, qty: 2 },
        { kind: 'reserve', partId, qty: 1, orderId },
        { kind: 'issue', partId, qty: 1, orderId, ...person },
        { kind: 'return_faulty', partId, qty: 1, orderId, faultCode: 'BJ-LOS-01' },
      ]) {
        const res = await s.post(admin, `/api/v1/depots/${depotId}/movements`, body);
        assert.equal(res.statusCode, 201, `${body.kind}: ${res.body}`);
      }
      const faulty = await t.ctx.db
        .selectFrom('faulty_parts')
        .select('id')
        .where('depot_id', '=', depotId)
        .executeTakeFirstOrThrow();
      const r = await burst(N, () =>
        s.post(admin, `/api/v1/faulty-parts/${faulty.id}/status`, { status: 'rma' }),
      );
      assertOneWinner(r.statuses, 'faulty status');
      assert.equal(await s.historyCount(faulty.id, 'status'), 1);
    });

    test('daily plan publish (DP-2): published once, each order assigned once', async () => {
      const orderIds: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await s.post(s.w.callCenter, '/api/v1/work-orders', phoneIntake(s.w));
        assert.equal(res.statusCode, 201, res.body);
        const id = json<{ id: string }>(res).id;
        const acc = await s.post(s.w.callCenter, `/api/v1/work-orders/${id}/transitions`, { to: 'accepted' });
        assert.equal(acc.statusCode, 200, acc.body);
        orderIds.push(id);
      }
      const created = await s.post(s.w.dispatcher, '/api/v1/plans', {
        regionId: s.w.regions.prefA,
        day: '2026-11-02',
        seconds: 0.2,
      });
      assert.equal(created.statusCode, 202, created.body);
      await plansSettled();
      const plan = json<{ id: string; state: string; version: number }>(
        await s.get(s.w.dispatcher, `/api/v1/plans/${json<{ id: string }>(created).id}`),
      );
      assert.equal(plan.state, 'ready');
      const r = await burst(N, () =>
        s.post(s.w.dispatcher, `/api/v1/plans/${plan.id}/publish`, { version: plan.version }),
      );
      assertOneWinner(r.statuses, 'publish');
      assert.equal(await s.historyCount(plan.id, 'published'), 1);
      for (const id of orderIds)
        assert.equal(await s.historyCount(id, 'state:dispatched'), 1, 'assigned once');
    });
  });
}

for (const kind of testDatabases) {
  describe(`races, major operations: ${N} identical requests, one effect (${kind})`, () => {
    let t: TestApp;
    let o: OpsWorld;
    before(async () => {
      // Sessions outlive the jump to the night of the window.
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 60 }) });
      o = await buildOpsWorld(t);
    });
    after(() => t.close());
    const historyCount = async (id: string, action: string) =>
      (
        await t.ctx.db
          .selectFrom('history')
          .select('id')
          .where('entity_id', '=', id)
          .where('action', '=', action)
          .execute()
      ).length;

    test('approval (MO-1): one approval per role, one history entry', async () => {
      t.clock.set('2026-11-02T02:00:00.000Z');
      const id = await submitted(t, o, {
        windowStart: '2026-11-09T17:00:00.000Z',
        windowEnd: '2026-11-09T19:00:00.000Z',
      });
      const r = await burst(N, () => opsApi(t).post(o.escort, `/api/v1/operations/${id}/approvals`, {}));
      assertOneWinner(r.statuses, 'approve');
      assert.equal(await historyCount(id, 'approve'), 1);
    });

    test('start, step start and step done (MO-1): each once, one history entry each', async () => {
      const { post, get } = opsApi(t);
      t.clock.set('2026-11-02T02:00:00.000Z');
      const id = await ready(t, o);
      t.clock.set('2026-11-02T17:30:00.000Z');
      const started = await burst(N, () => post(o.lead, `/api/v1/operations/${id}/start`, {}));
      assertOneWinner(started.statuses, 'start');
      assert.equal(await historyCount(id, 'state:in_progress'), 1);
      const step = json<{ steps: { id: string }[] }>(await get(o.lead, `/api/v1/operations/${id}`)).steps[0]!;
      const stepStarted = await burst(N, () =>
        post(o.lead, `/api/v1/operations/${id}/steps/${step.id}/start`, {}),
      );
      assertOneWinner(stepStarted.statuses, 'step start');
      assert.equal(await historyCount(id, 'step:start'), 1);
      const done = await burst(N, () =>
        post(o.lead, `/api/v1/operations/${id}/finish-step`, {
          stepId: step.id,
          outcome: 'done',
          result: '备份完成',
        }),
      );
      assertOneWinner(done.statuses, 'step done');
      assert.equal(await historyCount(id, 'step:done'), 1);
    });
  });
}
