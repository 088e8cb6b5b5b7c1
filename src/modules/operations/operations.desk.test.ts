/**
 * The planner's and approver's desk through the API, on both databases: editing the window is
 * checked again (MO-1, MO-2) and after submission makes a new plan version (MO-3); the approval
 * inbox shows each person only what waits for them; a refusal needs a reason and sends the plan
 * back (MO-4); the watch roster shows who is on duty during each window (MO-8).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildOpsWorld, type OpsWorld, opsApi, submitted, WINDOW } from './operations.fixtures.ts';

const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);
const START = '2026-11-02T02:00:00.000Z';
/** The next night in Guiyang, 02:00–04:00 local. */
const NEXT_NIGHT = { windowStart: '2026-11-03T18:00:00.000Z', windowEnd: '2026-11-03T20:00:00.000Z' };

interface Inbox {
  items: { operation: { id: string }; task: string; role: string; approvedRoles: string[] }[];
}
interface Detail {
  state: string;
  planVersion: number;
  windowStart: string;
  plans: { version: number; plan: { window: { start: string } } }[];
  records: { kind: string; body: { reason?: string } }[];
}

for (const kind of testDatabases) {
  describe(`operations desk API (${kind})`, () => {
    let t: TestApp;
    let o: OpsWorld;
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 60 }) });
      o = await buildOpsWorld(t);
    });
    after(() => t.close());
    beforeEach(() => t.clock.set(START));

    test('MO-1, MO-2, MO-3 editing the window: checked again, one end alone refused, a new plan version after submission', async () => {
      const { get, patch, post } = opsApi(t);
      const id = await submitted(t, o);
      const daytime = await patch(o.lead, `/api/v1/operations/${id}`, {
        windowStart: '2026-11-03T06:00:00.000Z',
        windowEnd: '2026-11-03T07:00:00.000Z',
      });
      assert.equal(daytime.statusCode, 422);
      assert.deepEqual(fields(daytime), ['windowStart']);
      const half = await patch(o.lead, `/api/v1/operations/${id}`, { windowEnd: NEXT_NIGHT.windowEnd });
      assert.equal(half.statusCode, 422);
      assert.deepEqual(fields(half), ['windowStart']);
      // A freeze over the new night refuses it, naming the window.
      const freeze = await post(o.admin, '/api/v1/operation-freezes', {
        regionId: o.w.regions.prefA,
        startsAt: '2026-11-05T16:00:00.000Z',
        endsAt: '2026-11-06T16:00:00.000Z',
        reason: '重大活动保障',
      });
      assert.equal(freeze.statusCode, 201, freeze.body);
      const frozen = await patch(o.lead, `/api/v1/operations/${id}`, {
        windowStart: '2026-11-05T17:00:00.000Z',
        windowEnd: '2026-11-05T18:00:00.000Z',
      });
      assert.equal(frozen.statusCode, 422);
      assert.match(errorOf(frozen).details[0]!.message, /重大活动保障/);
      let d = json<Detail>(await get(o.lead, `/api/v1/operations/${id}`));
      assert.equal(d.windowStart, WINDOW.windowStart, 'nothing written by a refusal');
      // One approval on version 1, then the window moves: version 2 keeps the plan and needs it again.
      assert.equal((await post(o.escort, `/api/v1/operations/${id}/approvals`, {})).statusCode, 200);
      const moved = await patch(o.lead, `/api/v1/operations/${id}`, { ...NEXT_NIGHT, title: '改期扩容' });
      assert.equal(moved.statusCode, 200, moved.body);
      d = json<Detail>(await get(o.lead, `/api/v1/operations/${id}`));
      assert.equal(d.planVersion, 2);
      assert.equal(d.windowStart, NEXT_NIGHT.windowStart);
      assert.deepEqual(
        d.plans.map((p) => p.plan.window.start),
        [WINDOW.windowStart, NEXT_NIGHT.windowStart],
        'each version keeps the window it was planned for',
      );
      const inbox = json<Inbox>(await get(o.escort, '/api/v1/operation-approvals'));
      assert.ok(
        inbox.items.some((i) => i.operation.id === id && i.task === 'approve'),
        'the escort approves again',
      );
      const history = json<{ items: { action: string }[] }>(
        await get(o.lead, `/api/v1/operations/${id}/history`),
      );
      assert.ok(history.items.some((h) => h.action === 'edit'));
      // Once the work has started the window is fixed.
      const cancelled = await post(o.lead, `/api/v1/operations/${id}/transitions`, { to: 'cancelled' });
      assert.equal(cancelled.statusCode, 200);
      const late = await patch(o.lead, `/api/v1/operations/${id}`, { title: '晚了' });
      assert.equal(late.statusCode, 409);
      assert.deepEqual(fields(late), ['state']);
    });

    test('MO-3, MO-4 the approval inbox: review first, each role once; a refusal needs a reason and goes back to draft', async () => {
      const { get, post } = opsApi(t);
      const id = await submitted(t, o, { kind: 'cutover', title: '汇聚割接' });
      const waits = async (who: typeof o.pm) =>
        json<Inbox>(await get(who, '/api/v1/operation-approvals')).items.find((i) => i.operation.id === id);
      assert.equal((await waits(o.chief))?.task, 'review');
      assert.equal(await waits(o.pm), undefined, 'nothing to approve before the review');
      assert.equal((await get(o.lead, '/api/v1/operation-approvals')).statusCode, 403);
      assert.equal((await post(o.chief, `/api/v1/operations/${id}/review`, {})).statusCode, 200);
      assert.equal((await waits(o.pm))?.task, 'approve');
      assert.equal((await post(o.pm, `/api/v1/operations/${id}/approvals`, {})).statusCode, 200);
      assert.equal(await waits(o.pm), undefined, 'approved once, gone from the inbox');
      const escort = await waits(o.escort);
      assert.deepEqual(escort?.approvedRoles, ['project_manager']);
      // Refusing needs a reason; a person with no approving role may not refuse.
      const blank = await post(o.escort, `/api/v1/operations/${id}/refusals`, { reason: ' ' });
      assert.equal(blank.statusCode, 422);
      assert.deepEqual(fields(blank), ['reason']);
      assert.equal(
        (await post(o.monitor, `/api/v1/operations/${id}/refusals`, { reason: '不同意' })).statusCode,
        403,
      );
      const refused = await post(o.escort, `/api/v1/operations/${id}/refusals`, {
        reason: '回退方案未写明回退时长',
      });
      assert.equal(refused.statusCode, 200, refused.body);
      const d = json<Detail>(await get(o.lead, `/api/v1/operations/${id}`));
      assert.equal(d.state, 'draft');
      assert.equal(
        d.records.find((r) => r.kind === 'approval_refused')?.body.reason,
        '回退方案未写明回退时长',
      );
      assert.equal(await waits(o.escort), undefined, 'a draft waits for nobody');
      const again = await post(o.escort, `/api/v1/operations/${id}/refusals`, { reason: '再次' });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(fields(again), ['state']);
      // Resubmitted, the cutover goes through review again.
      assert.equal(
        (await post(o.lead, `/api/v1/operations/${id}/transitions`, { to: 'submitted' })).statusCode,
        200,
      );
      assert.equal((await waits(o.chief))?.task, 'review');
    });

    test('MO-8 the watch roster: lead and team with their rostered shifts around each window', async () => {
      const { get, post } = opsApi(t);
      const shift = await post(o.w.dispatcher, '/api/v1/duty/shifts', {
        personId: o.lead.personId,
        from: '2026-11-02',
        to: '2026-11-02',
        start: '20:00',
        end: '08:00',
      });
      assert.equal(shift.statusCode, 201, shift.body);
      const id = await submitted(t, o, { title: '值守名单', team: [o.w.engFar.personId] });
      const roster = json<{
        items: {
          operation: { id: string };
          crew: { personId: string; lead: boolean; name: string; shifts: unknown[] }[];
        }[];
      }>(
        await get(o.pm, `/api/v1/operation-roster?from=2026-11-02T00:00:00.000Z&to=2026-11-04T00:00:00.000Z`),
      );
      const entry = roster.items.find((i) => i.operation.id === id);
      assert.ok(entry, 'the operation is on the roster');
      const lead = entry.crew.find((c) => c.lead);
      assert.equal(lead?.personId, o.lead.personId);
      assert.equal(lead?.shifts.length, 1, 'the lead is rostered through the window');
      const far = entry.crew.find((c) => c.personId === o.w.engFar.personId);
      assert.deepEqual(far?.shifts, [], 'the team member has no shift: the gap shows');
      const wide = await get(
        o.pm,
        '/api/v1/operation-roster?from=2026-01-01T00:00:00.000Z&to=2026-12-31T00:00:00.000Z',
      );
      assert.equal(wide.statusCode, 422);
      assert.deepEqual(fields(wide), ['to']);
    });
  });
}
