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
import { bootstrap } from '../../app/bootstrap.ts';
import { sweepOnce } from '../../jobs/timers.ts';
import { ManualClock } from '../../shared/clock.ts';
import { indicatorSource } from '../assessment/assessment.sources.ts';
import { api } from '../onsite/onsite.fixtures.ts';
import { buildWorld, PRODUCT, type World } from '../work-orders/work-orders.fixtures.ts';

type Plan = { id: string; nextAt: string | null; active: boolean };
type Inspection = {
  id: string;
  occurrence: string;
  dueAt: string;
  state: string;
  partnerId: string | null;
  findings?: { itemKey: string; workOrderId: string }[];
};
const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);
const CHECKLIST = [
  { key: 'optical_power', label: '上联口光功率', expected: '-8 ～ -25 dBm' },
  { key: 'fan', label: '风扇运转' },
  { key: 'dust', label: '机柜清洁' },
];
const allOk = CHECKLIST.map((c) => ({ key: c.key, ok: true }));

for (const kind of testDatabases) {
  describe(`inspection plans, inspections and findings (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    let plan: Plan;
    before(async () => {
      // The clock moves months ahead: sessions last long enough to follow it.
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 90 }) });
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());
    const { get, post, put, patch } = api({ request: (o) => t.request(o) } as TestApp);
    const inspectionsOf = async (as: Session, planId: string) =>
      json<{ items: Inspection[] }>(await get(as, `/api/v1/inspections?planId=${planId}`)).items;
    const sitePlan = (extra: Record<string, unknown> = {}) => ({
      name: '南明汇聚机房月度巡检',
      target: 'site',
      siteId: w.siteA1,
      equipmentClass: PRODUCT,
      partnerId: w.partnerId,
      recurrence: 'monthly',
      ...extra,
    });

    test('RS-5 a plan needs its equipment class checklist and a sane recurrence', async () => {
      const noList = await post(w.dispatcher, '/api/v1/inspection-plans', sitePlan());
      assert.equal(noList.statusCode, 422, noList.body);
      assert.deepEqual(fields(noList), ['equipmentClass']);
      const dup = await put(admin, '/api/v1/inspection-checklists', {
        equipmentClass: PRODUCT,
        items: [...CHECKLIST, CHECKLIST[0]],
      });
      assert.equal(dup.statusCode, 422, dup.body);
      assert.deepEqual(fields(dup), ['items.3.key']);
      const byDispatcher = await put(w.dispatcher, '/api/v1/inspection-checklists', {
        equipmentClass: PRODUCT,
        items: CHECKLIST,
      });
      assert.equal(byDispatcher.statusCode, 403);
      const ok = await put(admin, '/api/v1/inspection-checklists', {
        equipmentClass: PRODUCT,
        items: CHECKLIST,
      });
      assert.equal(ok.statusCode, 200, ok.body);
      for (const cron of ['every day', '* * * * *', null]) {
        const res = await post(
          w.dispatcher,
          '/api/v1/inspection-plans',
          sitePlan({ recurrence: 'cron', cron }),
        );
        assert.equal(res.statusCode, 422, `${cron}: ${res.body}`);
        assert.deepEqual(fields(res), ['cron']);
      }
      const noSite = await post(w.dispatcher, '/api/v1/inspection-plans', sitePlan({ siteId: null }));
      assert.deepEqual(fields(noSite), ['siteId']);
      const other = await post(
        w.partnerDispatcher,
        '/api/v1/inspection-plans',
        sitePlan({ partnerId: null }),
      );
      assert.equal(other.statusCode, 201, 'a partner plans for itself whatever it sends as null');
      assert.equal(json<{ partnerId: string }>(other).partnerId, w.partnerId);
      await patch(w.partnerDispatcher, `/api/v1/inspection-plans/${json<Plan>(other).id}`, { active: false });
    });

    test('RS-5 a monthly plan makes its inspection on the 1st at 09:00 local, once, due by the next', async () => {
      const res = await post(w.dispatcher, '/api/v1/inspection-plans', sitePlan());
      assert.equal(res.statusCode, 201, res.body);
      plan = json<Plan>(res);
      // The world's clock is Monday 2026-11-02 10:00 in Guiyang: the next 1st is December's.
      assert.equal(plan.nextAt, '2026-12-01T01:00:00.000Z');
      await sweepOnce(t.ctx);
      assert.equal((await inspectionsOf(w.dispatcher, plan.id)).length, 0, 'nothing before its time');
      t.clock.set('2026-12-01T01:00:00.000Z');
      await sweepOnce(t.ctx);
      await sweepOnce(t.ctx);
      const made = await inspectionsOf(w.partnerDispatcher, plan.id);
      assert.deepEqual(
        made.map((i) => [i.occurrence, i.dueAt, i.state, i.partnerId]),
        [['2026-12-01T01:00:00.000Z', '2027-01-01T01:00:00.000Z', 'open', w.partnerId]],
      );
      const calendar = json<{ items: Inspection[] }>(
        await get(
          w.dispatcher,
          '/api/v1/inspections?dueFrom=2027-01-01T00:00:00.000Z&dueTo=2027-01-02T00:00:00.000Z',
        ),
      ).items;
      assert.ok(
        calendar.some((i) => i.id === made[0]!.id),
        'the calendar lists it on its due day',
      );
    });

    test('RS-5 completing: every item answered, a fault becomes a fault order found by the engineer', async () => {
      const [insp] = await inspectionsOf(w.dispatcher, plan.id);
      const url = `/api/v1/inspections/${insp!.id}/complete`;
      const missing = await post(w.engCardExpired, url, { results: allOk.slice(1) });
      assert.equal(missing.statusCode, 422, missing.body);
      assert.deepEqual(fields(missing), ['results']);
      const noNote = await post(w.engCardExpired, url, {
        results: [{ key: 'optical_power', ok: false }, ...allOk.slice(1)],
      });
      assert.deepEqual(fields(noNote), ['results.0.note']);
      const faultNoContact = await post(w.engCardExpired, url, {
        results: [
          { key: 'optical_power', ok: false, reading: '-29 dBm', note: '光功率过低', fault: true },
          ...allOk.slice(1),
        ],
      });
      assert.deepEqual(fields(faultNoContact), ['contactName', 'contactPhone']);
      const unknown = await post(w.engCardExpired, url, { results: [...allOk, { key: 'smoke', ok: true }] });
      assert.deepEqual(fields(unknown), ['results.3.key']);
      assert.equal((await inspectionsOf(w.dispatcher, plan.id))[0]!.state, 'open', 'refusals leave it open');

      const done = await post(w.engCardExpired, url, {
        results: [
          { key: 'optical_power', ok: false, reading: '-29 dBm', note: '光功率过低', fault: true },
          ...allOk.slice(1),
        ],
        contactName: '机房值班王工',
        contactPhone: '13800000002',
      });
      assert.equal(done.statusCode, 200, done.body);
      const body = json<Inspection>(done);
      assert.equal(body.state, 'completed');
      assert.equal(body.findings!.length, 1);
      const order = json<{ type: string; channel: string; siteId: string; symptom: string }>(
        await get(w.dispatcher, `/api/v1/work-orders/${body.findings![0]!.workOrderId}`),
      );
      assert.equal(order.type, 'fault_repair');
      assert.equal(order.channel, 'engineer_found');
      assert.equal(order.siteId, w.siteA1);
      assert.match(order.symptom, /光功率过低/);
      const again = await post(w.engCardExpired, url, { results: allOk });
      assert.equal(again.statusCode, 409, again.body);
      const history = json<{ items: { action: string }[] }>(
        await get(admin, `/api/v1/inspections/${insp!.id}/history`),
      ).items.map((h) => h.action);
      assert.deepEqual(history, ['create', 'complete']);
    });

    test('RS-5 completion rate per region, partner and month, and the assessment source', async () => {
      const res = await get(w.manager, '/api/v1/inspection-completion?month=2026-12');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(json<{ items: unknown[] }>(res).items, [
        { regionId: w.regions.countyA1, partnerId: w.partnerId, planned: 1, completed: 1, rate: 100 },
      ]);
      const bad = await get(w.manager, '/api/v1/inspection-completion?month=2026-13');
      assert.equal(bad.statusCode, 400, 'a month that does not exist is refused');
      const source = indicatorSource('inspection_completion');
      assert.ok(source, 'inspections feed the vendor assessment');
      const rows = await source(t.ctx, {
        from: '2026-11-30T16:00:00.000Z',
        to: '2026-12-31T16:00:00.000Z',
        regionPath: null,
        scope: { kind: 'all' },
      });
      assert.deepEqual(rows, [{ partnerId: w.partnerId, count: 1, total: 1 }]);
      const elsewhere = await source(t.ctx, {
        from: '2026-11-30T16:00:00.000Z',
        to: '2026-12-31T16:00:00.000Z',
        regionPath: '/nowhere/',
        scope: { kind: 'all' },
      });
      assert.deepEqual(elsewhere, []);
    });

    test('RS-5 an equipment-class plan inspects every piece of the class under its region', async () => {
      const res = await post(w.dispatcher, '/api/v1/inspection-plans', {
        name: '贵阳 OLT 季度巡检',
        target: 'equipment_class',
        regionId: w.regions.prefA,
        equipmentClass: PRODUCT,
        recurrence: 'quarterly',
      });
      assert.equal(res.statusCode, 201, res.body);
      const q = json<Plan>(res);
      assert.equal(q.nextAt, '2027-01-01T01:00:00.000Z');
      t.clock.set('2027-01-01T01:00:00.000Z');
      await sweepOnce(t.ctx);
      const made = await inspectionsOf(w.dispatcher, q.id);
      assert.equal(made.length, 1, 'the one OLT in 贵阳 (the one in 遵义 is not under it)');
      assert.equal(made[0]!.dueAt, '2027-04-01T01:00:00.000Z');
      // Paused: the timer of the old schedule does nothing.
      const paused = await patch(w.dispatcher, `/api/v1/inspection-plans/${q.id}`, {
        active: false,
        reason: '停用',
      });
      assert.equal(json<Plan>(paused).nextAt, null);
      await sweepOnce({ ...t.ctx, clock: new ManualClock('2027-04-01T02:00:00.000Z') });
      assert.equal((await inspectionsOf(w.dispatcher, q.id)).length, 1);
    });
  });

  describe(`inspection plans across a restart (${kind})`, () => {
    test('RS-5 servers down over two periods: on start both periods are made, each exactly once', async () => {
      const t = await startTestApp(kind);
      try {
        const w = await buildWorld(t);
        const admin = await t.personWith(['admin']);
        const { post, put } = api(t);
        await put(admin, '/api/v1/inspection-checklists', { equipmentClass: PRODUCT, items: CHECKLIST });
        const res = await post(w.dispatcher, '/api/v1/inspection-plans', {
          name: '月度巡检',
          target: 'site',
          siteId: w.siteA1,
          equipmentClass: PRODUCT,
          recurrence: 'monthly',
        });
        assert.equal(res.statusCode, 201, res.body);
        const planId = json<Plan>(res).id;
        // The server stops; while it is down December's and January's occurrences pass.
        await t.app.close();
        const clock = new ManualClock('2027-01-15T00:00:00.000Z');
        const restarted = await bootstrap(t.ctx.config, {
          clock,
          log: { info() {}, warn() {}, error() {} },
          poolSize: 2,
        });
        try {
          await sweepOnce(restarted);
          await sweepOnce(restarted);
          const rows = await restarted.db
            .selectFrom('inspections')
            .select(['occurrence', 'due_at'])
            .where('plan_id', '=', planId)
            .orderBy('occurrence')
            .execute();
          assert.deepEqual(rows, [
            { occurrence: '2026-12-01T01:00:00.000Z', due_at: '2027-01-01T01:00:00.000Z' },
            { occurrence: '2027-01-01T01:00:00.000Z', due_at: '2027-02-01T01:00:00.000Z' },
          ]);
          const planAfter = await restarted.db
            .selectFrom('inspection_plans')
            .select('next_at')
            .where('id', '=', planId)
            .executeTakeFirstOrThrow();
          assert.equal(planAfter.next_at, '2027-02-01T01:00:00.000Z', 'waiting for February');
        } finally {
          await restarted.database.close();
        }
      } finally {
        await t.ctx.database.close().catch(() => {});
        await t.close().catch(() => {});
      }
    });
  });
}
