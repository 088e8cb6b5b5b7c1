/**
 * Running a major operation: backup and change table (MO-5), step by step with the re-check
 * before a table transfer (MO-6) and authorisation of unplanned steps (MO-12), emergency reports
 * (MO-9), verification (MO-7), the watch (MO-8) and completion with leftovers (MO-13).
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { scheduleTimer } from '../../jobs/timers.ts';
import { forbidden, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { reportEmergency } from '../escalation/escalation.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { findPerson } from '../people/people.queries.ts';
import { storeCompletionReport, trackLeftover } from './operations.completion.ts';
import { addRecord, lockVisible, moveTo, refuse, requireState } from './operations.context.ts';
import * as repo from './operations.repository.ts';
import {
  approvalRoleOf,
  type DutyShift,
  MONITOR_ROLE,
  needsWatch,
  REVIEW_ROLES,
  type Verification,
  watchProblems,
} from './operations.rules.ts';
import { approversOf } from './operations.service.ts';
import type { OperationTable } from './operations.tables.ts';

export const WATCH_TIMER = 'operations.watch';
/** Reminders of leftovers recorded before they had deadline clocks (0032); new ones have clocks. */
export const LEFTOVER_TIMER = 'operations.leftover';
/** MO-8: how often the watch checks that someone is on duty during the first 24 hours. */
export const WATCH_CHECK_MINUTES = 60;

export interface BackupInput {
  what: string;
  location: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  attachmentId?: string | null | undefined;
  changeTableChecked: boolean;
}

/** MO-5: the backup (what, where, file, size, SHA-256) and the change-table check. */
export async function recordBackup(ctx: AppContext, actor: Actor, id: string, input: BackupInput) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['ready', 'in_progress']);
    if (!input.changeTableChecked)
      refuse(
        [problem('changeTableChecked', '须先核对变更表', 'the change table must be checked first')],
        422,
      );
    await addRecord(tx, actor, op, 'backup', { ...input, attachmentId: input.attachmentId ?? null });
    return op;
  });
}

async function lockStep(tx: AppContext, actor: Actor, id: string, stepId: string) {
  const op = await lockVisible(tx, actor, id);
  const step = await repo.findStep(tx.db, op.id, stepId);
  if (!step) throw notFound('operation_step');
  return { op, step };
}

/** MO-12: a step outside the approved plan, waiting for its own authorisation. */
export async function addUnplannedStep(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { title: string; reason: string; modifying: boolean; tableTransfer: boolean },
) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['in_progress']);
    const now = tx.clock.now().toISOString();
    const row = {
      id: newId(tx.clock.now().getTime()),
      operation_id: op.id,
      plan_step: null,
      title: input.title,
      modifying: input.modifying ? 1 : 0,
      table_transfer: input.tableTransfer ? 1 : 0,
      reason: input.reason,
      authorised_by: null,
      authorised_at: null,
      rechecked_by: null,
      rechecked_at: null,
      state: 'pending' as const,
      result: null,
      started_by: null,
      started_at: null,
      finished_at: null,
      created_at: now,
    };
    await repo.insertSteps(tx.db, [row]);
    await recordHistory(tx, actor, {
      entityType: 'operation',
      entityId: op.id,
      action: 'step:unplanned',
      changes: { stepId: row.id, title: row.title, reason: row.reason },
    });
    return row;
  });
}

/** MO-12: an approver of the operation authorises an unplanned step before it runs. */
export async function authoriseStep(ctx: AppContext, actor: Actor, id: string, stepId: string) {
  return inTransaction(ctx, async (tx) => {
    const { op, step } = await lockStep(tx, actor, id, stepId);
    if (step.plan_step !== null)
      refuse([problem('stepId', '计划内步骤无需单独授权', 'a planned step needs no separate authorisation')]);
    const approver =
      approvalRoleOf(actor.roles, await approversOf(tx, op)) ??
      actor.roles.find((r) => (REVIEW_ROLES as readonly string[]).includes(r));
    if (!approver || actor.roles.every((r) => r === 'customer_escort')) throw forbidden();
    const now = tx.clock.now().toISOString();
    await repo.updateStep(tx.db, step.id, { authorised_by: actor.personId, authorised_at: now });
    await recordHistory(tx, actor, {
      entityType: 'operation',
      entityId: op.id,
      action: 'step:authorise',
      changes: { stepId: step.id, title: step.title },
    });
    return { ...step, authorised_by: actor.personId, authorised_at: now };
  });
}

