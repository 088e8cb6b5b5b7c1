/** Deadline rules (SL-1, WO-10, WO-11): which policy applies, which clocks stop when, at-risk. Pure. */
import type { ClockKind } from './deadlines.defaults.ts';

/** A policy row as the resolver sees it. */
export interface PolicyCandidate {
  order_type: string;
  severity: string;
  area_class: string;
  kind: string;
}

/**
 * The most specific policy for an order: an exact type beats '*', then an exact area class
 * beats '*'. Undefined when nothing matches (that kind of clock does not run).
 */
export function pickPolicy<P extends PolicyCandidate>(
  candidates: readonly P[],
  want: { orderType: string; severity: string; areaClass: string; kind: string },
): P | undefined {
  const score = (p: P) =>
    (p.order_type === want.orderType ? 2 : p.order_type === '*' ? 0 : -10) +
    (p.area_class === want.areaClass ? 1 : p.area_class === '*' ? 0 : -10);
  return candidates
    .filter((p) => p.severity === want.severity && p.kind === want.kind)
    .map((p) => ({ p, s: score(p) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => b.s - a.s)[0]?.p;
}

/** Clocks that start with a new order. */
export const INITIAL_CLOCKS: readonly ClockKind[] = ['respond', 'arrive', 'restore', 'resolve', 'update'];

/**
 * Which clocks an order's state meets: the customer is contacted once a time is agreed or the
 * engineer is on the way (respond), arrival checked in (arrive), service restored (restore),
 * resolved (resolve); closing or cancelling ends every clock of the open order.
 */
export function clocksMetBy(state: string): readonly ClockKind[] {
  switch (state) {
    case 'appointment_agreed':
    case 'en_route':
      return ['respond'];
    case 'on_site':
      return ['respond', 'arrive'];
    case 'service_restored':
      return ['respond', 'arrive', 'restore'];
    case 'resolved':
    case 'signed_off':
      return ['respond', 'arrive', 'restore', 'resolve'];
    case 'closed':
    case 'cancelled':
      return ['respond', 'arrive', 'restore', 'resolve', 'update'];
    default:
      return [];
  }
}

/** Clocks that start again when a finished order is reopened. */
export const REOPEN_CLOCKS: readonly ClockKind[] = ['restore', 'resolve', 'update'];

/** Reasons the clock may wait on the customer (SL-1). */
export const PAUSE_REASONS = ['customer_not_home', 'customer_postponed', 'awaiting_customer'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** At risk: running, not yet breached, with no more than `percent` of the budget left. */
export function isAtRisk(remainingMs: number, budgetMs: number, percent: number): boolean {
  return remainingMs > 0 && remainingMs <= (budgetMs * percent) / 100;
}

/** Bilingual names of the clocks, for notices and views. */
export const clockLabels: Record<ClockKind, { 'zh-CN': string; en: string }> = {
  respond: { 'zh-CN': '响应', en: 'respond' },
  arrive: { 'zh-CN': '到场', en: 'arrive' },
  restore: { 'zh-CN': '恢复业务', en: 'restore' },
  resolve: { 'zh-CN': '解决', en: 'resolve' },
  update: { 'zh-CN': '向客户通报进展', en: 'next customer update' },
  follow_up: { 'zh-CN': '回访', en: 'follow-up' },
};
