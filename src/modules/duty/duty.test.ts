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
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

const EN = { 'accept-language': 'en' };
type Candidate = { personId: string; eligible: boolean; gaps: string[]; reasons: string[] };
type Roster = {
  shifts: { id: string; personId: string; day: string; start: string; startsAt: string; endsAt: string }[];
  leave: { id: string; personId: string; from: string; to: string }[];
};

for (const kind of testDatabases) {
  describe(`duty roster API and DP-1 "on duty" (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: Record<string, unknown> = {}, headers = {}) =>
      t.request({ method: 'POST', url, as, payload, headers });
    const get = (as: Session, url: string) => t.request({ method: 'GET', url, as, headers: EN });
    const acceptedOrder = async () => {
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w));
      assert.equal(res.statusCode, 201, res.body);
      const o = json<{ id: string }>(res);
      const acc = await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
      assert.equal(acc.statusCode, 200, acc.body);
      return o.id;
    };
    const candidates = async (orderId: string) =>
      json<{ items: Candidate[] }>(await get(w.dispatcher, `/api/v1/work-orders/${orderId}/candidates`))
        .items;

    test('DP-1: a rostered engineer is a candidate only inside a shift; leave blocks; both show the reason', async () => {
      const orderId = await acceptedOrder();
      // No roster kept for anyone yet: nobody is judged on duty.
      const before = await candidates(orderId);
      assert.ok(before.find((c) => c.personId === w.engFar.personId)?.eligible);

      // The clock is Monday 2026-11-02 10:00 in Asia/Shanghai. engNear works day shifts, engFar evenings.
      const day = await post(w.dispatcher, '/api/v1/duty/shifts', {
        personId: w.engNear.personId,
        from: '2026-11-02',
        to: '2026-11-08',
        weekdays: [1, 2, 3, 4, 5],
        start: '08:30',
        end: '17:30',
      });
      assert.equal(day.statusCode, 201, day.body);
      assert.deepEqual(json<{ days: string[] }>(day).days, [
        '2026-11-02',
        '2026-11-03',
        '2026-11-04',
        '2026-11-05',
        '2026-11-06',
      ]);
      const evening = await post(w.dispatcher, '/api/v1/duty/shifts', {
        personId: w.engFar.personId,
        from: '2026-11-02',
        to: '2026-11-02',
        start: '18:00',
        end: '22:00',
      });
      assert.equal(evening.statusCode, 201, evening.body);

      const now = await candidates(orderId);
      const near = now.find((c) => c.personId === w.engNear.personId);
      const far = now.find((c) => c.personId === w.engFar.personId);
      assert.equal(near?.eligible, true);
      assert.equal(far?.eligible, false);
      assert.deepEqual(far?.gaps, ['not_on_duty']);
      assert.ok(far?.reasons.includes('not on duty at that time'), far?.reasons.join('|'));
      assert.ok(now.indexOf(near!) < now.indexOf(far!), 'the eligible rank first');

      // Assigning someone off duty is refused with the reason, naming the field.
      const refused = await post(
        w.dispatcher,
        `/api/v1/work-orders/${orderId}/assignments`,
        { leadEngineerId: w.engFar.personId },
        EN,
      );
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(errorOf(refused).details[0]?.field, 'leadEngineerId');
      assert.match(errorOf(refused).details[0]?.message ?? '', /not on duty/);

      // Leave today takes engNear off the list; withdrawing it restores them.
      const leave = await post(w.dispatcher, '/api/v1/duty/leave', {
        personId: w.engNear.personId,
        from: '2026-11-02',
        to: '2026-11-03',
        kind: 'sick',
        reason: '发烧',
      });
      assert.equal(leave.statusCode, 201, leave.body);
      const onLeave = (await candidates(orderId)).find((c) => c.personId === w.engNear.personId);
      assert.deepEqual(onLeave?.gaps, ['on_leave']);
      assert.ok(onLeave?.reasons.includes('on leave that day'));
      const overlap = await post(w.dispatcher, '/api/v1/duty/leave', {
        personId: w.engNear.personId,
        from: '2026-11-03',
        to: '2026-11-04',
        kind: 'annual',
      });
      assert.equal(overlap.statusCode, 409);
      assert.equal(errorOf(overlap).details[0]?.field, 'from');
      const leaveId = json<{ id: string }>(leave).id;
      const cancelled = await post(w.dispatcher, `/api/v1/duty/leave/${leaveId}/cancel`, {
        reason: '已康复',
      });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(
        (await candidates(orderId)).find((c) => c.personId === w.engNear.personId)?.eligible,
        true,
      );
      assert.equal(
        (await post(w.dispatcher, `/api/v1/duty/leave/${leaveId}/cancel`, { reason: 'x' })).statusCode,
        404,
      );

      // A manager may still override with a reason (DP-1 override path), and it is recorded.
      const overridden = await post(w.manager, `/api/v1/work-orders/${orderId}/assignments`, {
        leadEngineerId: w.engFar.personId,
        overrideReason: '夜班人员提前到岗',
      });
      assert.equal(overridden.statusCode, 200, overridden.body);

      // The roster reads back; every change is in the person's history.
      const roster = json<Roster>(await get(w.dispatcher, '/api/v1/duty?from=2026-11-01&to=2026-11-30'));
      assert.equal(roster.shifts.filter((s) => s.personId === w.engNear.personId).length, 5);
      assert.equal(roster.leave.length, 0);
      const first = roster.shifts.find((s) => s.personId === w.engNear.personId && s.day === '2026-11-02');
      assert.equal(first?.startsAt, '2026-11-02T00:30:00.000Z');
      const hist = json<{ items: { action: string }[] }>(
        await get(w.manager, `/api/v1/people/${w.engNear.personId}/history`),
      ).items.map((h) => h.action);
      for (const a of ['duty_shifts_added', 'leave_added', 'leave_cancelled']) assert.ok(hist.includes(a), a);
    });

    test('a night shift runs past midnight; cancelling a shift takes it off; a rostered day cannot be doubled', async () => {
      const eng = w.engOtherRegion.personId;
      const night = await post(w.dispatcher, '/api/v1/duty/shifts', {
        personId: eng,
        from: '2026-11-10',
        to: '2026-11-10',
        start: '20:00',
        end: '08:00',
      });
      assert.equal(night.statusCode, 201, night.body);
      const roster = json<Roster>(
        await get(w.dispatcher, `/api/v1/duty?from=2026-11-10&to=2026-11-10&personId=${eng}`),
      );
      assert.equal(roster.shifts[0]?.startsAt, '2026-11-10T12:00:00.000Z');
      assert.equal(roster.shifts[0]?.endsAt, '2026-11-11T00:00:00.000Z');
      const again = await post(w.dispatcher, '/api/v1/duty/shifts', {
        personId: eng,
        from: '2026-11-09',
        to: '2026-11-11',
        start: '08:00',
        end: '12:00',
      });
      assert.equal(again.statusCode, 409);
      assert.match(errorOf(again).details[0]?.message ?? '', /2026-11-10/);
      const id = roster.shifts[0]!.id;
      assert.equal(
        (await post(w.dispatcher, `/api/v1/duty/shifts/${id}/cancel`, { reason: '调班' })).statusCode,
        200,
      );
      const after = json<Roster>(
        await get(w.dispatcher, `/api/v1/duty?from=2026-11-10&to=2026-11-10&personId=${eng}`),
      );
      assert.equal(after.shifts.length, 0);
      const now = await post(w.dispatcher, '/api/v1/duty/shifts', {
        personId: eng,
        from: '2026-11-09',
        to: '2026-11-11',
        start: '08:00',
        end: '12:00',
      });
      assert.equal(now.statusCode, 201, now.body);
    });

    test('bad input names the field; only roster keepers may change it; a partner sees only its own people', async () => {
      const base = {
        personId: w.engNear.personId,
        from: '2026-12-01',
        to: '2026-12-02',
        start: '08:00',
        end: '17:00',
      };
      const cases: [Record<string, unknown>, string, number][] = [
        [{ ...base, start: '25:00' }, 'start', 422],
        [{ ...base, end: '08:00' }, 'end', 422],
        [{ ...base, to: '2026-11-30' }, 'to', 422],
        [{ ...base, to: '2027-03-01' }, 'to', 422],
        [{ ...base, from: '2026-02-30' }, 'from', 422],
        [{ ...base, weekdays: [6], to: '2026-12-04' }, 'weekdays', 422],
        [{ ...base, weekdays: [8] }, 'weekdays.0', 422],
        [{ ...base, extra: 1 }, 'extra', 422],
      ];
      for (const [payload, field, status] of cases) {
        const res = await post(w.dispatcher, '/api/v1/duty/shifts', payload, EN);
        assert.equal(res.statusCode, status, `${field}: ${res.body}`);
        assert.equal(errorOf(res).details[0]?.field, field, res.body);
      }
      const ghost = await post(w.dispatcher, '/api/v1/duty/shifts', {
        ...base,
        personId: '01900000-0000-7000-8000-000000000000',
      });
      assert.equal(ghost.statusCode, 404);
      const byEngineer = await post(w.engNear, '/api/v1/duty/shifts', base);
      assert.equal(byEngineer.statusCode, 403);
      // The partner's dispatcher cannot roster (or see) own staff: 404, nothing written.
      const other = await post(w.partnerDispatcher, '/api/v1/duty/shifts', base);
      assert.equal(other.statusCode, 404);
      const own = await post(w.partnerDispatcher, '/api/v1/duty/shifts', {
        ...base,
        personId: w.engCardExpired.personId,
      });
      assert.equal(own.statusCode, 201, own.body);
      const seen = json<Roster>(await get(w.partnerDispatcher, '/api/v1/duty?from=2026-11-01&to=2026-12-31'));
      assert.ok(seen.shifts.length > 0);
      assert.ok(seen.shifts.every((s) => s.personId === w.engCardExpired.personId));
      const all = json<Roster>(await get(w.dispatcher, '/api/v1/duty?from=2026-12-01&to=2026-12-31'));
      assert.equal(
        all.shifts.filter((s) => s.personId === w.engNear.personId).length,
        0,
        'refusals wrote nothing',
      );
    });
  });
}
