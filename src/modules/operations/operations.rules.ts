/**
 * Change control for major operations (domain.md §4, MO-1 … MO-13). Pure decisions: no I/O,
 * no clock reads — the caller passes the time and the records.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';

export const OPERATION_KINDS = [
  'cutover',
  'upgrade',
  'expansion',
  'restart',
  'board_swap',
  'switchover',
  'table_transfer',
  'security_variable',
  'timer_change',
  'online_data',
  'software_load',
  'power_cycle',
  'relocation',
  'drill',
  'service_test',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The evidence appended to an operation (operation_records.kind). */
export const OPERATION_RECORD_KINDS = [
  'notice',
  'version_ack',
  'approval_refused',
  'backup',
  'verification',
  'duty',
  'monitor_agreement',
  'emergency',
  'completion',
  'leftover',
  'leftover_closed',
] as const;
export type OperationRecordKind = (typeof OPERATION_RECORD_KINDS)[number];

export const OPERATION_STATES = [
  'draft',
  'submitted',
  'plan_reviewed',
  'approved',
  'notified',
  'ready',
  'in_progress',
  'verifying',
  'watching',
  'completed',
  'rolled_back',
  'cancelled',
  'aborted',
] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

export type StepState = 'pending' | 'running' | 'done' | 'failed';
export type VersionStatus = 'released' | 'restricted' | 'withdrawn';

/** MO-3: major cutovers and upgrades need the designated authority's plan review. */
export const needsPlanReview = (kind: OperationKind) => kind === 'cutover' || kind === 'upgrade';
/** MO-8: after these, someone is on duty on site for 24 hours and observation follows. */
export const needsWatch = (kind: OperationKind) =>
  kind === 'upgrade' || kind === 'expansion' || kind === 'cutover';
/** MO-10: these name a software version from the catalog. */
export const needsVersion = (kind: OperationKind) => kind === 'upgrade' || kind === 'software_load';

/** MO-4 default approvers: customer escort, office project manager, department chief / chief engineer. */
export const DEFAULT_APPROVERS = ['customer_escort', 'project_manager', 'department_chief'] as const;
/** The chief engineer (engineering manager) may sign in the department chief's place. */
export function approvalRoleOf(actorRoles: readonly string[], required: readonly string[]): string | null {
  for (const r of required) {
    if (actorRoles.includes(r)) return r;
    if (r === 'department_chief' && actorRoles.includes('engineering_manager')) return r;
  }
  return null;
}
/** MO-3 plan review is done by the department chief or the chief engineer. */
export const REVIEW_ROLES = ['department_chief', 'engineering_manager'] as const;
/** MO-4 written notice goes to the office deputy manager, the project manager and remote support. */
export const NOTICE_ROLES = ['office_manager', 'project_manager', 'engineering_manager'] as const;
/** MO-8 the customer's network-monitoring staff agree before the team leaves. */
export const MONITOR_ROLE = 'network_monitoring';

/** Who may move an operation where by a plain transition (the others have their own actions). */
const MOVES: Partial<Record<OperationState, OperationState[]>> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['cancelled'],
  plan_reviewed: ['cancelled'],
  approved: ['cancelled'],
  notified: ['ready', 'cancelled'],
  ready: ['cancelled'],
  in_progress: ['verifying', 'aborted', 'rolled_back'],
  verifying: ['watching', 'completed', 'rolled_back'],
  watching: ['completed'],
};

export function canMove(from: OperationState, to: OperationState): boolean {
  return MOVES[from]?.includes(to) ?? false;
}

/** States in which the plan may still be edited (a change after approval goes back to review). */
export const PLAN_EDITABLE: readonly OperationState[] = [
  'draft',
  'submitted',
  'plan_reviewed',
  'approved',
  'notified',
  'ready',
];

export interface PlanStep {
  title: string;
  expectedResult: string;
  rollbackStep: string;
  modifying: boolean;
  tableTransfer: boolean;
}
export interface PlanBody {
  steps: PlanStep[];
  rollbackPlan: string;
  risk: { impact: string; affectedServices: string; affectedSubscribers: number; likelihood: string };
  verificationSteps: string[];
}

