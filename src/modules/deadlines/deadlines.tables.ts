/**
 * Row types of durable timers, calendars, deadline policies and clocks, escalations and
 * notifications (domain.md §3). `DB` in src/db/schema.ts extends `DeadlineTables`.
 * Times are ISO-8601 UTC text, flags 0/1, JSON as text, on both databases.
 */

export interface TimerTable {
  id: string;
  kind: string;
  /** JSON text handed to the handler. */
  payload: string;
  due_at: string;
  /** While set and in the future, a sweeper holds the timer (lease). */
  locked_until: string | null;
  /** Which sweeper holds or last held the lease. */
  locked_by: string | null;
  attempts: number;
  last_error: string | null;
  fired_at: string | null;
  /** Set when the timer gave up after its last retry; it is then out of the sweep. */
  dead_at: string | null;
  /** Unique when given: scheduling the same thing twice makes one timer. */
  dedupe_key: string | null;
  created_at: string;
}

export interface CalendarTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  /** 24x7 | business */
  mode: string;
  time_zone: string;
  /** JSON [[start,end],…][7], minutes after local midnight, Sunday first. */
  week_hours: string;
  /** JSON [[start,end],…]: hours of a make-up working day (调休). */
  makeup_hours: string;
  created_at: string;
  updated_at: string;
}

export interface CalendarDayTable {
  calendar_id: string;
  day: string;
  /** holiday | workday */
  kind: string;
  name: string;
}

export interface DeadlinePolicyTable {
  id: string;
  /** A work-order type or '*' for any. */
  order_type: string;
  severity: string;
  /** urban | county | rural | '*' */
  area_class: string;
  /** respond | arrive | restore | resolve | update | follow_up */
  kind: string;
  minutes: number;
  calendar_id: string;
  /** Warn when less than this share of the budget is left (percent). */
  at_risk_percent: number;
  created_at: string;
  updated_at: string;
}

export interface OrderClockTable {
  id: string;
  order_id: string;
  kind: string;
  /** 1, 2, … for clocks that restart (the next customer update, WO-11). */
  seq: number;
  policy_id: string | null;
  calendar_id: string;
  budget_minutes: number;
  started_at: string;
  /** Null while paused (no due time until the customer is back). */
  due_at: string | null;
  /** running | paused | stopped */
  state: string;
  paused_ms: number;
  stopped_at: string | null;
  breached_at: string | null;
  /** Bumped on every recompute, pause and resume; a due timer of an older version does nothing. */
  version: number;
  order_type: string;
  severity: string;
  area_class: string;
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
  /** customer_not_home | customer_postponed | awaiting_customer */
  reason: string;
  note: string | null;
  started_at: string;
  ended_at: string | null;
  started_by: string | null;
  ended_by: string | null;
}

export interface EscalationLadderTable {
  id: string;
  /** Null: the default ladder for regions without their own. */
  region_id: string | null;
  step_no: number;
  /** owner or a role name */
  role: string;
  /** Minutes after the escalation started at which this rung is notified. */
  after_minutes: number;
  created_at: string;
}

export interface EscalationTable {
  id: string;
  subject_type: string;
  subject_id: string;
  clock_id: string | null;
  /** breach | critical | emergency */
  kind: string;
  region_id: string;
  owner_id: string | null;
  title_zh: string;
  title_en: string;
  level: number;
  started_at: string;
  next_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  created_at: string;
}

export interface EscalationRecipientTable {
  escalation_id: string;
  person_id: string;
  level: number;
  notified_at: string;
}

export interface NotificationTable {
  id: string;
  person_id: string;
  kind: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  subject_type: string | null;
  subject_id: string | null;
  escalation_id: string | null;
  critical: number;
  created_at: string;
  read_at: string | null;
  /** Repeated escalations of one subject share a key; the inbox groups them (null: on its own). */
  group_key: string | null;
  escalation_level: number | null;
}

export interface OutboundMessageTable {
  id: string;
  notification_id: string | null;
  person_id: string | null;
  /** email | sms */
  channel: string;
  to_address: string;
  subject: string;
  body: string;
  critical: number;
  /** queued | sent | failed */
  status: string;
  attempts: number;
  last_error: string | null;
  /** Quiet hours: not sent before this instant (never set for critical notices). */
  not_before: string;
  provider_ref: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface SmsOutboxTable {
  id: string;
  message_id: string;
  to_address: string;
  body: string;
  created_at: string;
}

/** Every table of the deadlines, escalation and notification capability. */
export interface DeadlineTables {
  timers: TimerTable;
  calendars: CalendarTable;
  calendar_days: CalendarDayTable;
  deadline_policies: DeadlinePolicyTable;
  order_clocks: OrderClockTable;
  order_pauses: OrderPauseTable;
  escalation_ladders: EscalationLadderTable;
  escalations: EscalationTable;
  escalation_recipients: EscalationRecipientTable;
  notifications: NotificationTable;
  outbound_messages: OutboundMessageTable;
  sms_outbox: SmsOutboxTable;
}
