/**
 * WO-12 on work orders: learning an entry from a resolved fault, and the entries that match an
 * order's symptom (what intake and the engineer see). Kept apart from the knowledge core so the
 * base itself does not depend on the work-order capability.
 */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { registerMessages } from '../../http/messages.ts';
import { route } from '../../http/route.ts';
import { zIdParams, zList } from '../../http/schemas.ts';
import { AppError, problem } from '../../shared/errors.ts';
import type { Actor } from '../access/policy.ts';
import { scopedOrders } from '../work-orders/work-orders.queries.ts';
import { assertMayAct, getOrder } from '../work-orders/work-orders.service.ts';
import * as repo from './knowledge.repository.ts';
import {
  presentEntry,
  presentEntryIn,
  setSourceVisibility,
  visibleSourcesOf,
  zEntryFields,
  zEntryResult,
} from './knowledge.routes.ts';
import { RESOLVED_STATES } from './knowledge.rules.ts';
import { createEntry, type EntryInput, relatedKnowledge } from './knowledge.service.ts';

/** The WO-12 error code, and which source orders a knowledge entry may name to whom. Called from the capability's `register`. */
export function registerKnowledgeOrderHooks(): void {
  registerMessages({
    not_a_resolved_fault: {
      'zh-CN': '只有已解决的故障工单可以生成知识条目（WO-12）。',
      en: 'Only a resolved fault order can become a knowledge entry (WO-12).',
    },
  });

  // A knowledge entry names the order it was learned from only to those who may see that order.
  setSourceVisibility(async (ctx, actor, orderIds) => {
    const rows = await scopedOrders(ctx.db, actor.scope)
      .select('o.id')
      .where('o.id', 'in', orderIds)
      .execute();
    return new Set(rows.map((r) => r.id));
  });
}

/** WO-12: a knowledge entry from a resolved fault of an order the actor worked on; the symptom and product default to the order's. */
export async function learnFromOrder(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: Partial<EntryInput>,
) {
  const order = await getOrder(ctx, actor.scope, orderId);
  await assertMayAct(ctx, actor, order);
  if (order.type !== 'fault_repair' || !RESOLVED_STATES.includes(order.state)) {
    throw new AppError(409, 'not_a_resolved_fault', {}, [
      problem(
        'orderId',
        '只有已解决的故障工单可以生成知识条目',
        'only a resolved fault order can become a knowledge entry',
      ),
    ]);
  }
  const equipment = order.equipment_id
    ? await ctx.db
        .selectFrom('equipment')
        .select(['software_version'])
        .where('id', '=', order.equipment_id)
        .executeTakeFirst()
    : undefined;
  const cause = input.cause ?? order.suspected_cause;
  if (!cause || !input.fix) {
    const missing = [
      ...(cause ? [] : [problem('cause', '请填写故障原因', 'the cause is required')]),
      ...(input.fix ? [] : [problem('fix', '请填写处理方法', 'the fix is required')]),
    ];
    throw new AppError(422, 'validation_failed', {}, missing);
  }
  return createEntry(ctx, actor, {
    symptom: input.symptom ?? order.symptom,
    cause,
    fix: input.fix,
    product: input.product === undefined ? order.product : input.product,
    version: input.version === undefined ? (equipment?.software_version ?? null) : input.version,
    sourceOrderId: order.id,
  });
}

export const knowledgeOrderRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/knowledge',
    summary:
      'WO-12: turn a resolved fault into a knowledge entry (symptom, product and version default to the order’s)',
    tags: ['knowledge'],
    auth: 'user',
    permission: 'knowledge.write',
    status: 201,
    params: zIdParams,
    body: z.strictObject({
      symptom: zEntryFields.symptom.optional(),
      cause: zEntryFields.cause.optional(),
      fix: zEntryFields.fix,
      product: zEntryFields.product,
      version: zEntryFields.version,
    }),
    response: zEntryResult,
    handler: async ({ ctx, actor, params, body }) =>
      presentEntry(await learnFromOrder(ctx, actor, params.id, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/knowledge',
    summary:
      'WO-12: knowledge entries matching the order’s symptom and product, best first, and those learned from it',
    tags: ['knowledge'],
    auth: 'user',
    permission: 'knowledge.read',
    params: zIdParams,
    response: z.object({
      matches: zList(zEntryResult.extend({ score: z.number() })),
      learned: z.array(zEntryResult),
    }),
    handler: async ({ ctx, actor, params }) => {
      const order = await getOrder(ctx, actor.scope, params.id);
      let found = await relatedKnowledge(ctx, order.symptom, { product: order.product ?? undefined });
      // A product name typed differently must not hide every match: fall back to all products.
      if (found.total === 0 && order.product) found = await relatedKnowledge(ctx, order.symptom, {});
      const own = new Set((await repo.entriesFromOrder(ctx.db, order.id)).map((e) => e.id));
      const visible = await visibleSourcesOf(ctx, actor, found.items);
      return {
        matches: {
          items: found.items
            .filter((e) => !own.has(e.id))
            .map((r) => ({ ...presentEntryIn(r, visible), score: r.score })),
          total: found.total,
        },
        learned: (await repo.entriesFromOrder(ctx.db, order.id)).map(presentEntry),
      };
    },
  }),
];
