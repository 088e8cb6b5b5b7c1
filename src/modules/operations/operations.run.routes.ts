/**
 * Running a major operation on site (MO-5 … MO-9, MO-12, MO-13) and the catalog behind change
 * control (MO-1 windows and peaks, MO-2 freezes, MO-4 approval rules, MO-10/MO-11 versions).
 */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams, zInstant, zText } from '../../http/schemas.ts';
import type { Actor } from '../access/policy.ts';
import {
  addTimeRule,
  addVersion,
  declareFreeze,
  operationCalendar,
  putApprovalRule,
  setVersionStatus,
  versionCatalog,
} from './operations.catalog.ts';
import {
  addUnplannedStep,
  authoriseStep,
  completeOperation,
  finishStep,
  finishWork,
  recheckStep,
  recordBackup,
  recordDuty,
  recordMonitorAgreement,
  recordVerification,
  reportOperationEmergency,
  startStep,
} from './operations.execution.ts';
import { presentOperation, presentStep, zOperation, zStep } from './operations.present.ts';
import { OPERATION_KINDS } from './operations.rules.ts';
import type { OperationStepTable } from './operations.tables.ts';

const TAG = 'operations';
const BASE = '/api/v1/operations';
const zStepParams = z.strictObject({ id: zId, stepId: zId });
const zRow = z.object({ id: z.string() }).passthrough();

const opAction = <B extends z.ZodType>(
  url: string,
  summary: string,
  body: B,
  run: (i: {
    ctx: never;
    actor: never;
    id: string;
    body: z.output<B>;
  }) => Promise<Parameters<typeof presentOperation>[0]>,
) =>
  route({
    method: 'POST',
    url: `${BASE}/:id/${url}`,
    summary,
    tags: [TAG],
    auth: 'user',
    permission: 'operations.run',
    params: zIdParams,
    body,
    response: zOperation,
    handler: async ({ ctx, actor, params, body: b }) =>
      presentOperation(
        await run({ ctx: ctx as never, actor: actor as never, id: params.id, body: b as z.output<B> }),
      ),
  });

const stepAction = (
  url: string,
  summary: string,
  run: (ctx: AppContext, actor: Actor, id: string, stepId: string) => Promise<OperationStepTable>,
) =>
  route({
    method: 'POST',
    url: `${BASE}/:id/steps/:stepId/${url}`,
    summary,
    tags: [TAG],
    auth: 'user',
    permission: url === 'authorise' ? 'operations.approve' : 'operations.run',
    params: zStepParams,
    body: z.strictObject({}),
    response: zStep,
    handler: async ({ ctx, actor, params }) => presentStep(await run(ctx, actor, params.id, params.stepId)),
  });

const zSha256 = z.string().regex(/^[0-9a-f]{64}$/i);

