/** Planning and authorising major operations (MO-1 … MO-4, MO-10, MO-11). Thin: services decide. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zInstant, zText } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { getOperation, listOperations } from './operations.context.ts';
import { operationDetail, presentOperation, zOperation, zOperationDetail } from './operations.present.ts';
import { OPERATION_KINDS, OPERATION_STATES } from './operations.rules.ts';
import {
  acknowledgeVersion,
  approve,
  createOperation,
  reviewPlan,
  savePlan,
  sendNotices,
  startOperation,
  transition,
} from './operations.service.ts';

const TAG = 'operations';
const BASE = '/api/v1/operations';

const zCreate = z.strictObject({
  kind: z.enum(OPERATION_KINDS),
  title: zText(200),
  siteIds: z.array(zId).min(1).max(500),
  leadId: zId,
  team: z.array(zId).max(50).optional(),
  workOrderId: zId.nullable().optional(),
  product: zText(100),
  versionId: zId.nullable().optional(),
  windowStart: zInstant,
  windowEnd: zInstant,
  observationDays: z.number().int().min(1).max(3).optional(),
});

export const zPlan = z.strictObject({
  steps: z
    .array(
      z.strictObject({
        title: zText(500),
        expectedResult: z.string().max(2000),
        rollbackStep: z.string().max(2000),
        modifying: z.boolean(),
        tableTransfer: z.boolean(),
      }),
    )
    .max(200),
  rollbackPlan: z.string().max(10_000),
  risk: z.strictObject({
    impact: z.string().max(4000),
    affectedServices: z.string().max(4000),
    affectedSubscribers: z.number().int().min(0).max(1e9),
    likelihood: z.string().max(200),
  }),
  verificationSteps: z.array(zText(1000)).max(100),
});

const detail = async (
  ctx: Parameters<typeof operationDetail>[0],
  op: Parameters<typeof operationDetail>[1],
) => operationDetail(ctx, op);

export const operationRoutes = [
  route({
    method: 'GET',
    url: BASE,
    summary: 'Major operations in scope, newest window first',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.read',
    query: z.strictObject({ state: z.enum(OPERATION_STATES).optional() }),
    response: z.object({ items: z.array(zOperation) }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await listOperations(ctx, actor, query.state)).map(presentOperation),
    }),
  }),
  route({
    method: 'POST',
    url: BASE,
    summary: 'Create a major operation; its window is checked against MO-1 windows, peaks and MO-2 freezes',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.plan',
    body: zCreate,
    status: 201,
    response: zOperation,
    handler: async ({ ctx, actor, body }) => presentOperation(await createOperation(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    url: `${BASE}/:id`,
    summary: 'One operation with every plan version, approvals, steps and records',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.read',
    params: zIdParams,
    response: zOperationDetail,
    handler: async ({ ctx, actor, params }) => detail(ctx, await getOperation(ctx, actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: `${BASE}/:id/plan`,
    summary: 'Save a new plan version (MO-3); after review or approval it goes back to review',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.plan',
    params: zIdParams,
    body: zPlan,
    response: zOperation,
    handler: async ({ ctx, actor, params, body }) =>
      presentOperation(await savePlan(ctx, actor, params.id, body)),
  }),
  route({
    method: 'POST',
    url: `${BASE}/:id/transitions`,
    summary: 'Submit, mark ready (MO-4 notices, MO-10 acknowledgement), cancel or abort',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.plan',
    params: zIdParams,
    body: z.strictObject({ to: z.enum(OPERATION_STATES), reason: zText(1000).optional() }),
    response: zOperation,
    handler: async ({ ctx, actor, params, body }) =>
      presentOperation(await transition(ctx, actor, params.id, body.to, body.reason)),
  }),
  route({
    method: 'POST',
    url: `${BASE}/:id/review`,
    summary: 'Plan review by the designated authority (MO-3, cutovers and upgrades)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.review',
    params: zIdParams,
    body: z.strictObject({}),
    response: zOperation,
    handler: async ({ ctx, actor, params }) => presentOperation(await reviewPlan(ctx, actor, params.id)),
  }),
  route({
    method: 'POST',
    url: `${BASE}/:id/approvals`,
    summary: 'Approve the current plan version in the caller’s approving role (MO-4)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.approve',
    params: zIdParams,
    body: z.strictObject({ comment: zText(1000).nullable().optional() }),
    response: zOperation,
    handler: async ({ ctx, actor, params, body }) =>
      presentOperation(await approve(ctx, actor, params.id, body.comment ?? null)),
  }),
  route({
    method: 'POST',
    url: `${BASE}/:id/notices`,
    summary: 'Send the written notices (inbox and e-mail) before the operation (MO-4)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.plan',
    params: zIdParams,
    body: z.strictObject({}),
    response: zOperation,
    handler: async ({ ctx, actor, params }) => presentOperation(await sendNotices(ctx, actor, params.id)),
  }),
  route({
    method: 'POST',
    url: `${BASE}/:id/version-acknowledgement`,
    summary: 'Acknowledge having read the release notes and upgrade guide (MO-10)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.plan',
    params: zIdParams,
    body: z.strictObject({}),
    response: zOperation,
    handler: async ({ ctx, actor, params }) =>
      presentOperation(await acknowledgeVersion(ctx, actor, params.id)),
  }),
  route({
    method: 'POST',
    url: `${BASE}/:id/start`,
    summary: 'Start the operation: window, peaks, freezes and versions checked again now (MO-1, MO-2, MO-11)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.plan',
    params: zIdParams,
    body: z.strictObject({}),
    response: zOperation,
    handler: async ({ ctx, actor, params }) => presentOperation(await startOperation(ctx, actor, params.id)),
  }),
  historyRoute({
    base: BASE,
    entityType: 'operation',
    tag: TAG,
    ensureVisible: (ctx, actor, id) => getOperation(ctx, actor, id),
  }),
];