/** MO-6: the modified data is checked again before a table transfer. */
export async function recheckStep(ctx: AppContext, actor: Actor, id: string, stepId: string) {
  return inTransaction(ctx, async (tx) => {
    const { op, step } = await lockStep(tx, actor, id, stepId);
    requireState(op, ['in_progress']);
    if (step.table_transfer !== 1)
      refuse([problem('stepId', '此步骤不是传表步骤', 'this step is not a table transfer')]);
    const now = tx.clock.now().toISOString();
    await repo.updateStep(tx.db, step.id, { rechecked_by: actor.personId, rechecked_at: now });
    await recordHistory(tx, actor, {
      entityType: 'operation',
      entityId: op.id,
      action: 'step:recheck',
      changes: { stepId: step.id },
    });
    return { ...step, rechecked_by: actor.personId, rechecked_at: now };
  });
}

/** Runs one step: plan order kept, one at a time, and the MO-5 / MO-6 / MO-12 evidence first. */
export async function startStep(ctx: AppContext, actor: Actor, id: string, stepId: string) {
  return inTransaction(ctx, async (tx) => {
    const { op, step } = await lockStep(tx, actor, id, stepId);
    requireState(op, ['in_progress']);
    if (step.state !== 'pending')
      refuse([problem('stepId', '此步骤已执行', 'this step has already been run')]);
    const steps = await repo.stepsOf(tx.db, op.id);
    if (steps.some((s) => s.state === 'running'))
      refuse([problem('stepId', '另一步骤正在执行', 'another step is running')]);
    if (
      step.plan_step !== null &&
      steps.some((s) => s.plan_step !== null && s.plan_step < step.plan_step! && s.state !== 'done')
    )
      refuse([
        problem(
          'stepId',
          '须按方案顺序执行，前面的步骤尚未完成',
          'steps run in plan order; an earlier step is not done',
        ),
      ]);
    if (step.plan_step === null && !step.authorised_at)
      refuse([
        problem(
          'authorisation',
          '方案外步骤须先经审批人授权',
          'a step outside the plan needs an approver’s authorisation first',
        ),
      ]);
    if (step.modifying === 1 && (await repo.recordsOf(tx.db, op.id, 'backup')).length === 0)
      refuse([
        problem(
          'backup',
          '修改前须先备份数据并核对变更表',
          'back up the data and check the change table before any modification',
        ),
      ]);
    if (step.table_transfer === 1 && !step.rechecked_at)
      refuse([
        problem(
          'recheck',
          '传表前须再次核对修改后的数据',
          'check the modified data again before the table transfer',
        ),
      ]);
    const now = tx.clock.now().toISOString();
    await repo.updateStep(tx.db, step.id, { state: 'running', started_by: actor.personId, started_at: now });
    await recordHistory(tx, actor, {
      entityType: 'operation',
      entityId: op.id,
      action: 'step:start',
      changes: { stepId: step.id, title: step.title },
    });
    return { ...step, state: 'running' as const, started_by: actor.personId, started_at: now };
  });
}

/** Done with its result, or failed: then roll back (the operation ends rolled back) or report (MO-9). */
export async function finishStep(
  ctx: AppContext,
  actor: Actor,
  id: string,
  stepId: string,
  input: { outcome: 'done' | 'failed'; result: string; onFailure?: 'rollback' | 'report' | undefined },
) {
  return inTransaction(ctx, async (tx) => {
    const { op, step } = await lockStep(tx, actor, id, stepId);
    requireState(op, ['in_progress']);
    if (step.state !== 'running') refuse([problem('stepId', '此步骤未在执行', 'this step is not running')]);
    if (input.outcome === 'failed' && !input.onFailure)
      refuse(
        [
          problem(
            'onFailure',
            '步骤失败须选择回退或上报',
            'a failed step needs a choice: roll back or report',
          ),
        ],
        422,
      );
    const now = tx.clock.now().toISOString();
    await repo.updateStep(tx.db, step.id, { state: input.outcome, result: input.result, finished_at: now });
    await recordHistory(tx, actor, {
      entityType: 'operation',
      entityId: op.id,
      action: `step:${input.outcome}`,
      changes: { stepId: step.id, result: input.result, onFailure: input.onFailure ?? null },
    });
    if (input.outcome === 'failed' && input.onFailure === 'rollback')
      return moveTo(tx, actor, op, 'rolled_back', {}, input.result);
    if (input.outcome === 'failed') await emergency(tx, actor, op, `${step.title}：${input.result}`);
    return op;
  });
}

async function emergency(tx: AppContext, actor: Actor, op: OperationTable, description: string) {
  const escalationId = await reportEmergency(tx, {
    subjectType: 'operation',
    subjectId: op.id,
    regionId: op.region_id,
    ownerId: op.lead_id,
    title: { 'zh-CN': `重大操作突发情况：${op.title}`, en: `Major operation emergency: ${op.title}` },
    body: { 'zh-CN': description, en: description },
  });
  await addRecord(tx, actor, op, 'emergency', { description, escalationId });
  return escalationId;
}

