/** /api/v1/templates: message templates (CW-3) and sending one to an order's customer. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zIdParams, zList, zText } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { presentFinding, zFinding } from '../wording/wording.routes.ts';
import { TEMPLATE_CHANNELS, TEMPLATE_PURPOSES } from './templates.defaults.ts';
import { VARIABLES } from './templates.rules.ts';
import * as templates from './templates.service.ts';
import type { MessageTemplateTable } from './templates.tables.ts';

const zTemplate = z.object({
  id: z.string(),
  code: z.string(),
  purpose: z.enum(TEMPLATE_PURPOSES),
  channel: z.enum(TEMPLATE_CHANNELS),
  nameZh: z.string(),
  nameEn: z.string(),
  variables: z.array(z.string()),
  bodyZh: z.string(),
  bodyEn: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});

function present(t: MessageTemplateTable): z.infer<typeof zTemplate> {
  return {
    id: t.id,
    code: t.code,
    purpose: t.purpose,
    channel: t.channel,
    nameZh: t.name_zh,
    nameEn: t.name_en,
    variables: templates.variablesOf(t),
    bodyZh: t.body_zh,
    bodyEn: t.body_en,
    active: t.active === 1,
    version: t.version,
    updatedAt: t.updated_at,
  };
}

const zVariableName = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/);
const zValues = z.record(zVariableName, z.string().max(1000)).default({});
const fields = {
  purpose: z.enum(TEMPLATE_PURPOSES),
  channel: z.enum(TEMPLATE_CHANNELS),
  nameZh: zText(100),
  nameEn: zText(100),
  variables: z.array(zVariableName).max(20),
  bodyZh: zText(2000),
  bodyEn: zText(2000),
};
const zPreview = z.object({
  items: z.array(
    z.object({
      locale: z.enum(['zh-CN', 'en']),
      text: z.string(),
      sms: z
        .object({ segments: z.number().int(), perSegment: z.number().int(), length: z.number().int() })
        .nullable(),
      findings: z.array(zFinding),
    }),
  ),
});

export const templateRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/templates/variables',
    summary: 'The variables a template may use, with their type, name and sample value',
    tags: ['templates'],
    auth: 'user',
    permission: 'templates.read',
    response: z.object({
      items: z.array(z.object({ name: z.string(), type: z.string(), label: z.string(), sample: z.string() })),
    }),
    handler: async ({ locale }) => ({
      items: Object.entries(VARIABLES).map(([name, v]) => ({
        name,
        type: v.type,
        label: v.label[locale],
        sample: v.sample[locale],
      })),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/templates',
    summary: 'CW-3: message templates, by purpose and channel',
    tags: ['templates'],
    auth: 'user',
    permission: 'templates.read',
    query: z.strictObject({
      purpose: z.enum(TEMPLATE_PURPOSES).optional(),
      channel: z.enum(TEMPLATE_CHANNELS).optional(),
    }),
    response: zList(zTemplate),
    handler: async ({ ctx, query }) => {
      const items = (await templates.listTemplates(ctx, query)).map(present);
      return { items, total: items.length };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/templates/:id',
    summary: 'One template',
    tags: ['templates'],
    auth: 'user',
    permission: 'templates.read',
    params: zIdParams,
    response: zTemplate,
    handler: async ({ ctx, params }) => present(await templates.getTemplate(ctx, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/templates',
    summary:
      'CW-3: a new template; bodies that fail the wording check or use undeclared variables are refused',
    tags: ['templates'],
    auth: 'user',
    permission: 'templates.manage',
    status: 201,
    body: z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_.-]{1,59}$/), ...fields }),
    response: zTemplate,
    handler: async ({ ctx, actor, body }) => present(await templates.createTemplate(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/templates/:id',
    summary: 'CW-3: save a new version (checked like a new template); earlier versions stay in history',
    tags: ['templates'],
    auth: 'user',
    permission: 'templates.manage',
    params: zIdParams,
    body: z.strictObject({
      purpose: fields.purpose.optional(),
      channel: fields.channel.optional(),
      nameZh: fields.nameZh.optional(),
      nameEn: fields.nameEn.optional(),
      variables: fields.variables.optional(),
      bodyZh: fields.bodyZh.optional(),
      bodyEn: fields.bodyEn.optional(),
      active: z.boolean().optional(),
      reason: zText(500).optional(),
    }),
    response: zTemplate,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return present(await templates.updateTemplate(ctx, actor, params.id, patch, reason));
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/templates/preview',
    summary:
      'CW-3: preview bodies being edited with sample values (and any given): text, SMS segments, wording findings',
    tags: ['templates'],
    auth: 'user',
    permission: 'templates.read',
    body: z.strictObject({
      channel: fields.channel,
      variables: fields.variables,
      bodyZh: fields.bodyZh,
      bodyEn: fields.bodyEn,
      values: zValues,
    }),
    response: zPreview,
    handler: async ({ ctx, body, locale }) => {
      const items = await templates.preview(
        ctx,
        {
          channel: body.channel,
          variables: JSON.stringify(body.variables),
          body_zh: body.bodyZh,
          body_en: body.bodyEn,
        },
        body.values,
      );
      return {
        items: items.map((i) => ({ ...i, findings: i.findings.map((f) => presentFinding(f, locale)) })),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/customer-messages',
    summary:
      'CW-1/CW-3: send a template to the order’s customer — rendered (missing or unknown values refused), wording-checked (a supervisor may override with a reason), recorded and, for SMS, queued',
    tags: ['templates'],
    auth: 'user',
    permission: 'templates.send',
    params: zIdParams,
    status: 201,
    body: z.strictObject({
      templateCode: zText(60),
      values: zValues,
      wordingOverride: z.strictObject({ reason: zText(500) }).optional(),
    }),
    response: z.object({
      noticeId: z.string(),
      messageId: z.string().nullable(),
      text: z.object({ 'zh-CN': z.string(), en: z.string() }),
    }),
    handler: async ({ ctx, actor, params, body }) => {
      const sent = await templates.sendToCustomer(ctx, actor, params.id, body);
      return { noticeId: sent.notice.id, messageId: sent.messageId, text: sent.text };
    },
  }),
  historyRoute({
    base: '/api/v1/templates',
    entityType: 'message_template',
    tag: 'templates',
    ensureVisible: (ctx, _actor, id) => templates.getTemplate(ctx, id),
  }),
];
