/** /api/v1/partners: partner companies (代维公司) and the regions they cover. */
import { z } from 'zod';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zList, zPage, zText } from '../../http/schemas.ts';
import { i18n } from '../../http/validation.ts';
import { historyRoute } from '../history/history.routes.ts';
import * as partners from './partners.service.ts';

/** The phone-number field message and the engineer-profile entity name. Called from the capability's `register`. */
export function registerPartnerMessages(): void {
  registerMessages(
    {},
    {
      invalid_phone: {
        'zh-CN': '电话号码只能包含数字、空格和 + - ( )（3–32 位）',
        en: 'may hold only digits, spaces and + - ( ) (3–32 characters)',
      },
    },
  );
  entityNames.engineer_profile = { 'zh-CN': '工程师档案', en: 'engineer profile' };
}

const zPartner = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
  regionIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of a partner. */
export function presentPartner(p: partners.PartnerView): z.infer<typeof zPartner> {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    contactName: p.contact_name,
    contactPhone: p.contact_phone,
    active: p.active === 1,
    regionIds: p.regionIds,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

/** A record code: letters, digits, _ and -. */
export const zCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: i18n('invalid_code') });

/** A phone number as people write it (digits, spaces, +, -, parentheses). */
export const zPhone = z
  .string()
  .trim()
  .regex(/^[0-9+()\- ]{3,32}$/, { message: i18n('invalid_phone') });

/** `true` / `false` in a query string. */
export const zQueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

const zRegionIds = z.array(zId).max(500);

export const partnerRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/partners',
    summary: 'List partner companies (a partner’s people see only their own)',
    tags: ['partners'],
    auth: 'user',
    permission: 'reference.read',
    query: z.strictObject({
      q: z.string().max(100).optional(),
      active: zQueryBool.optional(),
      regionId: zId.optional(),
      ...zPage,
    }),
    response: zList(zPartner),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      const { items, total } = await partners.listPartners(ctx, actor.scope, filter, { limit, offset });
      return { items: items.map(presentPartner), total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/partners/:id',
    summary: 'One partner company with the regions it covers',
    tags: ['partners'],
    auth: 'user',
    permission: 'reference.read',
    params: zIdParams,
    response: zPartner,
    handler: async ({ ctx, actor, params }) =>
      presentPartner(await partners.getPartner(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/partners',
    summary: 'Register a partner company, optionally with the regions it covers',
    tags: ['partners'],
    auth: 'user',
    permission: 'reference.manage',
    status: 201,
    body: z.strictObject({
      code: zCode,
      name: zText(100),
      contactName: zText(50).nullable().optional(),
      contactPhone: zPhone.nullable().optional(),
      regionIds: zRegionIds.optional(),
    }),
    response: zPartner,
    handler: async ({ ctx, actor, body }) => presentPartner(await partners.createPartner(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/partners/:id',
    summary: 'Change a partner’s details, or deactivate it with active=false (never deleted)',
    tags: ['partners'],
    auth: 'user',
    permission: 'reference.manage',
    params: zIdParams,
    body: z.strictObject({
      code: zCode.optional(),
      name: zText(100).optional(),
      contactName: zText(50).nullable().optional(),
      contactPhone: zPhone.nullable().optional(),
      active: z.boolean().optional(),
      reason: zText(500).optional(),
    }),
    response: zPartner,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return presentPartner(await partners.updatePartner(ctx, actor, params.id, patch, reason));
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/partners/:id/regions',
    summary: 'Replace the list of regions a partner covers (the old and new lists go to history)',
    tags: ['partners'],
    auth: 'user',
    permission: 'reference.manage',
    params: zIdParams,
    body: z.strictObject({ regionIds: zRegionIds, reason: zText(500).optional() }),
    response: zPartner,
    handler: async ({ ctx, actor, params, body }) =>
      presentPartner(await partners.setPartnerRegions(ctx, actor, params.id, body.regionIds, body.reason)),
  }),
  historyRoute({
    base: '/api/v1/partners',
    entityType: 'partner',
    tag: 'partners',
    ensureVisible: (ctx, actor, id) => partners.getPartner(ctx, actor.scope, id),
  }),
];
