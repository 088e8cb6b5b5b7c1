/**
 * Demo step: a year of operations for vendor assessment (VA-1, VA-2). Faults are received,
 * dispatched, worked, rated, closed and followed up through the same services as the other
 * steps, under a clock moved month by month through the last twelve months, so every clock,
 * rating, follow-up and history entry agrees with the indicators computed from them.
 *
 * The three Guizhou vendors differ as the operator describes them: one reliably fast, one
 * slow in rural counties, one whose customers are often unhappy. Load follows the seasons
 * (quiet around the Spring Festival but slow to staff, busy in the summer storms), and each
 * past month is closed into a frozen scorecard.
 */

import type { Actor } from '../../../modules/access/policy.ts';
import { confirm, propose, suggestions } from '../../../modules/appointments/appointments.service.ts';
import { freeze } from '../../../modules/assessment/assessment.scorecards.ts';
import { recordSatisfaction, recordSignOff } from '../../../modules/closing/closing.service.ts';
import {
  checkIn,
  checklistOf,
  markChecklist,
  recordServiceRequest,
} from '../../../modules/onsite/onsite.service.ts';
import { generateReport } from '../../../modules/reports/reports.service.ts';
import { createOrder, recordFollowUp, transition } from '../../../modules/work-orders/work-orders.service.ts';
import { ManualClock } from '../../../shared/clock.ts';
import { type DemoState, type DemoStep, partnerOfPrefecture } from '../loader.ts';
import {
  actorWithRole,
  contactOf,
  dispatchOrder,
  leadActor,
  reload,
  SIGNATURE_PNG,
  symptomFor,
} from './work-orders.ts';

/** How a vendor works: a factor on every duration, rural slowness, and the ratings it earns. */
interface Profile {
  speed: number;
  rural: number;
  ratings: number[];
  followUp: number;
}

/** By the vendor's place in seed 004's list: fast; slow in rural counties; complaint-prone. */
const PROFILES: Profile[] = [
  { speed: 0.6, rural: 1, ratings: [5, 5, 5, 4], followUp: 0.95 },
  { speed: 1, rural: 2.6, ratings: [5, 4, 4, 3], followUp: 0.85 },
  { speed: 0.9, rural: 1.2, ratings: [2, 3, 3, 4, 1], followUp: 0.6 },
];

/** Orders per month relative to the base, and how much slower work is (Spring Festival, storms). */
function season(month: number): { load: number; slow: number } {
  if (month === 1 || month === 2) return { load: 0.7, slow: 1.6 };
  if (month >= 6 && month <= 8) return { load: 1.6, slow: 1.2 };
  return { load: 1, slow: 1 };
}

/** The first instant of each of the twelve months before `today` (Asia/Shanghai midnight, in UTC). */
function pastMonths(today: string): { start: Date; month: string }[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 13 + i, 1) - 8 * 3_600_000);
    const local = new Date(d.getTime() + 8 * 3_600_000);
    return {
      start: d,
      month: `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`,
    };
  });
}

export const assessmentHistoryStep: DemoStep = {
  name: 'a year of assessment history',
  async run(base) {
    const clock = new ManualClock(base.ctx.clock.now());
    // The same state with the moved clock: every service below reads the time from it.
    const s: DemoState = { ...base, ctx: { ...base.ctx, clock } };
    const callCenter = await actorWithRole(s, 'call_center');
    const dispatcher = await actorWithRole(s, 'dispatcher');
    const manager = await actorWithRole(s, 'area_service_manager');
    const director = await actorWithRole(s, 'after_sales_director');
    const units = s.equipment.filter((e) => s.sites.some((x) => x.id === e.siteId));
    if (units.length === 0) return 'no equipment, no history';
    const perMonth = s.scale.name === 'full' ? 12 : 2;
    const months = pastMonths(s.today);
    const plan = months.map((m) => {
      const { load } = season(Number(m.month.slice(5)));
      return Math.max(1, Math.round(perMonth * load));
    });
    const report = s.progress(
      'assessment history',
      plan.reduce((n, k) => n + k, 0),
    );
    let done = 0;
    let closedOrders = 0;
    for (const [i, m] of months.entries()) {
      const { slow } = season(Number(m.month.slice(5)));
      // Receipts spread over the month's first 25 days, in order, each worked to its end.
      const step = (25 * 24 * 60) / plan[i]!;
      for (let k = 0; k < plan[i]!; k++) {
        clock.set(new Date(m.start.getTime() + (k * step + s.rng.int(60, Math.floor(step / 2))) * 60_000));
        const closed = await workOneFault(s, clock, { callCenter, dispatcher, manager }, units, slow);
        if (closed) closedOrders += 1;
        report(++done);
      }
    }
    // Each month but the last is closed a few days after it ends, freezing its scorecard.
    for (const m of months.slice(0, -1)) {
      const next = months[months.indexOf(m) + 1]!;
      clock.set(new Date(next.start.getTime() + 3 * 86_400_000));
      await freeze(s.ctx, director, m.month, null);
    }
    return `${done} faults over 12 months (${closedOrders} closed and rated), ${months.length - 1} months closed`;
  },
};

