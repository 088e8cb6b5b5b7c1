/**
 * Work-order rules (domain.md §2): types, channels, 5W1H intake (WO-1), severity (WO-2), the
 * state machine, ownership (WO-3, WO-4, SL-4), follow-up (WO-10). Pure functions, no I/O.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import { isOneOf } from '../../shared/vocabulary.ts';
import {
  CHANNELS,
  type Severity,
  STATES,
  type State,
  stateLabels,
  WORK_ORDER_TYPES,
  type WorkOrderType,
} from './work-orders.labels.ts';

export {
  CHANNELS,
  type Channel,
  channelLabels,
  SEVERITIES,
  type Severity,
  STATES,
  type State,
  severityLabels,
  stateLabels,
  typeLabels,
  WORK_ORDER_TYPES,
  type WorkOrderType,
} from './work-orders.labels.ts';

/** States in which the order is still open (not closed, not cancelled). */
export const OPEN_STATES: readonly State[] = STATES.filter((s) => s !== 'closed' && s !== 'cancelled');

/** Whether an order in this state is still open (the one test, from OPEN_STATES). */
export function isOpenState(state: string): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

/** Where a state may go next. Cancelling is possible until the work is resolved; reopening after. */
export function nextStates(from: State): readonly State[] {
  switch (from) {
    case 'received':
      return ['accepted', 'cancelled'];
    case 'accepted':
      return ['dispatched', 'cancelled'];
    case 'dispatched':
      return ['appointment_agreed', 'en_route', 'cancelled'];
    case 'appointment_agreed':
      return ['en_route', 'dispatched', 'cancelled'];
    case 'en_route':
      return ['on_site', 'appointment_agreed', 'cancelled'];
    case 'on_site':
      return ['service_restored', 'resolved', 'cancelled'];
    case 'service_restored':
      return ['resolved'];
    case 'resolved':
      return ['signed_off', 'accepted'];
    case 'signed_off':
      return ['closed', 'accepted'];
    case 'closed':
      return ['accepted'];
    case 'cancelled':
      return [];
    default: {
      const never: never = from;
      return never;
    }
  }
}

/** What kind of move a transition is: moving forward, cancelling, or reopening a finished order. */
export type TransitionKind = 'advance' | 'cancel' | 'reopen';

// The vocabularies of the order's child records (typed columns in work-orders.tables.ts).

/** Lead and helper work the order; support was forwarded for advice (the owner keeps it, WO-3). */
export type AssignmentRole = 'lead' | 'helper' | 'support';
export type HandoverState = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export type FollowUpState = 'open' | 'done';
export type FollowUpOutcome = 'running_normally' | 'problem';
export type ScopeReviewKind = 'outside_scope' | 'contract_expired';
/** How a customer notice reached the contact (a template's `note` is recorded as phone). */
export const CUSTOMER_NOTICE_CHANNELS = ['phone', 'sms', 'email', 'visit'] as const;
export type CustomerNoticeChannel = (typeof CUSTOMER_NOTICE_CHANNELS)[number];
export type ScopeDecision = 'accept' | 'decline';

/** Classifies a legal transition. */
export function transitionKind(from: State, to: State): TransitionKind {
  if (to === 'cancelled') return 'cancel';
  if (to === 'accepted' && (from === 'resolved' || from === 'signed_off' || from === 'closed'))
    return 'reopen';
  return 'advance';
}

function listStates(states: readonly State[], locale: 'zh-CN' | 'en'): string {
  if (states.length === 0) return locale === 'zh-CN' ? '（无，已是终态）' : '(none; it is final)';
  return states.map((s) => stateLabels[s][locale]).join(locale === 'zh-CN' ? '、' : ', ');
}

/**
 * Problems with moving an order from `from` to `to`: an illegal move names the states it may go
 * to; cancel and reopen need a reason; a dispatched order may skip the appointment only when critical.
 */
