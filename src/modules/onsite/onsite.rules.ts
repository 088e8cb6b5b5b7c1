/**
 * On-site and closing rules (WO-6, WO-7, WO-8, WO-9): what must be true before an order moves
 * on. Pure functions over plain facts; the service loads the facts, the guards apply these.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import { haversineKm } from '../dispatch/dispatch.rules.ts';

/** Things of the customer's an engineer may borrow or plug in, each needing consent (WO-6). */
export const CONSENT_ITEMS = ['customer_pc', 'usb_disk', 'phone', 'tools'] as const;
export type ConsentItem = (typeof CONSENT_ITEMS)[number];

export const consentLabels: Record<ConsentItem, Bilingual> = {
  customer_pc: { 'zh-CN': '客户电脑', en: 'customer PC' },
  usb_disk: { 'zh-CN': 'U 盘', en: 'USB disk' },
  phone: { 'zh-CN': '客户手机', en: 'customer phone' },
  tools: { 'zh-CN': '客户工具', en: "customer's tools" },
};

/** States in which an engineer works on site: checks in, records requests, consents, checklists and logs. */
export const ON_SITE_STATES: readonly string[] = ['on_site', 'service_restored'];

/** States in which an engineer may check in: arriving (en route) or coming back while work goes on. */
export const CHECK_IN_STATES: readonly string[] = ['en_route', 'on_site', 'service_restored'];

/** Work on one site longer than this many days needs a weekly report to the customer (WO-8). */
export const WEEKLY_REPORT_DAYS = 7;

/** A checklist item as configured. */
export interface ChecklistItem {
  id: string;
  order_type: string;
  code: string;
  label_zh: string;
  label_en: string;
  required: number;
  position: number;
  active: number;
}

/**
 * The checklist of an order type: the items for every type ('*') plus the type's own, where a
 * type's item with the same code replaces the general one (e.g. makes it optional). Inactive
 * items drop out. Ordered by position.
 */
export function checklistFor<T extends ChecklistItem>(items: readonly T[], orderType: string): T[] {
  const byCode = new Map<string, T>();
  for (const it of items) if (it.order_type === '*') byCode.set(it.code, it);
  for (const it of items) if (it.order_type === orderType) byCode.set(it.code, it);
  return [...byCode.values()]
    .filter((it) => it.active === 1)
    .sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
}

/** WO-6: the required checklist items not marked done, as one problem naming them. */
export function checklistProblems(
  checklist: readonly ChecklistItem[],
  doneItemIds: ReadonlySet<string>,
): FieldProblem[] {
  const open = checklist.filter((it) => it.required === 1 && !doneItemIds.has(it.id));
  if (open.length === 0) return [];
  return [
    problem(
      'checklist',
      `现场检查表还有必填项未完成：${open.map((i) => i.label_zh).join('、')}（WO-6）`,
      `required checklist items are still open: ${open.map((i) => i.label_en).join(', ')} (WO-6)`,
    ),
  ];
}

/** WO-6: the signed service request must exist before work on customer equipment can be reported done. */
export function serviceRequestProblems(hasSignedRequest: boolean): FieldProblem[] {
  return hasSignedRequest
    ? []
    : [
        problem(
          'serviceRequest',
          '操作客户设备前必须有客户负责人签字的《现场技术服务申请》（WO-6）',
          'a service request signed by the customer responsible is needed before operating customer equipment (WO-6)',
        ),
      ];
}

/** WO-7: a critical or major fault records service restoration separately, before it is resolved. */
export function restoreFirstProblems(order: {
  type: string;
  severity: string;
  restored_at: string | null;
}): FieldProblem[] {
  const applies =
    order.type === 'fault_repair' && (order.severity === 'critical' || order.severity === 'major');
  if (!applies || order.restored_at) return [];
  return [
    problem(
      'restoredAt',
      '关键/严重故障须先记录业务恢复时间（业务恢复），再记录故障解决（WO-7）',
      'for a critical or major fault, record the time service was restored before resolving it (WO-7)',
    ),
  ];
}

/** A critical fault on the site whose service is not restored yet. */
export interface UnrestoredCritical {
  number: string;
}

/**
 * WO-7: an engineer stays on site while it has an unrestored critical fault, unless someone
 * else is checked in there to take over.
 */
