/**
 * A hand-computed month (2026-10, China Standard Time) for the assessment tests: rows written
 * straight into the tables so every expected figure can be worked out on paper (see
 * assessment.test.ts for the arithmetic).
 */
import type { TestApp } from '../../../test/harness.ts';
import { newId } from '../../shared/ids.ts';
import type { World } from '../work-orders/work-orders.fixtures.ts';

let n = 0;

interface OrderSpec {
  type: string;
  partnerId: string | null;
  regionId: string;
  siteId?: string | null;
  equipmentId?: string | null;
  received: string;
  resolved?: string | null;
  state?: string;
  repeatCount?: number;
}

interface ClockSpec {
  kind: string;
  started: string;
  stopped?: string | null;
  breached?: string | null;
  pausedMinutes?: number;
}

/** Writes the fixture's rows through the test app's database; returns the order ids by name. */
export function fixtureWriter(t: TestApp, w: World) {
  const db = t.ctx.db;
  const owner = w.manager.personId;
  const order = async (o: OrderSpec) => {
    n += 1;
    const id = newId();
    await db
      .insertInto('work_orders')
      .values({
        id,
        number: `VA-${Date.now()}-${n}`,
        type: o.type,
        channel: 'phone',
        severity: 'major',
        reported_severity: 'major',
        state: o.state ?? (o.resolved ? 'resolved' : 'accepted'),
        contact_name: '测试联系人',
        contact_phone: '13800000000',
        region_id: o.regionId,
        site_id: o.siteId ?? null,
        equipment_id: o.equipmentId ?? null,
        symptom: '测试',
        owner_id: owner,
        partner_id: o.partnerId,
        repeat_count: o.repeatCount ?? 0,
        received_at: o.received,
        resolved_at: o.resolved ?? null,
        state_changed_at: o.received,
        created_at: o.received,
        updated_at: o.received,
      } as never)
      .execute();
    return id;
  };
  const clock = async (orderId: string, partnerId: string | null, regionId: string, c: ClockSpec) => {
    const cal = await db
      .selectFrom('calendars')
      .select('id')
      .where('code', '=', 'ALWAYS')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('order_clocks')
      .values({
        id: newId(),
        order_id: orderId,
        kind: c.kind,
        seq: 1,
        calendar_id: cal.id,
        budget_minutes: 30,
        started_at: c.started,
        state: c.stopped ? 'stopped' : 'running',
        paused_ms: (c.pausedMinutes ?? 0) * 60_000,
        stopped_at: c.stopped ?? null,
        breached_at: c.breached ?? null,
        order_type: 'fault_repair',
        severity: 'major',
        area_class: 'urban',
        region_id: regionId,
        partner_id: partnerId,
        owner_id: owner,
        order_label: 'VA',
        created_at: c.started,
        updated_at: c.started,
      } as never)
      .execute();
  };
  const visit = (orderId: string, at: string) =>
    db
      .insertInto('site_visits')
      .values({ id: newId(), order_id: orderId, person_id: owner, check_in_at: at, created_at: at } as never)
      .execute();
  const followUp = (orderId: string, due: string, state: 'open' | 'done', recorded: string | null = null) =>
    db
      .insertInto('follow_ups')
      .values({
        id: newId(),
        order_id: orderId,
        due_at: due,
        state,
        recorded_at: recorded,
        created_at: due,
      } as never)
      .execute();
  const escalation = (
    orderId: string,
    regionId: string,
    started: string,
    level: number,
    acked: string | null,
  ) =>
    db
      .insertInto('escalations')
      .values({
        id: newId(),
        subject_type: 'work_order',
        subject_id: orderId,
        kind: 'breach',
        region_id: regionId,
        title_zh: '超时',
        title_en: 'Overdue',
        level,
        started_at: started,
        acknowledged_at: acked,
        created_at: started,
      } as never)
      .execute();
  const rating = (orderId: string, score: number | null, at: string) =>
    db
      .insertInto('satisfaction_ratings')
      .values({
        id: newId(),
        order_id: orderId,
        score,
        refused: score === null ? 1 : 0,
        via: 'staff',
        recorded_at: at,
      } as never)
      .execute();
  return { order, clock, visit, followUp, escalation, rating };
}

/**
 * October 2026 for 代维甲 (the world's partner) and own staff; the expected figures are worked
 * out in assessment.test.ts. Returns the order ids by name.
 */
