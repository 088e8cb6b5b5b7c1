/**
 * The calendar and catalog behind change control: maintenance windows and peaks (MO-1), freezes
 * per region (MO-2, flagging approved operations they hit), approval rules per kind and region
 * (MO-4), the released-version catalog (MO-10) with where each version runs and its pilot (MO-11),
 * and the durable timers of the watch (MO-8) and leftovers (MO-13).
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { registerTimerHandler, scheduleTimer } from '../../jobs/timers.ts';
import { notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { reportEmergency } from '../escalation/escalation.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findRegion } from '../regions/regions.queries.ts';
import { leftoverClosed } from './operations.completion.ts';
import { refuse } from './operations.context.ts';
import { dutyShifts, LEFTOVER_TIMER, WATCH_CHECK_MINUTES, WATCH_TIMER } from './operations.execution.ts';
import * as repo from './operations.repository.ts';
import type { OperationKind, VersionStatus } from './operations.rules.ts';

export async function addTimeRule(
  ctx: AppContext,
  actor: Actor,
  input: { product: string | null; kind: 'window' | 'peak'; startMinute: number; endMinute: number },
) {
  return inTransaction(ctx, async (tx) => {
    if (input.startMinute === input.endMinute)
      refuse([problem('endMinute', '开始和结束不能相同', 'start and end cannot be the same')], 422);
    const row = {
      id: newId(),
      product: input.product,
      kind: input.kind,
      start_minute: input.startMinute,
      end_minute: input.endMinute,
      created_at: tx.clock.now().toISOString(),
    };
    await repo.insertTimeRule(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'operation_time_rule',
      entityId: row.id,
      action: 'create',
      changes: row,
    });
    return row;
  });
}

/**
 * MO-2: declares a freeze over a region and everything below it. Operations already approved
 * whose window it hits are flagged and their lead and approvers told: the start will be refused.
 */
export async function declareFreeze(
  ctx: AppContext,
  actor: Actor,
  input: { regionId: string; startsAt: string; endsAt: string; reason: string },
) {
  return inTransaction(ctx, async (tx) => {
    const region = await findRegion(tx.db, input.regionId);
    if (!region) refuse([problem('regionId', '区域不存在', 'the region does not exist')], 422);
    if (Date.parse(input.endsAt) <= Date.parse(input.startsAt))
      refuse([problem('endsAt', '封网结束须晚于开始', 'the freeze must end after it starts')], 422);
    const now = tx.clock.now().toISOString();
    const row = {
      id: newId(),
      region_id: region.id,
      starts_at: new Date(input.startsAt).toISOString(),
      ends_at: new Date(input.endsAt).toISOString(),
      reason: input.reason,
      created_by: actor.personId,
      created_at: now,
    };
    await repo.insertFreeze(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'operation_freeze',
      entityId: row.id,
      action: 'create',
      changes: row,
    });
    const flagged: string[] = [];
    for (const op of await repo.pendingInWindow(tx.db, row.starts_at, row.ends_at)) {
      const opRegion = await findRegion(tx.db, op.region_id);
      if (!opRegion?.path.startsWith(region.path)) continue;
      await repo.updateOperation(tx.db, op.id, { freeze_flagged_at: now, updated_at: now });
      await recordHistory(tx, actor, {
        entityType: 'operation',
        entityId: op.id,
        action: 'freeze_flag',
        changes: { freezeId: row.id },
      });
      const approvers = (await repo.approvalsOf(tx.db, op.id)).map((a) => a.person_id);
      await notify(tx, {
        personIds: [op.lead_id, ...approvers],
        kind: 'operation.freeze',
        title: {
          'zh-CN': `封网影响已批准操作：${op.title}`,
          en: `A freeze hits an approved operation: ${op.title}`,
        },
        body: {
          'zh-CN': `封网原因：${row.reason}。操作不能在封网期内开始。`,
          en: `Freeze: ${row.reason}. The operation cannot start during it.`,
        },
        subjectType: 'operation',
        subjectId: op.id,
      });
      flagged.push(op.id);
    }
    return { freeze: row, flaggedOperationIds: flagged };
  });
}

export async function putApprovalRule(
  ctx: AppContext,
  actor: Actor,
  input: { kind: OperationKind; regionId: string | null; roles: string[] },
) {
  return inTransaction(ctx, async (tx) => {
    if (input.regionId && !(await findRegion(tx.db, input.regionId)))
      refuse([problem('regionId', '区域不存在', 'the region does not exist')], 422);
    const row = {
      id: newId(),
      kind: input.kind,
      region_id: input.regionId,
      roles: JSON.stringify(input.roles),
      updated_at: tx.clock.now().toISOString(),
    };
    await repo.putApprovalRule(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'operation_approval_rule',
      entityId: row.id,
      action: 'put',
      changes: input,
    });
    return row;
  });
}

