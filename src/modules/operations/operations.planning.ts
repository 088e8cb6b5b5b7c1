/**
 * The planner's and approver's desk: editing an operation's title, window and observation
 * (MO-1, MO-2 checked again; a new window after submission is a new plan version, MO-3), an
 * approver sending the plan back with a reason (MO-4), the approval inbox and the watch roster
 * (who is on duty during each window, MO-8).
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { forbidden, problem } from '../../shared/errors.ts';
import type { Actor } from '../access/policy.ts';
import { dutyOn } from '../duty/duty.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { getPerson } from '../people/people.service.ts';
import {
  addRecord,
  calendarRulesFor,
  currentPlan,
  lockVisible,
  moveTo,
  refuse,
  requireState,
  siteClocks,
} from './operations.context.ts';
import * as repo from './operations.repository.ts';
import {
  approvalRoleOf,
  calendarProblems,
  inboxTask,
  needsPlanReview,
  PLAN_EDITABLE,
  REVIEW_ROLES,
} from './operations.rules.ts';
import { approversOf, writePlanVersion } from './operations.service.ts';
import type { OperationTable } from './operations.tables.ts';

export interface OperationEdit {
  title?: string | undefined;
  windowStart?: string | undefined;
  windowEnd?: string | undefined;
  observationDays?: number | undefined;
}

/**
 * Edits the operation's header while its plan may still change. A new window is checked against
 * MO-1 windows and peaks and MO-2 freezes at every site; once the plan was submitted, the window
 * is part of what the approvers signed, so the current plan is saved again as a new version.
 */
export async function editOperation(ctx: AppContext, actor: Actor, id: string, input: OperationEdit) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, PLAN_EDITABLE);
    if ((input.windowStart === undefined) !== (input.windowEnd === undefined))
      refuse(
        [
          problem(
            input.windowStart === undefined ? 'windowStart' : 'windowEnd',
            '时间窗的开始和结束须一起修改',
            'the start and end of the window change together',
          ),
        ],
        422,
      );
    const patch: Partial<OperationTable> = {};
    if (input.title !== undefined && input.title !== op.title) patch.title = input.title;
    if (input.observationDays !== undefined && input.observationDays !== op.observation_days)
      patch.observation_days = input.observationDays;
    if (input.windowStart !== undefined && input.windowEnd !== undefined) {
      const start = new Date(input.windowStart).toISOString();
      const end = new Date(input.windowEnd).toISOString();
      if (start !== op.window_start || end !== op.window_end) {
        const problems = calendarProblems(
          Date.parse(start),
          Date.parse(end),
          await siteClocks(tx, await repo.siteIdsOf(tx.db, op.id)),
          await calendarRulesFor(tx, op.product, start, end),
          'windowStart',
        );
        if (problems.length) refuse(problems, 422);
        patch.window_start = start;
        patch.window_end = end;
      }
    }
    if (Object.keys(patch).length === 0) return op;
    const now = tx.clock.now().toISOString();
    await repo.updateOperation(tx.db, op.id, { ...patch, updated_at: now });
    await recordHistory(tx, actor, {
      entityType: 'operation',
      entityId: op.id,
      action: 'edit',
      changes: Object.fromEntries(
        Object.entries(patch).map(([k, v]) => [k, [op[k as keyof OperationTable], v]]),
      ),
    });
    const edited = { ...op, ...patch, updated_at: now };
    const plan = await currentPlan(tx, op);
    if (patch.window_start && plan && op.state !== 'draft')
      return writePlanVersion(tx, actor, edited, plan, 'window changed: review and approval again');
    return edited;
  });
}

/** Whether the actor reviews plans (MO-3) and which approval role it would sign in (MO-4). */
async function deskRoles(ctx: AppContext, actor: Actor, op: OperationTable) {
  return {
    reviewer: actor.roles.some((r) => (REVIEW_ROLES as readonly string[]).includes(r)),
    role: approvalRoleOf(actor.roles, await approversOf(ctx, op)),
  };
}

/**
 * MO-4: an approver (or the plan's reviewer) refuses the current plan version with a reason. The
 * operation goes back to draft for the planner; the refusal and its reason stay on the record.
 */
