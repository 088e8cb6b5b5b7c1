/**
 * Planning and authorising a major operation: create (MO-1, MO-2, MO-10, MO-11 at plan time),
 * plan versions (MO-3), review, approvals and notices (MO-4), ready, and the start, where the
 * window, freezes and versions are checked again under the operation's lock.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { classifyDbError } from '../../db/dialect.ts';
import { type FieldProblem, forbidden, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { peopleFor } from '../escalation/escalation.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findPerson } from '../people/people.queries.ts';
import { findVisibleSite } from '../sites/sites.queries.ts';
import {
  addRecord,
  calendarRulesFor,
  currentPlan,
  lockVisible,
  moveTo,
  refuse,
  regionChainOf,
  requireState,
  siteClocks,
} from './operations.context.ts';
import * as repo from './operations.repository.ts';
import {
  approvalRoleOf,
  calendarProblems,
  canMove,
  NOTICE_ROLES,
  needsPlanReview,
  needsVersion,
  type OperationKind,
  type OperationState,
  PLAN_EDITABLE,
  type PlanBody,
  planProblems,
  REVIEW_ROLES,
  requiredApprovers,
  startProblems,
  versionProblems,
} from './operations.rules.ts';
import type { OperationStepTable, OperationTable } from './operations.tables.ts';

export interface OperationCreate {
  kind: OperationKind;
  title: string;
  siteIds: string[];
  leadId: string;
  team?: string[] | undefined;
  workOrderId?: string | null | undefined;
  product: string;
  versionId?: string | null | undefined;
  windowStart: string;
  windowEnd: string;
  observationDays?: number | undefined;
}

/** MO-10, MO-11: the named version's problems for this many sites. */
async function versionCheck(
  ctx: AppContext,
  op: { kind: OperationKind; product: string; versionId: string | null; siteCount: number },
): Promise<FieldProblem[]> {
  if (!needsVersion(op.kind)) return [];
  if (!op.versionId)
    return [
      problem(
        'versionId',
        '升级和加载须指定发布版本',
        'an upgrade or software load must name a released version',
      ),
    ];
  const v = await repo.findVersion(ctx.db, op.versionId);
  if (!v || v.product !== op.product)
    return [
      problem(
        'versionId',
        '版本不在此产品的发布版本目录中',
        "the version is not in this product's release catalog",
      ),
    ];
  const proven = (await repo.provenRuns(ctx.db, v.id)).length > 0;
  return versionProblems({
    status: v.status,
    pilotSize: v.pilot_size,
    fieldProven: proven,
    siteCount: op.siteCount,
  });
}

export async function createOperation(ctx: AppContext, actor: Actor, input: OperationCreate) {
  return inTransaction(ctx, async (tx) => {
    const siteIds = [...new Set(input.siteIds)];
    const sites = [];
    for (const id of siteIds) {
      const s = await findVisibleSite(tx.db, actor.scope, id);
      if (!s)
        refuse([problem('siteIds', '站点不存在或不可见', 'a site does not exist or is not visible')], 422);
      sites.push(s);
    }
    if (new Set(sites.map((s) => s.customer_id)).size > 1)
      refuse(
        [
          problem(
            'siteIds',
            '一次操作的站点须属于同一客户',
            "one operation's sites must belong to one customer",
          ),
        ],
        422,
      );
    const lead = await findPerson(tx.db, input.leadId);
    if (!lead || lead.active !== 1)
      refuse([problem('leadId', '负责人不存在', 'the lead engineer does not exist')], 422);
    const clocks = await siteClocks(tx, siteIds);
    const rules = await calendarRulesFor(tx, input.product, input.windowStart, input.windowEnd);
    const problems = [
      ...calendarProblems(
        Date.parse(input.windowStart),
        Date.parse(input.windowEnd),
        clocks,
        rules,
        'windowStart',
      ),
      ...(await versionCheck(tx, {
        kind: input.kind,
        product: input.product,
        versionId: input.versionId ?? null,
        siteCount: siteIds.length,
      })),
    ];
    if (problems.length) refuse(problems, 422);
    const now = tx.clock.now().toISOString();
    const first = sites[0]!;
    const row: OperationTable = {
      id: newId(tx.clock.now().getTime()),
      kind: input.kind,
      title: input.title,
      state: 'draft',
      region_id: first.region_id,
      customer_id: first.customer_id,
      partner_id: lead.partner_id,
      lead_id: lead.id,
      team: JSON.stringify(input.team ?? []),
      work_order_id: input.workOrderId ?? null,
      product: input.product,
      version_id: input.versionId ?? null,
      window_start: new Date(input.windowStart).toISOString(),
      window_end: new Date(input.windowEnd).toISOString(),
      plan_version: 0,
      reviewed_version: null,
      observation_days: input.observationDays ?? 1,
      freeze_flagged_at: null,
      started_at: null,
      watch_started_at: null,
      completed_at: null,
      created_by: actor.personId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertOperation(tx.db, row, siteIds);
    await recordHistory(tx, actor, {
      entityType: 'operation',
      entityId: row.id,
      action: 'create',
      changes: { ...row, siteIds },
    });
    return row;
  });
}

/**
 * MO-3: writes plan version n+1 with the window it was planned for kept beside it. A change after
 * review or approval sends the operation back to submitted: the old version and its approvals
 * stay visible, the new version needs its own.
 */
export async function writePlanVersion(
  tx: AppContext,
  actor: Actor,
  op: OperationTable,
  plan: PlanBody,
  reason: string,
): Promise<OperationTable> {
  const version = op.plan_version + 1;
  await repo.insertPlan(tx.db, {
    id: newId(tx.clock.now().getTime()),
    operation_id: op.id,
    version,
    body: JSON.stringify({ ...plan, window: { start: op.window_start, end: op.window_end } }),
    created_by: actor.personId,
    created_at: tx.clock.now().toISOString(),
  });
  await recordHistory(tx, actor, {
    entityType: 'operation',
    entityId: op.id,
    action: 'plan',
    changes: { planVersion: [op.plan_version, version] },
  });
  if (op.state !== 'draft' && op.state !== 'submitted') {
    const problems = planProblems(plan);
    if (problems.length) refuse(problems, 422);
    return moveTo(tx, actor, op, 'submitted', { plan_version: version }, reason);
  }
  await repo.updateOperation(tx.db, op.id, {
    plan_version: version,
    updated_at: tx.clock.now().toISOString(),
  });
  return { ...op, plan_version: version };
}

/** MO-3: saves a new plan version (see `writePlanVersion`). */
export async function savePlan(ctx: AppContext, actor: Actor, id: string, plan: PlanBody) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, PLAN_EDITABLE, 'plan');
    return writePlanVersion(tx, actor, op, plan, 'plan changed: review and approval again');
  });
}

