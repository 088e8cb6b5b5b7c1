/** /api/v1/work-orders, /api/v1/webhooks/work-orders, handovers, follow-ups, scope reviews. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zList, zPage } from '../../http/schemas.ts';
import { nextCursorOf, zCursor } from '../../shared/cursor.ts';
import { AppError } from '../../shared/errors.ts';
import type { Locale } from '../../shared/i18n.ts';
import { historyRoute } from '../history/history.routes.ts';
import { importRows, readTable } from './work-orders.import.ts';
import {
  presentFollowUp,
  presentHandover,
  presentOrder,
  presentScopeReview,
  zAssignment,
  zFollowUp,
  zHandover,
  zNotice,
  zScopeReview,
  zWorkOrder,
} from './work-orders.present.ts';
import { SEVERITIES, STATES, WORK_ORDER_TYPES } from './work-orders.rules.ts';
import * as wo from './work-orders.service.ts';

/** Largest import body accepted (CSV text or base64 xlsx). */
const IMPORT_MAX_BYTES = 16 * 1_048_576;

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * Intake body. 5W1H fields are optional here on purpose: the WO-1 rule decides what is missing
 * for this order (critical orders are not refused for optional fields) and names each one.
 */
export const zIntake = z.strictObject({
  type: optText(40),
  channel: optText(40),
  severity: z.enum(SEVERITIES).optional(),
  customerId: zId.nullable().optional(),
  customerName: optText(200),
  contactName: optText(100),
  contactPhone: optText(40),
  contactEmail: optText(200),
  siteId: zId.nullable().optional(),
  address: optText(500),
  regionId: zId.nullable().optional(),
  equipmentId: zId.nullable().optional(),
  product: optText(100),
  occurredAt: z.iso.datetime({ offset: true }).nullable().optional(),
  symptom: optText(4000),
  alarms: optText(4000),
  suspectedCause: optText(2000),
  foundHow: optText(1000),
  impacts: z
    .strictObject({
      serviceInterruption: z.boolean().optional(),
      kpiDegradation: z.boolean().optional(),
      billing: z.boolean().optional(),
    })
    .optional(),
  externalRef: optText(100),
});

const zDetail = zWorkOrder.extend({
  assignments: z.array(zAssignment),
  handovers: z.array(zHandover),
  followUps: z.array(zFollowUp),
  scopeReviews: z.array(zScopeReview),
});

function presentNotice(n: Awaited<ReturnType<typeof wo.noticesOf>>[number], locale: Locale) {
  return {
    id: n.id,
    kind: n.kind,
    recipientName: n.recipient_name,
    recipientPhone: n.recipient_phone,
    channel: n.channel,
    text: locale === 'zh-CN' ? n.body_zh : n.body_en,
    createdAt: n.created_at,
  };
}

