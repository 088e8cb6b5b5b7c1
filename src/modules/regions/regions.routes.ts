/** /api/v1/regions: the region tree. */
import { z } from 'zod';
import type { RegionTable } from '../../db/schema.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zList, zPage, zText, zTimeZone } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { REGION_LEVELS } from './regions.rules.ts';
import * as regions from './regions.service.ts';

const zRegion = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: z.enum(REGION_LEVELS),
  timeZone: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of a region. */
export function presentRegion(r: RegionTable): z.infer<typeof zRegion> {
  return {
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    level: r.level,
    timeZone: r.time_zone,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const zCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'i18n:invalid_code' });

export const regionRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/regions',
    summary: 'List regions visible to the caller (a partner sees the regions it covers)',
    tags: ['regions'],
    auth: 'user',
    permission: 'reference.read',
    query: z.strictObject({
      parentId: zId.optional(),
      level: z.enum(REGION_LEVELS).optional(),
      q: z.string().max(100).optional(),
      ...zPage,
    }),
    response: zList(zRegion),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      const { items, total } = await regions.listRegions(ctx, actor.scope, filter, { limit, offset });
      return { items: items.map(presentRegion), total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/regions/:id',
    summary: 'One region',
    tags: ['regions'],
    auth: 'user',
    permission: 'reference.read',
    params: zIdParams,
    response: zRegion,
    handler: async ({ ctx, actor, params }) =>
      presentRegion(await regions.getRegion(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/regions',
    summary: 'Create a province, prefecture or county',
    tags: ['regions'],
    auth: 'user',
    permission: 'reference.manage',
    status: 201,
    body: z.strictObject({
      parentId: zId.nullable().optional(),
      code: zCode,
      name: zText(100),
      nameEn: zText(100).nullable().optional(),
      level: z.enum(REGION_LEVELS),
      timeZone: zTimeZone.optional(),
    }),
    response: zRegion,
    handler: async ({ ctx, actor, body }) => presentRegion(await regions.createRegion(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/regions/:id',
    summary: 'Rename, re-code or change the time zone of a region',
    tags: ['regions'],
    auth: 'user',
    permission: 'reference.manage',
    params: zIdParams,
    body: z.strictObject({
      code: zCode.optional(),
      name: zText(100).optional(),
      nameEn: zText(100).nullable().optional(),
      timeZone: zTimeZone.optional(),
      reason: zText(500).optional(),
    }),
    response: zRegion,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return presentRegion(await regions.updateRegion(ctx, actor, params.id, patch, reason));
    },
  }),
  historyRoute({
    base: '/api/v1/regions',
    entityType: 'region',
    tag: 'regions',
    ensureVisible: (ctx, actor, id) => regions.getRegion(ctx, actor.scope, id),
  }),
];
