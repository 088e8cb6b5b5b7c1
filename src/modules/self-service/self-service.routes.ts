/** The customer's side: their orders, and reporting a fault in plain words. */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zInstant, zList, zPage, zText } from '../../http/schemas.ts';
import type { Locale } from '../../shared/i18n.ts';
import type { Actor } from '../access/policy.ts';
import { stateLabels, typeLabels } from '../work-orders/work-orders.labels.ts';
import type { WorkOrderRow } from '../work-orders/work-orders.service.ts';
import { progressWords } from './self-service.rules.ts';
import * as self from './self-service.service.ts';

const zMyOrder = z.object({
  id: z.string(),
  number: z.string(),
  type: z.string(),
  state: z.string(),
  symptom: z.string(),
  siteName: z.string().nullable(),
  receivedAt: z.string(),
  appointment: z.object({ start: z.string(), end: z.string(), state: z.string() }).nullable(),
  engineerName: z.string().nullable(),
});

async function present(ctx: AppContext, actor: Actor, o: WorkOrderRow, locale: Locale) {
  const details = await self.orderDetails(ctx, actor, o);
  return {
    id: o.id,
    number: o.number,
    type: typeLabels[o.type][locale],
    state: stateLabels[o.state][locale],
    symptom: o.symptom,
    receivedAt: o.received_at,
    ...details,
  };
}

export const selfServiceRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/my/orders',
    summary: 'The orders of the caller’s own customer, newest first',
    tags: ['self-service'],
    auth: 'user',
    permission: 'self_service.use',
    query: z.strictObject(zPage),
    response: zList(zMyOrder),
    handler: async ({ ctx, actor, query, locale }) => {
      const { items, total } = await self.myOrders(ctx, actor, query);
      return { items: await Promise.all(items.map((o) => present(ctx, actor, o, locale))), total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/my/orders/:id',
    summary: 'One of the caller’s customer’s orders, with its progress in plain words',
    tags: ['self-service'],
    auth: 'user',
    permission: 'self_service.use',
    params: zIdParams,
    response: zMyOrder.extend({ progress: z.string() }),
    handler: async ({ ctx, actor, params, locale }) => {
      const o = await self.myOrder(ctx, actor, params.id);
      return { ...(await present(ctx, actor, o, locale)), progress: progressWords[o.state][locale] };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/my/sites',
    summary: 'The caller’s customer’s sites, to choose where a fault is',
    tags: ['self-service'],
    auth: 'user',
    permission: 'self_service.use',
    query: z.strictObject(zPage),
    response: zList(z.object({ id: z.string(), name: z.string(), address: z.string().nullable() })),
    handler: async ({ ctx, actor, query }) => {
      const { items, total } = await self.mySites(ctx, actor, query);
      return { items: items.map((s) => ({ id: s.id, name: s.name, address: s.address })), total };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/my/faults',
    summary: 'Reports a fault on one of the caller’s sites; the call center receives it',
    tags: ['self-service'],
    auth: 'user',
    permission: 'self_service.use',
    status: 201,
    body: z.strictObject({
      siteId: zId,
      symptom: zText(2000),
      occurredAt: zInstant,
      serviceDown: z.boolean(),
      contactPhone: z.string().trim().max(40).optional(),
    }),
    response: z.object({ id: z.string(), number: z.string() }),
    handler: async ({ ctx, actor, body }) => {
      const o = await self.reportFault(ctx, actor, body);
      return { id: o.id, number: o.number };
    },
  }),
];
