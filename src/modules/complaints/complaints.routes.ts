/** /api/v1/complaints: the complaint desk (CS-1) and raising a complaint from the customer's link. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams, zList, zPage, zText } from '../../http/schemas.ts';
import { customerLinkPrincipal } from '../access/principal.ts';
import { zTokenParams } from '../customer-link/customer-link.routes.ts';
import { resolveCustomerLink } from '../customer-link/customer-link.service.ts';
import { historyRoute } from '../history/history.routes.ts';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_SOURCES,
  COMPLAINT_STATES,
} from './complaints.rules.ts';
import * as complaints from './complaints.service.ts';
import type { ComplaintActionTable, ComplaintPolicyTable, ComplaintTable } from './complaints.tables.ts';

const zComplaint = z.object({
  id: z.string(),
  number: z.string(),
  source: z.enum(COMPLAINT_SOURCES),
  category: z.enum(COMPLAINT_CATEGORIES),
  severity: z.enum(COMPLAINT_SEVERITIES),
  state: z.enum(COMPLAINT_STATES),
  summary: z.string(),
  contactName: z.string().nullable(),
  orderId: z.string().nullable(),
  customerId: z.string().nullable(),
  engineerId: z.string().nullable(),
  partnerId: z.string().nullable(),
  regionId: z.string(),
  ownerId: z.string().nullable(),
  rootCause: z.string().nullable(),
  repeatOfId: z.string().nullable(),
  repeat: z.boolean(),
  acknowledgeDue: z.string(),
  respondDue: z.string(),
  resolveDue: z.string(),
  acknowledgedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  replyText: z.string().nullable(),
  createdAt: z.string(),
});

function present(c: ComplaintTable): z.infer<typeof zComplaint> {
  return {
    id: c.id,
    number: c.number,
    source: c.source,
    category: c.category,
    severity: c.severity,
    state: c.state,
    summary: c.summary,
    contactName: c.contact_name,
    orderId: c.order_id,
    customerId: c.customer_id,
    engineerId: c.engineer_id,
    partnerId: c.partner_id,
    regionId: c.region_id,
    ownerId: c.owner_id,
    rootCause: c.root_cause,
    repeatOfId: c.repeat_of_id,
    repeat: c.repeat_of_id !== null,
    acknowledgeDue: c.acknowledge_due,
    respondDue: c.respond_due,
    resolveDue: c.resolve_due,
    acknowledgedAt: c.acknowledged_at,
    respondedAt: c.responded_at,
    resolvedAt: c.resolved_at,
    closedAt: c.closed_at,
    replyText: c.reply_text,
    createdAt: c.created_at,
  };
}

const zAction = z.object({
  id: z.string(),
  description: z.string(),
  ownerId: z.string(),
  dueDate: z.string(),
  state: z.enum(['open', 'done']),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
});
const presentAction = (a: ComplaintActionTable): z.infer<typeof zAction> => ({
  id: a.id,
  description: a.description,
  ownerId: a.owner_id,
  dueDate: a.due_date,
  state: a.state,
  doneAt: a.done_at,
  doneNote: a.done_note,
});

const zDetail = zComplaint.extend({
  actions: z.array(zAction),
  overdue: z.object({ acknowledge: z.boolean(), respond: z.boolean(), resolve: z.boolean() }),
});
type Detail = Awaited<ReturnType<typeof complaints.getComplaint>>;
const presentDetail = (d: Detail): z.infer<typeof zDetail> => ({
  ...present(d.complaint),
  actions: d.actions.map(presentAction),
  overdue: d.overdue,
});

const zPolicy = z.object({
  category: z.enum(COMPLAINT_CATEGORIES),
  severity: z.enum(COMPLAINT_SEVERITIES),
  acknowledgeMinutes: z.number().int(),
  respondMinutes: z.number().int(),
  resolveMinutes: z.number().int(),
  /** The business calendar the minutes count on (null: round the clock). */
  calendarId: z.string().nullable(),
});
const presentPolicy = (p: ComplaintPolicyTable): z.infer<typeof zPolicy> => ({
  category: p.category,
  severity: p.severity,
  acknowledgeMinutes: p.acknowledge_minutes,
  respondMinutes: p.respond_minutes,
  resolveMinutes: p.resolve_minutes,
  calendarId: p.calendar_id,
});

const zReply = z.strictObject({
  templateCode: zText(60),
  values: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), z.string().max(1000)).default({}),
  wordingOverride: z.strictObject({ reason: zText(500) }).optional(),
});
const zMinutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 90);

