/**
 * WO-5 appointments: a window inside the customer's working hours, in the site's time zone; late
 * notices before the window; what counts as missed. Pure.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import { hhmmToMinutes, localParts, localToUtc } from '../work-orders/local-time.ts';
import type { State } from '../work-orders/work-orders.labels.ts';

/** A site's working hours: ISO weekdays (1 = Monday) and local opening and closing times. */
export interface WorkingHours {
  days: number[];
  opens: string;
  closes: string;
  /** WO-5: any day, any hour (machine rooms, critical and major faults): the days and times do not bind. */
  aroundTheClock?: boolean;
}

/** One appointment-hours policy: '*' matches any customer, site class or severity. */
export interface AppointmentHoursPolicy {
  customerId: string;
  siteClass: string;
  severity: string;
  aroundTheClock: boolean;
}

/**
 * WO-5: whether an order's appointments may fall at any hour. The most specific matching policy
 * decides: one naming the customer beats one naming the site class, which beats one naming the
 * severity (so a home stays in business hours even for a critical fault, unless its customer
 * says otherwise). No match: the site's working hours.
 */
export function aroundTheClock(
  policies: readonly AppointmentHoursPolicy[],
  order: { customerId: string | null; siteClass: string | null; severity: string },
): boolean {
  let best: { weight: number; value: boolean } | null = null;
  for (const p of policies) {
    const parts = [
      [p.customerId, order.customerId, 4],
      [p.siteClass, order.siteClass, 2],
      [p.severity, order.severity, 1],
    ] as const;
    if (parts.some(([want, have]) => want !== '*' && want !== have)) continue;
    const weight = parts.reduce((w, [want, , value]) => w + (want === '*' ? 0 : value), 0);
    if (!best || weight > best.weight) best = { weight, value: p.aroundTheClock };
  }
  return best?.value ?? false;
}

/** The rulebook default when a site has none recorded: Monday–Friday 08:30–17:30 local time. */
export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], opens: '08:30', closes: '17:30' };

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Problems with a working-hours definition. */
export function workingHoursProblems(h: WorkingHours): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (h.days.length === 0 || h.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    out.push(problem('days', '工作日应为 1（周一）到 7（周日）', 'days must be 1 (Monday) to 7 (Sunday)'));
  }
  if (!HHMM.test(h.opens)) out.push(problem('opens', '时间格式应为 HH:MM', 'must be a time as HH:MM'));
  if (!HHMM.test(h.closes)) out.push(problem('closes', '时间格式应为 HH:MM', 'must be a time as HH:MM'));
  if (out.length === 0 && hhmmToMinutes(h.closes) <= hhmmToMinutes(h.opens)) {
    out.push(problem('closes', '下班时间必须晚于上班时间', 'closing must be after opening'));
  }
  return out;
}

const DAY_NAMES_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const DAY_NAMES_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * WO-5: a window must end after it starts, lie in the future, and (unless the order is worked
 * around the clock) fall on one working day between opening and closing in the site's time zone.
 */
export function windowProblems(
  window: { start: string; end: string },
  ctx: { now: string; timeZone: string; hours: WorkingHours },
): FieldProblem[] {
  const start = new Date(window.start);
  const end = new Date(window.end);
  if (end.getTime() <= start.getTime()) {
    return [problem('windowEnd', '结束时间必须晚于开始时间', 'the window must end after it starts')];
  }
  if (start.getTime() <= new Date(ctx.now).getTime()) {
    return [problem('windowStart', '预约时间必须在将来', 'the window must be in the future')];
  }
  if (ctx.hours.aroundTheClock) return [];
  const a = localParts(start, ctx.timeZone);
  const b = localParts(new Date(end.getTime() - 1), ctx.timeZone);
  const hoursText = {
    zh: `${ctx.hours.days.map((d) => DAY_NAMES_ZH[d]).join('、')} ${ctx.hours.opens}–${ctx.hours.closes}（${ctx.timeZone}）`,
    en: `${ctx.hours.days.map((d) => DAY_NAMES_EN[d]).join(', ')} ${ctx.hours.opens}–${ctx.hours.closes} (${ctx.timeZone})`,
  };
  if (a.date !== b.date || !ctx.hours.days.includes(a.weekday)) {
    return [
      problem(
        'windowStart',
        `预约须在客户的工作时间内：${hoursText.zh}`,
        `the window must be inside the customer's working hours: ${hoursText.en}`,
      ),
    ];
  }
  const endLocal = localParts(end, ctx.timeZone);
  const endMinutes = endLocal.date === a.date ? endLocal.minutes : 24 * 60;
  if (a.minutes < hhmmToMinutes(ctx.hours.opens) || endMinutes > hhmmToMinutes(ctx.hours.closes)) {
    return [
      problem(
        'windowStart',
        `预约须在客户的工作时间内：${hoursText.zh}`,
        `the window must be inside the customer's working hours: ${hoursText.en}`,
      ),
    ];
  }
  return [];
}

