/**
 * Clocks per order (SL-1, WO-10, WO-11): started from the policy for the order's type ×
 * severity × area class, due on the policy's calendar, paused while waiting on the customer
 * (paused time never counts), recomputed from the original start when severity changes, and
 * watched by a durable timer that breaches the clock and starts the escalation (SL-2).
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { type RecurringJob, registerRecurringJob } from '../../jobs/sweeper.ts';
import {
  registerTimerHandler,
  scheduleTimer,
  scheduleTimers,
  type TimerHandler,
  type TimerSpec,
} from '../../jobs/timers.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { isOneOf } from '../../shared/vocabulary.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { personIdOf } from '../access/principal.ts';
import {
  addBusinessMinutes,
  dueWithPauses,
  elapsedWithPauses,
  MINUTE_MS,
  type PauseSpan,
  type WorkCalendar,
} from '../calendars/calendars.rules.ts';
import { loadCalendar, withinCalendar } from '../calendars/calendars.service.ts';
import { startEscalation } from '../escalation/escalation.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { type AreaClass, CLOCK_KINDS, type ClockKind, type Severity } from './deadlines.defaults.ts';
import { pausesByOrder, requestLookups } from './deadlines.lookups.ts';
import * as repo from './deadlines.repository.ts';
import { clockLabels, isAtRisk, type PauseReason, pickPolicy } from './deadlines.rules.ts';
import { isWorkOrderClock, subjectClockNotice, WORK_ORDER_SUBJECT } from './deadlines.subject-kinds.ts';
import type { OrderClockTable, OrderPauseTable } from './deadlines.tables.ts';

export const DUE_TIMER = 'deadline.due';

/** What the clocks need to know about an order. */
export interface ClockSubject {
  orderId: string;
  /** The order's number, shown in notices. */
  label: string;
  orderType: string;
  severity: Severity;
  areaClass: AreaClass;
  regionId: string;
  partnerId: string | null;
  ownerId: string;
}

/** Checks run when a clock falls due, so a clock met outside the state machine stops quietly. */
export type DueCheck = (
  tx: AppContext,
  clock: OrderClockTable,
) => Promise<{ metAt: string; restart?: boolean } | null>;
const dueChecks = new Map<string, DueCheck>();

/** Lets the order side say "this clock was met" at due time (a customer update recorded, a follow-up done). */
export function registerDueCheck(kind: ClockKind, check: DueCheck): void {
  dueChecks.set(kind, check);
}

function spans(pauses: readonly OrderPauseTable[]): PauseSpan[] {
  return pauses.map((p) => ({
    from: Date.parse(p.started_at),
    to: p.ended_at ? Date.parse(p.ended_at) : null,
  }));
}

async function computeDue(
  tx: AppContext,
  cal: WorkCalendar,
  startedAt: string,
  budgetMinutes: number,
  orderId: string,
): Promise<string | null> {
  const pauses = spans(await repo.pausesOf(tx.db, orderId));
  // A policy is checked when it is set, but its calendar may lose working days later.
  const due = withinCalendar('deadlinePolicy.minutes', () =>
    dueWithPauses(cal, Date.parse(startedAt), budgetMinutes * MINUTE_MS, pauses),
  );
  return due === null ? null : new Date(due).toISOString();
}

/** The timer that breaches a running clock at its due time (one per clock version). */
function dueTimerOf(clock: Pick<OrderClockTable, 'id' | 'version' | 'due_at'>): TimerSpec {
  return {
    kind: DUE_TIMER,
    dueAt: clock.due_at ?? '',
    payload: { clockId: clock.id, version: clock.version },
    dedupeKey: `due:${clock.id}:${clock.version}`,
  };
}

/** Arms the due timer of a clock's current version (each version has its own timer). */
export async function armTimer(tx: AppContext, clock: Pick<OrderClockTable, 'id' | 'version' | 'due_at'>) {
  if (clock.due_at) await scheduleTimer(tx, dueTimerOf(clock));
}

async function resolvePolicy(tx: AppContext, subject: ClockSubject, kind: ClockKind) {
  return pickPolicy(await repo.policiesFor(tx.db, subject.severity, kind), {
    orderType: subject.orderType,
    severity: subject.severity,
    areaClass: subject.areaClass,
    kind,
  });
}

