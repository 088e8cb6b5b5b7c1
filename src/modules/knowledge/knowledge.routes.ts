/** /api/v1/knowledge: the knowledge base (WO-12). */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { entityNames } from '../../http/messages.ts';
import { route } from '../../http/route.ts';
import { zIdParams, zList, zPage, zText } from '../../http/schemas.ts';
import { type Actor, grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { historyRoute } from '../history/history.routes.ts';
import * as knowledge from './knowledge.service.ts';
import type { KnowledgeEntryTable } from './knowledge.tables.ts';

/** Knowledge permissions and entity name. Called from the capability's `register`. */
export function registerKnowledgeGrants(): void {
  grant('knowledge.read', ['call_center', 'dispatcher', 'engineer', 'auditor', 'admin', ...MANAGER_ROLES]);
  grant('knowledge.write', ['engineer', 'admin', ...MANAGER_ROLES]);
  entityNames.knowledge_entry = { 'zh-CN': '知识条目', en: 'knowledge entry' };
}

const zEntry = z.object({
  id: z.string(),
  symptom: z.string(),
  cause: z.string(),
  fix: z.string(),
  product: z.string().nullable(),
  version: z.string().nullable(),
  sourceOrderId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of an entry. */
export function presentEntry(r: KnowledgeEntryTable): z.infer<typeof zEntry> {
  return {
    id: r.id,
    symptom: r.symptom,
    cause: r.cause,
    fix: r.fix,
    product: r.product,
    version: r.version,
    sourceOrderId: r.source_order_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Which of these source orders the actor may see. The work-order side registers it
 * (knowledge.orders.ts), so the base does not depend on that capability; until then no source
 * is shown.
 */
type SourceVisibility = (ctx: AppContext, actor: Actor, orderIds: string[]) => Promise<Set<string>>;
let visibleSources: SourceVisibility = async () => new Set();

/** Registers how to tell which source orders an actor may see. */
export function setSourceVisibility(fn: SourceVisibility): void {
  visibleSources = fn;
}

/**
 * The source orders of these entries the actor may see. Knowledge is shared, but the order an
 * entry was learned from is named only when that order is in the actor's scope: a partner must
 * not learn the ids of another partner's orders from the knowledge base.
 */
export async function visibleSourcesOf(
  ctx: AppContext,
  actor: Actor,
  rows: readonly KnowledgeEntryTable[],
): Promise<Set<string>> {
  const ids = [...new Set(rows.map((r) => r.source_order_id).filter((x): x is string => x !== null))];
  return ids.length ? visibleSources(ctx, actor, ids) : new Set<string>();
}

/** An entry as API JSON with its source order shown only when it is in `visible`. */
export function presentEntryIn(r: KnowledgeEntryTable, visible: ReadonlySet<string>): z.infer<typeof zEntry> {
  const e = presentEntry(r);
  return {
    ...e,
    sourceOrderId: e.sourceOrderId !== null && visible.has(e.sourceOrderId) ? e.sourceOrderId : null,
  };
}

/** The writable fields; shared with the "learn from this order" route. */
export const zEntryFields = {
  symptom: zText(2000),
  cause: zText(2000),
  fix: zText(4000),
  product: zText(100).nullable().optional(),
  version: zText(100).nullable().optional(),
};

export const zEntryResult = zEntry;

export const knowledgeRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/knowledge',
    summary:
      'Search the knowledge base: every term must occur (Chinese or English, two-character Chinese terms too); newest first without q',
    tags: ['knowledge'],
    auth: 'user',
    permission: 'knowledge.read',
    query: z.strictObject({
      q: z.string().max(200).optional(),
      product: z.string().max(100).optional(),
      ...zPage,
    }),
    response: zList(zEntry.extend({ score: z.number() })),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, q, product } = query;
      const found = await knowledge.searchKnowledge(ctx, q, { product }, { limit, offset });
      const visible = await visibleSourcesOf(ctx, actor, found.items);
      return {
        items: found.items.map((r) => ({ ...presentEntryIn(r, visible), score: r.score })),
        total: found.total,
      };
    },
  }),
  route({
    // POST, not GET: the symptom text may run to 2000 characters, which no URL reliably carries.
    method: 'POST',
    url: '/api/v1/knowledge/related',
    summary:
      'Entries related to a symptom text (as at intake): any shared three-character piece counts, more rank higher',
    tags: ['knowledge'],
    auth: 'user',
    permission: 'knowledge.read',
    body: z.strictObject({
      text: zText(2000),
      product: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    response: zList(zEntry.extend({ score: z.number() })),
    handler: async ({ ctx, actor, body }) => {
      const found = await knowledge.relatedKnowledge(ctx, body.text, { product: body.product }, body.limit);
      const visible = await visibleSourcesOf(ctx, actor, found.items);
      return {
        items: found.items.map((r) => ({ ...presentEntryIn(r, visible), score: r.score })),
        total: found.total,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/knowledge/:id',
    summary: 'One knowledge entry',
    tags: ['knowledge'],
    auth: 'user',
    permission: 'knowledge.read',
    params: zIdParams,
    response: zEntry,
    handler: async ({ ctx, actor, params }) => {
      const row = await knowledge.getEntry(ctx, params.id);
      return presentEntryIn(row, await visibleSourcesOf(ctx, actor, [row]));
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/knowledge',
    summary:
      'Write a knowledge entry that is not tied to one order (to learn from an order, use the work-order route)',
    tags: ['knowledge'],
    auth: 'user',
    permission: 'knowledge.write',
    status: 201,
    body: z.strictObject(zEntryFields),
    response: zEntry,
    handler: async ({ ctx, actor, body }) => presentEntry(await knowledge.createEntry(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/knowledge/:id',
    summary: 'Correct or complete an entry; the change and its reason are kept in history',
    tags: ['knowledge'],
    auth: 'user',
    permission: 'knowledge.write',
    params: zIdParams,
    body: z.strictObject({
      symptom: zEntryFields.symptom.optional(),
      cause: zEntryFields.cause.optional(),
      fix: zEntryFields.fix.optional(),
      product: zEntryFields.product,
      version: zEntryFields.version,
      reason: zText(500).optional(),
    }),
    response: zEntry,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      const row = await knowledge.updateEntry(ctx, actor, params.id, patch, reason);
      return presentEntryIn(row, await visibleSourcesOf(ctx, actor, [row]));
    },
  }),
  historyRoute({
    base: '/api/v1/knowledge',
    entityType: 'knowledge_entry',
    tag: 'knowledge',
    ensureVisible: (ctx, _actor, id) => knowledge.getEntry(ctx, id),
  }),
];