/** One fault from receipt to closing and follow-up, the clock moving as each vendor would take. */
async function workOneFault(
  s: DemoState,
  clock: ManualClock,
  desk: { callCenter: Actor; dispatcher: Actor; manager: Actor },
  units: DemoState['equipment'],
  slow: number,
): Promise<boolean> {
  // A few units fail again and again: repeat faults have something to count.
  const unit = s.rng.chance(0.3) ? units[0]! : s.rng.pick(units);
  const site = s.sites.find((x) => x.id === unit.siteId)!;
  const profile = PROFILES[s.partners.indexOf(partnerOfPrefecture(s, site.prefectureCode))] ?? PROFILES[1]!;
  const factor = profile.speed * slow * (site.areaClass === 'rural' ? profile.rural : 1);
  const wait = (lo: number, hi: number) => clock.advanceMinutes(Math.round(s.rng.int(lo, hi) * factor));
  const contact = await contactOf(s.ctx, site.customerId);
  const critical = s.rng.chance(0.2);
  let order = await createOrder(s.ctx, desk.callCenter, {
    type: 'fault_repair',
    channel: s.rng.pick(['call_center', 'customer_call', 'hotline_400', 'eoms_import']),
    severity: critical ? 'critical' : s.rng.pick(['major', 'minor', 'minor']),
    customerId: site.customerId,
    contactName: contact?.name ?? '值班联系人',
    contactPhone: contact?.phone ?? '0851-00000000',
    siteId: site.id,
    equipmentId: unit.id,
    occurredAt: new Date(clock.now().getTime() - 20 * 60_000).toISOString(),
    symptom: symptomFor(s, unit.product),
    suspectedCause: null,
    foundHow: '客户报障',
    impacts: critical ? { serviceInterruption: true } : {},
  });
  wait(3, 20);
  order = await transition(s.ctx, desk.callCenter, order.id, 'accepted');
  wait(5, 30);
  order = await dispatchOrder(s, desk.dispatcher, desk.manager, order);
  if (order.state !== 'dispatched') return false;
  const lead = await leadActor(s, order);
  if (!critical) {
    // WO-5: the first window offered, agreed by phone; the engineer sets out before it.
    const { windows } = await suggestions(s.ctx, lead, order.id, 120, 3);
    const w = windows[0];
    if (!w) return false;
    const a = await propose(s.ctx, lead, order.id, { windowStart: w.start, windowEnd: w.end });
    await confirm(s.ctx, lead, a.id, 'phone');
    clock.set(new Date(Math.max(clock.now().getTime(), Date.parse(w.start) - 40 * 60_000)));
  }
  order = await transition(s.ctx, lead, order.id, 'en_route');
  wait(30, 120);
  await checkIn(s.ctx, lead, order.id, { lat: site.lat, lng: site.lng });
  await recordServiceRequest(s.ctx, lead, order.id, {
    scopeOfWork: '故障排查与修复',
    signerName: order.contact_name,
    signaturePngBase64: SIGNATURE_PNG,
  });
  for (const c of await checklistOf(s.ctx, await reload(s, order.id)))
    if (c.item.required === 1) await markChecklist(s.ctx, lead, order.id, c.item.id, { done: true });
  wait(40, 240);
  await transition(s.ctx, lead, order.id, 'service_restored');
  wait(30, 300);
  await transition(s.ctx, lead, order.id, 'resolved');
  wait(10, 60);
  await recordSignOff(
    s.ctx,
    lead,
    order.id,
    { signerName: order.contact_name, signaturePngBase64: SIGNATURE_PNG, opinion: '业务已恢复' },
    'staff',
  );
  await recordSatisfaction(s.ctx, lead, order.id, { score: s.rng.pick(profile.ratings) }, 'staff');
  await generateReport(s.ctx, lead, order.id, { workDone: '现场排查并修复故障', cause: '设备故障' });
  await transition(s.ctx, desk.callCenter, order.id, 'closed');
  // WO-10: the follow-up, answered the next day by most vendors, forgotten by the weakest.
  const fu = await s.ctx.db
    .selectFrom('follow_ups')
    .select('id')
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (fu && s.rng.chance(profile.followUp)) {
    clock.advanceMinutes(24 * 60);
    await recordFollowUp(s.ctx, desk.callCenter, fu.id, {
      outcome: 'running_normally',
      notes: '客户反馈设备运行正常',
    });
  }
  return true;
}
