/**
 * Escalation (SL-2, SL-3, SL-5, MO-9): starting an escalation notifies its first rung in the
 * caller's transaction; each later rung is a durable timer, so the climb survives restarts and
 * happens once across processes. Acknowledging stops the climb — and is the only thing that
 * does: there is no way to cancel, delay or delete the notice itself.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { registerTimerHandler, scheduleTimer, type TimerHandler } from '../../jobs/timers.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import { newId } from '../../shared/ids.ts';
import { type Actor, can, type HistoryActor, regionInScope } from '../access/policy.ts';
import { partnerScope } from '../access/principal.ts';
import { type Role, roleLabels } from '../access/roles.ts';
import { recordHistory } from '../history/history.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { notifySettings } from '../notifications/notifications.settings.ts';
import { registerDeactivationGuard } from '../people/people.service.ts';
import { findVisibleOrder } from '../work-orders/work-orders.queries.ts';
import * as repo from './escalation.repository.ts';
import {
  type EscalationKind,
  holdersForRegion,
  IMMEDIATE_ROLES,
  ladderProblem,
  type Rung,
  rungAt,
} from './escalation.rules.ts';
import type { EscalationTable } from './escalation.tables.ts';

export const STEP_TIMER = 'escalation.step';

/** The ladder in force for a region: its own, the nearest ancestor's, or the default. */
export async function ladderFor(ctx: AppContext, regionId: string): Promise<Rung[]> {
  for (const id of await repo.regionChain(ctx.db, regionId)) {
    const rows = await repo.ladderRows(ctx.db, id);
    if (rows.length) return rows.map((r) => ({ role: r.role, afterMinutes: r.after_minutes }));
  }
  const rows = await repo.ladderRows(ctx.db, null);
  return rows.map((r) => ({ role: r.role, afterMinutes: r.after_minutes }));
}

/** People who answer for a role in a region (see `holdersForRegion`). */
export async function peopleFor(ctx: AppContext, role: Role, regionId: string) {
  const chain = await repo.regionChain(ctx.db, regionId);
  return holdersForRegion(await repo.holdersOfRole(ctx.db, role), chain);
}

/** What starts an escalation. */
export interface EscalationStart {
  kind: EscalationKind;
  subjectType: string;
  subjectId: string;
  /** The deadline that was missed: an order clock's id, or another subject's own key for it. */
  clockId?: string | null;
  regionId: string;
  ownerId?: string | null;
  title: Bilingual;
  body: Bilingual;
  /** When the trouble began (a missed deadline's due time); the ladder's minutes count from here. Default: now. */
  startedAt?: string;
}

async function notifyLevel(tx: AppContext, esc: EscalationTable, level: number, body: Bilingual) {
  const ladder = await ladderFor(tx, esc.region_id);
  const step = notifySettings(tx.database).criticalStepMinutes;
  const { roles, nextLevelAfterMinutes } = rungAt(esc.kind, ladder, level, step);
  const personIds: string[] = [];
  for (const role of roles) {
    if (role === 'owner') {
      if (esc.owner_id) personIds.push(esc.owner_id);
    } else {
      for (const p of await peopleFor(tx, role, esc.region_id)) personIds.push(p.id);
    }
  }
  const now = tx.clock.now();
  await repo.addRecipients(tx.db, esc.id, level, [...new Set(personIds)], now.toISOString());
  const urgent = esc.kind !== 'breach';
  await notify(tx, {
    personIds,
    kind: `escalation.${esc.kind}`,
    title: level === 0 ? { 'zh-CN': esc.title_zh, en: esc.title_en } : reminderTitle(esc, level),
    body,
    subjectType: esc.subject_type,
    subjectId: esc.subject_id,
    escalationId: esc.id,
    critical: urgent,
    sms: true,
    regionId: esc.region_id,
    // Every escalation of one order, at every level, is one live item in a recipient's inbox.
    groupKey: esc.subject_id ? `${esc.subject_type}:${esc.subject_id}` : null,
    escalationLevel: level,
  });
  const nextAt =
    nextLevelAfterMinutes === null
      ? null
      : new Date(Date.parse(esc.started_at) + nextLevelAfterMinutes * 60_000).toISOString();
  await repo.updateEscalation(tx.db, esc.id, { level, next_at: nextAt });
  if (nextAt) {
    await scheduleTimer(tx, {
      kind: STEP_TIMER,
      dueAt: nextAt,
      payload: { escalationId: esc.id, level: level + 1, body },
      dedupeKey: `esc:${esc.id}:${level + 1}`,
    });
  }
}