/** MO-3: what a plan lacks before it can be submitted. */
export function planProblems(plan: PlanBody | null): FieldProblem[] {
  if (!plan) return [problem('plan', '没有操作方案', 'there is no plan')];
  const out: FieldProblem[] = [];
  if (plan.steps.length === 0) out.push(problem('plan.steps', '方案没有步骤', 'the plan has no steps'));
  plan.steps.forEach((s, i) => {
    if (!s.expectedResult.trim())
      out.push(
        problem(`plan.steps.${i}.expectedResult`, '步骤缺少预期结果', 'the step has no expected result'),
      );
    if (!s.rollbackStep.trim())
      out.push(problem(`plan.steps.${i}.rollbackStep`, '步骤缺少回退步骤', 'the step has no rollback step'));
  });
  if (!plan.rollbackPlan.trim())
    out.push(problem('plan.rollbackPlan', '缺少回退方案', 'the rollback plan is missing'));
  if (!plan.risk.impact.trim() || !plan.risk.likelihood.trim())
    out.push(problem('plan.risk', '缺少风险评估', 'the risk assessment is missing'));
  if (plan.verificationSteps.length === 0)
    out.push(
      problem('plan.verificationSteps', '缺少测试验证步骤', 'the test and verification steps are missing'),
    );
  return out;
}

/** A time-of-day span in minutes after local midnight; `end < start` wraps past midnight. */
export interface DaySpan {
  startMinute: number;
  endMinute: number;
}
/** MO-1 default maintenance window: 00:00–06:00 at the site. */
export const DEFAULT_WINDOW: DaySpan = { startMinute: 0, endMinute: 360 };

