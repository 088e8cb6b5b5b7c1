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
