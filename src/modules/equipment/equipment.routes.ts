/** /api/v1/equipment: the units at each site. */
import { z } from 'zod';
import type { EquipmentTable } from '../../db/schema.ts';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams, zList, zPage, zText } from '../../http/schemas.ts';
import { CUSTOMERS_READ } from '../customers/customers.permissions.ts';
import { historyRoute } from '../history/history.routes.ts';
import * as equipment from './equipment.service.ts';

const zEquipment = z.object({
  id: z.string(),
  siteId: z.string(),
  product: z.string(),
  model: z.string(),
  serialNo: z.string().nullable(),
  softwareVersion: z.string().nullable(),
  contractEndsOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of a unit of equipment. */
export function presentEquipment(e: EquipmentTable): z.infer<typeof zEquipment> {
  return {
    id: e.id,
    siteId: e.site_id,
    product: e.product,
    model: e.model,
    serialNo: e.serial_no,
    softwareVersion: e.software_version,
    contractEndsOn: e.contract_ends_on,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
  };
}

export const equipmentRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/equipment',
    summary: 'List equipment visible to the caller (by the scope of its site)',
    tags: ['equipment'],
    auth: 'user',
    permission: CUSTOMERS_READ,
    query: z.strictObject({
      siteId: zId.optional(),
      customerId: zId.optional(),
      product: z.string().max(64).optional(),
      q: z.string().max(100).optional(),
      contractEndsBefore: zDate.optional(),
      ...zPage,
    }),
    response: zList(zEquipment),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      const { items, total } = await equipment.listEquipment(ctx, actor.scope, filter, { limit, offset });
      return { items: items.map(presentEquipment), total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/equipment/:id',
    summary: 'One unit of equipment',
    tags: ['equipment'],
    auth: 'user',
    permission: CUSTOMERS_READ,
    params: zIdParams,
    response: zEquipment,
    handler: async ({ ctx, actor, params }) =>
      presentEquipment(await equipment.getEquipment(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/equipment',
    summary: 'Register a unit of equipment at a site',
    tags: ['equipment'],
    auth: 'user',
    permission: 'reference.manage',
    status: 201,
    body: z.strictObject({
      siteId: zId,
      product: zText(64),
      model: zText(64),
      serialNo: zText(64).nullable().optional(),
      softwareVersion: zText(64).nullable().optional(),
      contractEndsOn: zDate.nullable().optional(),
    }),
    response: zEquipment,
    handler: async ({ ctx, actor, body }) =>
      presentEquipment(await equipment.createEquipment(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/equipment/:id',
    summary: 'Change equipment (upgrade, move, contract renewal)',
    tags: ['equipment'],
    auth: 'user',
    permission: 'reference.manage',
    params: zIdParams,
    body: z.strictObject({
      siteId: zId.optional(),
      product: zText(64).optional(),
      model: zText(64).optional(),
      serialNo: zText(64).nullable().optional(),
      softwareVersion: zText(64).nullable().optional(),
      contractEndsOn: zDate.nullable().optional(),
      reason: zText(500).optional(),
    }),
    response: zEquipment,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return presentEquipment(await equipment.updateEquipment(ctx, actor, params.id, patch, reason));
    },
  }),
  historyRoute({
    base: '/api/v1/equipment',
    entityType: 'equipment',
    tag: 'equipment',
    ensureVisible: (ctx, actor, id) => equipment.getEquipment(ctx, actor.scope, id),
  }),
];
