/** /api/v1/sites: where equipment stands and engineers go. */
import { z } from 'zod';
import type { SiteTable } from '../../db/schema.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zList, zPage, zText, zTimeZone } from '../../http/schemas.ts';
import { CUSTOMERS_READ } from '../customers/customers.permissions.ts';
import { historyRoute } from '../history/history.routes.ts';
import { zCode } from '../partners/partners.routes.ts';
import { AREA_CLASSES, SITE_CLASSES } from './sites.rules.ts';
import * as sites from './sites.service.ts';

const zSite = z.object({
  id: z.string(),
  code: z.string(),
  customerId: z.string(),
  name: z.string(),
  address: z.string(),
  regionId: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  timeZone: z.string(),
  areaClass: z.enum(AREA_CLASSES),
  siteClass: z.enum(SITE_CLASSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of a site. */
export function presentSite(s: SiteTable): z.infer<typeof zSite> {
  return {
    id: s.id,
    code: s.code,
    customerId: s.customer_id,
    name: s.name,
    address: s.address,
    regionId: s.region_id,
    lat: s.lat,
    lng: s.lng,
    timeZone: s.time_zone,
    areaClass: s.area_class,
    siteClass: s.site_class,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

const zLat = z.number().min(-90).max(90);
const zLng = z.number().min(-180).max(180);

export const siteRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/sites',
    summary: 'List sites visible to the caller (partners: in their regions; customers: their own)',
    tags: ['sites'],
    auth: 'user',
    permission: CUSTOMERS_READ,
    query: z.strictObject({
      q: z.string().max(100).optional(),
      customerId: zId.optional(),
      regionId: zId.optional(),
      areaClass: z.enum(AREA_CLASSES).optional(),
      ...zPage,
    }),
    response: zList(zSite),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      const { items, total } = await sites.listSites(ctx, actor.scope, filter, { limit, offset });
      return { items: items.map(presentSite), total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/sites/:id',
    summary: 'One site',
    tags: ['sites'],
    auth: 'user',
    permission: CUSTOMERS_READ,
    params: zIdParams,
    response: zSite,
    handler: async ({ ctx, actor, params }) => presentSite(await sites.getSite(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/sites',
    summary: 'Register a site; the time zone defaults to its region’s',
    tags: ['sites'],
    auth: 'user',
    permission: 'reference.manage',
    status: 201,
    body: z.strictObject({
      code: zCode,
      customerId: zId,
      name: zText(100),
      address: zText(300),
      regionId: zId,
      lat: zLat.nullable().optional(),
      lng: zLng.nullable().optional(),
      timeZone: zTimeZone.optional(),
      areaClass: z.enum(AREA_CLASSES),
      siteClass: z.enum(SITE_CLASSES).optional(),
    }),
    response: zSite,
    handler: async ({ ctx, actor, body }) => presentSite(await sites.createSite(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/sites/:id',
    summary: 'Change a site (moving region without a time zone takes the new region’s)',
    tags: ['sites'],
    auth: 'user',
    permission: 'reference.manage',
    params: zIdParams,
    body: z.strictObject({
      code: zCode.optional(),
      customerId: zId.optional(),
      name: zText(100).optional(),
      address: zText(300).optional(),
      regionId: zId.optional(),
      lat: zLat.nullable().optional(),
      lng: zLng.nullable().optional(),
      timeZone: zTimeZone.optional(),
      areaClass: z.enum(AREA_CLASSES).optional(),
      siteClass: z.enum(SITE_CLASSES).optional(),
      reason: zText(500).optional(),
    }),
    response: zSite,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return presentSite(await sites.updateSite(ctx, actor, params.id, patch, reason));
    },
  }),
  historyRoute({
    base: '/api/v1/sites',
    entityType: 'site',
    tag: 'sites',
    ensureVisible: (ctx, actor, id) => sites.getSite(ctx, actor.scope, id),
  }),
];