export async function seedOctober(t: TestApp, w: World): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const P = w.partnerId;
  const f = fixtureWriter(t, w);
  const A1 = w.regions.countyA1;
  const A2 = w.regions.countyA2;
  const site = { siteId: w.siteA1, equipmentId: w.equipmentA1 };
  // Partner P (代维甲), all times UTC; October in China runs 2026-09-30T16:00Z – 2026-10-31T16:00Z.
  ids.F0 = await f.order({
    type: 'fault_repair',
    partnerId: P,
    regionId: A1,
    ...site,
    received: '2026-09-01T00:00:00.000Z',
    resolved: '2026-09-02T00:00:00.000Z',
  });
  ids.F1 = await f.order({
    type: 'fault_repair',
    partnerId: P,
    regionId: A1,
    ...site,
    received: '2026-10-05T02:00:00.000Z',
    resolved: '2026-10-05T08:00:00.000Z',
  });
  ids.F2 = await f.order({
    type: 'fault_repair',
    partnerId: P,
    regionId: A1,
    ...site,
    received: '2026-10-20T02:00:00.000Z',
    resolved: '2026-10-21T02:00:00.000Z',
    repeatCount: 1,
  });
  ids.F3 = await f.order({
    type: 'fault_repair',
    partnerId: P,
    regionId: A2,
    received: '2026-10-10T00:00:00.000Z',
    resolved: '2026-10-10T06:00:00.000Z',
  });
  ids.X = await f.order({
    type: 'fault_repair',
    partnerId: P,
    regionId: A2,
    received: '2026-10-11T00:00:00.000Z',
    state: 'cancelled',
  });
  ids.I1 = await f.order({
    type: 'activation',
    partnerId: P,
    regionId: A1,
    received: '2026-10-01T00:00:00.000Z',
    resolved: '2026-10-03T00:00:00.000Z',
  });
  ids.I2 = await f.order({
    type: 'activation',
    partnerId: P,
    regionId: A1,
    received: '2026-10-02T00:00:00.000Z',
    resolved: '2026-10-02T12:00:00.000Z',
  });
  ids.I3 = await f.order({
    type: 'eng_installation',
    partnerId: P,
    regionId: A1,
    received: '2026-09-28T00:00:00.000Z',
    resolved: '2026-10-01T00:00:00.000Z',
  });
  // Own staff, prefecture B.
  ids.O1 = await f.order({
    type: 'fault_repair',
    partnerId: null,
    regionId: w.regions.countyB1,
    siteId: w.siteB1,
    received: '2026-10-15T00:00:00.000Z',
    resolved: '2026-10-15T03:00:00.000Z',
  });

  await f.clock(ids.F1, P, A1, {
    kind: 'respond',
    started: '2026-10-05T02:00:00.000Z',
    stopped: '2026-10-05T02:20:00.000Z',
  });
  await f.clock(ids.F2, P, A1, {
    kind: 'respond',
    started: '2026-10-20T02:00:00.000Z',
    stopped: '2026-10-20T02:50:00.000Z',
    breached: '2026-10-20T02:30:00.000Z',
    pausedMinutes: 10,
  });
  await f.clock(ids.F3, P, A2, {
    kind: 'respond',
    started: '2026-10-10T00:00:00.000Z',
    stopped: '2026-10-10T00:10:00.000Z',
  });
  await f.clock(ids.I1, P, A1, {
    kind: 'respond',
    started: '2026-10-01T00:00:00.000Z',
    stopped: '2026-10-01T01:40:00.000Z',
    breached: '2026-10-01T00:30:00.000Z',
  });
  await f.clock(ids.F1, P, A1, {
    kind: 'restore',
    started: '2026-10-05T02:00:00.000Z',
    stopped: '2026-10-05T06:00:00.000Z',
  });
  await f.clock(ids.F2, P, A1, { kind: 'resolve', started: '2026-10-20T02:00:00.000Z' });

  await f.visit(ids.F1, '2026-10-05T03:00:00.000Z');
  await f.visit(ids.F2, '2026-10-20T04:00:00.000Z');
  await f.visit(ids.F3, '2026-10-10T01:00:00.000Z');
  await f.visit(ids.F3, '2026-10-10T04:00:00.000Z');
  await f.visit(ids.O1, '2026-10-15T01:00:00.000Z');

  await f.followUp(ids.F1, '2026-10-08T00:00:00.000Z', 'done', '2026-10-07T00:00:00.000Z');
  await f.followUp(ids.F2, '2026-10-24T00:00:00.000Z', 'done', '2026-10-25T00:00:00.000Z');
  await f.followUp(ids.F3, '2026-10-13T00:00:00.000Z', 'open');
  await f.followUp(ids.I1, '2026-11-02T00:00:00.000Z', 'open');

  await f.escalation(ids.F2, A1, '2026-10-20T03:00:00.000Z', 0, '2026-10-20T03:05:00.000Z');
  await f.escalation(ids.I1, A1, '2026-10-01T02:00:00.000Z', 2, '2026-10-01T05:00:00.000Z');
  await f.escalation(ids.F3, A2, '2026-10-10T02:00:00.000Z', 0, null);

  await f.rating(ids.F1, 5, '2026-10-06T00:00:00.000Z');
  await f.rating(ids.F2, 3, '2026-10-22T00:00:00.000Z');
  await f.rating(ids.F3, null, '2026-10-11T00:00:00.000Z');
  await f.rating(ids.I1, 4, '2026-10-04T00:00:00.000Z');
  await f.rating(ids.O1, 2, '2026-10-16T00:00:00.000Z');
  return ids;
}
