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
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

/** A 1×1 PNG: the smallest real image a signature endpoint accepts. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

type Order = { id: string; state: string; repeatCount: number; closedAt: string | null };

for (const kind of testDatabases) {
  describe(`work order lifecycle, phone call to follow-up (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const call = async (
      as: Session | undefined,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      payload?: unknown,
      ok = [200, 201],
    ) => {
      const res = await t.request({
        method,
        url,
        ...(as ? { as } : {}),
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
      assert.ok(ok.includes(res.statusCode), `${method} ${url} → ${res.statusCode} ${res.body}`);
      return res;
    };

    test('WO-10 a major fault goes from phone intake to a completed follow-up due from check-out by its clock; a failed follow-up reopens it (WO-1…WO-10)', async () => {
      // Intake by the call center, accepted (the agent owns it, WO-3), dispatched (DP-1).
      const o = json<Order>(await call(w.callCenter, 'POST', '/api/v1/work-orders', phoneIntake(w)));
      await call(w.callCenter, 'POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
      await call(w.dispatcher, 'POST', `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
      });
      // WO-5: a window in working hours, confirmed by the customer through their link.
      const { windows } = json<{ windows: { start: string; end: string }[] }>(
        await call(w.engNear, 'GET', `/api/v1/work-orders/${o.id}/appointment-windows?count=1`),
      );
      const appt = json<{ id: string }>(
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/appointments`, {
          windowStart: windows[0]!.start,
          windowEnd: windows[0]!.end,
        }),
      );
      const link = json<{ apiPath: string }>(
        await call(w.callCenter, 'POST', `/api/v1/work-orders/${o.id}/customer-links`, {}),
      );
      await call(undefined, 'POST', `${link.apiPath}/appointment/confirm`, { appointmentId: appt.id });
      t.clock.set(windows[0]!.start);
      try {
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'en_route' });
        // WO-6: check-in, the signed service request, the checklist.
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/check-in`, {
          lat: 26.5647,
          lng: 106.7135,
        });
        assert.equal(
          json<Order>(await call(w.engNear, 'GET', `/api/v1/work-orders/${o.id}`)).state,
          'on_site',
        );
        const early = await t.request({
          method: 'POST',
          url: `/api/v1/work-orders/${o.id}/transitions`,
          as: w.engNear,
          payload: { to: 'service_restored' },
        });
        assert.equal(early.statusCode, 409, 'not restored before the service request is signed (WO-6)');
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/service-requests`, {
          scopeOfWork: '更换上联光模块并测试',
          signerName: '刘工',
          signaturePngBase64: PNG,
        });
        const onsite = json<{ checklist: { item: { id: string; required: boolean } }[] }>(
          await call(w.engNear, 'GET', `/api/v1/work-orders/${o.id}/onsite`),
        );
        for (const c of onsite.checklist.filter((x) => x.item.required)) {
          await call(w.engNear, 'PUT', `/api/v1/work-orders/${o.id}/checklist/${c.item.id}`, { done: true });
        }
        // WO-7: restore first, then resolve.
        t.clock.advanceMinutes(40);
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'service_restored' });
        t.clock.advanceMinutes(40);
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' });
        // WO-8/WO-10: the day is logged and the engineer leaves the site; the paperwork follows later.
        await call(w.engNear, 'PUT', `/api/v1/work-orders/${o.id}/daily-log`, {
          workDone: '更换光模块，业务恢复',
        });
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/check-out`, {
          lat: 26.5647,
          lng: 106.7135,
        });
        const leftAt = t.clock.now().getTime();
        // The follow-up deadline is configured to one day (not the built-in three).
        const admin = await t.personWith(['admin']);
        const policies = json<{ items: { kind: string; severity: string; calendarId: string }[] }>(
          await call(admin, 'GET', '/api/v1/deadline-policies'),
        ).items;
        const followUpPolicy = policies.find((p) => p.kind === 'follow_up' && p.severity === 'major')!;
        await call(admin, 'PUT', '/api/v1/deadline-policies', {
          orderType: '*',
          severity: 'major',
          areaClass: '*',
          kind: 'follow_up',
          minutes: 24 * 60,
          calendarId: followUpPolicy.calendarId,
        });
        t.clock.advanceMinutes(90);
        // WO-9: sign-off, rating and the report, then close.
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/sign-off`, {
          signerName: '刘工',
          signaturePngBase64: PNG,
          opinion: '故障已排除，业务恢复正常',
        });
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/satisfaction`, { score: 5 });
        const early2 = await t.request({
          method: 'POST',
          url: `/api/v1/work-orders/${o.id}/transitions`,
          as: w.callCenter,
          payload: { to: 'closed' },
        });
        assert.equal(early2.statusCode, 409, 'no close without the report (WO-9)');
        await call(w.engNear, 'POST', `/api/v1/work-orders/${o.id}/reports`, {
          workDone: '更换上联口光模块，测试光功率正常，业务恢复',
          cause: '光模块老化',
        });
        const closed = json<Order>(
          await call(w.callCenter, 'POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'closed' }),
        );
        assert.equal(closed.state, 'closed');

        // WO-10: the follow-up is due one configured interval after leaving the site (not after
        // closing), the same instant as its deadline clock, and visible as overdue after that.
        const detail = json<{ followUps: { id: string; dueAt: string; state: string }[] }>(
          await call(w.callCenter, 'GET', `/api/v1/work-orders/${o.id}`),
        );
        assert.equal(detail.followUps.length, 1);
        const fu = detail.followUps[0]!;
        assert.ok(new Date(closed.closedAt!).getTime() > leftAt);
        assert.equal(new Date(fu.dueAt).getTime() - leftAt, 86_400_000);
        const clocks = json<{ clocks: { kind: string; dueAt: string }[] }>(
          await call(w.callCenter, 'GET', `/api/v1/work-orders/${o.id}/deadlines`),
        ).clocks;
        assert.equal(clocks.find((c) => c.kind === 'follow_up')?.dueAt, fu.dueAt, 'one due time');
        t.clock.set(new Date(new Date(fu.dueAt).getTime() + 60_000));
        const desk = await t.personWith(['call_center']);
        const overdue = json<{ items: { id: string; overdue: boolean }[] }>(
          await call(desk, 'GET', '/api/v1/follow-ups?overdue=true'),
        );
        assert.ok(overdue.items.some((x) => x.id === fu.id && x.overdue));
        // The customer says it fails again: the order reopens as a repeat.
        const outcome = json<{ followUp: { state: string; outcome: string }; reopened: Order | null }>(
          await call(desk, 'POST', `/api/v1/follow-ups/${fu.id}/outcome`, {
            outcome: 'problem',
            notes: '客户反映昨晚又出现两次掉线',
          }),
        );
        assert.equal(outcome.followUp.state, 'done');
        assert.equal(outcome.reopened?.state, 'accepted');
        assert.equal(outcome.reopened?.repeatCount, 1);
        const again = await t.request({
          method: 'POST',
          url: `/api/v1/follow-ups/${fu.id}/outcome`,
          as: desk,
          payload: { outcome: 'running_normally', notes: 'x' },
        });
        assert.equal(again.statusCode, 422);
        assert.equal(errorOf(again).details[0]?.field, 'followUpId');
        const transitions = json<{ items: { to: string; kind: string }[] }>(
          await call(desk, 'GET', `/api/v1/work-orders/${o.id}/transitions`),
        ).items;
        assert.deepEqual(
          transitions.map((x) => x.to),
          [
            'accepted',
            'dispatched',
            'appointment_agreed',
            'en_route',
            'on_site',
            'service_restored',
            'resolved',
            'signed_off',
            'closed',
            'accepted',
          ],
        );
        assert.equal(transitions.at(-1)?.kind, 'reopen');
      } finally {
        t.clock.set('2026-11-02T02:00:00.000Z');
      }
    });
  });
}
