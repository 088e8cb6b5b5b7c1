/** DP-1: candidates for an order and assigning engineers. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams } from '../../http/schemas.ts';
import { presentOrder, zWorkOrder } from '../work-orders/work-orders.present.ts';
import * as dispatch from './dispatch.service.ts';

export const dispatchRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/candidates',
    summary:
      'DP-1: engineers ranked for this order (eligible first, then open load, then distance), each with the reasons for its place',
    tags: ['dispatch'],
    auth: 'user',
    permission: 'work_orders.assign',
    params: zIdParams,
    response: z.object({
      items: z.array(
        z.object({
          rank: z.number().int(),
          personId: z.string(),
          name: z.string(),
          eligible: z.boolean(),
          gaps: z.array(z.string()),
          openLoad: z.number().int(),
          distanceKm: z.number().nullable(),
          reasons: z.array(z.string()),
        }),
      ),
    }),
    handler: async ({ ctx, actor, params, locale }) => ({
      items: (await dispatch.candidates(ctx, actor, params.id)).map((c) => ({
        rank: c.rank,
        personId: c.personId,
        name: c.name,
        eligible: c.eligible,
        gaps: [...c.gaps, ...(c.findings ?? []).filter((f) => f.blocking).map((f) => f.code)],
        openLoad: c.openLoad,
        distanceKm: c.distanceKm === null ? null : Math.round(c.distanceKm * 10) / 10,
        reasons: c.reasons.map((r) => r[locale]),
      })),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/assignments',
    summary:
      'DP-1: assign the lead engineer and helpers; ineligible people are refused unless a manager overrides with a reason',
    tags: ['dispatch'],
    auth: 'user',
    permission: 'work_orders.assign',
    params: zIdParams,
    body: z.strictObject({
      leadEngineerId: zId.optional(),
      helperIds: z.array(zId).max(20).optional(),
      overrideReason: z.string().trim().min(1).max(2000).optional(),
    }),
    response: zWorkOrder,
    handler: async ({ ctx, actor, params, body }) =>
      presentOrder(await dispatch.assign(ctx, actor, params.id, body), actor),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/assignments/:personId/release',
    summary: 'Release an engineer from an order (the owner stays)',
    tags: ['dispatch'],
    auth: 'user',
    permission: 'work_orders.assign',
    params: z.strictObject({ id: zId, personId: zId }),
    body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ ctx, actor, params, body }) => {
      await dispatch.unassign(ctx, actor, params.id, params.personId, body.reason);
      return { ok: true as const };
    },
  }),
];