export function inSpan(minute: number, s: DaySpan): boolean {
  return s.startMinute <= s.endMinute
    ? minute >= s.startMinute && minute < s.endMinute
    : minute >= s.startMinute || minute < s.endMinute;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Minutes after local midnight of an instant in an IANA zone. */
export function localMinute(epochMs: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  let h = 0;
  let m = 0;
  for (const p of f.formatToParts(epochMs)) {
    if (p.type === 'hour') h = Number(p.value);
    if (p.type === 'minute') m = Number(p.value);
  }
  return h * 60 + m;
}

export interface SiteClock {
  name: string;
  timeZone: string;
  /** The site region's materialised path, so region freezes reach it (MO-2). */
  regionPath: string;
}
export interface Freeze {
  regionPath: string;
  startsAt: number;
  endsAt: number;
  reason: string;
}
export interface CalendarRules {
  window: DaySpan;
  peaks: DaySpan[];
  freezes: Freeze[];
}

const MINUTE = 60_000;
/** Longest window a single operation may book: one full day. */
export const MAX_WINDOW_MS = 24 * 60 * MINUTE;

/**
 * MO-1 and MO-2: every minute of [from, to) must lie inside the maintenance window and outside
 * any peak at EACH site's own time zone, and outside every freeze of the site's region or any
 * region above it. Checked minute by minute so daylight-saving jumps cannot slip through.
 * `field` names the input the problem is reported on.
 */
export function calendarProblems(
  from: number,
  to: number,
  sites: readonly SiteClock[],
  rules: CalendarRules,
  field: string,
): FieldProblem[] {
  if (!(to > from)) return [problem(field, '结束时间须晚于开始时间', 'the end must be after the start')];
  if (to - from > MAX_WINDOW_MS)
    return [
      problem(field, '一次操作的时间窗不能超过 24 小时', 'one operation window cannot exceed 24 hours'),
    ];
  const out: FieldProblem[] = [];
  for (const site of sites) {
    const freeze = rules.freezes.find(
      (f) => site.regionPath.startsWith(f.regionPath) && f.startsAt < to && f.endsAt > from,
    );
    if (freeze) {
      out.push(
        problem(
          field,
          `${site.name} 处于封网期（${freeze.reason}），禁止操作`,
          `${site.name} is in a network freeze (${freeze.reason}); no operation may run`,
        ),
      );
      continue;
    }
    for (let t = from; t < to; t += MINUTE) {
      const m = localMinute(t, site.timeZone);
      if (rules.peaks.some((p) => inSpan(m, p))) {
        out.push(
          problem(
            field,
            `${site.name} 当地时间处于话务高峰，禁止操作`,
            `${site.name} is in its traffic peak at local time; no operation may run`,
          ),
        );
        break;
      }
      if (!inSpan(m, rules.window)) {
        out.push(
          problem(
            field,
            `${site.name} 当地时间不在维护窗口（${hhmm(rules.window.startMinute)}–${hhmm(rules.window.endMinute)}）内`,
            `${site.name} is outside its maintenance window (${hhmm(rules.window.startMinute)}–${hhmm(rules.window.endMinute)} local time)`,
          ),
        );
        break;
      }
    }
  }
  return out;
}

export const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * MO-1 at the moment of starting: now must fall inside the booked window, and the rest of the
 * window [now, end) must still be allowed (freezes and rules may have changed since approval).
 */
export function startProblems(
  now: number,
  windowStart: number,
  windowEnd: number,
  sites: readonly SiteClock[],
  rules: CalendarRules,
): FieldProblem[] {
  if (now < windowStart || now >= windowEnd)
    return [
      problem('windowStart', '当前不在批准的操作时间窗内', 'now is outside the approved operation window'),
    ];
  return calendarProblems(now, windowEnd, sites, rules, 'windowStart');
}

/** MO-4: the approval roles for a kind in a region — the nearest region's rule wins, then the default. */
export function requiredApprovers(
  kind: OperationKind,
  regionChain: readonly string[],
  rules: readonly { kind: string; regionId: string | null; roles: string[] }[],
): string[] {
  for (const regionId of [...regionChain, null]) {
    const rule = rules.find((r) => r.kind === kind && r.regionId === regionId);
    if (rule) return rule.roles;
  }
  return [...DEFAULT_APPROVERS];
}

/**
 * MO-10 and MO-11: an upgrade or load names a released version (restricted only for a pilot);
 * a version never proven in the field goes to at most `pilotSize` sites until a pilot is verified.
 */
export function versionProblems(v: {
  status: VersionStatus;
  pilotSize: number;
  fieldProven: boolean;
  siteCount: number;
}): FieldProblem[] {
  if (v.status === 'withdrawn')
    return [
      problem('versionId', '该版本已撤回，不能使用', 'this version has been withdrawn and cannot be used'),
    ];
  const isPilot = v.siteCount <= v.pilotSize;
  if (v.status === 'restricted' && !isPilot)
    return [problem('versionId', '受限版本只能用于试点', 'a restricted version may only be used in a pilot')];
  if (!v.fieldProven && !isPilot)
    return [
      problem(
        'siteIds',
        `该版本尚未在现网验证，须先在不超过 ${v.pilotSize} 个站点试点并验证通过，才能批量升级`,
        `this version has not been proven in the field: a pilot on at most ${v.pilotSize} sites must be verified before a batch rollout`,
      ),
    ];
  return [];
}

/** MO-7: what a verification record must state. */
export interface Verification {
  callTests: string;
  billingRecords: string;
  callLoss: string;
  alarms: string;
  performance: string;
  passed: boolean;
}

/** A duty shift of the MO-8 watch: who was on site from when to when. */
export interface DutyShift {
  names: string[];
  from: number;
  to: number;
}

/** MO-8: the first 24 hours after the work must be covered by duty shifts, without a gap. */
export function firstGap(watchStart: number, shifts: readonly DutyShift[]): number | null {
  let covered = watchStart;
  const end = watchStart + 24 * 60 * MINUTE;
  const sorted = [...shifts].sort((a, b) => a.from - b.from);
  for (const s of sorted) {
    if (s.from > covered) return covered;
    covered = Math.max(covered, s.to);
    if (covered >= end) return null;
  }
  return covered >= end ? null : covered;
}

/** MO-8: what still keeps the team on site. */
export function watchProblems(w: {
  watchStart: number;
  now: number;
  observationDays: number;
  shifts: readonly DutyShift[];
  monitorAgreed: boolean;
}): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (firstGap(w.watchStart, w.shifts) !== null)
    out.push(
      problem(
        'dutyShifts',
        '前 24 小时须全程有人值守',
        'someone must be on duty for the whole first 24 hours',
      ),
    );
  if (w.now < w.watchStart + w.observationDays * 24 * 60 * MINUTE)
    out.push(
      problem(
        'observationDays',
        `观察期（${w.observationDays} 天）尚未结束`,
        `the observation period (${w.observationDays} days) is not over`,
      ),
    );
  if (!w.monitorAgreed)
    out.push(
      problem(
        'monitorAgreement',
        '用户网监尚未同意撤离',
        "the customer's network monitoring has not agreed to the team leaving",
      ),
    );
  return out;
}

/**
 * MO-3, MO-4: what an operation waiting for approval asks of one person — the plan review first
 * (cutovers and upgrades), then an approval in their role unless that role already signed the
 * current plan version; null when nothing waits for them.
 */
export function inboxTask(w: {
  kind: OperationKind;
  reviewed: boolean;
  reviewer: boolean;
  role: string | null;
  approvedRoles: readonly string[];
}): 'review' | 'approve' | null {
  if (needsPlanReview(w.kind) && !w.reviewed) return w.reviewer ? 'review' : null;
  if (w.role && !w.approvedRoles.includes(w.role)) return 'approve';
  return null;
}
