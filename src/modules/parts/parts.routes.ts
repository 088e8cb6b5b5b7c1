/** /api/v1/depots, /api/v1/parts and an order's parts (RS-1). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zPage, zText } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { zCode } from '../partners/partners.routes.ts';
import { PARTS_MANAGE, PARTS_MOVE, PARTS_READ } from './parts.permissions.ts';
import * as parts from './parts.service.ts';
import type { FaultyPartTable, PartDepotTable, PartMovementTable, PartTable } from './parts.tables.ts';

const zDepot = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  regionId: z.string(),
  partnerId: z.string().nullable(),
  keeperId: z.string().nullable(),
});
const presentDepot = (d: PartDepotTable): z.infer<typeof zDepot> => ({
  id: d.id,
  code: d.code,
  name: d.name,
  regionId: d.region_id,
  partnerId: d.partner_id,
  keeperId: d.keeper_id,
});

const zPart = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  product: z.string().nullable(),
  unit: z.string(),
});
const presentPart = (p: PartTable): z.infer<typeof zPart> => ({
  id: p.id,
  code: p.code,
  name: p.name,
  product: p.product,
  unit: p.unit,
});

const zStock = z.object({
  partId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  faulty: z.number().int(),
  minQty: z.number().int(),
  low: z.boolean(),
});

const KINDS = [
  'receive',
  'reserve',
  'release',
  'issue',
  'consume',
  'return_unused',
  'return_faulty',
  'transfer',
  'adjust',
] as const;

const zMovement = z.object({
  id: z.string(),
  kind: z.enum(KINDS),
  depotId: z.string(),
  partId: z.string(),
  qty: z.number().int(),
  orderId: z.string().nullable(),
  personId: z.string().nullable(),
  toDepotId: z.string().nullable(),
  faultCode: z.string().nullable(),
  serialNo: z.string().nullable(),
  reason: z.string().nullable(),
  actorId: z.string().nullable(),
  at: z.string(),
});
const presentMovement = (m: PartMovementTable): z.infer<typeof zMovement> => ({
  id: m.id,
  kind: m.kind,
  depotId: m.depot_id,
  partId: m.part_id,
  qty: m.qty,
  orderId: m.order_id,
  personId: m.person_id,
  toDepotId: m.to_depot_id,
  faultCode: m.fault_code,
  serialNo: m.serial_no,
  reason: m.reason,
  actorId: m.actor_id,
  at: m.at,
});

const FAULTY = ['awaiting_repair', 'sent_for_repair', 'rma', 'repaired', 'scrapped'] as const;
const zFaulty = z.object({
  id: z.string(),
  partId: z.string(),
  orderId: z.string().nullable(),
  faultCode: z.string(),
  serialNo: z.string().nullable(),
  qty: z.number().int(),
  status: z.enum(FAULTY),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const presentFaulty = (f: FaultyPartTable): z.infer<typeof zFaulty> => ({
  id: f.id,
  partId: f.part_id,
  orderId: f.order_id,
  faultCode: f.fault_code,
  serialNo: f.serial_no,
  qty: f.qty,
  status: f.status,
  createdAt: f.created_at,
  updatedAt: f.updated_at,
});

const qty = z.number().int().min(1).max(100_000);
const part = { partId: zId, qty };
const reason = zText(500).optional();
const forOrder = { ...part, orderId: zId, reason };

/** One body per kind, so each kind names exactly the fields it needs. */
const zMovementBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('receive'), ...part, reason }),
  z.strictObject({ kind: z.literal('reserve'), ...forOrder }),
  z.strictObject({ kind: z.literal('release'), ...forOrder }),
  z.strictObject({ kind: z.literal('issue'), ...forOrder, personId: zId }),
  z.strictObject({ kind: z.literal('consume'), ...forOrder, personId: zId.optional() }),
  z.strictObject({ kind: z.literal('return_unused'), ...forOrder, personId: zId.optional() }),
  z.strictObject({
    kind: z.literal('return_faulty'),
    ...part,
    orderId: zId.optional(),
    personId: zId.optional(),
    faultCode: zText(64),
    serialNo: zText(64).optional(),
    reason,
  }),
  z.strictObject({ kind: z.literal('transfer'), ...part, toDepotId: zId, reason }),
  z.strictObject({
    kind: z.literal('adjust'),
    partId: zId,
    countedQty: z.number().int().min(0).max(1_000_000),
    reason: zText(500),
  }),
]);

