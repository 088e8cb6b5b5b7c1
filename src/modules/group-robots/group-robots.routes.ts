/** /api/v1/group-robots: WeCom and DingTalk group robots as a notification channel (settings). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zList, zPage, zText } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { maskedUrl, ROBOT_PROVIDERS } from './group-robots.rules.ts';
import * as robots from './group-robots.service.ts';
import type { GroupRobotMessageTable, GroupRobotTable } from './group-robots.tables.ts';

const zRobot = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.enum(ROBOT_PROVIDERS),
  /** The address with its key masked; the full address is never returned. */
  webhookUrl: z.string(),
  hasSecret: z.boolean(),
  regionId: z.string().nullable(),
  criticalOnly: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});

function present(r: GroupRobotTable): z.infer<typeof zRobot> {
  return {
    id: r.id,
    name: r.name,
    provider: r.provider,
    webhookUrl: maskedUrl(r.webhook_url),
    hasSecret: r.secret !== null,
    regionId: r.region_id,
    criticalOnly: r.critical_only === 1,
    active: r.active === 1,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

const zMessage = z.object({
  id: z.string(),
  noticeKind: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  critical: z.boolean(),
  content: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  notBefore: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

function presentMessage(m: GroupRobotMessageTable): z.infer<typeof zMessage> {
  return {
    id: m.id,
    noticeKind: m.notice_kind,
    subjectType: m.subject_type,
    subjectId: m.subject_id,
    critical: m.critical === 1,
    content: m.content,
    status: m.status,
    attempts: m.attempts,
    lastError: m.last_error,
    notBefore: m.not_before,
    createdAt: m.created_at,
    sentAt: m.sent_at,
  };
}

const fields = {
  name: zText(100),
  provider: z.enum(ROBOT_PROVIDERS),
  webhookUrl: zText(1000),
  secret: z.string().max(200).nullable(),
  regionId: zId.nullable(),
  criticalOnly: z.boolean(),
  active: z.boolean(),
};

export const groupRobotRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/group-robots',
    summary: 'Team-chat group robots (WeCom, DingTalk) that receive critical notices and escalations',
    tags: ['notifications'],
    auth: 'user',
    permission: 'group_robots.read',
    query: z.strictObject({ q: z.string().max(100).optional(), ...zPage }),
    response: zList(zRobot),
    handler: async ({ ctx, query }) => {
      const needle = query.q?.trim().toLowerCase() ?? '';
      const all = (await robots.listRobots(ctx)).filter((r) => r.name.toLowerCase().includes(needle));
      return { items: all.slice(query.offset, query.offset + query.limit).map(present), total: all.length };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/group-robots/:id',
    summary: 'One group robot',
    tags: ['notifications'],
    auth: 'user',
    permission: 'group_robots.read',
    params: zIdParams,
    response: zRobot,
    handler: async ({ ctx, params }) => present(await robots.getRobot(ctx, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/group-robots',
    summary: 'Register a group robot by its webhook address (and DingTalk signing secret)',
    tags: ['notifications'],
    auth: 'user',
    permission: 'group_robots.manage',
    status: 201,
    body: z.strictObject({
      name: fields.name,
      provider: fields.provider,
      webhookUrl: fields.webhookUrl,
      secret: fields.secret.optional(),
      regionId: fields.regionId.optional(),
      criticalOnly: fields.criticalOnly.optional(),
      active: fields.active.optional(),
    }),
    response: zRobot,
    handler: async ({ ctx, actor, body }) => present(await robots.createRobot(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/group-robots/:id',
    summary: 'Change a group robot; history keeps every change (never the key or secret in clear)',
    tags: ['notifications'],
    auth: 'user',
    permission: 'group_robots.manage',
    params: zIdParams,
    body: z.strictObject({
      name: fields.name.optional(),
      provider: fields.provider.optional(),
      webhookUrl: fields.webhookUrl.optional(),
      secret: fields.secret.optional(),
      regionId: fields.regionId.optional(),
      criticalOnly: fields.criticalOnly.optional(),
      active: fields.active.optional(),
      reason: zText(500).optional(),
    }),
    response: zRobot,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return present(await robots.updateRobot(ctx, actor, params.id, patch, reason));
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/group-robots/:id/test',
    summary: 'Post a test message now and report whether the group received it',
    tags: ['notifications'],
    auth: 'user',
    permission: 'group_robots.manage',
    params: zIdParams,
    response: z.object({ ok: z.boolean(), problem: z.string().nullable() }),
    handler: async ({ ctx, actor, params }) => robots.testRobot(ctx, actor, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/group-robots/:id/messages',
    summary: 'The posts of a group robot and their delivery state',
    tags: ['notifications'],
    auth: 'user',
    permission: 'group_robots.read',
    params: zIdParams,
    query: z.strictObject({ ...zPage }),
    response: zList(zMessage),
    handler: async ({ ctx, params, query }) => {
      const r = await robots.robotMessages(ctx, params.id, { limit: query.limit, offset: query.offset });
      return { items: r.items.map(presentMessage), total: r.total };
    },
  }),
  historyRoute({
    base: '/api/v1/group-robots',
    entityType: 'group_robot',
    tag: 'notifications',
    ensureVisible: (ctx, _actor, id) => robots.getRobot(ctx, id),
  }),
];
