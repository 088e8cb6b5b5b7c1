/**
 * Row types of deadline policies, order clocks and pauses (domain.md §3). `DB` in src/db/schema.ts extends `DeadlineTables`.
 * Times are ISO-8601 UTC text, flags 0/1, JSON as text, on both databases. Closed vocabularies
 * are typed with their unions; '*' in a policy matches any value.
 */
import type { AreaClass, ClockKind, Severity } from './deadlines.defaults.ts';
import type { PauseReason } from './deadlines.rules.ts';

export type ClockState = 'running' | 'paused' | 'stopped';

export interface DeadlinePolicyTable {
  id: string;
  /** A work-order type or '*' for any. */
  order_type: string;
  severity: Severity | '*';
  area_class: AreaClass | '*';
  kind: ClockKind;
  minutes: number;
  calendar_id: string;
  /** Warn when less than this share of the budget is left (percent). */
  at_risk_percent: number;
  created_at: string;
  updated_at: string;
}

export interface OrderClockTable {
  id: string;
  /** The record the clock belongs to: a work order, or (by `subject_type`) another record. */
  order_id: string;
  /** 'work_order', or another record type (an operation for its leftovers, MO-13). */
  subject_type: string;
  /**
   * A `ClockKind` on a work order's clock; another record's clock carries the kind its
   * capability registered (`registerSubjectClockKind`, e.g. 'leftover'), so the column stays open
   * and readers narrow it (`isWorkOrderClock`, `isOneOf(CLOCK_KINDS, kind)`).
   */
  kind: string;
  /** 1, 2, … for clocks that restart (the next customer update, WO-11). */
  seq: number;
  policy_id: string | null;
  calendar_id: string;
  budget_minutes: number;
  started_at: string;
  /** Null while paused (no due time until the customer is back). */
  due_at: string | null;
  state: ClockState;
  paused_ms: number;
  stopped_at: string | null;
  breached_at: string | null;
  /** Bumped on every recompute, pause and resume; a due timer of an older version does nothing. */
  version: number;
  /** A `WorkOrderType`, or on another record's clock its subject type (e.g. 'operation'). */
  order_type: string;
  /** '*' on another record's clock, which no policy chose. */
  severity: Severity | '*';
  area_class: AreaClass | '*';
  region_id: string;
  partner_id: string | null;
  owner_id: string;
  order_label: string;
  created_at: string;
  updated_at: string;
}

export interface OrderPauseTable {
  id: string;
  order_id: string;
  reason: PauseReason;
  note: string | null;
  started_at: string;
  ended_at: string | null;
  started_by: string | null;
  ended_by: string | null;
}

/** Every table of this capability. */
export interface DeadlineTables {
  deadline_policies: DeadlinePolicyTable;
  order_clocks: OrderClockTable;
  order_pauses: OrderPauseTable;
}
