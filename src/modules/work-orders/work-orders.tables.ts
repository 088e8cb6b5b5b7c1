/**
 * Row types of the work-order tables (domain.md §2, DP-1). `DB` in src/db/schema.ts extends
 * this interface. Times are ISO-8601 UTC text, flags 0/1, JSON as text, on both databases.
 * Closed vocabularies are typed with their unions, so code reading a row needs no cast; the
 * values reach these columns only through zod schemas or the rules that produce them.
 */
import type { Channel, Severity, State, WorkOrderType } from './work-orders.labels.ts';
import type {
  AssignmentRole,
  CustomerNoticeChannel,
  FollowUpOutcome,
  FollowUpState,
  HandoverState,
  ScopeDecision,
  ScopeReviewKind,
  TransitionKind,
} from './work-orders.rules.ts';

export interface WorkOrderTable {
  id: string;
  /** Human-readable number, e.g. WO-20261102-0042 (the 42nd of that local day); unique. */
  number: string;
  type: WorkOrderType;
  channel: Channel;
  /** Severity in force (WO-2). */
  severity: Severity;
  /** What the reporter chose, kept even when the impact flags forced critical (WO-2, SL-3). */
  reported_severity: Severity;
  state: State;
  /** The state before cancellation, so a cancelled order still says how far it got. */
  cancelled_from: State | null;
  customer_id: string | null;
  customer_name: string | null;
  contact_name: string;
  contact_phone: string;
  contact_email: string | null;
  site_id: string | null;
  address: string | null;
  region_id: string;
  equipment_id: string | null;
  product: string | null;
  /** When the problem began (5W1H "when"). */
  occurred_at: string | null;
  symptom: string;
  alarms: string | null;
  suspected_cause: string | null;
  found_how: string | null;
  impact_interruption: number;
  impact_kpi: number;
  impact_billing: number;
  /** WO-3: the accountable person; never null (NOT NULL + foreign key). */
  owner_id: string;
  created_by: string | null;
  /** Partner of the lead engineer, so a partner sees the orders given to it (scope). */
  partner_id: string | null;
  /** Operator-side reference (EOMS number, webhook reference); unique per channel when given. */
  external_ref: string | null;
  /** Times the customer said it was not fixed (reopen counts as a repeat). */
  repeat_count: number;
  received_at: string;
  accepted_at: string | null;
  arrived_at: string | null;
  restored_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
  state_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface WorkOrderTransitionTable {
  id: string;
  order_id: string;
  from_state: State;
  to_state: State;
  kind: TransitionKind;
  at: string;
  actor_id: string | null;
  actor_label: string;
  reason: string | null;
}

export interface WorkOrderAssignmentTable {
  id: string;
  order_id: string;
  person_id: string;
  role: AssignmentRole;
  assigned_at: string;
  assigned_by: string | null;
  released_at: string | null;
  /** A manager's reason for overriding a failed eligibility check (DP-1, RS-3). */
  override_reason: string | null;
  override_by: string | null;
  note: string | null;
}

export interface WorkOrderHandoverTable {
  id: string;
  order_id: string;
  from_person_id: string;
  to_person_id: string;
  reason: string;
  state: HandoverState;
  requested_by: string | null;
  requested_at: string;
  decided_at: string | null;
  decision_note: string | null;
  /** 1 while pending, null otherwise: a unique index on (order_id, pending) allows one pending handover per order. */
  pending: number | null;
}

export interface CustomerNoticeTable {
  id: string;
  order_id: string;
  /**
   * handover | late | reschedule | outside_scope | engineer_changed | a template's purpose … Open:
   * each capability that tells the customer names its notice (templates depend on this module).
   */
  kind: string;
  recipient_name: string;
  recipient_phone: string | null;
  channel: CustomerNoticeChannel;
  body_zh: string;
  body_en: string;
  created_by: string | null;
  created_at: string;
}

export interface IdempotencyKeyTable {
  person_id: string;
  key: string;
  request_hash: string;
  order_id: string;
  created_at: string;
}

export interface FollowUpTable {
  id: string;
  order_id: string;
  due_at: string;
  state: FollowUpState;
  outcome: FollowUpOutcome | null;
  notes: string | null;
  revisit_needed: number;
  recorded_by: string | null;
  recorded_at: string | null;
  created_at: string;
}

export interface ScopeReviewTable {
  id: string;
  order_id: string;
  kind: ScopeReviewKind;
  reason: string;
  raised_by: string | null;
  raised_at: string;
  /** Null while waiting for a manager. */
  decision: ScopeDecision | null;
  way_forward: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

/** The last order number handed out on a local day (WO-YYYYMMDD-NNNN). */
export interface OrderNumberCounterTable {
  day: string;
  last: number;
}

/** The work-order tables. */
export interface WorkOrderTables {
  order_number_counters: OrderNumberCounterTable;
  work_orders: WorkOrderTable;
  work_order_transitions: WorkOrderTransitionTable;
  work_order_assignments: WorkOrderAssignmentTable;
  work_order_handovers: WorkOrderHandoverTable;
  customer_notices: CustomerNoticeTable;
  idempotency_keys: IdempotencyKeyTable;
  follow_ups: FollowUpTable;
  scope_reviews: ScopeReviewTable;
}