export const complaintRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/complaints',
    summary:
      'CS-1: complaints in the caller’s scope, newest first, by state, category, partner, order or repeats only',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.read',
    query: z.strictObject({
      state: z.enum(COMPLAINT_STATES).optional(),
      category: z.enum(COMPLAINT_CATEGORIES).optional(),
      partnerId: zId.optional(),
      orderId: zId.optional(),
      repeatOnly: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
      ...zPage,
    }),
    response: zList(zComplaint),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      const found = await complaints.listComplaints(ctx, actor.scope, filter, { limit, offset });
      return { items: found.items.map(present), total: found.total };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/complaints',
    summary:
      'CS-1: receive a complaint (hotline 400, operator, engineer); deadlines from the policy; a repeat within 30 days is linked',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.write',
    status: 201,
    body: z.strictObject({
      source: z.enum(['hotline', 'operator', 'engineer']),
      category: z.enum(COMPLAINT_CATEGORIES),
      severity: z.enum(COMPLAINT_SEVERITIES),
      summary: zText(2000),
      orderId: zId.optional(),
      regionId: zId.optional(),
      customerId: zId.optional(),
      engineerId: zId.optional(),
      partnerId: zId.optional(),
      ownerId: zId.optional(),
      contactName: zText(100).optional(),
      contactPhone: z
        .string()
        .regex(/^[0-9+\- ]{5,20}$/)
        .optional(),
    }),
    response: zDetail,
    handler: async ({ ctx, actor, body }) => {
      const c = await complaints.createComplaint(ctx, actor, actor.scope, body);
      return presentDetail(await complaints.getComplaint(ctx, actor.scope, c.id));
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/complaints/:id',
    summary: 'One complaint with its corrective actions and missed deadlines',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.read',
    params: zIdParams,
    response: zDetail,
    handler: async ({ ctx, actor, params }) =>
      presentDetail(await complaints.getComplaint(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/complaints/:id',
    summary: 'CS-1: root cause, owner, category, severity or summary; kept in history with the reason',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.write',
    params: zIdParams,
    body: z.strictObject({
      rootCause: zText(2000).optional(),
      ownerId: zId.optional(),
      category: z.enum(COMPLAINT_CATEGORIES).optional(),
      severity: z.enum(COMPLAINT_SEVERITIES).optional(),
      summary: zText(2000).optional(),
      reason: zText(500).optional(),
    }),
    response: zDetail,
    handler: async ({ ctx, actor, params, body }) =>
      presentDetail(
        await complaints.updateComplaint(
          ctx,
          actor,
          params.id,
          {
            root_cause: body.rootCause,
            owner_id: body.ownerId,
            category: body.category,
            severity: body.severity,
            summary: body.summary,
          },
          body.reason,
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/v1/complaints/:id/steps',
    summary:
      'CS-1: acknowledge, resolve (needs root cause and a reply) or close (needs every corrective action done)',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.write',
    params: zIdParams,
    body: z.strictObject({ step: z.enum(['acknowledge', 'resolve', 'close']), note: zText(500).optional() }),
    response: zDetail,
    handler: async ({ ctx, actor, params, body }) =>
      presentDetail(await complaints.takeStep(ctx, actor, params.id, body.step, body.note)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/complaints/:id/reply',
    summary:
      'CS-1/CW-1/CW-3: answer the customer through a template; the text passes the wording check (supervisor override with a reason)',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.write',
    params: zIdParams,
    body: zReply,
    response: zDetail,
    handler: async ({ ctx, actor, params, body }) =>
      presentDetail(await complaints.reply(ctx, actor, params.id, body)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/complaints/:id/actions',
    summary: 'CS-1: a corrective action with its owner and due date',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.write',
    params: zIdParams,
    status: 201,
    body: z.strictObject({ description: zText(1000), ownerId: zId, dueDate: zDate }),
    response: zDetail,
    handler: async ({ ctx, actor, params, body }) =>
      presentDetail(await complaints.addAction(ctx, actor, params.id, body)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/complaints/:id/actions/:actionId/done',
    summary: 'CS-1: a corrective action is done, with what was done',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.write',
    params: z.strictObject({ id: zId, actionId: zId }),
    body: z.strictObject({ note: zText(1000) }),
    response: zDetail,
    handler: async ({ ctx, actor, params, body }) =>
      presentDetail(await complaints.completeAction(ctx, actor, params.id, params.actionId, body.note)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/complaint-policies',
    summary: 'CS-1: minutes to acknowledge, respond and resolve per category and severity',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.read',
    response: z.object({ items: z.array(zPolicy) }),
    handler: async ({ ctx }) => ({ items: (await complaints.listPolicies(ctx)).map(presentPolicy) }),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/complaint-policies/:category/:severity',
    summary: 'CS-1: change the limits of one category and severity (complaints received afterwards)',
    tags: ['complaints'],
    auth: 'user',
    permission: 'complaints.manage',
    params: z.strictObject({
      category: z.enum(COMPLAINT_CATEGORIES),
      severity: z.enum(COMPLAINT_SEVERITIES),
    }),
    body: z.strictObject({
      acknowledgeMinutes: zMinutes,
      respondMinutes: zMinutes,
      resolveMinutes: zMinutes,
      calendarId: zId.optional(),
    }),
    response: zPolicy,
    handler: async ({ ctx, actor, params, body }) =>
      presentPolicy(
        await complaints.setPolicy(ctx, actor, params, {
          acknowledge: body.acknowledgeMinutes,
          respond: body.respondMinutes,
          resolve: body.resolveMinutes,
          calendarId: body.calendarId,
        }),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/v1/customer/orders/:token/complaints',
    summary: 'CS-1 through the customer’s link: the customer raises a complaint about this order',
    tags: ['customer-link'],
    auth: 'public',
    status: 201,
    params: zTokenParams,
    body: z.strictObject({ category: z.enum(COMPLAINT_CATEGORIES), summary: zText(2000) }),
    response: z.object({ number: z.string(), respondDue: z.string() }),
    handler: async ({ ctx, params, body }) => {
      const order = await resolveCustomerLink(ctx, params.token);
      const c = await complaints.createComplaint(ctx, customerLinkPrincipal(order.number), null, {
        source: 'customer_link',
        category: body.category,
        severity: 'medium',
        summary: body.summary,
        orderId: order.id,
      });
      return { number: c.number, respondDue: c.respond_due };
    },
  }),
  historyRoute({
    base: '/api/v1/complaints',
    entityType: 'complaint',
    tag: 'complaints',
    ensureVisible: (ctx, actor, id) => complaints.getComplaint(ctx, actor.scope, id),
  }),
];