/**
 * The next `count` windows of `minutes` each inside working hours, starting no earlier than
 * `after` (rounded up to the half hour), for proposing times to the customer.
 */
export function suggestWindows(
  after: string,
  timeZone: string,
  hours: WorkingHours,
  minutes: number,
  count: number,
): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  const opens = hhmmToMinutes(hours.opens);
  const closes = hhmmToMinutes(hours.closes);
  // Strictly after `after`: a window that starts now is already too late to offer.
  let cursor = new Date((Math.floor(new Date(after).getTime() / 1_800_000) + 1) * 1_800_000);
  if (hours.aroundTheClock) {
    for (let i = 0; i < count; i++) {
      const start = new Date(cursor.getTime() + i * minutes * 60_000);
      out.push({
        start: start.toISOString(),
        end: new Date(start.getTime() + minutes * 60_000).toISOString(),
      });
    }
    return out;
  }
  for (let guard = 0; out.length < count && guard < 2000; guard++) {
    const p = localParts(cursor, timeZone);
    if (!hours.days.includes(p.weekday) || p.minutes + minutes > closes) {
      // Jump to the next day's opening time.
      const next = localToUtc(p.date, hours.opens, timeZone);
      cursor = new Date(next.getTime() + 86_400_000);
      const q = localParts(cursor, timeZone);
      cursor = localToUtc(q.date, hours.opens, timeZone);
      continue;
    }
    if (p.minutes < opens) {
      cursor = localToUtc(p.date, hours.opens, timeZone);
      continue;
    }
    out.push({
      start: cursor.toISOString(),
      end: new Date(cursor.getTime() + minutes * 60_000).toISOString(),
    });
    cursor = new Date(cursor.getTime() + minutes * 60_000);
  }
  return out;
}

/** The facts that decide whether a confirmed appointment was missed. */
export interface MissFacts {
  state: string;
  windowStart: string;
  windowEnd: string;
  arrivedAt: string | null;
  lateNoticeInTime: boolean;
}

/**
 * WO-5: a confirmed appointment is missed when its window has ended without the engineer
 * arriving within it, and nobody told the customer before the window started.
 */
export function isMissed(a: MissFacts, now: string): boolean {
  if (a.state !== 'confirmed') return false;
  if (new Date(now).getTime() < new Date(a.windowEnd).getTime()) return false;
  if (a.lateNoticeInTime) return false;
  return a.arrivedAt === null || a.arrivedAt > a.windowEnd;
}

/** Who may ask to move an appointment (recorded with every reschedule). */
export const RESCHEDULE_REQUESTERS = ['customer', 'engineer', 'dispatcher'] as const;
export type RescheduleRequester = (typeof RESCHEDULE_REQUESTERS)[number];

/**
 * WO-5: order states in which a visit can still be agreed or moved. Before dispatch there is no
 * one to send; once the engineer is on the way or on site there is nothing left to agree.
 */
export const APPOINTMENT_STATES: readonly string[] = ['dispatched', 'appointment_agreed', 'en_route'];

/**
 * Order states in which the visit is over: once the order is resolved its appointment no longer
 * holds a place on anyone's schedule, and the customer is offered nothing more about it.
 */
export const VISIT_OVER_STATES: readonly State[] = ['resolved', 'signed_off', 'closed', 'cancelled'];