function reminderTitle(esc: EscalationTable, level: number): Bilingual {
  return {
    'zh-CN': `【未确认·第${level}次升级】${esc.title_zh}`,
    en: `[Unacknowledged, escalation ${level}] ${esc.title_en}`,
  };
}

/**
 * Starts an escalation and notifies its first rung now, in the caller's transaction (SL-3:
 * the critical notice exists the moment the order does). Returns the escalation id.
 */
export async function startEscalation(ctx: AppContext, input: EscalationStart): Promise<string> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row: EscalationTable = {
      id: newId(tx.clock.now().getTime()),
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      clock_id: input.clockId ?? null,
      kind: input.kind,
      region_id: input.regionId,
      owner_id: input.ownerId ?? null,
      title_zh: input.title['zh-CN'],
      title_en: input.title.en,
      level: 0,
      started_at: input.startedAt ?? now,
      next_at: null,
      acknowledged_at: null,
      acknowledged_by: null,
      created_at: now,
    };
    await repo.insertEscalation(tx.db, row);
    await recordHistory(
      tx,
      { system: 'escalation' },
      {
        entityType: 'escalation',
        entityId: row.id,
        action: 'start',
        changes: { kind: input.kind, subjectType: input.subjectType, subjectId: input.subjectId },
      },
    );
    await notifyLevel(tx, row, 0, input.body);
    return row.id;
  });
}

/** Whether the trouble behind an escalation is over, for subjects that end it by doing the work. */
export type EscalationSettled = (tx: AppContext, esc: EscalationTable) => Promise<boolean>;
const settledChecks = new Map<string, EscalationSettled>();

/**
 * Lets a capability stop the climb of its subjects' escalations once the missed step is done
 * (complaints, CS-1); an order's escalation still climbs until someone acknowledges it (SL-2).
 */
export function registerEscalationSettled(subjectType: string, check: EscalationSettled): void {
  settledChecks.set(subjectType, check);
}

const stepTimer: TimerHandler = {
  async run(tx, timer) {
    const esc = await repo.findEscalation(tx.db, String(timer.payload.escalationId));
    if (!esc || esc.acknowledged_at) return; // acknowledged: the climb stops here
    const level = Number(timer.payload.level);
    if (level <= esc.level) return;
    if (await settledChecks.get(esc.subject_type)?.(tx, esc)) {
      // The work the deadline asked for is done (a complaint answered): nobody higher is woken.
      await repo.updateEscalation(tx.db, esc.id, { next_at: null });
      return;
    }
    await notifyLevel(tx, esc, level, timer.payload.body as Bilingual);
    await recordHistory(
      tx,
      { system: 'escalation' },
      {
        entityType: 'escalation',
        entityId: esc.id,
        action: 'climb',
        changes: { level: [esc.level, level] },
      },
    );
  },
};

/** Whether an actor may see and acknowledge an escalation: a recipient, or a manager in scope. */
async function mayHandle(ctx: AppContext, actor: Actor, esc: EscalationTable): Promise<boolean> {
  if (await repo.isRecipient(ctx.db, esc.id, actor.personId)) return true;
  if (!can(actor, 'escalation.manage')) return false;
  const region = await repo.regionPath(ctx.db, esc.region_id);
  if (!region || !regionInScope(actor.scope, region.path)) return false;
  // §1: in a region two partners cover, another partner's order (and its escalation) stays hidden.
  if (actor.scope.kind === 'partner' && esc.subject_type === 'work_order') {
    return (await findVisibleOrder(ctx.db, actor.scope, esc.subject_id)) !== undefined;
  }
  return true;
}

/** An escalation the actor may see, or 404. */
export async function getEscalation(ctx: AppContext, actor: Actor, id: string) {
  const esc = await repo.findEscalation(ctx.db, id);
  if (!esc || !(await mayHandle(ctx, actor, esc))) throw notFound('escalation');
  return { esc, recipients: await repo.recipientsOf(ctx.db, id) };
}