/**
 * Starts clocks for an order (in the caller's transaction), each from its policy; kinds
 * without a policy do not run. Returns the clocks started. Intake starts every kind at once,
 * so the lookups are made once for all kinds (policies, clock numbers, pauses, each calendar)
 * and the clocks and their timers are written in one multi-row insert each: a fixed number of
 * statements per order however many kinds run.
 */
export async function startClocks(
  ctx: AppContext,
  actor: HistoryActor,
  subject: ClockSubject,
  kinds: readonly ClockKind[],
  startedAt?: string,
): Promise<OrderClockTable[]> {
  return inTransaction(ctx, async (tx) => {
    const start = startedAt ?? tx.clock.now().toISOString();
    const [candidates, seqs, pauseRows] = await Promise.all([
      repo.policiesForKinds(tx.db, subject.severity, kinds),
      repo.lastSeqs(tx.db, subject.orderId),
      repo.pausesOf(tx.db, subject.orderId),
    ]);
    const paused = pauseRows.some((p) => p.ended_at === null);
    const pauses = spans(pauseRows);
    const lookups = requestLookups(tx);
    const now = tx.clock.now().toISOString();
    const out: OrderClockTable[] = [];
    for (const kind of kinds) {
      const policy = pickPolicy(
        candidates.filter((p) => p.kind === kind),
        { orderType: subject.orderType, severity: subject.severity, areaClass: subject.areaClass, kind },
      );
      if (!policy) continue;
      const cal = await lookups.calendar(policy.calendar_id);
      // A policy is checked when it is set, but its calendar may lose working days later.
      const due = withinCalendar('deadlinePolicy.minutes', () =>
        dueWithPauses(cal, Date.parse(start), policy.minutes * MINUTE_MS, pauses),
      );
      out.push({
        id: newId(),
        order_id: subject.orderId,
        subject_type: WORK_ORDER_SUBJECT,
        kind,
        seq: (seqs.get(kind) ?? 0) + 1,
        policy_id: policy.id,
        calendar_id: policy.calendar_id,
        budget_minutes: policy.minutes,
        started_at: start,
        due_at: due === null ? null : new Date(due).toISOString(),
        state: paused ? 'paused' : 'running',
        paused_ms: 0,
        stopped_at: null,
        breached_at: null,
        version: 1,
        order_type: subject.orderType,
        severity: subject.severity,
        area_class: subject.areaClass,
        region_id: subject.regionId,
        partner_id: subject.partnerId,
        owner_id: subject.ownerId,
        order_label: subject.label,
        created_at: now,
        updated_at: now,
      });
    }
    await repo.insertClocks(tx.db, out);
    await scheduleTimers(tx, out.filter((c) => c.state === 'running' && c.due_at).map(dueTimerOf));
    if (out.length) {
      await recordHistory(tx, actor, {
        entityType: 'work_order',
        entityId: subject.orderId,
        action: 'deadlines_started',
        changes: Object.fromEntries(out.map((c) => [`deadline.${c.kind}`, [null, c.due_at]])),
      });
    }
    return out;
  });
}

/** Stops the open clocks of these kinds: met at `at` (late if already breached). */
export async function stopClocks(
  ctx: AppContext,
  actor: HistoryActor,
  orderId: string,
  kinds: readonly string[],
  at?: string,
): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const when = at ?? tx.clock.now().toISOString();
    const open = (await repo.clocksOf(tx.db, orderId)).filter(
      (c) => c.state !== 'stopped' && kinds.includes(c.kind),
    );
    const pauses = spans(await repo.pausesOf(tx.db, orderId));
    for (const c of open) {
      await repo.updateClock(tx.db, c.id, {
        state: 'stopped',
        stopped_at: when,
        paused_ms: pausedWithin(pauses, Date.parse(c.started_at), Date.parse(when)),
        version: c.version + 1,
        updated_at: tx.clock.now().toISOString(),
      });
    }
    if (open.length) {
      await recordHistory(tx, actor, {
        entityType: 'work_order',
        entityId: orderId,
        action: 'deadlines_met',
        changes: Object.fromEntries(
          open.map((c) => [`deadline.${c.kind}`, [c.due_at, c.breached_at ? `late ${when}` : `met ${when}`]]),
        ),
      });
    }
    return open.length;
  });
}