const zImportRow = z.object({
  row: z.number().int(),
  status: z.enum(['accepted', 'refused']),
  externalRef: z.string().nullable(),
  orderId: z.string().optional(),
  number: z.string().optional(),
  problems: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const workOrderRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/work-orders',
    summary: 'WO-1/WO-2: take a new work order (5W1H); impact flags force critical; the caller owns it',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.create',
    status: 201,
    body: zIntake,
    // WO-13: what the intake raised for a manager (an expired contract) is shown at once.
    response: zWorkOrder.extend({ scopeReviews: z.array(zScopeReview) }),
    handler: async ({ ctx, actor, body }) => {
      if (!actor.roles.some((r) => r !== 'engineer') && body.channel && body.channel !== 'engineer_found') {
        // An engineer raises only what they found themselves; other channels come through the desk.
        throw new AppError(422, 'validation_failed', {}, [
          {
            field: 'channel',
            message: {
              'zh-CN': '工程师只能登记自己发现的问题',
              en: 'an engineer may only log problems they found',
            },
          },
        ]);
      }
      const order = await wo.createOrder(ctx, actor, body);
      const reviews = await wo.scopeReviewsOf(ctx, order.id);
      return { ...presentOrder(order, actor), scopeReviews: reviews.map(presentScopeReview) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/webhooks/work-orders',
    summary:
      'Inbound webhook (API token only). Requires Idempotency-Key: a retried delivery answers 200 with the original order instead of creating a duplicate',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.create',
    body: zIntake.omit({ channel: true }),
    response: zWorkOrder.extend({ replayed: z.boolean() }),
    handler: async ({ ctx, actor, body, req, reply }) => {
      if (actor.via !== 'token') throw new AppError(403, 'token_required');
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
        throw new AppError(400, 'idempotency_key_required');
      }
      const { order, replayed } = await wo.createOrderIdempotent(ctx, actor, key, {
        ...body,
        channel: 'api',
      });
      reply.code(replayed ? 200 : 201);
      return { ...presentOrder(order, actor), replayed };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/import',
    summary:
      'Import EOMS rows (CSV text or base64 xlsx); answers every row: accepted or refused with reasons',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.import',
    // An EOMS export of a few thousand rows is a few megabytes (more as base64 xlsx).
    bodyLimit: (config) => Math.max(config.bodyLimitBytes, IMPORT_MAX_BYTES),
    body: z.strictObject({
      format: z.enum(['csv', 'xlsx']),
      content: z.string().min(1).max(IMPORT_MAX_BYTES),
    }),
    response: z.object({ accepted: z.number().int(), refused: z.number().int(), rows: z.array(zImportRow) }),
    handler: async ({ ctx, actor, body, locale }) => {
      const table = await readTable(body.format, body.content);
      const result = await importRows(ctx, actor, table);
      return {
        accepted: result.accepted,
        refused: result.refused,
        rows: result.rows.map((r) =>
          r.status === 'accepted'
            ? r
            : { ...r, problems: r.problems.map((p) => ({ field: p.field, message: p.message[locale] })) },
        ),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders',
    summary: 'List work orders in the caller’s scope',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.read',
    query: z.strictObject({
      state: z.enum(STATES).optional(),
      open: z.enum(['true', 'false']).optional(),
      type: z.enum(WORK_ORDER_TYPES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      ownerId: zId.optional(),
      assigneeId: zId.optional(),
      regionId: zId.optional(),
      siteId: zId.optional(),
      mine: z.enum(['true']).optional(),
      q: z.string().max(100).optional(),
      cursor: zCursor.optional(),
      ...zPage,
    }),
    response: zList(zWorkOrder).extend({ totalCapped: z.boolean(), nextCursor: z.string().nullable() }),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, cursor, open, mine, ...filter } = query;
      const { items, total, totalCapped } = await wo.listOrders(
        ctx,
        actor.scope,
        {
          ...filter,
          open: open === undefined ? undefined : open === 'true',
          ...(mine ? { assigneeId: undefined, ownerId: actor.personId } : {}),
        },
        { limit, offset, cursor },
      );
      const nextCursor = nextCursorOf(items, limit, (o) => ({ key: o.received_at, id: o.id }));
      return { items: items.map((o) => presentOrder(o, actor)), total, totalCapped, nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id',
    summary: 'One work order with its people, handovers, follow-ups and scope reviews',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: zDetail,
    handler: async ({ ctx, actor, params }) => {
      const order = await wo.getOrder(ctx, actor.scope, params.id);
      const now = ctx.clock.now().toISOString();
      const [assignments, handovers, followUps, reviews] = await Promise.all([
        wo.activeAssignments(ctx, order.id),
        wo.handoversOf(ctx, order.id),
        wo.followUpsOf(ctx, order.id),
        wo.scopeReviewsOf(ctx, order.id),
      ]);
      return {
        ...presentOrder(order, actor),
        assignments: assignments.map((a) => ({
          id: a.id,
          personId: a.person_id,
          name: a.display_name,
          role: a.role,
          assignedAt: a.assigned_at,
          overrideReason: a.override_reason,
          note: a.note,
        })),
        handovers: handovers.map(presentHandover),
        followUps: followUps.map((f) => presentFollowUp(f, now)),
        scopeReviews: reviews.map(presentScopeReview),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/transitions',
    summary: 'The state changes of an order, oldest first',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: z.object({
      items: z.array(
        z.object({
          from: z.string(),
          to: z.string(),
          kind: z.string(),
          at: z.string(),
          actor: z.string(),
          reason: z.string().nullable(),
        }),
      ),
    }),
    handler: async ({ ctx, actor, params }) => {
      await wo.getOrder(ctx, actor.scope, params.id);
      const rows = await wo.transitionsOf(ctx, params.id);
      return {
        items: rows.map((t) => ({
          from: t.from_state,
          to: t.to_state,
          kind: t.kind,
          at: t.at,
          actor: t.actor_label,
          reason: t.reason,
        })),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/transitions',
    summary:
      'Move an order to another state (accept, cancel with reason, reopen with reason …); an illegal move names the states it may go to',
    tags: ['work-orders'],
    auth: 'user',
    replayable: true,
    permission: 'work_orders.act',
    params: zIdParams,
    body: z.strictObject({ to: z.enum(STATES), reason: optText(2000) }),
    response: zWorkOrder,
    handler: async ({ ctx, actor, params, body }) =>
      presentOrder(await wo.transition(ctx, actor, params.id, body.to, { reason: body.reason }), actor),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/severity',
    summary: 'WO-2: change severity; lowering needs a reason and a manager; history keeps the original',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.act',
    params: zIdParams,
    body: z.strictObject({ severity: z.enum(SEVERITIES), reason: optText(2000) }),
    response: zWorkOrder,
    handler: async ({ ctx, actor, params, body }) =>
      presentOrder(await wo.changeSeverity(ctx, actor, params.id, body.severity, body.reason), actor),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/handovers',
    summary: 'WO-4: ask another person to take over ownership; the owner stays until they accept',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z.strictObject({ toPersonId: zId, reason: z.string().trim().min(1).max(2000) }),
    response: zHandover,
    handler: async ({ ctx, actor, params, body }) =>
      presentHandover(await wo.requestHandover(ctx, actor, params.id, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/handovers',
    summary: 'Handovers waiting for the caller’s acceptance',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.act',
    response: z.object({ items: z.array(zHandover) }),
    handler: async ({ ctx, actor }) => ({
      items: (await wo.pendingHandoversFor(ctx, actor.personId)).map(presentHandover),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/handovers/:id/accept',
    summary: 'WO-4: the receiver accepts; the owner changes and the customer contact is told',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.act',
    params: zIdParams,
    body: z.strictObject({ note: optText(2000) }).optional(),
    response: zHandover,
    handler: async ({ ctx, actor, params, body }) =>
      presentHandover(await wo.decideHandover(ctx, actor, params.id, 'accept', body?.note)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/handovers/:id/decline',
    summary: 'WO-4: the receiver declines with a reason; the owner keeps the order',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.act',
    params: zIdParams,
    body: z.strictObject({ note: z.string().trim().min(1).max(2000) }),
    response: zHandover,
    handler: async ({ ctx, actor, params, body }) =>
      presentHandover(await wo.decideHandover(ctx, actor, params.id, 'decline', body.note)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/forward',
    summary: 'WO-3: bring someone in for support; the owner keeps the order',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z.strictObject({ toPersonId: zId, note: z.string().trim().min(1).max(2000) }),
    response: z.object({ id: z.string(), personId: z.string(), role: z.string() }),
    handler: async ({ ctx, actor, params, body }) => {
      const a = await wo.forwardOrder(ctx, actor, params.id, body);
      return { id: a.id, personId: a.person_id, role: a.role };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/notices',
    summary: 'Notices given to the customer contact about this order',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: z.object({ items: z.array(zNotice) }),
    handler: async ({ ctx, actor, params, locale }) => {
      await wo.getOrder(ctx, actor.scope, params.id);
      return { items: (await wo.noticesOf(ctx, params.id)).map((n) => presentNotice(n, locale)) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/follow-ups',
    summary: 'WO-10: follow-ups in the caller’s scope; overdue=true lists the missed ones',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.read',
    query: z.strictObject({
      state: z.enum(['open', 'done']).optional(),
      overdue: z.enum(['true']).optional(),
      ...zPage,
    }),
    response: z.object({ items: z.array(zFollowUp.extend({ orderNumber: z.string() })) }),
    handler: async ({ ctx, actor, query }) => {
      const now = ctx.clock.now().toISOString();
      const rows = await wo.listFollowUps(
        ctx,
        actor.scope,
        { state: query.state, overdue: query.overdue === 'true' },
        { limit: query.limit, offset: query.offset },
      );
      return { items: rows.map((f) => ({ ...presentFollowUp(f, now), orderNumber: f.number })) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/follow-ups/:id/outcome',
    summary: 'WO-10: record how the equipment runs; "problem" reopens the order (counted as a repeat)',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.follow_up',
    params: zIdParams,
    body: z.strictObject({
      outcome: z.enum(['running_normally', 'problem']),
      notes: z.string().trim().min(1).max(2000),
      revisitNeeded: z.boolean().optional(),
    }),
    response: z.object({ followUp: zFollowUp, reopened: zWorkOrder.nullable() }),
    handler: async ({ ctx, actor, params, body }) => {
      const { followUp, reopened } = await wo.recordFollowUp(ctx, actor, params.id, body);
      return {
        followUp: presentFollowUp(followUp, ctx.clock.now().toISOString()),
        reopened: reopened ? presentOrder(reopened, actor) : null,
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/scope-reviews',
    summary:
      'WO-13: record that a request may be outside scope or under an expired contract; a manager decides',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z.strictObject({
      kind: z.enum(['outside_scope', 'contract_expired']),
      reason: z.string().trim().min(1).max(2000),
    }),
    response: zScopeReview,
    handler: async ({ ctx, actor, params, body }) =>
      presentScopeReview(await wo.raiseScopeReview(ctx, actor, params.id, body)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/scope-reviews/:id/decision',
    summary: 'WO-13: a manager decides; the customer is told the reason and the way forward; decline cancels',
    tags: ['work-orders'],
    auth: 'user',
    permission: 'work_orders.scope_decide',
    params: zIdParams,
    body: z.strictObject({
      decision: z.enum(['accept', 'decline']),
      wayForward: z.string().trim().min(1).max(2000),
    }),
    response: zScopeReview,
    handler: async ({ ctx, actor, params, body }) =>
      presentScopeReview(await wo.decideScopeReview(ctx, actor, params.id, body)),
  }),
  historyRoute({
    base: '/api/v1/work-orders',
    entityType: 'work_order',
    tag: 'work-orders',
    ensureVisible: (ctx, actor, id) => wo.getOrder(ctx, actor.scope, id),
  }),
];