export function transitionProblems(
  from: State,
  to: State,
  opts: { reason?: string | null | undefined; severity: Severity },
): FieldProblem[] {
  const allowed = nextStates(from);
  if (!allowed.includes(to)) {
    return [
      problem(
        'to',
        `工单不能从“${stateLabels[from]['zh-CN']}”变为“${stateLabels[to]['zh-CN']}”；可以变为：${listStates(allowed, 'zh-CN')}`,
        `a work order cannot go from "${stateLabels[from].en}" to "${stateLabels[to].en}"; it may go to: ${listStates(allowed, 'en')}`,
      ),
    ];
  }
  const kind = transitionKind(from, to);
  const out: FieldProblem[] = [];
  if ((kind === 'cancel' || kind === 'reopen') && !opts.reason?.trim()) {
    out.push(
      kind === 'cancel'
        ? problem('reason', '取消工单必须填写原因', 'cancelling a work order needs a reason')
        : problem(
            'reason',
            '重开工单必须填写客户反映的问题',
            'reopening a work order needs what the customer reported',
          ),
    );
  }
  if (from === 'dispatched' && to === 'en_route' && opts.severity !== 'critical') {
    out.push(
      problem(
        'to',
        '只有关键工单可以不预约直接出发；请先与客户约定时间（WO-5）',
        'only a critical order may set off without an appointment; agree a time with the customer first (WO-5)',
      ),
    );
  }
  return out;
}

/** Impact flags of WO-2. */
export interface Impacts {
  serviceInterruption: boolean;
  kpiDegradation: boolean;
  billing: boolean;
}

/** WO-2: any impact makes the order critical whatever the reporter chose. */
export function effectiveSeverity(reported: Severity, impacts: Impacts): Severity {
  return impacts.serviceInterruption || impacts.kpiDegradation || impacts.billing ? 'critical' : reported;
}

const severityRank: Record<Severity, number> = { critical: 0, major: 1, minor: 2, advisory: 3 };

/** True when `to` is less severe than `from`. */
export function isDowngrade(from: Severity, to: Severity): boolean {
  return severityRank[to] > severityRank[from];
}

/**
 * WO-2 / SL-3: a downgrade needs a reason and a role allowed to downgrade; raising severity is
 * always allowed. The original stays in `reported_severity` and history.
 */
export function severityChangeProblems(
  from: Severity,
  to: Severity,
  opts: { reason?: string | null | undefined; mayDowngrade: boolean },
): FieldProblem[] {
  if (!isDowngrade(from, to)) return [];
  const out: FieldProblem[] = [];
  if (!opts.mayDowngrade) {
    out.push(
      problem(
        'severity',
        '只有经理可以降低工单等级',
        'only a manager may lower the severity of a work order',
      ),
    );
  }
  if (!opts.reason?.trim()) {
    out.push(problem('reason', '降低等级必须填写原因', 'lowering the severity needs a reason'));
  }
  return out;
}

/** What intake receives, before ids are resolved (5W1H). */
export interface IntakeFacts {
  type?: string | null | undefined;
  channel?: string | null | undefined;
  severity?: Severity | null | undefined;
  customerId?: string | null | undefined;
  customerName?: string | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  siteId?: string | null | undefined;
  address?: string | null | undefined;
  regionId?: string | null | undefined;
  equipmentId?: string | null | undefined;
  product?: string | null | undefined;
  occurredAt?: string | null | undefined;
  symptom?: string | null | undefined;
  alarms?: string | null | undefined;
  suspectedCause?: string | null | undefined;
  foundHow?: string | null | undefined;
  impacts?: Partial<Impacts> | undefined;
}

/** Types whose work is on a specific piece of equipment, so intake asks which (unless critical). */
export const EQUIPMENT_TYPES: readonly WorkOrderType[] = ['fault_repair', 'version_upgrade', 'inspection'];

const blank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === '';

/** Normalised impacts with every flag present. */
export function impactsOf(i: Partial<Impacts> | undefined): Impacts {
  return {
    serviceInterruption: i?.serviceInterruption === true,
    kpiDegradation: i?.kpiDegradation === true,
    billing: i?.billing === true,
  };
}

/**
 * WO-1: 5W1H completeness. Essentials (who, where, what, how it came in) are always required;
 * the "standard" fields (when it began, which equipment) are required for ordinary orders but
 * never block a critical one, which is taken at once and completed later. "Why" may be unknown.
 * Each missing field is named, in both languages.
 */