/** Restarts a clock that runs again after being met (WO-11: the next customer update). */
export async function restartClock(
  ctx: AppContext,
  actor: HistoryActor,
  subject: ClockSubject,
  kind: ClockKind,
  at?: string,
): Promise<OrderClockTable | undefined> {
  return inTransaction(ctx, async (tx) => {
    const when = at ?? tx.clock.now().toISOString();
    await stopClocks(tx, actor, subject.orderId, [kind], when);
    return (await startClocks(tx, actor, subject, [kind], when))[0];
  });
}

/**
 * SL-1 / WO-2: a change of severity recomputes the open clocks from their original start under
 * the new policy. The clock is not restarted; history keeps the old and new due times.
 */
export async function recomputeForSeverity(
  ctx: AppContext,
  actor: HistoryActor,
  subject: ClockSubject,
  reason?: string | null,
): Promise<OrderClockTable[]> {
  return inTransaction(ctx, async (tx) => {
    const open = (await repo.clocksOf(tx.db, subject.orderId)).filter((c) => c.state !== 'stopped');
    const changes: Record<string, [unknown, unknown]> = {};
    const out: OrderClockTable[] = [];
    for (const c of open) {
      if (!isOneOf(CLOCK_KINDS, c.kind)) continue;
      const policy = await resolvePolicy(tx, subject, c.kind);
      if (!policy) continue;
      const cal = await loadCalendar(tx, policy.calendar_id);
      const due = await computeDue(tx, cal, c.started_at, policy.minutes, subject.orderId);
      const next: OrderClockTable = {
        ...c,
        policy_id: policy.id,
        calendar_id: policy.calendar_id,
        budget_minutes: policy.minutes,
        severity: subject.severity,
        due_at: due,
        version: c.version + 1,
        updated_at: tx.clock.now().toISOString(),
      };
      await repo.updateClock(tx.db, c.id, next);
      if (next.state === 'running') await armTimer(tx, next);
      changes[`deadline.${c.kind}`] = [c.due_at, due];
      out.push(next);
    }
    if (out.length) {
      await recordHistory(tx, actor, {
        entityType: 'work_order',
        entityId: subject.orderId,
        action: 'deadlines_recomputed',
        changes: { severity: [open[0]?.severity ?? null, subject.severity], ...changes },
        reason: reason ?? null,
      });
    }
    return out;
  });
}

/** WO-3: the owner answers for the deadlines, so the clocks follow a new owner. */
export async function setClockOwner(ctx: AppContext, orderId: string, ownerId: string): Promise<void> {
  await repo.setOpenClocksOwner(ctx.db, orderId, ownerId);
}

/** The order facts a clock carries, to start its successor without reading the order. */
export function subjectOfClock(c: OrderClockTable): ClockSubject {
  const { severity, area_class: areaClass } = c;
  // Only a work order's clock carries its policy facts; another record's has '*' (MO-13).
  if (severity === '*' || areaClass === '*') throw new Error(`clock ${c.id} belongs to no work order`);
  return {
    orderId: c.order_id,
    label: c.order_label,
    orderType: c.order_type,
    severity,
    areaClass,
    regionId: c.region_id,
    partnerId: c.partner_id,
    ownerId: c.owner_id,
  };
}

/** The history key of a clock: a work order has one clock per kind at a time, another record several. */
export function clockKey(c: Pick<OrderClockTable, 'subject_type' | 'kind' | 'seq'>): string {
  return isWorkOrderClock(c) ? `deadline.${c.kind}` : `deadline.${c.kind}.${c.seq}`;
}

export function pausedWithin(pauses: readonly PauseSpan[], from: number, to: number): number {
  let total = 0;
  for (const p of pauses) {
    const a = Math.max(p.from, from);
    const b = Math.min(p.to ?? to, to);
    if (b > a) total += b - a;
  }
  return total;
}