/** SL-2: acknowledging stops the climb; the notices already sent stay. */
export async function acknowledge(ctx: AppContext, actor: Actor, id: string, note?: string) {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'escalations', id);
    const esc = await repo.findEscalation(tx.db, id);
    if (!esc || !(await mayHandle(tx, actor, esc))) throw notFound('escalation');
    if (esc.acknowledged_at) throw new AppError(409, 'already_acknowledged');
    const at = tx.clock.now().toISOString();
    await repo.updateEscalation(tx.db, id, {
      acknowledged_at: at,
      acknowledged_by: actor.personId,
      next_at: null,
    });
    await recordHistory(tx, actor, {
      entityType: 'escalation',
      entityId: id,
      action: 'acknowledge',
      changes: { acknowledgedAt: [null, at] },
      reason: note,
    });
    return { ...esc, acknowledged_at: at, acknowledged_by: actor.personId, next_at: null };
  });
}

/** Escalations of one subject (an order), oldest first. */
export function escalationsOf(ctx: AppContext, subjectType: string, subjectId: string) {
  return repo.escalationsOf(ctx.db, subjectType, subjectId);
}

/** Escalations the actor may see: own notices, or all in scope for managers. */
export function listEscalations(
  ctx: AppContext,
  actor: Actor,
  filter: { open?: boolean | undefined; mine?: boolean | undefined },
  page: { limit: number; offset: number },
) {
  const manager = can(actor, 'escalation.manage');
  return repo.listEscalations(
    ctx.db,
    {
      open: filter.open,
      personId: !manager || filter.mine ? actor.personId : undefined,
      regionPaths: actor.scope.kind === 'partner' ? actor.scope.regionPaths : undefined,
      partner: partnerScope(actor) ?? undefined,
    },
    page,
  );
}

/** Replaces the ladder of a region (null: the default ladder), with history. */
export async function setLadder(
  ctx: AppContext,
  actor: HistoryActor,
  regionId: string | null,
  rungs: Rung[],
) {
  const p = ladderProblem(rungs);
  if (p)
    throw invalid([
      problem(
        'steps',
        '升级阶梯至少一级，且各级分钟数不得为负、不得递减',
        'a ladder needs at least one step, with minutes never negative or decreasing',
      ),
    ]);
  return inTransaction(ctx, async (tx) => {
    if (regionId) {
      const r = await repo.regionExists(tx.db, regionId);
      if (!r) throw invalid([problem('regionId', '区域不存在', 'no such region')]);
    }
    const before = (await repo.ladderRows(tx.db, regionId)).map((r) => ({
      role: r.role,
      afterMinutes: r.after_minutes,
    }));
    const now = tx.clock.now().toISOString();
    await repo.replaceLadder(
      tx.db,
      regionId,
      rungs.map((r, i) => ({
        id: newId(),
        region_id: regionId,
        step_no: i + 1,
        role: r.role,
        after_minutes: r.afterMinutes,
        created_at: now,
      })),
    );
    await recordHistory(tx, actor, {
      entityType: 'escalation_ladder',
      entityId: regionId ?? 'default',
      action: before.length ? 'update' : 'create',
      changes: { steps: [before, rungs] },
    });
    return rungs;
  });
}

/** One level of the published escalation contacts (SL-5). */
export interface ContactLevel {
  level: number;
  role: string;
  roleLabel: Bilingual;
  contacts: { name: string; phone: string | null; email: string | null }[];
}

/**
 * SL-5: who a customer calls at each level for a region — the ladder's rungs with the people
 * holding them there (the order owner's rung is named but filled per order).
 */
export async function escalationContacts(ctx: AppContext, regionId: string): Promise<ContactLevel[]> {
  const ladder = await ladderFor(ctx, regionId);
  const out: ContactLevel[] = [];
  for (const [i, rung] of ladder.entries()) {
    const label: Bilingual =
      rung.role === 'owner'
        ? { 'zh-CN': '工单负责人（首问负责人）', en: 'Owner of your order (first responsible)' }
        : roleLabels[rung.role];
    const people = rung.role === 'owner' ? [] : await peopleFor(ctx, rung.role, regionId);
    out.push({
      level: i + 1,
      role: rung.role,
      roleLabel: label,
      contacts: people.map((p) => ({ name: p.display_name, phone: p.phone, email: p.email })),
    });
  }
  return out;
}

