/** The history endpoint every record type exposes, and the chain check for auditors. */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { type RouteDef, route } from '../../http/route.ts';
import { zIdParams } from '../../http/schemas.ts';
import { historyOf, verifyHistory } from './history.service.ts';

/** The signed-in caller a route handler receives (named through the route helper: history never imports access). */
type Caller = Parameters<RouteDef['handler']>[0]['actor'];

export const zHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  changes: z.unknown(),
  reason: z.string().nullable(),
});

/**
 * `GET <base>/:id/history` for one record type. `ensureVisible` loads the record with the
 * actor's scope first, so nobody reads the history of a record they may not see.
 */
export function historyRoute(opts: {
  base: string;
  entityType: string;
  tag: string;
  ensureVisible: (ctx: AppContext, actor: Caller, id: string) => Promise<unknown>;
}): RouteDef {
  return route({
    method: 'GET',
    url: `${opts.base}/:id/history`,
    summary: `History of one ${opts.entityType} (who changed what, when and why)`,
    tags: [opts.tag],
    auth: 'user',
    permission: 'history.read',
    params: zIdParams,
    response: z.object({ items: z.array(zHistoryEntry) }),
    handler: async ({ ctx, actor, params }) => {
      await opts.ensureVisible(ctx, actor, params.id);
      return { items: await historyOf(ctx, opts.entityType, params.id) };
    },
  });
}

export const auditRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/audit/verify',
    summary: 'RC-2: walk the history chain and name the first entry that does not match',
    tags: ['audit'],
    auth: 'user',
    permission: 'audit.verify',
    response: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      firstBad: z
        .object({ seq: z.number().int(), entityType: z.string(), entityId: z.string(), problem: z.string() })
        .optional(),
    }),
    handler: async ({ ctx }) => verifyHistory(ctx),
  }),
];