/** SL-1: waiting on the customer pauses every running clock of the order, with the reason recorded. */
export async function pauseOrder(
  ctx: AppContext,
  actor: HistoryActor,
  orderId: string,
  reason: PauseReason,
  note?: string | null,
): Promise<OrderPauseTable> {
  return inTransaction(ctx, async (tx) => {
    if (await repo.openPause(tx.db, orderId)) throw new AppError(409, 'already_paused');
    const open = (await repo.clocksOf(tx.db, orderId)).filter((c) => c.state === 'running' && !c.breached_at);
    const now = tx.clock.now().toISOString();
    const pause: OrderPauseTable = {
      id: newId(),
      order_id: orderId,
      reason,
      note: note ?? null,
      started_at: now,
      ended_at: null,
      started_by: personIdOf(actor),
      ended_by: null,
    };
    await repo.insertPause(tx.db, pause);
    for (const c of open) {
      await repo.updateClock(tx.db, c.id, {
        state: 'paused',
        due_at: null,
        version: c.version + 1,
        updated_at: now,
      });
    }
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: orderId,
      action: 'deadlines_paused',
      changes: {
        pause: [null, { reason, at: now }],
        ...Object.fromEntries(open.map((c) => [`deadline.${c.kind}`, [c.due_at, null]])),
      },
      reason: note ?? reason,
    });
    return pause;
  });
}

/** Ends the pause; the clocks run again with their due times pushed out by the paused working time. */
export async function resumeOrder(
  ctx: AppContext,
  actor: HistoryActor,
  orderId: string,
  note?: string | null,
): Promise<OrderClockTable[]> {
  return inTransaction(ctx, async (tx) => {
    const pause = await repo.openPause(tx.db, orderId);
    if (!pause) throw new AppError(409, 'not_paused');
    const now = tx.clock.now().toISOString();
    await repo.endPause(tx.db, pause.id, now, personIdOf(actor));
    const pauses = spans(await repo.pausesOf(tx.db, orderId));
    const out: OrderClockTable[] = [];
    for (const c of (await repo.clocksOf(tx.db, orderId)).filter((x) => x.state === 'paused')) {
      const cal = await loadCalendar(tx, c.calendar_id);
      const due = dueWithPauses(cal, Date.parse(c.started_at), c.budget_minutes * MINUTE_MS, pauses);
      const next: OrderClockTable = {
        ...c,
        state: 'running',
        due_at: due === null ? null : new Date(due).toISOString(),
        paused_ms: pausedWithin(pauses, Date.parse(c.started_at), Date.parse(now)),
        version: c.version + 1,
        updated_at: now,
      };
      await repo.updateClock(tx.db, c.id, next);
      await armTimer(tx, next);
      out.push(next);
    }
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: orderId,
      action: 'deadlines_resumed',
      changes: {
        pause: [{ reason: pause.reason, at: pause.started_at }, { endedAt: now }],
        ...Object.fromEntries(out.map((c) => [`deadline.${c.kind}`, [null, c.due_at]])),
      },
      reason: note ?? null,
    });
    return out;
  });
}