export function intakeProblems(f: IntakeFacts): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (blank(f.type)) out.push(problem('type', '请选择工单类型', 'the work order type is required'));
  else if (!isOneOf(WORK_ORDER_TYPES, f.type)) {
    out.push(problem('type', `未知的工单类型“${f.type}”`, `unknown work order type "${f.type}"`));
  }
  if (blank(f.channel))
    out.push(
      problem('channel', '请填写受理渠道（怎么发现的）', 'the intake channel (how it was found) is required'),
    );
  else if (!isOneOf(CHANNELS, f.channel)) {
    out.push(problem('channel', `未知的受理渠道“${f.channel}”`, `unknown intake channel "${f.channel}"`));
  }
  // Who
  if (blank(f.customerId) && blank(f.customerName)) {
    out.push(
      problem(
        'customerId',
        '请填写客户（谁）：客户编号或客户名称',
        'who: the customer (id or name) is required',
      ),
    );
  }
  if (blank(f.contactName))
    out.push(problem('contactName', '请填写客户联系人', 'who: the customer contact name is required'));
  if (blank(f.contactPhone))
    out.push(problem('contactPhone', '请填写联系电话', 'who: the contact phone is required'));
  // Where
  if (blank(f.siteId) && blank(f.address)) {
    out.push(problem('siteId', '请填写地点（哪里）：站点或地址', 'where: a site or an address is required'));
  }
  if (blank(f.siteId) && blank(f.regionId)) {
    out.push(
      problem('regionId', '没有站点时必须填写所属区域', 'where: without a site the region is required'),
    );
  }
  // What
  if (blank(f.symptom))
    out.push(problem('symptom', '请填写现象（什么问题）', 'what: the symptom is required'));
  const severity = effectiveSeverity(f.severity ?? 'minor', impactsOf(f.impacts));
  if (severity !== 'critical') {
    // When
    if (blank(f.occurredAt))
      out.push(
        problem('occurredAt', '请填写问题发生时间（何时）', 'when: the time the problem began is required'),
      );
    // Which equipment, for work done on equipment
    if (
      (EQUIPMENT_TYPES as readonly string[]).includes(f.type ?? '') &&
      blank(f.equipmentId) &&
      blank(f.product)
    ) {
      out.push(
        problem(
          'equipmentId',
          '请填写涉及的设备或产品',
          'where: the equipment or product concerned is required',
        ),
      );
    }
  }
  return out;
}

/** WO-10: closing a maintenance or upgrade order schedules a follow-up. */
export function needsFollowUp(type: WorkOrderType): boolean {
  switch (type) {
    case 'fault_repair':
    case 'inspection':
    case 'version_upgrade':
    case 'activation':
      return true;
    case 'eng_survey':
    case 'eng_installation':
    case 'eng_commissioning':
    case 'eng_acceptance':
    case 'network_optimisation':
    case 'complaint':
    case 'consultation':
      return false;
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** WO-10: the follow-up is due within 3 days of leaving the site (used when no follow-up deadline policy applies). */
export const FOLLOW_UP_DAYS = 3;

/** When the follow-up is due, counted from `closedAt` (the time the engineer left the site). */
export function followUpDueAt(closedAt: string, days = FOLLOW_UP_DAYS): string {
  return new Date(new Date(closedAt).getTime() + days * 86_400_000).toISOString();
}

/**
 * WO-4: problems with handing an order to someone else. The receiver must differ from the owner
 * and be able to own orders; only the owner or a coordinator may start it; a pending one blocks another.
 */
export function handoverProblems(input: {
  ownerId: string;
  toPersonId: string;
  toActive: boolean;
  toMayOwn: boolean;
  requestedByOwnerOrCoordinator: boolean;
  pendingExists: boolean;
  state: State;
}): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (input.state === 'closed' || input.state === 'cancelled') {
    out.push(problem('orderId', '已结束的工单不能移交', 'a finished order cannot be handed over'));
  }
  if (input.toPersonId === input.ownerId) {
    out.push(problem('toPersonId', '接收人已经是责任人', 'the receiver already owns the order'));
  }
  if (!input.toActive || !input.toMayOwn) {
    out.push(problem('toPersonId', '接收人不能承担工单责任', 'the receiver cannot own work orders'));
  }
  if (!input.requestedByOwnerOrCoordinator) {
    out.push(
      problem(
        'orderId',
        '只有责任人或调度/经理可以发起移交',
        'only the owner, a dispatcher or a manager may hand over',
      ),
    );
  }
  if (input.pendingExists) {
    out.push(
      problem('orderId', '该工单已有待接收的移交', 'the order already has a handover waiting for acceptance'),
    );
  }
  return out;
}

/**
 * A short reference for a new order: WO-YYYYMMDD-NNNN, the local receive day and that day's
 * sequence (at least four digits). Unique because the sequence is (see nextOrderSequence).
 */
export function orderNumber(localDay: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`bad order sequence ${sequence}`);
  return `WO-${localDay.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}
