/** /api/v1/assets: instruments, vehicles and tool kits with calibration dates (RS-2). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams, zPage, zText } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { zCode } from '../partners/partners.routes.ts';
import { localDate } from '../work-orders/local-time.ts';
import { calibrationState } from './assets.rules.ts';
import * as assets from './assets.service.ts';
import type { AssetTable } from './assets.tables.ts';

export const ASSETS_READ = 'assets.read';
export const ASSETS_MANAGE = 'assets.manage';

const KINDS = ['instrument', 'vehicle', 'tool_kit'] as const;

const zAsset = z.object({
  id: z.string(),
  kind: z.enum(KINDS),
  type: z.string(),
  name: z.string(),
  serialNo: z.string(),
  regionId: z.string(),
  partnerId: z.string().nullable(),
  personId: z.string().nullable(),
  calibrationDue: z.string().nullable(),
  calibration: z.enum(['none', 'valid', 'due_soon', 'lapsed']),
  status: z.enum(['in_service', 'retired']),
  updatedAt: z.string(),
});
const present = (a: AssetTable, today: string): z.infer<typeof zAsset> => ({
  id: a.id,
  kind: a.kind,
  type: a.type,
  name: a.name,
  serialNo: a.serial_no,
  regionId: a.region_id,
  partnerId: a.partner_id,
  personId: a.person_id,
  calibrationDue: a.calibration_due,
  calibration: calibrationState(a.calibration_due, today),
  status: a.status,
  updatedAt: a.updated_at,
});

export const assetsRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/assets',
    summary: 'Instruments, vehicles and tool kits (a partner sees only its own), with calibration state',
    tags: ['assets'],
    auth: 'user',
    permission: ASSETS_READ,
    query: z.strictObject({
      kind: z.enum(KINDS).optional(),
      personId: zId.optional(),
      regionId: zId.optional(),
      dueBy: zDate.optional(),
      ...zPage,
    }),
    response: z.object({ items: z.array(zAsset) }),
    handler: async ({ ctx, actor, query }) => {
      const today = localDate(ctx.clock.now(), actor.timeZone);
      return { items: (await assets.listAssets(ctx, actor.scope, query)).map((a) => present(a, today)) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/assets',
    summary:
      'Register an asset with its serial, team (region) and carrier; instruments with their calibration due date',
    tags: ['assets'],
    auth: 'user',
    permission: ASSETS_MANAGE,
    status: 201,
    body: z.strictObject({
      kind: z.enum(KINDS),
      type: zCode,
      name: zText(100),
      serialNo: zText(64),
      regionId: zId,
      partnerId: zId.nullable().optional(),
      personId: zId.nullable().optional(),
      calibrationDue: zDate.nullable().optional(),
    }),
    response: zAsset,
    handler: async ({ ctx, actor, body }) =>
      present(await assets.createAsset(ctx, actor, body), localDate(ctx.clock.now(), actor.timeZone)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assets/:id',
    summary: 'One asset',
    tags: ['assets'],
    auth: 'user',
    permission: ASSETS_READ,
    params: zIdParams,
    response: zAsset,
    handler: async ({ ctx, actor, params }) =>
      present(await assets.getAsset(ctx, actor.scope, params.id), localDate(ctx.clock.now(), actor.timeZone)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/assets/:id',
    summary: 'Reassign an asset, record its new calibration due date, or retire it',
    tags: ['assets'],
    auth: 'user',
    permission: ASSETS_MANAGE,
    params: zIdParams,
    body: z.strictObject({
      regionId: zId.optional(),
      personId: zId.nullable().optional(),
      calibrationDue: zDate.optional(),
      status: z.enum(['in_service', 'retired']).optional(),
      reason: zText(500).optional(),
    }),
    response: zAsset,
    handler: async ({ ctx, actor, params, body }) =>
      present(
        await assets.updateAsset(ctx, actor, params.id, body),
        localDate(ctx.clock.now(), actor.timeZone),
      ),
  }),
  historyRoute({
    base: '/api/v1/assets',
    entityType: 'asset',
    tag: 'assets',
    ensureVisible: (ctx, actor, id) => assets.getAsset(ctx, actor.scope, id),
  }),
];