/** MO-9: at any moment of the work, the chief and chief engineer are told at once (critical path of SL-3). */
export async function reportOperationEmergency(
  ctx: AppContext,
  actor: Actor,
  id: string,
  description: string,
) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['ready', 'in_progress', 'verifying', 'watching']);
    return { escalationId: await emergency(tx, actor, op, description) };
  });
}

/** All steps done: the work moves to verification. */
export async function finishWork(ctx: AppContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['in_progress']);
    const open = (await repo.stepsOf(tx.db, op.id)).filter((s) => s.state !== 'done');
    if (open.length)
      refuse([problem('steps', `还有 ${open.length} 个步骤未完成`, `${open.length} steps are not done`)]);
    return moveTo(tx, actor, op, 'verifying');
  });
}

/**
 * MO-7: service tests, billing records, call loss, alarms and performance after the work. A
 * passed verification moves to the watch (MO-8 kinds) or leaves the operation ready to complete.
 */
export async function recordVerification(ctx: AppContext, actor: Actor, id: string, v: Verification) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['verifying']);
    await addRecord(tx, actor, op, 'verification', { ...v });
    if (!v.passed || !needsWatch(op.kind)) return op;
    const now = tx.clock.now();
    await scheduleTimer(tx, {
      kind: WATCH_TIMER,
      dueAt: new Date(now.getTime() + WATCH_CHECK_MINUTES * 60_000),
      payload: { operationId: op.id },
      dedupeKey: `op-watch:${op.id}:1`,
    });
    return moveTo(tx, actor, op, 'watching', { watch_started_at: now.toISOString() });
  });
}

export async function dutyShifts(ctx: AppContext, operationId: string): Promise<DutyShift[]> {
  return (await repo.recordsOf(ctx.db, operationId, 'duty')).map((r) => {
    const b = JSON.parse(r.body) as { names: string[]; from: string; to: string };
    return { names: b.names, from: Date.parse(b.from), to: Date.parse(b.to) };
  });
}

/** MO-8: a duty shift on site (names and times). */
export async function recordDuty(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { names: string[]; from: string; to: string },
) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['watching']);
    if (Date.parse(input.to) <= Date.parse(input.from))
      refuse([problem('to', '值守结束时间须晚于开始时间', 'the shift must end after it starts')], 422);
    await addRecord(tx, actor, op, 'duty', { ...input });
    return op;
  });
}

/** MO-8: the customer's network-monitoring staff agree to the team leaving. */
export async function recordMonitorAgreement(ctx: AppContext, actor: Actor, id: string, note: string | null) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['watching']);
    if (!actor.roles.includes(MONITOR_ROLE)) throw forbidden();
    await addRecord(tx, actor, op, 'monitor_agreement', { note, name: actor.displayName });
    return op;
  });
}

export interface Leftover {
  description: string;
  ownerId: string;
  dueOn: string;
}

/** MO-13: completion with its leftovers, each tracked with an owner and a due date (a deadline clock). */
export async function completeOperation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { summary: string; leftovers: Leftover[] },
) {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    requireState(op, ['verifying', 'watching']);
    const verifications = await repo.recordsOf(tx.db, op.id, 'verification');
    if (!verifications.some((r) => JSON.parse(r.body).passed === true))
      refuse([problem('verification', '尚无通过的业务验证记录', 'there is no passed verification record')]);
    if (needsWatch(op.kind)) {
      if (op.state !== 'watching')
        refuse([problem('state', '须先完成值守观察', 'the watch must come first')]);
      const problems = watchProblems({
        watchStart: Date.parse(op.watch_started_at ?? op.updated_at),
        now: tx.clock.now().getTime(),
        observationDays: op.observation_days,
        shifts: await dutyShifts(tx, op.id),
        monitorAgreed: (await repo.recordsOf(tx.db, op.id, 'monitor_agreement')).length > 0,
      });
      if (problems.length) refuse(problems);
    }
    for (const [i, l] of input.leftovers.entries()) {
      const owner = await findPerson(tx.db, l.ownerId);
      if (!owner || owner.active !== 1)
        refuse(
          [
            problem(
              `leftovers.${i}.ownerId`,
              '遗留问题责任人不存在',
              'the owner of the leftover does not exist',
            ),
          ],
          422,
        );
      await trackLeftover(tx, actor, op, l, i);
    }
    await addRecord(tx, actor, op, 'completion', {
      summary: input.summary,
      leftovers: input.leftovers.length,
      reportAttachmentId: await storeCompletionReport(tx, actor, op, input.summary),
    });
    return moveTo(tx, actor, op, 'completed', { completed_at: tx.clock.now().toISOString() });
  });
}
