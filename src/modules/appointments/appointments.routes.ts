/** WO-5: appointments of an order, site working hours, missed appointments. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams } from '../../http/schemas.ts';
import { SITE_CLASSES } from '../sites/sites.rules.ts';
import { SEVERITIES } from '../work-orders/work-orders.labels.ts';
import { RESCHEDULE_REQUESTERS } from './appointments.rules.ts';
import * as ap from './appointments.service.ts';

const zAppointment = z.object({
  id: z.string(),
  orderId: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  state: z.string(),
  confirmedAt: z.string().nullable(),
  confirmedVia: z.string().nullable(),
  replacesId: z.string().nullable(),
  rescheduleReason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  lateNoticeAt: z.string().nullable(),
  lateNoticeInTime: z.boolean().nullable(),
  missed: z.boolean(),
});

const zWindow = {
  windowStart: z.iso.datetime({ offset: true }),
  windowEnd: z.iso.datetime({ offset: true }),
};

const zHours = z.strictObject({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  opens: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  closes: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});

const zHoursPolicy = z.object({
  customerId: z.string(),
  siteClass: z.string(),
  severity: z.string(),
  aroundTheClock: z.boolean(),
});

export const appointmentRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/appointments',
    summary:
      'WO-5: appointments of an order (with reschedules, late notices and whether missed) and customer requests to move',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: z.object({
      items: z.array(zAppointment),
      requests: z.array(
        z.object({
          id: z.string(),
          appointmentId: z.string(),
          reason: z.string(),
          preferredStart: z.string().nullable(),
          preferredEnd: z.string().nullable(),
          createdAt: z.string(),
          handledAt: z.string().nullable(),
        }),
      ),
    }),
    handler: async ({ ctx, actor, params }) => {
      const { items, requests } = await ap.listFor(ctx, actor, params.id);
      return {
        items,
        requests: requests.map((r) => ({
          id: r.id,
          appointmentId: r.appointment_id,
          reason: r.reason,
          preferredStart: r.preferred_start,
          preferredEnd: r.preferred_end,
          createdAt: r.created_at,
          handledAt: r.handled_at,
        })),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/appointment-windows',
    summary: 'WO-5: the next free windows inside the customer’s working hours (site time zone)',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    query: z.strictObject({
      minutes: z.coerce.number().int().min(30).max(480).default(120),
      count: z.coerce.number().int().min(1).max(20).default(6),
    }),
    response: z.object({
      timeZone: z.string(),
      hours: z.object({
        days: z.array(z.number()),
        opens: z.string(),
        closes: z.string(),
        aroundTheClock: z.boolean().optional(),
      }),
      windows: z.array(z.object({ start: z.string(), end: z.string() })),
    }),
    handler: async ({ ctx, actor, params, query }) =>
      ap.suggestions(ctx, actor, params.id, query.minutes, query.count),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/appointments',
    summary: 'WO-5: propose a window inside the customer’s working hours',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z.strictObject(zWindow),
    response: zAppointment,
    handler: async ({ ctx, actor, params, body }) =>
      ap.present(await ap.propose(ctx, actor, params.id, body), null, ctx.clock.now().toISOString()),
  }),
  route({
    method: 'POST',
    url: '/api/v1/appointments/:id/confirm',
    summary:
      'WO-5: record that the customer agreed the window by phone (customers confirm through their link)',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.act',
    params: zIdParams,
    response: zAppointment,
    handler: async ({ ctx, actor, params }) =>
      ap.present(await ap.confirm(ctx, actor, params.id, 'phone'), null, ctx.clock.now().toISOString()),
  }),
  route({
    method: 'POST',
    url: '/api/v1/appointments/:id/reschedule',
    summary: 'WO-5: move an appointment, recording the reason and who asked; the customer is told',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z.strictObject({
      ...zWindow,
      reason: z.string().trim().min(1).max(2000),
      requestedBy: z.enum(RESCHEDULE_REQUESTERS),
    }),
    response: zAppointment,
    handler: async ({ ctx, actor, params, body }) =>
      ap.present(await ap.reschedule(ctx, actor, params.id, body), null, ctx.clock.now().toISOString()),
  }),
  route({
    method: 'POST',
    url: '/api/v1/appointments/:id/late-notice',
    summary:
      'WO-5: the engineer will be late — the customer is told; only a notice before the window keeps it from counting as missed',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.act',
    params: zIdParams,
    body: z.strictObject({
      message: z.string().trim().min(1).max(1000),
      expectedArrival: z.iso.datetime({ offset: true }).optional(),
    }),
    response: zAppointment,
    handler: async ({ ctx, actor, params, body }) =>
      ap.present(await ap.lateNotice(ctx, actor, params.id, body), null, ctx.clock.now().toISOString()),
  }),
  route({
    method: 'GET',
    url: '/api/v1/appointments',
    summary:
      'WO-5: appointments in force (proposed or confirmed) overlapping a span — a day on the dispatcher’s timeline — with the engineers assigned',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.read',
    query: z.strictObject({
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
      regionId: zId.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(500),
    }),
    response: z.object({
      items: z.array(
        zAppointment.extend({
          orderNumber: z.string(),
          orderState: z.string(),
          ownerId: z.string(),
          engineers: z.array(z.object({ personId: z.string(), name: z.string(), role: z.string() })),
        }),
      ),
    }),
    handler: async ({ ctx, actor, query }) => {
      const { limit, ...filter } = query;
      return { items: await ap.between(ctx, actor.scope, filter, limit) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/appointments/missed',
    summary: 'WO-5: confirmed appointments that passed without arrival and without a timely notice',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.read',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({
      items: z.array(zAppointment.extend({ orderNumber: z.string(), ownerId: z.string() })),
    }),
    handler: async ({ ctx, actor, query }) => ({ items: await ap.missed(ctx, actor.scope, query.limit) }),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/sites/:id/working-hours',
    summary: 'WO-5: the customer’s working hours at a site (default Mon–Fri 08:30–17:30 site time)',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.site_hours',
    params: zIdParams,
    body: zHours,
    response: zHours,
    handler: async ({ ctx, actor, params, body }) => {
      const row = await ap.setWorkingHours(ctx, actor, params.id, body);
      return { days: JSON.parse(row.days) as number[], opens: row.opens, closes: row.closes };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/appointment-hours-policies',
    summary: 'WO-5: when appointments may fall, by customer, site class and severity (* = any)',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.site_hours',
    response: z.object({ items: z.array(zHoursPolicy) }),
    handler: async ({ ctx, actor }) => ({ items: await ap.listHoursPolicies(ctx, actor) }),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/appointment-hours-policies',
    summary:
      'WO-5: set whether appointments for a customer / site class / severity (* = any) fall around the clock or in the site’s working hours',
    tags: ['appointments'],
    auth: 'user',
    permission: 'work_orders.site_hours',
    body: z.strictObject({
      customerId: z.union([z.literal('*'), zId]),
      siteClass: z.enum(['*', ...SITE_CLASSES]),
      severity: z.enum(['*', ...SEVERITIES]),
      aroundTheClock: z.boolean(),
    }),
    response: zHoursPolicy,
    handler: async ({ ctx, actor, body }) => ap.putHoursPolicy(ctx, actor, body),
  }),
];