export function checkOutProblems(facts: {
  unrestoredCritical: readonly UnrestoredCritical[];
  othersCheckedIn: number;
}): FieldProblem[] {
  if (facts.unrestoredCritical.length === 0 || facts.othersCheckedIn > 0) return [];
  const numbers = facts.unrestoredCritical.map((o) => o.number).join(', ');
  return [
    problem(
      'checkOut',
      `站点仍有未恢复业务的关键故障（${numbers}），且没有其他人签到接替，不能签退（WO-7）`,
      `the site still has a critical fault whose service is not restored (${numbers}) and nobody else has checked in to take over; you cannot check out (WO-7)`,
    ),
  ];
}

/** WO-8: check-out needs the engineer's log of the day's work. */
export function dailyLogProblems(hasLogForToday: boolean, localDate: string): FieldProblem[] {
  return hasLogForToday
    ? []
    : [
        problem(
          'dailyLog',
          `签退前请填写 ${localDate} 的现场工作日志（WO-8）`,
          `write the site log for ${localDate} before checking out (WO-8)`,
        ),
      ];
}

/** Whole days between two instants. */
function daysBetween(fromIso: string, toIso: string): number {
  return Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);
}

/**
 * WO-8: how many weekly reports work begun at `firstCheckIn` owes by `now`: one for every full
 * week on site once the work has gone on for more than a week.
 */
export function weeklyReportsOwed(firstCheckIn: string | null, now: string): number {
  if (!firstCheckIn) return 0;
  const days = daysBetween(firstCheckIn, now);
  return days > WEEKLY_REPORT_DAYS ? Math.floor(days / WEEKLY_REPORT_DAYS) : 0;
}

/** WO-8: the problem when fewer weekly reports exist than are owed. */
export function weeklyReportProblems(owed: number, made: number): FieldProblem[] {
  if (made >= owed) return [];
  return [
    problem(
      'weeklyReport',
      `同一站点工作已超过一周，还欠客户 ${owed - made} 份周报（WO-8）`,
      `work on this site has gone on for more than a week; ${owed - made} weekly report(s) to the customer are missing (WO-8)`,
    ),
  ];
}

/** WO-9: the order needs a customer sign-off made after it was (last) resolved. */
export function signOffProblems(signedAfterResolve: boolean): FieldProblem[] {
  return signedAfterResolve
    ? []
    : [
        problem(
          'signOff',
          '关闭前须有客户签字确认（签名和意见）（WO-9）',
          "the customer's sign-off (signature and opinion) is required (WO-9)",
        ),
      ];
}

/** WO-9: a rating or a recorded refusal to rate. */
export function satisfactionProblems(recorded: boolean): FieldProblem[] {
  return recorded
    ? []
    : [
        problem(
          'satisfaction',
          '关闭前须记录客户满意度评分，或记录客户拒绝评价（WO-9）',
          "a satisfaction rating, or the customer's refusal to rate, must be recorded before closing (WO-9)",
        ),
      ];
}

/** WO-9: the report for the order's type, generated after the sign-off so it carries the signature. */
export function reportProblems(
  required: { zh: string; en: string } | null,
  present: boolean,
): FieldProblem[] {
  if (!required || present) return [];
  return [
    problem(
      'report',
      `关闭前须生成《${required.zh}》（在客户签字之后生成，以包含签名）（WO-9）`,
      `the ${required.en} must be generated before closing, after the customer's sign-off so it carries the signature (WO-9)`,
    ),
  ];
}

/**
 * WO-6: a check-in farther than this from the site, beyond what the phone's GPS accuracy
 * explains, is flagged to the dispatcher (never refused: the site's pin may be wrong).
 */
export const FAR_CHECK_IN_M = 500;

/** Where a position was given, measured against the site's pin. */
export interface PlaceCheck {
  /** Metres from the site, rounded; null without a position or a pinned site. */
  distanceM: number | null;
  /** Farther than FAR_CHECK_IN_M even when the whole accuracy radius is granted. */
  far: boolean;
}

/** Measures a reported position (with its accuracy radius in metres) against the site. */
export function placeCheck(
  pos: { lat: number | null; lng: number | null; accuracyM: number | null },
  site: { lat: number | null; lng: number | null } | null,
): PlaceCheck {
  if (pos.lat === null || pos.lng === null || !site || site.lat === null || site.lng === null)
    return { distanceM: null, far: false };
  const distanceM = Math.round(
    haversineKm({ lat: pos.lat, lng: pos.lng }, { lat: site.lat, lng: site.lng }) * 1000,
  );
  return { distanceM, far: distanceM - (pos.accuracyM ?? 0) > FAR_CHECK_IN_M };
}
