/**
 * VA-1 indicators fed by other capabilities, on a hand-computed October 2026 (China time):
 * complaints per 1,000 closed orders as the satisfaction figures count them (CS-2), and the
 * major-operation violations recorded (MO-9 emergencies, MO-12 steps outside the plan).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { newId } from '../../shared/ids.ts';
import { api } from '../onsite/onsite.fixtures.ts';
import { createPartner } from '../partners/partners.service.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';
import { fixtureWriter } from './assessment.fixtures.ts';

interface Value {
  value: number | null;
  sample: number;
  available: boolean;
}
interface View {
  partners: { partnerId: string | null; indicators: Record<string, Value> }[];
}

const M = '2026-10';

/** October: P closes 4 orders (one in county A2), own staff 2; complaints and operations below. */
async function seed(t: TestApp, w: World) {
  const db = t.ctx.db;
  const f = fixtureWriter(t, w);
  const P = w.partnerId;
  const { countyA1: A1, countyA2: A2 } = w.regions;
  const closed = async (partnerId: string | null, regionId: string, at: string) => {
    const id = await f.order({ type: 'fault_repair', partnerId, regionId, received: at, resolved: at });
    await db
      .updateTable('work_orders')
      .set({ state: 'closed', closed_at: at } as never)
      .where('id', '=', id)
      .execute();
    return id;
  };
  for (const at of ['2026-10-02T00:00:00.000Z', '2026-10-09T00:00:00.000Z', '2026-10-30T00:00:00.000Z'])
    await closed(P, A1, at);
  await closed(P, A2, '2026-10-12T00:00:00.000Z');
  // Closed on 1 November China time: November's.
  await closed(P, A1, '2026-10-31T17:00:00.000Z');
  await closed(null, A1, '2026-10-03T00:00:00.000Z');
  await closed(null, A2, '2026-10-04T00:00:00.000Z');

  const complaint = (partnerId: string | null, regionId: string, at: string) =>
    db
      .insertInto('complaints')
      .values({
        id: newId(),
        number: `TS-${newId()}`,
        source: 'hotline',
        category: 'attitude',
        severity: 'medium',
        state: 'open',
        summary: '测试投诉',
        contact_name: null,
        contact_phone: null,
        order_id: null,
        customer_id: null,
        engineer_id: null,
        partner_id: partnerId,
        region_id: regionId,
        owner_id: w.manager.personId,
        root_cause: null,
        repeat_of_id: null,
        acknowledge_due: at,
        respond_due: at,
        resolve_due: at,
        acknowledged_at: null,
        responded_at: null,
        resolved_at: null,
        closed_at: null,
        reply_text: null,
        created_by: null,
        created_at: at,
        updated_at: at,
      } as never)
      .execute();
  await complaint(P, A1, '2026-10-05T00:00:00.000Z');
  await complaint(P, A1, '2026-10-25T00:00:00.000Z');
  await complaint(P, A2, '2026-10-13T00:00:00.000Z');
  await complaint(P, A1, '2026-09-30T15:59:00.000Z'); // September in China
  await complaint(null, A2, '2026-10-06T00:00:00.000Z');

  const operation = async (partnerId: string | null, regionId: string) => {
    const id = newId();
    const at = '2026-10-01T00:00:00.000Z';
    await db
      .insertInto('operations')
      .values({
        id,
        kind: 'expansion',
        title: '测试扩容',
        state: 'in_progress',
        region_id: regionId,
        customer_id: w.customerId,
        partner_id: partnerId,
        lead_id: w.engNear.personId,
        team: '[]',
        work_order_id: null,
        product: 'P',
        version_id: null,
        window_start: at,
        window_end: at,
        plan_version: 1,
        reviewed_version: null,
        observation_days: 1,
        freeze_flagged_at: null,
        started_at: at,
        watch_started_at: null,
        completed_at: null,
        created_by: null,
        created_at: at,
        updated_at: at,
      } as never)
      .execute();
    return id;
  };
  const record = (operationId: string, kind: 'emergency' | 'backup', at: string) =>
    db
      .insertInto('operation_records')
      .values({
        id: newId(),
        operation_id: operationId,
        kind,
        body: '{}',
        recorded_by: null,
        recorded_at: at,
      })
      .execute();
  const step = (operationId: string, planStep: number | null, at: string) =>
    db
      .insertInto('operation_steps')
      .values({
        id: newId(),
        operation_id: operationId,
        plan_step: planStep,
        title: '步骤',
        modifying: 0,
        table_transfer: 0,
        reason: planStep === null ? '现场要求' : null,
        authorised_by: null,
        authorised_at: null,
        rechecked_by: null,
        rechecked_at: null,
        state: 'done',
        result: null,
        started_by: null,
        started_at: null,
        finished_at: null,
        created_at: at,
      } as never)
      .execute();
  const opP = await operation(P, A1);
  await record(opP, 'emergency', '2026-10-10T18:00:00.000Z');
  await record(opP, 'backup', '2026-10-10T17:00:00.000Z');
  await record(opP, 'emergency', '2026-11-03T18:00:00.000Z'); // November
  await step(opP, 0, '2026-10-10T17:30:00.000Z');
  await step(opP, null, '2026-10-10T17:40:00.000Z');
  const opOwn = await operation(null, A2);
  await record(opOwn, 'emergency', '2026-10-20T18:00:00.000Z');
}