export async function addVersion(
  ctx: AppContext,
  actor: Actor,
  input: {
    product: string;
    version: string;
    status: VersionStatus;
    pilotSize: number;
    notesAttachmentId?: string | null | undefined;
    guideAttachmentId?: string | null | undefined;
  },
) {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row = {
      id: newId(),
      product: input.product,
      version: input.version,
      status: input.status,
      notes_attachment_id: input.notesAttachmentId ?? null,
      guide_attachment_id: input.guideAttachmentId ?? null,
      pilot_size: input.pilotSize,
      created_at: now,
      updated_at: now,
    };
    await repo.insertVersion(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'software_version',
      entityId: row.id,
      action: 'create',
      changes: row,
    });
    return row;
  });
}

export async function setVersionStatus(ctx: AppContext, actor: Actor, id: string, status: VersionStatus) {
  return inTransaction(ctx, async (tx) => {
    const v = await repo.findVersion(tx.db, id);
    if (!v) throw notFound('software_version');
    await repo.updateVersion(tx.db, id, { status, updated_at: tx.clock.now().toISOString() });
    await recordHistory(tx, actor, {
      entityType: 'software_version',
      entityId: id,
      action: 'status',
      changes: { status: [v.status, status] },
    });
    return { ...v, status };
  });
}

/** The catalog with where each version runs and whether its pilot is verified (MO-10, MO-11). */
export async function versionCatalog(ctx: AppContext, product?: string) {
  const out = [];
  for (const v of await repo.listVersions(ctx.db, product)) {
    const runs = await repo.provenRuns(ctx.db, v.id);
    out.push({ ...v, siteIds: [...new Set(runs.map((r) => r.site_id))], pilotVerified: runs.length > 0 });
  }
  return out;
}

/** The windows, peaks and freezes between two instants, for the operations calendar (MO-1, MO-2). */
export async function operationCalendar(ctx: AppContext, from: string, to: string) {
  return { rules: await repo.timeRules(ctx.db), freezes: await repo.freezesBetween(ctx.db, from, to) };
}

/** Registers the watch and leftover timers (called once from the capability's `register`). */
export function registerOperationTimers(): void {
  // MO-8: during the first 24 hours, every check finds someone on duty or escalates as an emergency.
  registerTimerHandler(WATCH_TIMER, {
    async run(tx, timer) {
      const op = await repo.lockOperation(tx.db, tx.kit, String(timer.payload.operationId));
      if (!op || op.state !== 'watching' || !op.watch_started_at) return;
      const now = tx.clock.now().getTime();
      const shifts = await dutyShifts(tx, op.id);
      if (!shifts.some((s) => s.from <= now && s.to > now)) {
        await reportEmergency(tx, {
          subjectType: 'operation',
          subjectId: op.id,
          regionId: op.region_id,
          ownerId: op.lead_id,
          title: { 'zh-CN': `值守无人：${op.title}`, en: `Nobody on watch duty: ${op.title}` },
          body: {
            'zh-CN': '操作后 24 小时内现场无人值守',
            en: 'Nobody is on duty on site within the first 24 hours',
          },
        });
        await recordHistory(
          tx,
          { system: 'operations' },
          { entityType: 'operation', entityId: op.id, action: 'watch:unstaffed', changes: {} },
        );
      }
      const next = now + WATCH_CHECK_MINUTES * 60_000;
      if (next < Date.parse(op.watch_started_at) + 24 * 3_600_000)
        await scheduleTimer(tx, {
          kind: WATCH_TIMER,
          dueAt: new Date(next),
          payload: { operationId: op.id },
          dedupeKey: `op-watch:${op.id}:${next}`,
        });
    },
  });
  // MO-13: a leftover reaching its due date reminds its owner.
  registerTimerHandler(LEFTOVER_TIMER, {
    async run(tx, timer) {
      const { operationId, recordId } = timer.payload;
      if (await leftoverClosed(tx, String(operationId), String(recordId))) return;
      await notify(tx, {
        personIds: [String(timer.payload.ownerId)],
        kind: 'operation.leftover_due',
        title: { 'zh-CN': '重大操作遗留问题到期', en: 'A leftover of a major operation is due' },
        body: { 'zh-CN': '请处理并关闭遗留问题', en: 'Please resolve and close the leftover' },
        subjectType: 'operation',
        subjectId: String(timer.payload.operationId),
      });
    },
  });
}
