/** Lists people work in: saved views per person, and the order list as an Excel download. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zOk, zText } from '../../http/schemas.ts';
import { SEVERITIES, STATES, WORK_ORDER_TYPES } from '../work-orders/work-orders.rules.ts';
import { exportOrders, XLSX } from './lists.export.ts';
import { VIEW_PAGES, type ViewPage } from './lists.rules.ts';
import * as lists from './lists.service.ts';
import type { SavedViewTable } from './lists.tables.ts';

const zViewPage = z.enum(Object.keys(VIEW_PAGES) as [ViewPage, ...ViewPage[]]);

const zView = z.object({
  id: z.string(),
  page: zViewPage,
  name: z.string(),
  query: z.string(),
  updatedAt: z.string(),
});

const present = (v: SavedViewTable): z.infer<typeof zView> => ({
  id: v.id,
  page: v.page as ViewPage,
  name: v.name,
  query: v.query,
  updatedAt: v.updated_at,
});

export const listsRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/saved-views',
    summary: 'The caller’s saved views of a list page, by name',
    tags: ['lists'],
    auth: 'user',
    query: z.strictObject({ page: zViewPage }),
    response: z.object({ items: z.array(zView) }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await lists.listViews(ctx, actor, query.page)).map(present),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/saved-views',
    summary: 'Saves the filters and sort of a list page under a name (the same name replaces it)',
    tags: ['lists'],
    auth: 'user',
    status: 201,
    body: z.strictObject({ page: zViewPage, name: zText(60), query: z.string().max(1000) }),
    response: zView,
    handler: async ({ ctx, actor, body }) => present(await lists.saveView(ctx, actor, body)),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/saved-views/:id',
    summary: 'Removes one of the caller’s saved views',
    tags: ['lists'],
    auth: 'user',
    params: zIdParams,
    response: zOk,
    handler: async ({ ctx, actor, params }) => {
      await lists.deleteView(ctx, actor, params.id);
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/exports/work-orders',
    summary: 'The order list with the same filters as GET /api/v1/work-orders, as an xlsx workbook',
    tags: ['lists'],
    auth: 'user',
    permission: 'work_orders.read',
    query: z.strictObject({
      state: z.enum(STATES).optional(),
      open: z.enum(['true', 'false']).optional(),
      type: z.enum(WORK_ORDER_TYPES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      regionId: zId.optional(),
      siteId: zId.optional(),
      mine: z.enum(['true']).optional(),
      q: z.string().max(100).optional(),
    }),
    produces: XLSX,
    handler: async ({ ctx, actor, query, locale, reply }) => {
      const { open, mine, ...filter } = query;
      const stream = await exportOrders(
        ctx,
        actor,
        {
          ...filter,
          open: open === undefined ? undefined : open === 'true',
          ...(mine ? { ownerId: actor.personId } : {}),
        },
        locale,
      );
      await reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="work-orders.xlsx"')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
      return undefined;
    },
  }),
];
