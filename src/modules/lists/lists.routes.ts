/** Lists people work in: saved views per person, and the order list as an Excel download. */
import { z } from 'zod';
import { errorBody } from '../../http/error-handler.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zOk, zText } from '../../http/schemas.ts';
import { SEVERITIES, STATES, WORK_ORDER_TYPES } from '../work-orders/work-orders.rules.ts';
import { applyBulk, MAX_BULK_ROWS } from './lists.bulk.ts';
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
    summary:
      'The order list with the same filters as GET /api/v1/work-orders, or the selected orders (?orderId=…&orderId=…), as an xlsx workbook',
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
      // The selection on the page, repeated: ?orderId=…&orderId=… (filters then do not apply).
      orderId: z
        .union([zId, z.array(zId).min(1).max(MAX_BULK_ROWS)])
        .transform((v) => [v].flat())
        .optional(),
    }),
    produces: XLSX,
    handler: async ({ ctx, actor, query, locale, reply }) => {
      const { open, mine, orderId, ...filter } = query;
      const source = orderId
        ? { orderIds: orderId }
        : {
            filter: {
              ...filter,
              open: open === undefined ? undefined : open === 'true',
              ...(mine ? { ownerId: actor.personId } : {}),
            },
          };
      const stream = await exportOrders(ctx, actor, source, locale);
      await reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="work-orders.xlsx"')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
      return undefined;
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/bulk',
    summary:
      'Bulk action on selected orders (dispatch to an engineer, or change severity with a reason): each order is decided and written on its own (DP-1, WO-2), and answers ok or refused with the reason',
    tags: ['lists'],
    auth: 'user',
    permission: 'work_orders.read',
    body: z.strictObject({
      orderIds: z.array(zId).min(1).max(MAX_BULK_ROWS),
      action: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('assign'),
          leadEngineerId: zId,
          overrideReason: zText(2000).optional(),
        }),
        z.strictObject({ kind: z.literal('severity'), severity: z.enum(SEVERITIES), reason: zText(2000) }),
      ]),
    }),
    response: z.object({
      ok: z.number().int(),
      refused: z.number().int(),
      results: z.array(
        z.object({
          orderId: z.string(),
          ok: z.boolean(),
          number: z.string().optional(),
          state: z.string().optional(),
          severity: z.string().optional(),
          error: z
            .object({
              code: z.string(),
              message: z.string(),
              details: z.array(z.object({ field: z.string(), message: z.string() })),
            })
            .optional(),
        }),
      ),
    }),
    handler: async ({ ctx, actor, body, locale }) => {
      const rows = await applyBulk(ctx, actor, body.orderIds, body.action);
      const results = rows.map((r) =>
        r.ok ? r : { orderId: r.orderId, ok: false as const, error: errorBody(r.error, locale).error },
      );
      const ok = results.filter((r) => r.ok).length;
      return { ok, refused: results.length - ok, results };
    },
  }),
];
