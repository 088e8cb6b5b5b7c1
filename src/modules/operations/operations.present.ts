/** How operations look in API JSON: camelCase, JSON columns parsed, plain state names. */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import * as repo from './operations.repository.ts';
import { needsPlanReview, needsVersion, needsWatch } from './operations.rules.ts';
import type { OperationStepTable, OperationTable } from './operations.tables.ts';

export const zOperation = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: z.string(),
  regionId: z.string(),
  customerId: z.string(),
  leadId: z.string(),
  team: z.array(z.string()),
  workOrderId: z.string().nullable(),
  product: z.string(),
  versionId: z.string().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  planVersion: z.number().int(),
  reviewedVersion: z.number().int().nullable(),
  observationDays: z.number().int(),
  freezeFlaggedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  watchStartedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  needsPlanReview: z.boolean(),
  needsWatch: z.boolean(),
  needsVersion: z.boolean(),
});

export function presentOperation(o: OperationTable): z.infer<typeof zOperation> {
  return {
    id: o.id,
    kind: o.kind,
    title: o.title,
    state: o.state,
    regionId: o.region_id,
    customerId: o.customer_id,
    leadId: o.lead_id,
    team: JSON.parse(o.team) as string[],
    workOrderId: o.work_order_id,
    product: o.product,
    versionId: o.version_id,
    windowStart: o.window_start,
    windowEnd: o.window_end,
    planVersion: o.plan_version,
    reviewedVersion: o.reviewed_version,
    observationDays: o.observation_days,
    freezeFlaggedAt: o.freeze_flagged_at,
    startedAt: o.started_at,
    watchStartedAt: o.watch_started_at,
    completedAt: o.completed_at,
    needsPlanReview: needsPlanReview(o.kind),
    needsWatch: needsWatch(o.kind),
    needsVersion: needsVersion(o.kind),
  };
}

export const zStep = z.object({
  id: z.string(),
  planStep: z.number().int().nullable(),
  title: z.string(),
  modifying: z.boolean(),
  tableTransfer: z.boolean(),
  reason: z.string().nullable(),
  authorisedBy: z.string().nullable(),
  authorisedAt: z.string().nullable(),
  recheckedAt: z.string().nullable(),
  state: z.string(),
  result: z.string().nullable(),
  startedBy: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export function presentStep(s: OperationStepTable): z.infer<typeof zStep> {
  return {
    id: s.id,
    planStep: s.plan_step,
    title: s.title,
    modifying: s.modifying === 1,
    tableTransfer: s.table_transfer === 1,
    reason: s.reason,
    authorisedBy: s.authorised_by,
    authorisedAt: s.authorised_at,
    recheckedAt: s.rechecked_at,
    state: s.state,
    result: s.result,
    startedBy: s.started_by,
    startedAt: s.started_at,
    finishedAt: s.finished_at,
  };
}

export const zOperationDetail = zOperation.extend({
  siteIds: z.array(z.string()),
  plans: z.array(
    z.object({
      version: z.number().int(),
      plan: z.unknown(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
    }),
  ),
  approvals: z.array(
    z.object({
      role: z.string(),
      planVersion: z.number().int(),
      personId: z.string(),
      comment: z.string().nullable(),
      approvedAt: z.string(),
    }),
  ),
  steps: z.array(zStep),
  records: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      body: z.unknown(),
      recordedBy: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});

/** The whole operation: every plan version (old ones stay visible), approvals, steps and records. */
export async function operationDetail(
  ctx: AppContext,
  o: OperationTable,
): Promise<z.infer<typeof zOperationDetail>> {
  return {
    ...presentOperation(o),
    siteIds: await repo.siteIdsOf(ctx.db, o.id),
    plans: (await repo.plansOf(ctx.db, o.id)).map((p) => ({
      version: p.version,
      plan: JSON.parse(p.body),
      createdAt: p.created_at,
      createdBy: p.created_by,
    })),
    approvals: (await repo.approvalsOf(ctx.db, o.id)).map((a) => ({
      role: a.role,
      planVersion: a.plan_version,
      personId: a.person_id,
      comment: a.comment,
      approvedAt: a.approved_at,
    })),
    steps: (await repo.stepsOf(ctx.db, o.id)).map(presentStep),
    records: (await repo.recordsOf(ctx.db, o.id)).map((r) => ({
      id: r.id,
      kind: r.kind,
      body: JSON.parse(r.body),
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    })),
  };
}
