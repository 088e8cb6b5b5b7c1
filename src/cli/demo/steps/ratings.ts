/**
 * Demo step: closed, rated orders in each of the past six months (CS-2), so the satisfaction
 * trend has a line to draw. Each order is taken, dispatched, worked on site, signed off, rated,
 * reported and closed through the same services as the work-orders step, under a clock moved
 * back into its month — so ratings, closing times and history carry that month's dates.
 * Scores improve over the half-year (seed 003's corrective actions taking effect), with the
 * odd refusal to rate, so the chart shows a trend and a response rate below 100 %.
 */
import type { AppContext } from '../../../app/context.ts';
import { recordSatisfaction } from '../../../modules/closing/closing.service.ts';
import { generateReport } from '../../../modules/reports/reports.service.ts';
import { createOrder, transition } from '../../../modules/work-orders/work-orders.service.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { DemoState, DemoStep } from '../loader.ts';
import {
  actorWithRole,
  agreeAppointment,
  contactOf,
  dispatchOrder,
  leadActor,
  symptomFor,
  workOnSite,
} from './work-orders.ts';

/** Scores to draw from, oldest month first: the share of 4–5 grows month by month. */
const SCORES_BY_AGE: readonly (readonly number[])[] = [
  [2, 3, 3, 4, 5],
  [3, 3, 4, 4, 5],
  [3, 4, 4, 5, 5],
  [3, 4, 5, 5, 5],
  [4, 4, 5, 5, 5],
  [4, 5, 5, 5, 5],
];

/**
 * A clock starting at `from` that moves a millisecond each time it is read: every record of one
 * order gets its own, increasing time, while the order's agreed window (suggested from the
 * time of asking) has not started by the time it is confirmed; the run stays repeatable.
 */
function movedClock(from: Date): Clock {
  let t = from.getTime();
  return {
    now: () => {
      t += 1;
      return new Date(t);
    },
  };
}

export const ratingsStep: DemoStep = {
  name: 'ratings',
  async run(s) {
    const callCenter = await actorWithRole(s, 'call_center');
    const dispatcher = await actorWithRole(s, 'dispatcher');
    const manager = await actorWithRole(s, 'area_service_manager');
    const units = s.equipment.filter((e) => s.sites.some((x) => x.id === e.siteId));
    if (units.length === 0) return 'no equipment, no rated orders';
    // Each order is a dozen service calls: the small set (for tests) stays quick without them;
    // the full demo, the default, carries the half-year trend.
    if (s.scale.name !== 'full') return 'none in the small demo';
    const perMonth = 4;
    const today = s.ctx.clock.now();
    const report = s.progress('rated orders', 6 * perMonth);
    let rated = 0;
    let refused = 0;
    for (let age = 5; age >= 0; age--) {
      for (let k = 0; k < perMonth; k++) {
        // A working morning in the calendar month `age` months back, at least two days before
        // today so the order's own course (the clock moves as it is read) stays in the past.
        const day = new Date(
          Date.UTC(
            today.getUTCFullYear(),
            today.getUTCMonth() - age,
            s.rng.int(1, 25),
            1 + s.rng.int(0, 4),
            s.rng.int(0, 59),
          ),
        );
        const latest = today.getTime() - 2 * 86_400_000;
        if (day.getTime() > latest) day.setTime(latest);
        const ctx: AppContext = { ...s.ctx, clock: movedClock(day) };
        const then: DemoState = { ...s, ctx };
        const unit = s.rng.pick(units);
        const site = s.sites.find((x) => x.id === unit.siteId)!;
        const contact = await contactOf(ctx, site.customerId);
        let order = await createOrder(ctx, callCenter, {
          type: 'fault_repair',
          channel: s.rng.pick(['call_center', 'customer_call', 'hotline_400'] as const),
          severity: s.rng.pick(['major', 'minor', 'minor'] as const),
          customerId: site.customerId,
          contactName: contact?.name ?? '值班联系人',
          contactPhone: contact?.phone ?? '0851-00000000',
          siteId: site.id,
          equipmentId: unit.id,
          occurredAt: new Date(day.getTime() - s.rng.int(10, 240) * 60_000).toISOString(),
          symptom: symptomFor(s, unit.product),
          suspectedCause: null,
          foundHow: '客户报障',
          impacts: {},
        });
        order = await transition(ctx, callCenter, order.id, 'accepted');
        order = await dispatchOrder(then, dispatcher, manager, order);
        if (order.state === 'dispatched') order = await agreeAppointment(then, order);
        if (order.state !== 'appointment_agreed') continue;
        const lead = await leadActor(then, order);
        order = await transition(ctx, lead, order.id, 'en_route');
        order = await workOnSite(then, order, 'signed_off', callCenter);
        if (order.state !== 'signed_off') continue;
        // The first order of a month is always rated, so every month has a score.
        if (k > 0 && s.rng.chance(0.15)) {
          await recordSatisfaction(
            ctx,
            lead,
            order.id,
            { refused: true, comment: '客户表示不方便评价' },
            'staff',
          );
          refused += 1;
        } else {
          await recordSatisfaction(
            ctx,
            lead,
            order.id,
            { score: s.rng.pick(SCORES_BY_AGE[5 - age]!) },
            'staff',
          );
          rated += 1;
        }
        await generateReport(ctx, lead, order.id, {
          workDone: '现场排查告警，更换故障板卡，业务测试正常',
          cause: s.rng.pick(['板卡故障', '光模块老化', '尾纤弯折损耗过大']),
        });
        await transition(ctx, callCenter, order.id, 'closed');
        report(rated + refused);
      }
    }
    return `${rated} rated and ${refused} declined to rate, over six months`;
  },
};
