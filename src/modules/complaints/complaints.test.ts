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

type Detail = {
  id: string;
  number: string;
  state: string;
  regionId: string;
  partnerId: string | null;
  customerId: string | null;
  ownerId: string | null;
  repeat: boolean;
  repeatOfId: string | null;
  acknowledgeDue: string;
  respondDue: string;
  resolveDue: string;
  replyText: string | null;
  actions: Array<{ id: string; state: string }>;
  overdue: { acknowledge: boolean; respond: boolean; resolve: boolean };
};

for (const kind of testDatabases) {
  describe(`complaints (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      // Sessions must outlive the months these tests move the clock through.
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 400 }) });
      w = await buildWorld(t);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: unknown) =>
      t.request({ method: 'POST', url, as, payload: payload as Record<string, unknown> });
    const intake = async () => {
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w));
      assert.equal(res.statusCode, 201, res.body);
      return json<{ id: string; number: string }>(res);
    };
    const complain = async (orderId: string, extra: Record<string, unknown> = {}) => {
      const res = await post(w.callCenter, '/api/v1/complaints', {
        source: 'hotline',
        category: 'attitude',
        severity: 'medium',
        summary: '工程师说这不是他的事',
        orderId,
        ...extra,
      });
      assert.equal(res.statusCode, 201, res.body);
      return json<Detail>(res);
    };
    const step = (id: string, s: string) => post(w.callCenter, `/api/v1/complaints/${id}/steps`, { step: s });

    test('CS-1 a complaint links to its order’s region and customer, owner is the receiver, deadlines come from the policy', async () => {
      t.clock.set('2026-11-03T02:00:00.000Z');
      const o = await intake();
      const c = await complain(o.id);
      assert.equal(c.state, 'open');
      assert.equal(c.regionId, w.regions.countyA1);
      assert.equal(c.customerId, w.customerId);
      assert.equal(c.ownerId, w.callCenter.personId);
      assert.match(c.number, /^TS-20261103-/);
      // medium: acknowledge 2 h, respond 24 h, resolve 3 days.
      assert.deepEqual(
        [c.acknowledgeDue, c.respondDue, c.resolveDue],
        ['2026-11-03T04:00:00.000Z', '2026-11-04T02:00:00.000Z', '2026-11-06T02:00:00.000Z'],
      );
      const policy = await t.request({
        method: 'PUT',
        url: '/api/v1/complaint-policies/attitude/high',
        as: w.callCenter,
        payload: { acknowledgeMinutes: 10, respondMinutes: 60, resolveMinutes: 600 },
      });
      assert.equal(policy.statusCode, 403);
      // Ten minutes past the acknowledge deadline: the first rung of the ladder only.
      t.clock.set('2026-11-03T04:10:00.000Z');
      const got = json<Detail>(
        await t.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, as: w.manager }),
      );
      assert.deepEqual(got.overdue, { acknowledge: true, respond: false, resolve: false });
      // The missed deadline is a timer: the owner, the ladder's first rung, is told and the miss is in history.
      await sweepOnce(t.ctx);
      const told = await t.ctx.db
        .selectFrom('notifications')
        .select(['person_id', 'title_zh'])
        .where('subject_id', '=', c.id)
        .execute();
      assert.deepEqual(told, [
        { person_id: w.callCenter.personId, title_zh: `投诉 ${c.number} 已超过受理时限` },
      ]);
      await sweepOnce(t.ctx);
      assert.equal(
        (await t.ctx.db.selectFrom('notifications').select('id').where('subject_id', '=', c.id).execute())
          .length,
        1,
      );
      const noRegion = await post(w.callCenter, '/api/v1/complaints', {
        source: 'operator',
        category: 'compliance',
        severity: 'high',
        summary: '违规操作',
      });
      assert.deepEqual(
        errorOf(noRegion).details.map((d) => d.field),
        ['regionId'],
      );
    });

    test('CS-1 a repeat about the same order or customer within 30 days is linked and flagged; later it is not', async () => {
      t.clock.set('2026-11-10T02:00:00.000Z');
      const o = await intake();
      const first = await complain(o.id);
      assert.equal(first.repeat, true, 'the same customer complained a week ago');
      t.clock.set('2026-11-12T02:00:00.000Z');
      const second = await complain(o.id);
      assert.equal(second.repeatOfId, first.id);
      t.clock.set('2027-01-20T02:00:00.000Z');
      const later = await complain(o.id);
      assert.equal(later.repeat, false);
      const list = await t.request({
        method: 'GET',
        url: '/api/v1/complaints?repeatOnly=true',
        as: w.callCenter,
      });
      assert.ok(json<{ items: Array<{ id: string }> }>(list).items.some((i) => i.id === second.id));
    });

    test('CS-1 resolve needs a root cause and a reply; a complaint cannot close with an open corrective action', async () => {
      t.clock.set('2027-03-01T02:00:00.000Z');
      const o = await intake();
      const c = await complain(o.id);
      assert.equal((await step(c.id, 'close')).statusCode, 422);
      assert.equal((await step(c.id, 'acknowledge')).statusCode, 200);
      const noCause = await step(c.id, 'resolve');
      assert.deepEqual(
        errorOf(noCause).details.map((d) => d.field),
        ['rootCause'],
      );
      await t.request({
        method: 'PATCH',
        url: `/api/v1/complaints/${c.id}`,
        as: w.callCenter,
        payload: { rootCause: '工程师服务意识不足，认为属于界面外工作', reason: '回访核实' },
      });
      const noReply = await step(c.id, 'resolve');
      assert.deepEqual(
        errorOf(noReply).details.map((d) => d.field),
        ['reply'],
      );
      // The reply goes through a template and the wording check: a blocked one is refused, nothing queued.
      const smsBefore = await t.ctx.db
        .selectFrom('outbound_messages')
        .select('id')
        .where('to_address', '=', '13800000001')
        .execute();
      const bad = await post(w.callCenter, `/api/v1/complaints/${c.id}/reply`, {
        templateCode: 'complaint.reply',
        values: { resolution: '这不是我们的事' },
      });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.equal(errorOf(bad).code, 'wording_blocked');
      const missing = await post(w.callCenter, `/api/v1/complaints/${c.id}/reply`, {
        templateCode: 'complaint.reply',
        values: {},
      });
      assert.deepEqual(
        errorOf(missing).details.map((d) => d.field),
        ['values.resolution'],
      );
      const ok = await post(w.callCenter, `/api/v1/complaints/${c.id}/reply`, {
        templateCode: 'complaint.reply',
        values: { resolution: '我们已安排主管上门致歉并完成处理' },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.match(json<Detail>(ok).replyText ?? '', /^刘工您好，关于您的投诉TS-/);
      const smsAfter = await t.ctx.db
        .selectFrom('outbound_messages')
        .select('id')
        .where('to_address', '=', '13800000001')
        .execute();
      assert.equal(smsAfter.length, smsBefore.length, 'the reply template is a note, not an SMS');
      const action = await post(w.callCenter, `/api/v1/complaints/${c.id}/actions`, {
        description: '全员学习服务规范',
        ownerId: w.manager.personId,
        dueDate: '2027-03-15',
      });
      assert.equal(action.statusCode, 201, action.body);
      const actionId = json<Detail>(action).actions[0]!.id;
      assert.equal((await step(c.id, 'resolve')).statusCode, 200);
      const blocked = await step(c.id, 'close');
      assert.equal(blocked.statusCode, 422);
      assert.deepEqual(
        errorOf(blocked).details.map((d) => d.field),
        ['actions'],
      );
      const done = await post(w.callCenter, `/api/v1/complaints/${c.id}/actions/${actionId}/done`, {
        note: '3月10日已完成培训并考试',
      });
      assert.equal(done.statusCode, 200, done.body);
      const closed = await step(c.id, 'close');
      assert.equal(json<Detail>(closed).state, 'closed');
      const hist = await t.request({
        method: 'GET',
        url: `/api/v1/complaints/${c.id}/history`,
        as: w.manager,
      });
      assert.deepEqual(
        json<{ items: Array<{ action: string }> }>(hist).items.map((e) => e.action),
        ['create', 'acknowledge', 'update', 'reply', 'action_added', 'resolve', 'action_done', 'close'],
      );
    });

    test('CS-1 a missed complaint deadline climbs the escalation ladder until the step is done', async () => {
      t.clock.set('2026-11-10T02:00:00.000Z');
      const o = await intake();
      const c = await complain(o.id);
      const told = async () =>
        (
          await t.ctx.db
            .selectFrom('notifications')
            .select(['person_id', 'title_zh'])
            .where('subject_id', '=', c.id)
            .orderBy('created_at')
            .execute()
        ).map((n) => [n.person_id, n.title_zh]);
      const title = `投诉 ${c.number} 已超过受理时限`;
      // Acknowledge was due at 04:00; the default ladder: owner at once, area manager after 30 minutes.
      t.clock.set('2026-11-10T04:05:00.000Z');
      await sweepOnce(t.ctx);
      assert.deepEqual(await told(), [[w.callCenter.personId, title]]);
      t.clock.set('2026-11-10T04:35:00.000Z');
      await sweepOnce(t.ctx);
      const climbed = await told();
      assert.ok(
        climbed.some(([p, tz]) => p === w.manager.personId && tz === `【未确认·第1次升级】${title}`),
        JSON.stringify(climbed),
      );
      const esc = await t.ctx.db
        .selectFrom('escalations')
        .select(['id', 'level', 'started_at'])
        .where('subject_id', '=', c.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([esc.level, esc.started_at], [1, '2026-11-10T04:00:00.000Z']);
      // Doing the step stops the climb: hours later nobody higher is woken.
      assert.equal((await step(c.id, 'acknowledge')).statusCode, 200);
      t.clock.set('2026-11-10T09:00:00.000Z');
      await sweepOnce(t.ctx);
      assert.deepEqual(await told(), climbed);
      const after = await t.ctx.db
        .selectFrom('escalations')
        .select(['level', 'next_at'])
        .where('id', '=', esc.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([after.level, after.next_at], [1, null]);
    });

    test('CS-1 the customer raises a complaint from the order link', async () => {
      const o = await intake();
      const link = json<{ token: string }>(
        await post(w.callCenter, `/api/v1/work-orders/${o.id}/customer-links`, {}),
      );
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/customer/orders/${link.token}/complaints`,
        payload: { category: 'response_time', summary: '等了两天还没人来' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const list = await t.request({
        method: 'GET',
        url: `/api/v1/complaints?orderId=${o.id}`,
        as: w.callCenter,
      });
      const items = json<{ items: Array<{ source: string; ownerId: string | null }> }>(list).items;
      assert.deepEqual(
        items.map((i) => [i.source, i.ownerId]),
        [['customer_link', null]],
      );
      const forged = await t.request({
        method: 'POST',
        url: `/api/v1/customer/orders/${link.token}x/complaints`,
        payload: { category: 'response_time', summary: 'x' },
      });
      assert.equal(forged.statusCode, 404);
    });

    test('CS-1 decided after locking: two people closing the same complaint at once — one wins, one is told', async () => {
      const o = await intake();
      const c = await complain(o.id);
      await step(c.id, 'acknowledge');
      await t.request({
        method: 'PATCH',
        url: `/api/v1/complaints/${c.id}`,
        as: w.callCenter,
        payload: { rootCause: '沟通不足' },
      });
      await post(w.callCenter, `/api/v1/complaints/${c.id}/reply`, {
        templateCode: 'complaint.attitude',
        values: {},
      });
      assert.equal((await step(c.id, 'resolve')).statusCode, 200);
      const results = await Promise.all([
        step(c.id, 'close'),
        post(w.manager, `/api/v1/complaints/${c.id}/steps`, { step: 'close' }),
      ]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 422]);
      const hist = await t.request({
        method: 'GET',
        url: `/api/v1/complaints/${c.id}/history`,
        as: w.manager,
      });
      assert.equal(
        json<{ items: Array<{ action: string }> }>(hist).items.filter((e) => e.action === 'close').length,
        1,
      );
    });

    test('CS-1 complaint deadlines count on the policy’s business calendar: a Friday-evening complaint is due on Monday', async () => {
      const admin = await t.personWith(['admin']);
      const cals = json<{ items: { id: string; code: string }[] }>(
        await t.request({ method: 'GET', url: '/api/v1/calendars', as: admin }),
      ).items;
      const standard = cals.find((c) => c.code === 'CN-STD')!;
      const put = (payload: Record<string, unknown>) =>
        t.request({
          method: 'PUT',
          url: '/api/v1/complaint-policies/technical_skill/low',
          as: admin,
          payload,
        });
      const unknown = await put({
        acknowledgeMinutes: 30,
        respondMinutes: 120,
        resolveMinutes: 480,
        calendarId: '00000000-0000-4000-8000-000000000000',
      });
      assert.equal(unknown.statusCode, 422, unknown.body);
      assert.equal(errorOf(unknown).details[0]?.field, 'calendarId');
      // More working time than the standard calendar holds: refused when configured, not at intake.
      const tooLong = await put({
        acknowledgeMinutes: 30,
        respondMinutes: 120,
        resolveMinutes: 525_600,
        calendarId: standard.id,
      });
      assert.equal(tooLong.statusCode, 422, tooLong.body);
      assert.equal(errorOf(tooLong).details[0]?.field, 'resolveMinutes');
      const set = await put({
        acknowledgeMinutes: 30,
        respondMinutes: 120,
        resolveMinutes: 480,
        calendarId: standard.id,
      });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal(json<{ calendarId: string }>(set).calendarId, standard.id);
      // Friday 2026-11-06 17:00 in Shanghai: one working hour left, then the weekend.
      t.clock.set('2026-11-06T09:00:00.000Z');
      const o = await intake();
      const c = await complain(o.id, { category: 'technical_skill', severity: 'low' });
      assert.deepEqual(
        [c.acknowledgeDue, c.respondDue, c.resolveDue],
        // Fri 17:30; Mon 09:30 (60 min Friday + 60 Monday); Mon 17:00 (60 + 420).
        ['2026-11-06T09:30:00.000Z', '2026-11-09T01:30:00.000Z', '2026-11-09T09:00:00.000Z'],
      );
    });
  });
}
