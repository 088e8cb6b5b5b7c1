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
import { ensureRecurringJobs } from '../../jobs/sweeper.ts';
import { sweepOnce } from '../../jobs/timers.ts';
import { reportEmergency } from '../escalation/escalation.service.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

type Board = {
  items: { orderId: string; kind: string; atRisk: boolean; remainingMinutes: number | null }[];
  byRegion: { regionId: string; count: number }[];
  byPartner: { partnerId: string | null; count: number }[];
};

for (const kind of testDatabases) {
  describe(`deadline views, calendars and MO-9 (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 90 }) });
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());
    const get = (as: Session, url: string) => t.request({ method: 'GET', url, as });

    test('at-risk board per region and partner; the owner is warned once before the breach (croner job on durable timers)', async () => {
      t.clock.set('2026-11-02T02:00:00.000Z');
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/work-orders',
        as: w.callCenter,
        payload: phoneIntake(w),
      });
      assert.equal(res.statusCode, 201, res.body);
      const o = json<{ id: string }>(res);
      // Respond: 30 working minutes; at risk once no more than 25 % (7.5 min) is left.
      t.clock.set('2026-11-02T02:21:00.000Z');
      let board = json<Board>(await get(w.manager, `/api/v1/deadlines/at-risk?regionId=${w.regions.prefA}`));
      assert.equal(board.items.filter((i) => i.orderId === o.id).length, 0);
      t.clock.set('2026-11-02T02:23:00.000Z');
      board = json<Board>(await get(w.manager, `/api/v1/deadlines/at-risk?regionId=${w.regions.prefA}`));
      const item = board.items.find((i) => i.orderId === o.id);
      assert.equal(item?.kind, 'respond');
      assert.equal(item?.remainingMinutes, 7);
      assert.equal(board.byRegion.find((r) => r.regionId === w.regions.countyA1)?.count, 1);
      // Other region: nothing.
      const other = json<Board>(
        await get(w.manager, `/api/v1/deadlines/at-risk?regionId=${w.regions.prefB}`),
      );
      assert.equal(other.items.length, 0);
      // A partner's dispatcher sees only the orders given to the partner.
      const partnerView = json<Board>(await get(w.partnerDispatcher, '/api/v1/deadlines/at-risk'));
      assert.equal(partnerView.items.filter((i) => i.orderId === o.id).length, 0);
      // The recurring job warns the owner once.
      t.clock.set('2026-11-02T02:20:00.000Z');
      await ensureRecurringJobs(t.ctx);
      t.clock.set('2026-11-02T02:25:00.000Z');
      await sweepOnce(t.ctx);
      await sweepOnce(t.ctx);
      const warned = json<{ items: { kind: string; subjectId: string }[] }>(
        await get(w.callCenter, '/api/v1/notifications'),
      );
      assert.equal(
        warned.items.filter((n) => n.kind === 'deadline.at_risk' && n.subjectId === o.id).length,
        1,
      );
      // Breached board and the order's clocks.
      t.clock.set('2026-11-02T02:31:00.000Z');
      await sweepOnce(t.ctx);
      const breached = json<Board>(
        await get(w.manager, `/api/v1/deadlines/breached?partnerId=${w.partnerId}`),
      );
      // Not yet given to a partner: not on the partner's board, but on the region's.
      assert.equal(breached.items.filter((i) => i.orderId === o.id).length, 0);
      assert.ok(breached.byPartner.every((p) => p.partnerId === w.partnerId));
      const all = json<Board>(await get(w.manager, '/api/v1/deadlines/breached'));
      assert.equal(all.items.find((i) => i.orderId === o.id)?.remainingMinutes, -1);
      assert.equal((await get(w.engNoCert, `/api/v1/deadlines/breached`)).statusCode, 200);
      const none = await t.request({ method: 'GET', url: '/api/v1/deadlines/breached' });
      assert.equal(none.statusCode, 401);
    });

    test('SL-1: administrators add a year of holidays and make-up days; the calculator follows it', async () => {
      const cals = json<{ items: { id: string; code: string }[] }>(await get(admin, '/api/v1/calendars'));
      const std = cals.items.find((c) => c.code === 'CN-STD')!.id;
      const y2026 = json<{ days: { date: string; kind: string }[] }>(
        await get(admin, `/api/v1/calendars/${std}?year=2026`),
      );
      assert.equal(y2026.days.length, 39);
      const year = {
        days: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-04', kind: 'holiday', name: '测试假日' },
          { date: '2027-01-09', kind: 'workday', name: '测试调休上班' },
        ],
      };
      assert.equal(
        (
          await t.request({
            method: 'PUT',
            url: `/api/v1/calendars/${std}/years/2027`,
            as: w.manager,
            payload: year,
          })
        ).statusCode,
        403,
      );
      const put = await t.request({
        method: 'PUT',
        url: `/api/v1/calendars/${std}/years/2027`,
        as: admin,
        payload: year,
      });
      assert.equal(put.statusCode, 200, put.body);
      // Friday 2027-01-08 17:30 Beijing + 60 working minutes: 30 on Friday, Saturday 9 Jan works → 09:00.
      const due = json<{ due: string }>(
        await get(admin, `/api/v1/calendars/${std}/due?from=2027-01-08T09:30:00.000Z&minutes=60`),
      );
      assert.equal(due.due, '2027-01-09T01:00:00.000Z');
      const wrong = await t.request({
        method: 'PUT',
        url: `/api/v1/calendars/${std}/years/2027`,
        as: admin,
        payload: { days: [{ date: '2028-01-01', kind: 'holiday', name: '错年' }] },
      });
      assert.equal(wrong.statusCode, 422);
      assert.equal(errorOf(wrong).details[0]?.field, 'days.0.date');
      const hist = json<{ items: { action: string }[] }>(
        await get(admin, `/api/v1/calendars/${std}/history`),
      );
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['set_year'],
      );
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/calendars',
        as: admin,
        payload: {
          code: 'NIGHT',
          name: '夜班',
          mode: 'business',
          timeZone: 'Asia/Shanghai',
          week: [[], ['18:00-12:00'], [], [], [], [], []],
        },
      });
      assert.equal(created.statusCode, 422);
      assert.equal(errorOf(created).details[0]?.field, 'week.1');
    });

    test('MO-9: an emergency during an operation reaches the chief and chief engineer at once on the critical channel', async () => {
      const chief = await t.personWith(['department_chief']);
      const em = await t.personWith(['engineering_manager']);
      const escId = await reportEmergency(t.ctx, {
        subjectType: 'operation',
        subjectId: '01890000-0000-7000-8000-000000000001',
        regionId: w.regions.countyA1,
        title: { 'zh-CN': '割接异常：大面积掉话', en: 'Cutover trouble: widespread call drops' },
        body: { 'zh-CN': '请立即决定是否回退', en: 'Decide on rollback now' },
      });
      for (const p of [chief, em]) {
        const inbox = json<{ items: { escalationId: string | null; critical: boolean }[] }>(
          await get(p, '/api/v1/notifications'),
        );
        assert.ok(inbox.items.some((n) => n.escalationId === escId && n.critical));
      }
      const esc = json<{ kind: string; recipients: { personId: string }[] }>(
        await get(chief, `/api/v1/escalations/${escId}`),
      );
      assert.equal(esc.kind, 'emergency');
      const mine = json<{ items: { id: string }[] }>(
        await get(chief, '/api/v1/escalations?open=true&mine=true'),
      );
      assert.ok(mine.items.some((e) => e.id === escId));
    });
  });
}