/** SL-2: a clock that runs out is marked breached and climbs the escalation ladder, starting with the owner. */
const dueTimer: TimerHandler = {
  async run(tx, timer) {
    const clock = await repo.findClock(tx.db, String(timer.payload.clockId));
    if (clock?.state !== 'running' || clock.breached_at) return;
    if (clock.version !== Number(timer.payload.version) || !clock.due_at) return;
    if (Date.parse(clock.due_at) > tx.clock.now().getTime()) return; // moved later; its own timer exists
    // Due checks belong to work-order clock kinds; another record's clock just breaches.
    const kind = isWorkOrderClock(clock) && isOneOf(CLOCK_KINDS, clock.kind) ? clock.kind : null;
    const met = kind ? await dueChecks.get(kind)?.(tx, clock) : undefined;
    if (kind && met) {
      await stopClocks(tx, { system: 'deadlines' }, clock.order_id, [kind], met.metAt);
      if (met.restart)
        await startClocks(tx, { system: 'deadlines' }, subjectOfClock(clock), [kind], met.metAt);
      return;
    }
    await repo.updateClock(tx.db, clock.id, {
      breached_at: clock.due_at,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordHistory(
      tx,
      { system: 'deadlines' },
      {
        entityType: clock.subject_type,
        entityId: clock.order_id,
        action: 'deadline_breached',
        changes: { [clockKey(clock)]: [clock.due_at, 'breached'] },
      },
    );
    const label = isOneOf(CLOCK_KINDS, clock.kind)
      ? clockLabels[clock.kind]
      : { 'zh-CN': clock.kind, en: clock.kind };
    // Another record's clock (a leftover) climbs the same ladder, worded for that record.
    const text = isWorkOrderClock(clock)
      ? {
          title: {
            'zh-CN': `工单 ${clock.order_label} ${label['zh-CN']}时限已过`,
            en: `Work order ${clock.order_label}: the ${label.en} deadline has passed`,
          },
          body: {
            'zh-CN': `${label['zh-CN']}时限 ${clock.due_at} 已到，请立即处理并确认。`,
            en: `The ${label.en} deadline (${clock.due_at}) has passed; act now and acknowledge.`,
          },
        }
      : subjectClockNotice(clock, 'breached');
    await startEscalation(tx, {
      kind: 'breach',
      subjectType: clock.subject_type,
      subjectId: clock.order_id,
      clockId: clock.id,
      regionId: clock.region_id,
      ownerId: clock.owner_id,
      startedAt: clock.due_at,
      ...text,
    });
  },
};

/** A clock as the views show it. */
export interface ClockView {
  id: string;
  orderId: string;
  orderLabel: string;
  kind: string;
  seq: number;
  state: string;
  severity: string;
  startedAt: string;
  dueAt: string | null;
  budgetMinutes: number;
  /** Working minutes left (negative once breached); null when stopped. */
  remainingMinutes: number | null;
  pausedMinutes: number;
  breachedAt: string | null;
  stoppedAt: string | null;
  atRisk: boolean;
  calendarId: string;
  regionId: string;
  partnerId: string | null;
  ownerId: string;
}

async function view(
  ctx: AppContext,
  c: OrderClockTable,
  pauses: PauseSpan[],
  atRiskPercent: number,
  calendarOf: (id: string) => ReturnType<typeof loadCalendar> = (id) => loadCalendar(ctx, id),
): Promise<ClockView> {
  const now = ctx.clock.now().getTime();
  const end = c.stopped_at ? Date.parse(c.stopped_at) : now;
  const cal = await calendarOf(c.calendar_id);
  const elapsed = elapsedWithPauses(cal, Date.parse(c.started_at), end, pauses);
  const budget = c.budget_minutes * MINUTE_MS;
  const remaining = c.state === 'stopped' ? null : budget - elapsed;
  return {
    id: c.id,
    orderId: c.order_id,
    orderLabel: c.order_label,
    kind: c.kind,
    seq: c.seq,
    state: c.state,
    severity: c.severity,
    startedAt: c.started_at,
    dueAt: c.due_at,
    budgetMinutes: c.budget_minutes,
    remainingMinutes: remaining === null ? null : Math.round(remaining / MINUTE_MS),
    pausedMinutes: Math.round(pausedWithin(pauses, Date.parse(c.started_at), end) / MINUTE_MS),
    breachedAt: c.breached_at,
    stoppedAt: c.stopped_at,
    atRisk:
      remaining !== null &&
      !c.breached_at &&
      c.state === 'running' &&
      isAtRisk(remaining, budget, atRiskPercent),
    calendarId: c.calendar_id,
    regionId: c.region_id,
    partnerId: c.partner_id,
    ownerId: c.owner_id,
  };
}

async function atRiskPercentOf(ctx: AppContext, policyId: string | null): Promise<number> {
  if (!policyId) return 25;
  return (await repo.findPolicy(ctx.db, policyId))?.at_risk_percent ?? 25;
}

/** The clocks of another record (an operation's leftovers) as the views show them. */
export async function subjectClocks(ctx: AppContext, subjectType: string, subjectId: string) {
  const rows = (await repo.clocksOf(ctx.db, subjectId)).filter((c) => c.subject_type === subjectType);
  const out: ClockView[] = [];
  for (const c of rows) out.push(await view(ctx, c, [], await atRiskPercentOf(ctx, c.policy_id)));
  return out;
}

/** Every clock of an order with deadline, remaining and paused time, plus the pauses. */
export async function clocksOfOrder(ctx: AppContext, orderId: string) {
  const [clocks, pauses] = await Promise.all([
    repo.clocksOf(ctx.db, orderId),
    repo.pausesOf(ctx.db, orderId),
  ]);
  const s = spans(pauses);
  const views: ClockView[] = [];
  for (const c of clocks) views.push(await view(ctx, c, s, await atRiskPercentOf(ctx, c.policy_id)));
  return { clocks: views, pauses };
}

/** At-risk or breached clocks in scope, under a region and for a partner, with counts per region and partner. */
export async function riskBoard(
  ctx: AppContext,
  scope: Scope,
  filter: { regionId?: string | undefined; partnerId?: string | undefined; status: 'at_risk' | 'breached' },
  limit: number,
) {
  let regionPath: string | undefined;
  if (filter.regionId) {
    const r = await repo.regionPathOf(ctx.db, filter.regionId);
    if (!r) throw invalid([problem('regionId', '区域不存在', 'no such region')]);
    regionPath = r.path;
  }
  const rows = await repo
    .scopedOpenClocks(ctx.db, scope, {
      regionPath,
      partnerId: filter.partnerId,
      breached: filter.status === 'breached',
    })
    .limit(filter.status === 'breached' ? limit : 5000)
    .execute();
  const look = requestLookups(ctx);
  const pauses = await pausesByOrder(
    ctx,
    rows.map((r) => r.order_id),
  );
  const items: (ClockView & { regionName: string })[] = [];
  for (const r of rows) {
    const p = spans(pauses.get(r.order_id) ?? []);
    const v = await view(ctx, r, p, await look.atRiskPercent(r.policy_id), look.calendar);
    if (filter.status === 'at_risk' && !v.atRisk) continue;
    items.push({ ...v, regionName: r.region_name });
    if (items.length >= limit) break;
  }
  const count = (key: (v: (typeof items)[number]) => string) => {
    const m = new Map<string, number>();
    for (const v of items) m.set(key(v), (m.get(key(v)) ?? 0) + 1);
    return [...m.entries()].map(([k, n]) => ({ key: k, count: n }));
  };
  return {
    items,
    byRegion: count((v) => v.regionId).map((x) => ({
      regionId: x.key,
      regionName: items.find((i) => i.regionId === x.key)?.regionName ?? '',
      count: x.count,
    })),
    byPartner: count((v) => v.partnerId ?? '').map((x) => ({ partnerId: x.key || null, count: x.count })),
  };
}

/** Deadline policies with their calendar codes. */
export function listPolicies(ctx: AppContext) {
  return repo.listPolicies(ctx.db);
}

/** What an administrator sets on a policy. */
export interface PolicyInput {
  orderType: string;
  severity: Severity;
  areaClass: AreaClass | '*';
  kind: ClockKind;
  minutes: number;
  calendarId: string;
  atRiskPercent?: number | undefined;
}

/** Creates or replaces the policy for a type × severity × area class × kind, with history. */
export async function putPolicy(ctx: AppContext, actor: HistoryActor, input: PolicyInput) {
  return inTransaction(ctx, async (tx) => {
    const cal = await repo.calendarExists(tx.db, input.calendarId);
    if (!cal) throw invalid([problem('calendarId', '日历不存在', 'no such calendar')]);
    // A budget the calendar cannot hold would make every intake of this class fail: refuse it now.
    const work = await loadCalendar(tx, input.calendarId);
    withinCalendar('minutes', () => addBusinessMinutes(work, tx.clock.now(), input.minutes));
    const key = {
      order_type: input.orderType,
      severity: input.severity,
      area_class: input.areaClass,
      kind: input.kind,
    };
    const before = await repo.findPolicyByKey(tx.db, key);
    const now = tx.clock.now().toISOString();
    const fields = {
      minutes: input.minutes,
      calendar_id: input.calendarId,
      at_risk_percent: input.atRiskPercent ?? before?.at_risk_percent ?? 25,
      updated_at: now,
    };
    if (before) await repo.updatePolicy(tx.db, before.id, fields);
    else await repo.insertPolicy(tx.db, { id: newId(), ...key, ...fields, created_at: now });
    const after = await repo.findPolicyByKey(tx.db, key);
    if (!after) throw notFound('deadline_policy');
    await recordHistory(tx, actor, {
      entityType: 'deadline_policy',
      entityId: after.id,
      action: before ? 'update' : 'create',
      changes: {
        minutes: [before?.minutes ?? null, after.minutes],
        calendarId: [before?.calendar_id ?? null, after.calendar_id],
        atRiskPercent: [before?.at_risk_percent ?? null, after.at_risk_percent],
      },
    });
    return after;
  });
}

/** The current pause of an order, if any. */
export function currentPause(ctx: AppContext, orderId: string) {
  return repo.openPause(ctx.db, orderId);
}

export const AT_RISK_TIMER = 'deadline.at_risk';

/**
 * Finds running clocks that have entered their at-risk share of the budget and warns each
 * owner once per clock version (a durable timer with a dedupe key per clock and version).
 * Only clocks due within the horizon are read, so the scan follows the index, not the backlog.
 */
export async function scanAtRisk(ctx: AppContext, horizonHours = 72): Promise<number> {
  const now = ctx.clock.now();
  const rows = await repo.runningClocksDueBetween(
    ctx.db,
    now.toISOString(),
    new Date(now.getTime() + horizonHours * 3_600_000).toISOString(),
  );
  let warned = 0;
  for (const c of rows) {
    const cal = await loadCalendar(ctx, c.calendar_id);
    const pauses = spans(await repo.pausesOf(ctx.db, c.order_id));
    const budget = c.budget_minutes * MINUTE_MS;
    const remaining = budget - elapsedWithPauses(cal, Date.parse(c.started_at), now.getTime(), pauses);
    if (!isAtRisk(remaining, budget, await atRiskPercentOf(ctx, c.policy_id))) continue;
    const id = await scheduleTimer(ctx, {
      kind: AT_RISK_TIMER,
      dueAt: now,
      payload: { clockId: c.id, version: c.version },
      dedupeKey: `atrisk:${c.id}:${c.version}`,
    });
    if (id) warned += 1;
  }
  return warned;
}

const atRiskTimer: TimerHandler = {
  async run(tx, timer) {
    const c = await repo.findClock(tx.db, String(timer.payload.clockId));
    if (c?.state !== 'running' || c.breached_at || c.version !== Number(timer.payload.version)) return;
    const label = isOneOf(CLOCK_KINDS, c.kind) ? clockLabels[c.kind] : { 'zh-CN': c.kind, en: c.kind };
    const text = isWorkOrderClock(c)
      ? {
          title: {
            'zh-CN': `工单 ${c.order_label} ${label['zh-CN']}时限临近`,
            en: `Work order ${c.order_label}: the ${label.en} deadline is near`,
          },
          body: {
            'zh-CN': `${label['zh-CN']}时限为 ${c.due_at}，请尽快处理。`,
            en: `The ${label.en} deadline is ${c.due_at}; please act soon.`,
          },
        }
      : subjectClockNotice(c, 'near');
    await notify(tx, {
      personIds: [c.owner_id],
      kind: 'deadline.at_risk',
      ...text,
      subjectType: c.subject_type,
      subjectId: c.order_id,
    });
  },
};

/** Every five minutes, on the durable timers (one run per occurrence across processes). */
const atRiskScan: RecurringJob = {
  name: 'deadlines.at-risk',
  cron: '*/5 * * * *',
  async run(ctx) {
    await scanAtRisk(ctx);
  },
};

/**
 * The nearest running deadline of each given order the scope may see (the dispatcher board):
 * one query for the orders, one for their clocks, so the board never asks once per row.
 */
export async function nextClocks(ctx: AppContext, scope: Scope, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  const visible = (await repo.visibleOrderIds(ctx.db, scope, orderIds)).map((r) => r.id);
  if (visible.length === 0) return [];
  const rows = await repo.runningClocksOf(ctx.db, visible);
  const first = new Map<string, OrderClockTable>();
  for (const r of rows) if (!first.has(r.order_id)) first.set(r.order_id, r);
  const look = requestLookups(ctx);
  const pauses = await pausesByOrder(ctx, [...first.keys()]);
  const out: ClockView[] = [];
  for (const c of first.values()) {
    const p = spans(pauses.get(c.order_id) ?? []);
    out.push(await view(ctx, c, p, await look.atRiskPercent(c.policy_id), look.calendar));
  }
  return out;
}

/** The due and at-risk timers and the at-risk scan. Called from the capability's `register`. */
export function registerDeadlineTimers(): void {
  registerTimerHandler(DUE_TIMER, dueTimer);
  registerTimerHandler(AT_RISK_TIMER, atRiskTimer);
  registerRecurringJob(atRiskScan);
}