export async function sendBack(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['submitted', 'plan_reviewed']);
    const { reviewer, role } = await deskRoles(tx, actor, op);
    if (!role && !(reviewer && needsPlanReview(op.kind))) throw forbidden();
    if (!reason.trim()) refuse([problem('reason', '须说明退回原因', 'say why the plan is refused')], 422);
    await addRecord(tx, actor, op, 'approval_refused', {
      role: role ?? 'plan_review',
      planVersion: op.plan_version,
      reason,
      name: actor.displayName,
    });
    await notify(tx, {
      personIds: [op.lead_id],
      kind: 'operation.sent_back',
      title: {
        'zh-CN': `重大操作方案被退回：${op.title}`,
        en: `A major operation plan was refused: ${op.title}`,
      },
      body: { 'zh-CN': `退回原因：${reason}`, en: `Reason: ${reason}` },
      subjectType: 'operation',
      subjectId: op.id,
    });
    return moveTo(tx, actor, op, 'draft', { reviewed_version: null }, reason);
  });
}

export interface InboxItem {
  operation: OperationTable;
  task: 'review' | 'approve';
  role: string;
  approvedRoles: string[];
  requiredRoles: string[];
}

/** What waits for this person: plans to review and plan versions to approve in their role. */
export async function approvalInbox(ctx: AppContext, actor: Actor): Promise<InboxItem[]> {
  const out: InboxItem[] = [];
  for (const op of await repo.awaitingApproval(ctx.db, actor.scope)) {
    const required = await approversOf(ctx, op);
    const approved = (await repo.approvalsOf(ctx.db, op.id))
      .filter((a) => a.plan_version === op.plan_version)
      .map((a) => a.role);
    const { reviewer, role } = await deskRoles(ctx, actor, op);
    const task = inboxTask({
      kind: op.kind,
      reviewed: op.reviewed_version === op.plan_version,
      reviewer,
      role,
      approvedRoles: approved,
    });
    if (task)
      out.push({
        operation: op,
        task,
        role: task === 'review' ? 'plan_review' : role!,
        approvedRoles: approved,
        requiredRoles: required,
      });
  }
  return out;
}

async function nameOf(ctx: AppContext, id: string): Promise<string> {
  // Names of the people working on an operation the caller already sees.
  return getPerson(ctx, { kind: 'all' }, id).then(
    (p) => p.display_name,
    () => '—',
  );
}

export interface RosterEntry {
  operation: OperationTable;
  crew: { personId: string; name: string; lead: boolean; shifts: { startsAt: string; endsAt: string }[] }[];
  watch: { names: string[]; from: string; to: string }[];
}

const DAY_MS = 86_400_000;

/**
 * MO-8 and the duty roster: for each operation whose window overlaps [from, to), its lead and
 * team with their rostered shifts around the window, and the watch shifts recorded on site.
 */
export async function watchRoster(
  ctx: AppContext,
  actor: Actor,
  from: string,
  to: string,
): Promise<RosterEntry[]> {
  if (Date.parse(to) <= Date.parse(from))
    refuse([problem('to', '结束时间须晚于开始时间', 'the end must be after the start')], 422);
  if (Date.parse(to) - Date.parse(from) > 93 * DAY_MS)
    refuse([problem('to', '一次最多查看 93 天', 'at most 93 days at a time')], 422);
  const out: RosterEntry[] = [];
  for (const op of await repo.operationsBetween(ctx.db, actor.scope, from, to)) {
    const ids = [op.lead_id, ...(JSON.parse(op.team) as string[]).filter((p) => p !== op.lead_id)];
    const { shifts } = await dutyOn(ctx.db, ids, op.window_start.slice(0, 10));
    const crew = [];
    for (const personId of ids)
      crew.push({
        personId,
        name: await nameOf(ctx, personId),
        lead: personId === op.lead_id,
        shifts: shifts
          .filter(
            (s) => s.person_id === personId && s.starts_at < op.window_end && s.ends_at > op.window_start,
          )
          .map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at })),
      });
    const watch = (await repo.recordsOf(ctx.db, op.id, 'duty')).map(
      (r) => JSON.parse(r.body) as { names: string[]; from: string; to: string },
    );
    out.push({ operation: op, crew, watch });
  }
  return out;
}