/**
 * MO-9: something went wrong during a major operation — the department chief and the chief
 * engineer (engineering manager) are told at once, on the same channel as SL-3, climbing until
 * acknowledged. Call it in the transaction that records the incident.
 */
export function reportEmergency(
  ctx: AppContext,
  input: {
    subjectType: string;
    subjectId: string;
    regionId: string;
    ownerId?: string | null;
    title: Bilingual;
    body: Bilingual;
  },
): Promise<string> {
  return startEscalation(ctx, { kind: 'emergency', ...input });
}

/** The default ladder (regions without their own). */
export async function defaultLadder(ctx: AppContext): Promise<Rung[]> {
  return (await repo.ladderRows(ctx.db, null)).map((r) => ({ role: r.role, afterMinutes: r.after_minutes }));
}

/**
 * SL-5: the region whose contacts a caller sees — a customer's own region whatever they ask for,
 * otherwise the one asked for; 404 when there is none.
 */
export async function contactsRegion(
  ctx: AppContext,
  actor: Actor,
  asked: string | undefined,
): Promise<string> {
  let regionId = asked;
  if (actor.scope.kind === 'customer') {
    const c = await repo.customerRegionId(ctx.db, actor.scope.customerId);
    if (!c) throw notFound('customer');
    regionId = c.region_id;
  }
  if (!regionId || !(await repo.regionExists(ctx.db, regionId))) throw notFound('region');
  return regionId;
}

/** Name and phone of a person, for the customer-facing contact list. */
export function contactOf(ctx: AppContext, personId: string) {
  return repo.personContact(ctx.db, personId);
}

/**
 * SL-3 for the other end of a critical order: the people told the moment it existed (the
 * after-sales director and the engineering manager) are told at once when it is cancelled, with
 * who cancelled it and why, on the same urgent channel. Call it in the cancel's transaction.
 */
export async function noticeCriticalCancelled(
  ctx: AppContext,
  order: { id: string; number: string; region_id: string; cancel_reason: string | null },
  by: string,
): Promise<void> {
  const personIds: string[] = [];
  for (const role of IMMEDIATE_ROLES.critical) {
    for (const p of await peopleFor(ctx, role, order.region_id)) personIds.push(p.id);
  }
  await notify(ctx, {
    personIds,
    kind: 'work_order.critical_cancelled',
    title: {
      'zh-CN': `关键工单 ${order.number} 已取消`,
      en: `Critical work order ${order.number} was cancelled`,
    },
    body: {
      'zh-CN': `${by} 取消了关键工单 ${order.number}，原因：${order.cancel_reason ?? ''}`,
      en: `${by} cancelled critical work order ${order.number}. Reason: ${order.cancel_reason ?? ''}`,
    },
    subjectType: 'work_order',
    subjectId: order.id,
    critical: true,
    sms: true,
    regionId: order.region_id,
  });
}

/** SL-2/SL-3: a rung of the ladder (or the people told at once of a critical order or an emergency) must have someone to tell, so its last active holder is not deactivated. Called from the capability's `register`. */
export function registerLadderDeactivationGuard(): void {
  registerDeactivationGuard(async (tx, personId) => {
    const duties = [
      ...new Set([...(await repo.ladderRoles(tx.db)), ...Object.values(IMMEDIATE_ROLES).flat()]),
    ];
    const alone = await repo.rolesOnlyHeldBy(tx.db, personId, duties);
    if (alone.length === 0) return [];
    const names = alone.map((r) => roleLabels[r]);
    return [
      problem(
        'active',
        `此人是升级通知中“${names.map((n) => n['zh-CN']).join('、')}”的唯一在职人员，停用后升级将无人接收；请先为该角色指定其他人员`,
        `this person is the only active ${names.map((n) => n.en).join(', ')} on the escalation ladder; give the role to someone else before deactivating`,
      ),
    ];
  });
}

/** The timer that climbs the ladder one level, and the ladder's deactivation guard. Called from the capability's `register`. */
export function registerEscalationTimers(): void {
  registerTimerHandler(STEP_TIMER, stepTimer);
  registerLadderDeactivationGuard();
}
