/**
 * The customer's link (public, token in the URL) and the staff routes that issue and withdraw it.
 * A token opens exactly one order; nothing else is reachable with it.
 */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zOk } from '../../http/schemas.ts';
import { customerLinkPrincipal } from '../access/principal.ts';
import { confirm, customerAsksToMove } from '../appointments/appointments.service.ts';
import { customerView, issueLink, resolveCustomerLink, revokeLink } from './customer-link.service.ts';

/** `:token` path parameter of customer link routes. */
export const zTokenParams = z.strictObject({ token: z.string().min(1).max(200) });

const zView = z.object({
  number: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  receivedAt: z.string(),
  progress: z.array(z.object({ state: z.string(), stateLabel: z.string(), at: z.string() })),
  engineer: z.object({ name: z.string() }).nullable(),
  notices: z.array(z.object({ kind: z.string(), text: z.string(), at: z.string() })),
  appointment: z
    .object({
      id: z.string(),
      windowStart: z.string(),
      windowEnd: z.string(),
      state: z.string(),
      canChange: z.boolean(),
    })
    .nullable(),
  sections: z.record(z.string(), z.unknown()),
});

export const customerLinkRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/customer-links',
    summary: 'Issue a signed, expiring link for the customer to follow this order',
    tags: ['customer-link'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z
      .strictObject({
        hours: z
          .number()
          .int()
          .min(1)
          .max(24 * 90)
          .optional(),
      })
      .optional(),
    response: z.object({
      id: z.string(),
      token: z.string(),
      path: z.string(),
      apiPath: z.string(),
      expiresAt: z.string(),
    }),
    handler: async ({ ctx, actor, params, body }) => issueLink(ctx, actor, params.id, body?.hours),
  }),
  route({
    method: 'POST',
    url: '/api/v1/customer-links/:id/revoke',
    summary: 'Withdraw a customer link; it stops working at once',
    tags: ['customer-link'],
    auth: 'user',
    permission: 'work_orders.act',
    params: zIdParams,
    response: zOk,
    handler: async ({ ctx, actor, params }) => {
      await revokeLink(ctx, actor, params.id);
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/customer/orders/:token',
    summary: 'Customer: progress of their order (states, appointment, engineer name; no internal notes)',
    tags: ['customer-link'],
    auth: 'public',
    params: zTokenParams,
    response: zView,
    handler: async ({ ctx, params, locale }) =>
      customerView(ctx, await resolveCustomerLink(ctx, params.token), locale),
  }),
  route({
    method: 'POST',
    url: '/api/v1/customer/orders/:token/appointment/confirm',
    summary: 'Customer: confirm the proposed appointment window',
    tags: ['customer-link'],
    auth: 'public',
    params: zTokenParams,
    body: z.strictObject({ appointmentId: zId }),
    response: zView,
    handler: async ({ ctx, params, body, locale }) => {
      const order = await resolveCustomerLink(ctx, params.token);
      await confirm(ctx, customerLinkPrincipal(), body.appointmentId, 'link', { orderId: order.id });
      return customerView(ctx, await resolveCustomerLink(ctx, params.token), locale);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/customer/orders/:token/appointment/move',
    summary: 'Customer: ask to move the appointment, with a reason and an optional preferred time',
    tags: ['customer-link'],
    auth: 'public',
    status: 201,
    params: zTokenParams,
    body: z.strictObject({
      reason: z.string().trim().min(1).max(1000),
      preferredStart: z.iso.datetime({ offset: true }).optional(),
      preferredEnd: z.iso.datetime({ offset: true }).optional(),
    }),
    response: z.object({ id: z.string(), createdAt: z.string() }),
    handler: async ({ ctx, params, body }) => {
      const order = await resolveCustomerLink(ctx, params.token);
      const r = await customerAsksToMove(ctx, order, body);
      return { id: r.id, createdAt: r.created_at };
    },
  }),
];
