/**
 * Escalations (SL-2, SL-3): list, read, acknowledge. There is deliberately no endpoint that
 * cancels, delays or deletes an escalation or its notices; acknowledging only stops the climb.
 * Ladders per region and the customer-facing escalation contacts (SL-5).
 */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zPage, zText } from '../../http/schemas.ts';
import { ROLES } from '../access/roles.ts';
import { historyRoute } from '../history/history.routes.ts';
import * as escalation from './escalation.service.ts';
import type { EscalationTable } from './escalation.tables.ts';

const zEscalation = z.object({
  id: z.string(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  clockId: z.string().nullable(),
  regionId: z.string(),
  ownerId: z.string().nullable(),
  title: z.string(),
  level: z.number().int(),
  startedAt: z.string(),
  nextAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});

function presentEscalation(e: EscalationTable, locale: 'zh-CN' | 'en'): z.infer<typeof zEscalation> {
  return {
    id: e.id,
    kind: e.kind,
    subjectType: e.subject_type,
    subjectId: e.subject_id,
    clockId: e.clock_id,
    regionId: e.region_id,
    ownerId: e.owner_id,
    title: locale === 'en' ? e.title_en : e.title_zh,
    level: e.level,
    startedAt: e.started_at,
    nextAt: e.next_at,
    acknowledgedAt: e.acknowledged_at,
    acknowledgedBy: e.acknowledged_by,
  };
}

const zRole = z.enum(['owner', ...ROLES]);
const zSteps = z
  .array(z.strictObject({ role: zRole, afterMinutes: z.number().int().min(0).max(100_000) }))
  .min(1)
  .max(20);

export const escalationRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/escalations',
    summary: 'Escalations: mine (notified to me), or all in scope for managers; open = not yet acknowledged',
    tags: ['escalation'],
    auth: 'user',
    permission: 'escalation.ack',
    query: z.strictObject({
      open: z.enum(['true', 'false']).optional(),
      mine: z.enum(['true', 'false']).optional(),
      ...zPage,
    }),
    response: z.object({ items: z.array(zEscalation), total: z.number().int() }),
    handler: async ({ ctx, actor, query, locale }) => {
      const { items, total } = await escalation.listEscalations(
        ctx,
        actor,
        { open: query.open === 'true', mine: query.mine === 'true' },
        { limit: query.limit, offset: query.offset },
      );
      return { items: items.map((e) => presentEscalation(e, locale)), total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/escalations/:id',
    summary: 'One escalation with everyone notified at each level',
    tags: ['escalation'],
    auth: 'user',
    permission: 'escalation.ack',
    params: zIdParams,
    response: zEscalation.extend({
      recipients: z.array(
        z.object({ personId: z.string(), level: z.number().int(), notifiedAt: z.string() }),
      ),
    }),
    handler: async ({ ctx, actor, params, locale }) => {
      const { esc, recipients } = await escalation.getEscalation(ctx, actor, params.id);
      return {
        ...presentEscalation(esc, locale),
        recipients: recipients.map((r) => ({
          personId: r.person_id,
          level: r.level,
          notifiedAt: r.notified_at,
        })),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/escalations/:id/acknowledge',
    summary: 'SL-2: acknowledge an escalation; it stops climbing (the notices already sent remain)',
    tags: ['escalation'],
    auth: 'user',
    permission: 'escalation.ack',
    params: zIdParams,
    body: z.strictObject({ note: zText(500).optional() }),
    response: zEscalation,
    handler: async ({ ctx, actor, params, body, locale }) =>
      presentEscalation(await escalation.acknowledge(ctx, actor, params.id, body.note), locale),
  }),
  historyRoute({
    base: '/api/v1/escalations',
    entityType: 'escalation',
    tag: 'escalation',
    ensureVisible: (ctx, actor, id) => escalation.getEscalation(ctx, actor, id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/escalation-ladders',
    summary: 'SL-2: the ladder in force for a region (its own, the nearest ancestor’s, or the default)',
    tags: ['escalation'],
    auth: 'user',
    permission: 'deadlines.read',
    query: z.strictObject({ regionId: zId.optional() }),
    response: z.object({ steps: z.array(z.object({ role: z.string(), afterMinutes: z.number().int() })) }),
    handler: async ({ ctx, query }) => ({
      steps: query.regionId
        ? await escalation.ladderFor(ctx, query.regionId)
        : await escalation.defaultLadder(ctx),
    }),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/escalation-ladders',
    summary: 'SL-2: set the ladder of a region (regionId null: the default ladder); minutes after the start',
    tags: ['escalation'],
    auth: 'user',
    permission: 'deadlines.manage',
    body: z.strictObject({ regionId: zId.nullable(), steps: zSteps }),
    response: z.object({ steps: z.array(z.object({ role: z.string(), afterMinutes: z.number().int() })) }),
    handler: async ({ ctx, actor, body }) => ({
      steps: await escalation.setLadder(ctx, actor, body.regionId, body.steps),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/escalation-contacts',
    summary: 'SL-5: who to call at each level for a region; a customer sees those of their own region',
    tags: ['escalation'],
    auth: 'user',
    permission: 'escalation.contacts',
    query: z.strictObject({ regionId: zId.optional() }),
    response: z.object({
      regionId: z.string(),
      levels: z.array(
        z.object({
          level: z.number().int(),
          role: z.string(),
          roleName: z.string(),
          contacts: z.array(
            z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
          ),
        }),
      ),
    }),
    handler: async ({ ctx, actor, query, locale }) => {
      const regionId = await escalation.contactsRegion(ctx, actor, query.regionId);
      const levels = await escalation.escalationContacts(ctx, regionId);
      return {
        regionId,
        levels: levels.map((l) => ({
          level: l.level,
          role: l.role,
          roleName: l.roleLabel[locale],
          contacts: l.contacts,
        })),
      };
    },
  }),
];