for (const kind of testDatabases) {
  describe(`assessment indicators from complaints and operations (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let partnerManager: Session;
    let otherManager: Session;

    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      const other = await createPartner(
        t.ctx,
        { system: 'test' },
        { code: `VF${Date.now()}`, name: '代维丙', regionIds: [w.regions.prefB] },
      );
      partnerManager = await t.personWith(['area_service_manager'], {
        partnerId: w.partnerId,
        regionIds: [w.regions.prefA],
      });
      otherManager = await t.personWith(['area_service_manager'], {
        partnerId: other.id,
        regionIds: [w.regions.prefB],
      });
      await seed(t, w);
    });
    after(async () => {
      await t.close();
    });

    const view = async (as: Session, q = '') => {
      const r = await api(t).get(as, `/api/v1/assessment/indicators?month=${M}${q}`);
      assert.equal(r.statusCode, 200, r.body);
      const rows = json<View>(r).partners;
      return (partnerId: string | null) => rows.find((p) => p.partnerId === partnerId)?.indicators;
    };

    test('VA-1 / CS-2: complaints per 1,000 closed orders, the satisfaction figures’ own number', async () => {
      const of = await view(w.manager);
      // P: 3 October complaints over 4 orders closed in October = 750; own staff 1 over 2 = 500.
      assert.deepEqual(of(w.partnerId)!.complaints_per_1000, { value: 750, sample: 4, available: true });
      assert.deepEqual(of(null)!.complaints_per_1000, { value: 500, sample: 2, available: true });
      const dash = json<{ complaints: number; complaintsPer1000: number; closedOrders: number }>(
        await api(t).get(
          w.manager,
          '/api/v1/dashboard/satisfaction?from=2026-09-30T16:00:00.000Z&to=2026-10-31T16:00:00.000Z',
        ),
      );
      // 4 complaints over 6 closed orders: the sum of the partners' figures.
      assert.deepEqual([dash.complaints, dash.closedOrders, dash.complaintsPer1000], [4, 6, 666.7]);
      // County A2: P's one closed order and one complaint; own staff's one and one.
      const a2 = await view(w.manager, `&regionId=${w.regions.countyA2}`);
      assert.deepEqual(a2(w.partnerId)!.complaints_per_1000, { value: 1000, sample: 1, available: true });
      assert.deepEqual(a2(null)!.complaints_per_1000, { value: 1000, sample: 1, available: true });
    });

    test('VA-1 / MO-9 / MO-12: violations are emergencies and unplanned steps recorded in the month', async () => {
      const of = await view(w.manager);
      // P: one October emergency and one unplanned step (the planned step, the backup and the
      // November emergency do not count); own staff: one emergency.
      assert.deepEqual(of(w.partnerId)!.operation_violations, { value: 2, sample: 4, available: true });
      assert.equal(of(null)!.operation_violations!.value, 1);
      const a1 = await view(w.manager, `&regionId=${w.regions.countyA1}`);
      assert.equal(a1(w.partnerId)!.operation_violations!.value, 2);
      assert.equal(a1(null)?.operation_violations?.value ?? 0, 0, 'own staff’s operation is in A2');
    });

    test('VA-1: a partner sees only its own complaints and violations', async () => {
      const mine = await view(partnerManager);
      assert.equal(mine(w.partnerId)!.complaints_per_1000!.value, 750);
      assert.equal(mine(w.partnerId)!.operation_violations!.value, 2);
      assert.equal(mine(null), undefined);
      const theirs = await view(otherManager);
      assert.equal(theirs(w.partnerId), undefined);
      const only = await view(w.manager, `&partnerId=${w.partnerId}`);
      assert.equal(only(null), undefined, 'the asked partner only');
    });
  });
}
