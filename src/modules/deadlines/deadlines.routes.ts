/** Deadline policies, each order's clocks, pause/resume, and the at-risk / breached boards (SL-1, SL-2). */
import { z } from 'zod';
import { inTransaction } from '../../app/context.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zText } from '../../http/schemas.ts';
import { CUSTOMER_NOTICE_CHANNELS, isOpenState, WORK_ORDER_TYPES } from '../work-orders/work-orders.rules.ts';
import {
  assertMayAct,
  getOrder,
  loadForChange,
  recordCustomerNotice,
} from '../work-orders/work-orders.service.ts';
import { AREA_CLASSES, CLOCK_KINDS, SEVERITIES } from './deadlines.defaults.ts';
import { subjectOf } from './deadlines.orders.ts';
import { unassignedQueue } from './deadlines.queue.ts';
import { PAUSE_REASONS } from './deadlines.rules.ts';
import * as deadlines from './deadlines.service.ts';
import type { DeadlinePolicyTable, OrderPauseTable } from './deadlines.tables.ts';

const zClock = z.object({
  id: z.string(),
  orderId: z.string(),
  orderLabel: z.string(),
  kind: z.string(),
  seq: z.number().int(),
  state: z.string(),
  severity: z.string(),
  startedAt: z.string(),
  dueAt: z.string().nullable(),
  budgetMinutes: z.number(),
  remainingMinutes: z.number().nullable(),
  pausedMinutes: z.number(),
  breachedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  atRisk: z.boolean(),
  calendarId: z.string(),
  regionId: z.string(),
  partnerId: z.string().nullable(),
  ownerId: z.string(),
});
const zPause = z.object({
  id: z.string(),
  reason: z.string(),
  note: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  startedBy: z.string().nullable(),
  endedBy: z.string().nullable(),
});
const zPolicy = z.object({
  id: z.string(),
  orderType: z.string(),
  severity: z.string(),
  areaClass: z.string(),
  kind: z.string(),
  minutes: z.number().int(),
  calendarId: z.string(),
  calendarCode: z.string().optional(),
  atRiskPercent: z.number().int(),
  updatedAt: z.string(),
});

function presentPause(p: OrderPauseTable): z.infer<typeof zPause> {
  return {
    id: p.id,
    reason: p.reason,
    note: p.note,
    startedAt: p.started_at,
    endedAt: p.ended_at,
    startedBy: p.started_by,
    endedBy: p.ended_by,
  };
}

function presentPolicy(p: DeadlinePolicyTable & { calendar_code?: string }): z.infer<typeof zPolicy> {
  return {
    id: p.id,
    orderType: p.order_type,
    severity: p.severity,
    areaClass: p.area_class,
    kind: p.kind,
    minutes: p.minutes,
    calendarId: p.calendar_id,
    ...(p.calendar_code ? { calendarCode: p.calendar_code } : {}),
    atRiskPercent: p.at_risk_percent,
    updatedAt: p.updated_at,
  };
}