/** MO-3 plan review by the designated authority, for the current plan version. */
export async function reviewPlan(ctx: AppContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['submitted']);
    if (!needsPlanReview(op.kind))
      refuse([
        problem('planReview', '此类操作不需要方案评审', 'this kind of operation needs no plan review'),
      ]);
    if (!actor.roles.some((r) => (REVIEW_ROLES as readonly string[]).includes(r))) throw forbidden();
    return moveTo(tx, actor, op, 'plan_reviewed', { reviewed_version: op.plan_version });
  });
}

export async function approversOf(ctx: AppContext, op: OperationTable): Promise<string[]> {
  return requiredApprovers(op.kind, await regionChainOf(ctx, op.region_id), await repo.approvalRules(ctx.db));
}

/** MO-4: records who approved which plan version in which role; approved once every role has. */
export async function approve(ctx: AppContext, actor: Actor, id: string, comment: string | null) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['submitted', 'plan_reviewed']);
    if (needsPlanReview(op.kind) && op.reviewed_version !== op.plan_version)
      refuse([
        problem(
          'planReview',
          '重大割接和升级方案须先经评审',
          'a major cutover or upgrade plan must be reviewed first',
        ),
      ]);
    const required = await approversOf(tx, op);
    const role = approvalRoleOf(actor.roles, required);
    if (!role) throw forbidden();
    const existing = await repo.approvalsOf(tx.db, op.id);
    if (existing.some((a) => a.role === role && a.plan_version === op.plan_version))
      refuse([
        problem(
          'role',
          '此角色已批准过当前方案版本',
          'this role has already approved the current plan version',
        ),
      ]);
    const row = {
      id: newId(tx.clock.now().getTime()),
      operation_id: op.id,
      role,
      plan_version: op.plan_version,
      person_id: actor.personId,
      comment,
      approved_at: tx.clock.now().toISOString(),
    };
    try {
      await repo.insertApproval(tx.db, row);
    } catch (err) {
      if (classifyDbError(err)?.kind === 'unique')
        refuse([
          problem(
            'role',
            '此角色已批准过当前方案版本',
            'this role has already approved the current plan version',
          ),
        ]);
      throw err;
    }
    await recordHistory(tx, actor, {
      entityType: 'operation',
      entityId: op.id,
      action: 'approve',
      changes: { role, planVersion: op.plan_version, comment },
    });
    const done = new Set([
      ...existing.filter((a) => a.plan_version === op.plan_version).map((a) => a.role),
      role,
    ]);
    if (required.every((r) => done.has(r))) return moveTo(tx, actor, op, 'approved');
    return op;
  });
}