export const partsRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/depots',
    summary: 'Spare-part depots visible to the caller (a partner sees only its own)',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_READ,
    response: z.object({ items: z.array(zDepot) }),
    handler: async ({ ctx, actor }) => ({
      items: (await parts.listDepots(ctx, actor.scope)).map(presentDepot),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/depots',
    summary: 'Create a spare-part depot for a region (and partner), with its keeper',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_MANAGE,
    status: 201,
    body: z.strictObject({
      code: zCode,
      name: zText(100),
      regionId: zId,
      partnerId: zId.nullable().optional(),
      keeperId: zId.nullable().optional(),
    }),
    response: zDepot,
    handler: async ({ ctx, actor, body }) => presentDepot(await parts.createDepot(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/depots/:id',
    summary: 'One depot',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_READ,
    params: zIdParams,
    response: zDepot,
    handler: async ({ ctx, actor, params }) =>
      presentDepot(await parts.getDepot(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/depots/:id/stock',
    summary: 'Stock of every part at a depot; low = available below the minimum',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_READ,
    params: zIdParams,
    response: z.object({ items: z.array(zStock) }),
    handler: async ({ ctx, actor, params }) => ({
      items: (await parts.stockOf(ctx, actor.scope, params.id)).map((s) => ({
        partId: s.part_id,
        code: s.code,
        name: s.name,
        unit: s.unit,
        onHand: s.on_hand,
        reserved: s.reserved,
        available: s.on_hand - s.reserved,
        faulty: s.faulty,
        minQty: s.min_qty,
        low: s.on_hand - s.reserved < s.min_qty,
      })),
    }),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/depots/:id/minimums/:partId',
    summary: 'Set the minimum stock of a part at a depot (the keeper is told when stock falls below it)',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_MANAGE,
    params: z.strictObject({ id: zId, partId: zId }),
    body: z.strictObject({ minQty: z.number().int().min(0).max(1_000_000) }),
    response: z.object({ partId: z.string(), minQty: z.number().int() }),
    handler: async ({ ctx, actor, params, body }) => {
      const row = await parts.setMinimum(ctx, actor, params.id, params.partId, body.minQty);
      return { partId: row.part_id, minQty: row.min_qty };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/depots/:id/movements',
    summary: 'The movement ledger of a depot, newest first (append-only)',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_READ,
    params: zIdParams,
    query: z.strictObject({ ...zPage }),
    response: z.object({ items: z.array(zMovement) }),
    handler: async ({ ctx, actor, params, query }) => ({
      items: (await parts.movementsOf(ctx, actor.scope, params.id, query.limit, query.offset)).map(
        presentMovement,
      ),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/depots/:id/movements',
    summary:
      'Record a movement: receive, reserve/release/issue/consume/return for an order, faulty return, transfer, stock-take',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_MOVE,
    status: 201,
    params: zIdParams,
    body: zMovementBody,
    response: zMovement,
    handler: async ({ ctx, actor, params, body }) => {
      const { kind, partId, reason: why } = body;
      const input: parts.MovementInput =
        body.kind === 'adjust'
          ? { kind, partId, qty: body.countedQty, reason: why }
          : { ...body, qty: body.qty, reason: why };
      return presentMovement(await parts.recordMovement(ctx, actor, params.id, input));
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/depots/:id/faulty-parts',
    summary: 'Faulty parts returned to a depot with their fault code and repair/RMA status',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_READ,
    params: zIdParams,
    response: z.object({ items: z.array(zFaulty) }),
    handler: async ({ ctx, actor, params }) => ({
      items: (await parts.faultyOf(ctx, actor.scope, params.id)).map(presentFaulty),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/faulty-parts/:id/status',
    summary: 'Move a faulty part along its repair/RMA path',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_MOVE,
    params: zIdParams,
    body: z.strictObject({ status: z.enum(FAULTY), reason }),
    response: zFaulty,
    handler: async ({ ctx, actor, params, body }) =>
      presentFaulty(await parts.setFaultyStatus(ctx, actor, params.id, body.status, body.reason)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/parts',
    summary: 'The part catalogue',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_READ,
    query: z.strictObject({ q: z.string().max(100).optional() }),
    response: z.object({ items: z.array(zPart) }),
    handler: async ({ ctx, query }) => ({ items: (await parts.listParts(ctx, query.q)).map(presentPart) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/parts',
    summary: 'Add a part to the catalogue',
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_MANAGE,
    status: 201,
    body: z.strictObject({
      code: zCode,
      name: zText(100),
      product: zText(100).nullable().optional(),
      unit: zText(16),
    }),
    response: zPart,
    handler: async ({ ctx, actor, body }) => presentPart(await parts.createPart(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/parts',
    summary: "An order's parts: reserved, issued, consumed, returned and still in an engineer's hands",
    tags: ['parts'],
    auth: 'user',
    permission: PARTS_READ,
    params: zIdParams,
    response: z.object({
      items: z.array(
        z.object({
          depotId: z.string(),
          partId: z.string(),
          partCode: z.string(),
          partName: z.string(),
          reserved: z.number().int(),
          issued: z.number().int(),
          consumed: z.number().int(),
          returned: z.number().int(),
          inHand: z.number().int(),
          faultyReturned: z.number().int(),
        }),
      ),
    }),
    handler: async ({ ctx, actor, params }) => ({
      items: await parts.partsOfOrder(ctx, actor.scope, params.id),
    }),
  }),
  historyRoute({
    base: '/api/v1/depots',
    entityType: 'part_depot',
    tag: 'parts',
    ensureVisible: (ctx, actor, id) => parts.getDepot(ctx, actor.scope, id),
  }),
];