const zBoardQuery = z.strictObject({
  regionId: zId.optional(),
  partnerId: zId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const zBoard = z.object({
  items: z.array(zClock.extend({ regionName: z.string() })),
  byRegion: z.array(z.object({ regionId: z.string(), regionName: z.string(), count: z.number().int() })),
  byPartner: z.array(z.object({ partnerId: z.string().nullable(), count: z.number().int() })),
});

export const deadlineRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/deadline-policies',
    summary: 'SL-1 deadline policies per order type × severity × area class (minutes on a calendar)',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    response: z.object({ items: z.array(zPolicy) }),
    handler: async ({ ctx }) => ({ items: (await deadlines.listPolicies(ctx)).map(presentPolicy) }),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/deadline-policies',
    summary: 'Set the deadline for one order type (or *) × severity × area class (or *) × clock kind',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.manage',
    body: z.strictObject({
      orderType: z.enum(['*', ...WORK_ORDER_TYPES]),
      severity: z.enum(SEVERITIES),
      areaClass: z.enum(['*', ...AREA_CLASSES]),
      kind: z.enum(CLOCK_KINDS),
      minutes: z.number().int().min(1).max(525_600),
      calendarId: zId,
      atRiskPercent: z.number().int().min(1).max(99).optional(),
    }),
    response: zPolicy,
    handler: async ({ ctx, actor, body }) => presentPolicy(await deadlines.putPolicy(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/deadlines',
    summary: "An order's clocks: deadline, remaining working minutes, paused time; and its pauses",
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    params: zIdParams,
    response: z.object({ clocks: z.array(zClock), pauses: z.array(zPause), paused: z.boolean() }),
    handler: async ({ ctx, actor, params }) => {
      await getOrder(ctx, actor.scope, params.id);
      const { clocks, pauses } = await deadlines.clocksOfOrder(ctx, params.id);
      return { clocks, pauses: pauses.map(presentPause), paused: pauses.some((p) => !p.ended_at) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/deadlines/pause',
    summary: 'SL-1: pause the clocks while waiting on the customer (not at home, asked to postpone)',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.pause',
    params: zIdParams,
    status: 201,
    body: z.strictObject({ reason: z.enum(PAUSE_REASONS), note: zText(500).optional() }),
    response: zPause,
    handler: async ({ ctx, actor, params, body }) =>
      presentPause(
        await inTransaction(ctx, async (tx) => {
          const order = await loadForChange(tx, actor, params.id);
          await assertMayAct(tx, actor, order);
          return deadlines.pauseOrder(tx, actor, order.id, body.reason, body.note);
        }),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/deadlines/resume',
    summary: 'SL-1: resume the clocks; due times move out by the paused working time',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.pause',
    params: zIdParams,
    body: z.strictObject({ note: zText(500).optional() }),
    response: z.object({ clocks: z.array(zClock) }),
    handler: async ({ ctx, actor, params, body }) => {
      await inTransaction(ctx, async (tx) => {
        const order = await loadForChange(tx, actor, params.id);
        await assertMayAct(tx, actor, order);
        await deadlines.resumeOrder(tx, actor, order.id, body.note);
      });
      return { clocks: (await deadlines.clocksOfOrder(ctx, params.id)).clocks };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/progress-updates',
    summary: 'WO-11: record an update given to the customer; the next update is due one interval from now',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.pause',
    params: zIdParams,
    status: 201,
    body: z.strictObject({
      message: zText(1000),
      messageEn: zText(1000).optional(),
      channel: z.enum(CUSTOMER_NOTICE_CHANNELS).default('phone'),
      // CW-1: a supervisor may send a text that failed the wording check, with a reason.
      wordingOverride: z.strictObject({ reason: zText(500) }).optional(),
    }),
    response: z.object({ clocks: z.array(zClock) }),
    handler: async ({ ctx, actor, params, body }) => {
      await inTransaction(ctx, async (tx) => {
        const order = await loadForChange(tx, actor, params.id);
        await assertMayAct(tx, actor, order);
        const notice = await recordCustomerNotice(tx, actor, order, {
          kind: 'update',
          channel: body.channel,
          body: { 'zh-CN': body.message, en: body.messageEn ?? body.message },
          fieldEn: 'messageEn',
          wordingOverride: body.wordingOverride,
        });
        if (isOpenState(order.state))
          await deadlines.restartClock(tx, actor, await subjectOf(tx, order), 'update', notice.created_at);
      });
      return { clocks: (await deadlines.clocksOfOrder(ctx, params.id)).clocks };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/deadlines/next',
    summary:
      'The nearest running deadline of each listed order (?orderId=…&orderId=…) the caller may see (dispatcher board); orders without one are left out',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    // Repeat the parameter for each order: ?orderId=…&orderId=…
    query: z.strictObject({
      orderId: z.union([zId, z.array(zId).min(1).max(100)]).transform((v) => [...new Set([v].flat())]),
    }),
    response: z.object({ items: z.array(zClock) }),
    handler: async ({ ctx, actor, query }) => ({
      items: await deadlines.nextClocks(ctx, actor.scope, query.orderId),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/deadlines/at-risk',
    summary: 'Clocks close to their deadline, per region (subtree) and partner',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    query: zBoardQuery,
    response: zBoard,
    handler: async ({ ctx, actor, query }) => {
      const { limit, ...filter } = query;
      return deadlines.riskBoard(ctx, actor.scope, { ...filter, status: 'at_risk' }, limit);
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/deadlines/breached',
    summary: 'Open clocks past their deadline, per region (subtree) and partner',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    query: zBoardQuery,
    response: zBoard,
    handler: async ({ ctx, actor, query }) => {
      const { limit, ...filter } = query;
      return deadlines.riskBoard(ctx, actor.scope, { ...filter, status: 'breached' }, limit);
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/deadlines/queue',
    summary:
      'The unassigned orders the caller may see, most urgent first across pages (nearest running deadline first; orders without one last), each with that deadline',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    query: z.strictObject({
      regionId: zId.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(20),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
    response: z.object({
      total: z.number().int(),
      items: z.array(
        z.object({
          orderId: z.string(),
          number: z.string(),
          severity: z.string(),
          state: z.string(),
          type: z.string(),
          regionId: z.string(),
          receivedAt: z.string(),
          siteName: z.string().nullable(),
          siteLat: z.number().nullable(),
          siteLng: z.number().nullable(),
          clock: zClock.nullable(),
        }),
      ),
    }),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      return unassignedQueue(ctx, actor.scope, filter, { limit, offset });
    },
  }),
];