/** MO-4: written notice (inbox and e-mail) to the office deputy manager, project manager and remote support. */
export async function sendNotices(ctx: AppContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['approved']);
    const recipients: { id: string; role: string }[] = [];
    for (const role of NOTICE_ROLES)
      for (const p of await peopleFor(tx, role, op.region_id)) recipients.push({ id: p.id, role });
    if (recipients.length === 0)
      refuse([
        problem(
          'notices',
          '找不到应通知的人员（办事处副经理、项目经理、远程支持）',
          'nobody to notify (office deputy manager, project manager, remote support)',
        ),
      ]);
    const window = `${op.window_start} – ${op.window_end}`;
    const ids = await notify(tx, {
      personIds: recipients.map((r) => r.id),
      kind: 'operation.notice',
      title: { 'zh-CN': `重大操作通知：${op.title}`, en: `Major operation notice: ${op.title}` },
      body: { 'zh-CN': `计划操作时间（UTC）：${window}`, en: `Planned window (UTC): ${window}` },
      subjectType: 'operation',
      subjectId: op.id,
    });
    await addRecord(tx, actor, op, 'notice', {
      planVersion: op.plan_version,
      recipients,
      notificationIds: ids,
      channel: 'email',
    });
    return moveTo(tx, actor, op, 'notified');
  });
}

/** MO-10: the lead acknowledges having read the release notes and upgrade guide. */
export async function acknowledgeVersion(ctx: AppContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    if (!op.version_id)
      refuse([problem('versionId', '此操作没有指定版本', 'this operation names no version')]);
    await addRecord(tx, actor, op, 'version_ack', { versionId: op.version_id, personId: actor.personId });
    return op;
  });
}

/** What a plain move needs (the moves with their own action are refused here). */
async function movePrerequisites(
  tx: AppContext,
  op: OperationTable,
  to: OperationState,
): Promise<FieldProblem[]> {
  if (to === 'submitted') return planProblems(await currentPlan(tx, op));
  if (to === 'ready') {
    const out: FieldProblem[] = [];
    const notices = await repo.recordsOf(tx.db, op.id, 'notice');
    if (!notices.some((n) => JSON.parse(n.body).planVersion === op.plan_version))
      out.push(problem('notices', '尚未发出书面通知', 'the written notices have not been sent'));
    if (needsVersion(op.kind)) {
      const acks = await repo.recordsOf(tx.db, op.id, 'version_ack');
      if (!acks.some((a) => a.recorded_by === op.lead_id))
        out.push(
          problem(
            'versionAcknowledged',
            '负责人尚未确认已阅读升级指导书和版本说明',
            'the lead has not acknowledged reading the upgrade guide and release notes',
          ),
        );
    }
    return out;
  }
  return [];
}

/** Plain state moves: submit, ready, cancel, abort. */
export async function transition(
  ctx: AppContext,
  actor: Actor,
  id: string,
  to: OperationState,
  reason?: string,
) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    if (!['submitted', 'ready', 'cancelled', 'aborted'].includes(to) || !canMove(op.state, to))
      refuse([problem('to', `不能从 ${op.state} 转为 ${to}`, `cannot move from ${op.state} to ${to}`)]);
    const problems = await movePrerequisites(tx, op, to);
    if (problems.length) refuse(problems);
    return moveTo(tx, actor, op, to, {}, reason);
  });
}

/** MO-1, MO-2, MO-10, MO-11 again at the moment of starting; one winner under the lock. */
export async function startOperation(ctx: AppContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['ready']);
    const siteIds = await repo.siteIdsOf(tx.db, op.id);
    const now = tx.clock.now();
    const rules = await calendarRulesFor(tx, op.product, now.toISOString(), op.window_end);
    const problems = [
      ...startProblems(
        now.getTime(),
        Date.parse(op.window_start),
        Date.parse(op.window_end),
        await siteClocks(tx, siteIds),
        rules,
      ),
      ...(await versionCheck(tx, {
        kind: op.kind,
        product: op.product,
        versionId: op.version_id,
        siteCount: siteIds.length,
      })),
    ];
    if (problems.length) refuse(problems);
    const plan = await currentPlan(tx, op);
    const nowIso = now.toISOString();
    const steps: OperationStepTable[] = (plan?.steps ?? []).map((s, i) => ({
      id: newId(now.getTime()),
      operation_id: op.id,
      plan_step: i,
      title: s.title,
      modifying: s.modifying ? 1 : 0,
      table_transfer: s.tableTransfer ? 1 : 0,
      reason: null,
      authorised_by: null,
      authorised_at: null,
      rechecked_by: null,
      rechecked_at: null,
      state: 'pending',
      result: null,
      started_by: null,
      started_at: null,
      finished_at: null,
      created_at: nowIso,
    }));
    await repo.insertSteps(tx.db, steps);
    return moveTo(tx, actor, op, 'in_progress', { started_at: nowIso });
  });
}