export const operationRunRoutes = [
  opAction(
    'backup',
    'Record the backup (what, where, file, size, SHA-256) and the change-table check (MO-5)',
    z.strictObject({
      what: zText(500),
      location: zText(500),
      fileName: zText(255),
      sizeBytes: z.number().int().min(1).max(1e13),
      sha256: zSha256,
      attachmentId: zId.nullable().optional(),
      changeTableChecked: z.boolean(),
    }),
    ({ ctx, actor, id, body }) => recordBackup(ctx, actor, id, body),
  ),
  route({
    method: 'POST',
    url: `${BASE}/:id/unplanned-steps`,
    summary: 'Propose a step outside the approved plan; it needs an approver’s authorisation (MO-12)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.run',
    params: zIdParams,
    body: z.strictObject({
      title: zText(500),
      reason: zText(2000),
      modifying: z.boolean(),
      tableTransfer: z.boolean(),
    }),
    status: 201,
    response: zStep,
    handler: async ({ ctx, actor, params, body }) =>
      presentStep(await addUnplannedStep(ctx, actor, params.id, body)),
  }),
  stepAction('authorise', 'Authorise an unplanned step before it runs (MO-12)', authoriseStep),
  stepAction('recheck', 'Record the re-check of modified data before a table transfer (MO-6)', recheckStep),
  stepAction('start', 'Start a step (backup, re-check and authorisation are required first)', startStep),
  opAction(
    'finish-step',
    'Finish the running step: done with its result, or failed with roll back or report',
    z.strictObject({
      stepId: zId,
      outcome: z.enum(['done', 'failed']),
      result: zText(2000),
      onFailure: z.enum(['rollback', 'report']).optional(),
    }),
    ({ ctx, actor, id, body }) => finishStep(ctx, actor, id, body.stepId, body),
  ),
  route({
    method: 'POST',
    url: `${BASE}/:id/emergency`,
    summary: 'Report an emergency: the chief and chief engineer are told at once (MO-9)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.run',
    params: zIdParams,
    body: z.strictObject({ description: zText(2000) }),
    status: 201,
    response: z.object({ escalationId: z.string() }),
    handler: async ({ ctx, actor, params, body }) =>
      reportOperationEmergency(ctx, actor, params.id, body.description),
  }),
  opAction('finish-work', 'Every step done: move to verification', z.strictObject({}), ({ ctx, actor, id }) =>
    finishWork(ctx, actor, id),
  ),
  opAction(
    'verification',
    'Record the verification after the work: calls, billing, call loss, alarms, performance (MO-7)',
    z.strictObject({
      callTests: zText(2000),
      billingRecords: zText(2000),
      callLoss: zText(2000),
      alarms: zText(2000),
      performance: zText(2000),
      passed: z.boolean(),
    }),
    ({ ctx, actor, id, body }) => recordVerification(ctx, actor, id, body),
  ),
  opAction(
    'duty',
    'Record a watch duty shift: names and times (MO-8)',
    z.strictObject({ names: z.array(zText(100)).min(1).max(20), from: zInstant, to: zInstant }),
    ({ ctx, actor, id, body }) => recordDuty(ctx, actor, id, body),
  ),
  route({
    method: 'POST',
    url: `${BASE}/:id/monitor-agreement`,
    summary: 'The customer’s network monitoring agrees to the team leaving (MO-8)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.monitor',
    params: zIdParams,
    body: z.strictObject({ note: zText(1000).nullable().optional() }),
    response: zOperation,
    handler: async ({ ctx, actor, params, body }) =>
      presentOperation(await recordMonitorAgreement(ctx, actor, params.id, body.note ?? null)),
  }),
  opAction(
    'completion',
    'Complete with the report and its leftovers, each with an owner and due date (MO-13)',
    z.strictObject({
      summary: zText(10_000),
      leftovers: z.array(z.strictObject({ description: zText(1000), ownerId: zId, dueOn: zDate })).max(100),
    }),
    ({ ctx, actor, id, body }) => completeOperation(ctx, actor, id, body),
  ),
  route({
    method: 'GET',
    url: '/api/v1/operation-calendar',
    summary: 'Windows, peaks and freezes between two instants, for the operations calendar',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.read',
    query: z.strictObject({ from: zInstant, to: zInstant }),
    response: z.object({ rules: z.array(zRow), freezes: z.array(zRow) }),
    handler: ({ ctx, query }) => operationCalendar(ctx, query.from, query.to),
  }),
  route({
    method: 'POST',
    url: '/api/v1/operation-time-rules',
    summary: 'Add a maintenance window for a product or a traffic peak (MO-1), in site-local minutes',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.configure',
    body: z.strictObject({
      product: zText(100).nullable(),
      kind: z.enum(['window', 'peak']),
      startMinute: z.number().int().min(0).max(1439),
      endMinute: z.number().int().min(0).max(1440),
    }),
    status: 201,
    response: zRow,
    handler: async ({ ctx, actor, body }) => addTimeRule(ctx, actor, body),
  }),
  route({
    method: 'POST',
    url: '/api/v1/operation-freezes',
    summary: 'Declare a network freeze over a region and everything below it (MO-2)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.configure',
    body: z.strictObject({ regionId: zId, startsAt: zInstant, endsAt: zInstant, reason: zText(500) }),
    status: 201,
    response: z.object({ freeze: zRow, flaggedOperationIds: z.array(z.string()) }),
    handler: async ({ ctx, actor, body }) => declareFreeze(ctx, actor, body),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/operation-approval-rules',
    summary: 'Set which roles approve a kind of operation in a region (MO-4)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.configure',
    body: z.strictObject({
      kind: z.enum(OPERATION_KINDS),
      regionId: zId.nullable(),
      roles: z
        .array(
          z.enum([
            'customer_escort',
            'project_manager',
            'office_manager',
            'department_chief',
            'engineering_manager',
          ]),
        )
        .min(1),
    }),
    response: zRow,
    handler: async ({ ctx, actor, body }) => putApprovalRule(ctx, actor, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/software-versions',
    summary: 'The released-version catalog with where each version runs and its pilot status (MO-10, MO-11)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.read',
    query: z.strictObject({ product: zText(100).optional() }),
    response: z.object({ items: z.array(zRow) }),
    handler: async ({ ctx, query }) => ({ items: await versionCatalog(ctx, query.product) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/software-versions',
    summary: 'Add a version to the catalog with its release notes and upgrade guide (MO-10)',
    tags: [TAG],
    auth: 'user',
    permission: 'versions.manage',
    body: z.strictObject({
      product: zText(100),
      version: zText(100),
      status: z.enum(['released', 'restricted', 'withdrawn']),
      pilotSize: z.number().int().min(1).max(50),
      notesAttachmentId: zId.nullable().optional(),
      guideAttachmentId: zId.nullable().optional(),
    }),
    status: 201,
    response: zRow,
    handler: async ({ ctx, actor, body }) => addVersion(ctx, actor, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/software-versions/:id',
    summary: 'Change a version’s status: released, restricted or withdrawn (MO-10)',
    tags: [TAG],
    auth: 'user',
    permission: 'versions.manage',
    params: zIdParams,
    body: z.strictObject({ status: z.enum(['released', 'restricted', 'withdrawn']) }),
    response: zRow,
    handler: async ({ ctx, actor, params, body }) => setVersionStatus(ctx, actor, params.id, body.status),
  }),
];
