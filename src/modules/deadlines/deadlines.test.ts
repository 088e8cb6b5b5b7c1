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
import { sweepOnce } from '../../jobs/timers.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';
import { startClocks, subjectOfClock } from './deadlines.service.ts';

type Clock = {
  id: string;
  kind: string;
  seq: number;
  state: string;
  startedAt: string;
  dueAt: string | null;
  remainingMinutes: number | null;
  pausedMinutes: number;
  breachedAt: string | null;
  stoppedAt: string | null;
  budgetMinutes: number;
  atRisk: boolean;
};
type Clocks = { clocks: Clock[]; pauses: { reason: string; endedAt: string | null }[]; paused: boolean };
type Notice = {
  id: string;
  kind: string;
  title: string;
  subjectId: string | null;
  critical: boolean;
  escalationId: string | null;
};

for (const kind of testDatabases) {
  describe(`deadlines on work orders (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      // Sessions must outlive the weeks these tests move the clock through.
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 90 }) });
      w = await buildWorld(t);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: unknown = {}) =>
      t.request({ method: 'POST', url, as, payload: payload as Record<string, unknown> });
    const get = (as: Session, url: string) => t.request({ method: 'GET', url, as });
    const intake = async (extra: Record<string, unknown> = {}) => {
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, extra));
      assert.equal(res.statusCode, 201, res.body);
      return json<{ id: string; number: string; ownerId: string }>(res);
    };
    const clocks = async (id: string) => {
      const res = await get(w.callCenter, `/api/v1/work-orders/${id}/deadlines`);
      assert.equal(res.statusCode, 200, res.body);
      return json<Clocks>(res);
    };
    const clock = async (id: string, k: string) => {
      const c = (await clocks(id)).clocks.filter((x) => x.kind === k).at(-1);
      assert.ok(c, `clock ${k}`);
      return c;
    };
    const inbox = async (as: Session) =>
      json<{ items: Notice[]; unread: number }>(await get(as, '/api/v1/notifications?limit=200'));

    test('SL-1: a major fault gets each deadline on the business calendar; each one fires at its instant, not a minute before', async () => {
      t.clock.set('2026-11-02T02:00:00.000Z'); // Monday 10:00 Beijing
      const o = await intake();
      const c = await clocks(o.id);
      const due: Record<string, string | null> = Object.fromEntries(c.clocks.map((x) => [x.kind, x.dueAt]));
      assert.deepEqual(
        { ...due },
        {
          respond: '2026-11-02T02:30:00.000Z', // 30 working minutes
          arrive: '2026-11-02T07:30:00.000Z', // 240: 10:00–12:00, 13:30–15:30
          restore: '2026-11-03T02:00:00.000Z', // one working day (480)
          resolve: '2026-11-05T02:00:00.000Z', // three working days
          update: '2026-11-03T02:00:00.000Z', // WO-11: one working day for major
        },
      );
      // Restore and update fall due together; each instant is checked a minute before and at it.
      for (const instant of [...new Set(Object.values(due) as string[])].sort()) {
        const kinds = Object.keys(due).filter((k) => due[k] === instant);
        t.clock.set(new Date(Date.parse(instant) - 60_000));
        await sweepOnce(t.ctx);
        for (const k of kinds) assert.equal((await clock(o.id, k)).breachedAt, null, `${k} not yet`);
        t.clock.set(instant);
        await sweepOnce(t.ctx);
        for (const k of kinds)
          assert.equal((await clock(o.id, k)).breachedAt, instant, `${k} breached at its due time`);
      }
      // SL-2: never silent — the owner was told of each breach.
      const mine = (await inbox(w.callCenter)).items.filter(
        (n) => n.subjectId === o.id && n.kind === 'escalation.breach',
      );
      assert.equal(mine.length, 5);
      const hist = json<{ items: { action: string }[] }>(
        await get(w.manager, `/api/v1/work-orders/${o.id}/history`),
      );
      assert.equal(hist.items.filter((h) => h.action === 'deadline_breached').length, 5);
      const breached = json<{ items: { orderId: string; kind: string }[]; byRegion: { count: number }[] }>(
        await get(w.manager, `/api/v1/deadlines/breached?regionId=${w.regions.prefA}`),
      );
      assert.equal(breached.items.filter((i) => i.orderId === o.id).length, 5);
    });

    test('WO-10 follow-up clock: 3 calendar days; WO-11: a recorded customer update restarts the update clock', async () => {
      t.clock.set('2026-11-09T02:00:00.000Z');
      const o = await intake();
      const upd = await post(w.callCenter, `/api/v1/work-orders/${o.id}/progress-updates`, {
        message: '工程师已出发，预计下午到达',
      });
      // The order owner may record it only while acting on their order; the call-center agent owns it.
      assert.equal(upd.statusCode, 201, upd.body);
      const updates = (await clocks(o.id)).clocks.filter((c) => c.kind === 'update');
      assert.deepEqual(
        updates.map((c) => [c.seq, c.state]),
        [
          [1, 'stopped'],
          [2, 'running'],
        ],
      );
      const [first] = (await clocks(o.id)).clocks.filter((c) => c.kind === 'respond');
      const subject = subjectOfClock({
        ...(await t.ctx.db
          .selectFrom('order_clocks')
          .selectAll()
          .where('id', '=', first!.id)
          .executeTakeFirstOrThrow()),
      });
      await startClocks(t.ctx, { system: 'test' }, subject, ['follow_up']);
      const f = await clock(o.id, 'follow_up');
      assert.equal(f.dueAt, '2026-11-12T02:00:00.000Z');
      t.clock.set('2026-11-12T01:59:00.000Z');
      await sweepOnce(t.ctx);
      assert.equal((await clock(o.id, 'follow_up')).breachedAt, null);
      t.clock.set('2026-11-12T02:00:00.000Z');
      await sweepOnce(t.ctx);
      assert.equal((await clock(o.id, 'follow_up')).breachedAt, '2026-11-12T02:00:00.000Z');
    });

    test('SL-1: waiting on the customer pauses the clocks with a reason; paused time never counts', async () => {
      t.clock.set('2026-11-16T02:00:00.000Z'); // Monday 10:00 Beijing
      const o = await intake();
      t.clock.advanceMinutes(10);
      const bad = await post(w.callCenter, `/api/v1/work-orders/${o.id}/deadlines/pause`, {
        reason: 'bored',
      });
      assert.equal(bad.statusCode, 422);
      assert.equal(errorOf(bad).details[0]?.field, 'reason');
      const p = await post(w.callCenter, `/api/v1/work-orders/${o.id}/deadlines/pause`, {
        reason: 'customer_not_home',
        note: '客户不在家，约定下午再联系',
      });
      assert.equal(p.statusCode, 201, p.body);
      assert.equal(
        (
          await post(w.callCenter, `/api/v1/work-orders/${o.id}/deadlines/pause`, {
            reason: 'customer_postponed',
          })
        ).statusCode,
        409,
      );
      let r = await clock(o.id, 'respond');
      assert.equal(r.state, 'paused');
      assert.equal(r.dueAt, null);
      t.clock.advanceMinutes(120); // 12:10 Beijing: far past the original 10:30
      await sweepOnce(t.ctx);
      assert.equal((await clock(o.id, 'respond')).breachedAt, null, 'a paused clock does not breach');
      const resumed = await post(w.callCenter, `/api/v1/work-orders/${o.id}/deadlines/resume`, {});
      assert.equal(resumed.statusCode, 200, resumed.body);
      r = await clock(o.id, 'respond');
      // 20 working minutes were left; 12:10 is lunch, so 13:30 + 20 = 13:50 Beijing.
      assert.equal(r.dueAt, '2026-11-16T05:50:00.000Z');
      assert.equal(r.pausedMinutes, 120);
      assert.equal(r.remainingMinutes, 20);
      assert.equal(
        (await post(w.callCenter, `/api/v1/work-orders/${o.id}/deadlines/resume`, {})).statusCode,
        409,
      );
      t.clock.set('2026-11-16T05:49:00.000Z');
      await sweepOnce(t.ctx);
      assert.equal((await clock(o.id, 'respond')).breachedAt, null);
      t.clock.set('2026-11-16T05:50:00.000Z');
      await sweepOnce(t.ctx);
      assert.equal((await clock(o.id, 'respond')).breachedAt, '2026-11-16T05:50:00.000Z');
      const hist = json<{ items: { action: string; reason: string | null }[] }>(
        await get(w.manager, `/api/v1/work-orders/${o.id}/history`),
      );
      assert.equal(
        hist.items.find((h) => h.action === 'deadlines_paused')?.reason,
        '客户不在家，约定下午再联系',
      );
      assert.ok(hist.items.some((h) => h.action === 'deadlines_resumed'));
    });

    test('WO-2/SL-1: raising severity recomputes from the original start (not a restart) and keeps history', async () => {
      t.clock.set('2026-11-23T02:00:00.000Z');
      const o = await intake({ severity: 'minor' });
      const before = await clock(o.id, 'respond');
      assert.equal(before.dueAt, '2026-11-23T04:00:00.000Z'); // 120 working minutes
      t.clock.advanceMinutes(20);
      const up = await post(w.manager, `/api/v1/work-orders/${o.id}/severity`, {
        severity: 'critical',
        reason: '全部用户中断',
      });
      assert.equal(up.statusCode, 200, up.body);
      const after = await clock(o.id, 'respond');
      assert.equal(after.startedAt, before.startedAt, 'the clock keeps its start');
      assert.equal(
        after.dueAt,
        '2026-11-23T02:15:00.000Z',
        'critical: 15 minutes round the clock from the original start',
      );
      assert.equal(after.id, before.id);
      await sweepOnce(t.ctx);
      assert.equal((await clock(o.id, 'respond')).breachedAt, '2026-11-23T02:15:00.000Z');
      const hist = json<{ items: { action: string; changes: Record<string, unknown> }[] }>(
        await get(w.manager, `/api/v1/work-orders/${o.id}/history`),
      );
      const re = hist.items.find((h) => h.action === 'deadlines_recomputed');
      assert.deepEqual(re?.changes['deadline.respond'], [
        '2026-11-23T04:00:00.000Z',
        '2026-11-23T02:15:00.000Z',
      ]);
      assert.deepEqual(re?.changes.severity, ['minor', 'critical']);
    });

    test('policies are configured by administrators only; a new policy applies to new orders', async () => {
      const admin = await t.personWith(['admin']);
      const cals = json<{ items: { id: string; code: string }[] }>(await get(admin, '/api/v1/calendars'));
      const always = cals.items.find((c) => c.code === 'ALWAYS')!.id;
      const body = {
        orderType: 'fault_repair',
        severity: 'major',
        areaClass: 'urban',
        kind: 'respond',
        minutes: 45,
        calendarId: always,
      };
      assert.equal(
        (await t.request({ method: 'PUT', url: '/api/v1/deadline-policies', as: w.manager, payload: body }))
          .statusCode,
        403,
      );
      const put = await t.request({
        method: 'PUT',
        url: '/api/v1/deadline-policies',
        as: admin,
        payload: body,
      });
      assert.equal(put.statusCode, 200, put.body);
      t.clock.set('2026-11-28T14:00:00.000Z'); // Saturday night: round the clock now
      const o = await intake();
      assert.equal((await clock(o.id, 'respond')).dueAt, '2026-11-28T14:45:00.000Z');
      assert.equal(
        (await clock(o.id, 'arrive')).dueAt,
        '2026-11-30T06:00:00.000Z',
        'other kinds keep the business calendar: Monday 08:30 + 240 working minutes',
      );
      const unknown = await t.request({
        method: 'PUT',
        url: '/api/v1/deadline-policies',
        as: admin,
        payload: { ...body, kind: 'lunch' },
      });
      assert.equal(unknown.statusCode, 422);
      assert.equal(errorOf(unknown).details[0]?.field, 'kind');
    });
  });
}
