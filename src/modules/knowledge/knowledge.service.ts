/** WO-12 knowledge base: entries learned from resolved faults, found by intake and engineers. */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { notFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor } from '../access/policy.ts';
import { personIdOf } from '../access/principal.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import * as repo from './knowledge.repository.ts';
import { queryTerms, relatedGrams, searchText } from './knowledge.rules.ts';
import { type SearchFilter, searchEntries } from './knowledge.search-sql.ts';
import type { KnowledgeEntryTable } from './knowledge.tables.ts';

/** The fields of an entry a person writes. */
export interface EntryInput {
  symptom: string;
  cause: string;
  fix: string;
  product?: string | null | undefined;
  version?: string | null | undefined;
}

/** Creates an entry (with its source order when it was learned from one) and its history, in one transaction. */
export async function createEntry(
  ctx: AppContext,
  actor: HistoryActor,
  input: EntryInput & { sourceOrderId?: string | null | undefined },
): Promise<KnowledgeEntryTable> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const fields = {
      symptom: input.symptom,
      cause: input.cause,
      fix: input.fix,
      product: input.product ?? null,
      version: input.version ?? null,
    };
    const row: KnowledgeEntryTable = {
      id: newId(),
      ...fields,
      source_order_id: input.sourceOrderId ?? null,
      search_text: searchText(fields),
      created_by: personIdOf(actor),
      created_at: now,
      updated_at: now,
    };
    await repo.insertEntry(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'knowledge_entry',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row, ['created_at', 'updated_at', 'search_text']),
    });
    if (row.source_order_id) {
      await recordHistory(tx, actor, {
        entityType: 'work_order',
        entityId: row.source_order_id,
        action: 'knowledge_entry_created',
        changes: { knowledgeEntryId: row.id },
      });
    }
    return row;
  });
}

/** Corrects or completes an entry; the change and its reason go to history (RC-1). */
export async function updateEntry(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  patch: Partial<EntryInput>,
  reason?: string,
): Promise<KnowledgeEntryTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'knowledge_entries', id);
    const before = await repo.findEntry(tx.db, id);
    if (!before) throw notFound('knowledge_entry');
    const fields = {
      symptom: patch.symptom ?? before.symptom,
      cause: patch.cause ?? before.cause,
      fix: patch.fix ?? before.fix,
      product: patch.product === undefined ? before.product : patch.product,
      version: patch.version === undefined ? before.version : patch.version,
    };
    const after: KnowledgeEntryTable = {
      ...before,
      ...fields,
      search_text: searchText(fields),
      updated_at: tx.clock.now().toISOString(),
    };
    const changes = diffRecords(before, after, ['created_at', 'updated_at', 'search_text']);
    if (Object.keys(changes).length === 0) return before;
    await repo.updateEntry(tx.db, id, after);
    await recordHistory(tx, actor, {
      entityType: 'knowledge_entry',
      entityId: id,
      action: 'update',
      changes,
      reason,
    });
    return after;
  });
}

/** One entry, or 404. Knowledge is shared by everyone who may read it, so there is no narrower scope. */
export async function getEntry(ctx: AppContext, id: string): Promise<KnowledgeEntryTable> {
  const row = await repo.findEntry(ctx.db, id);
  if (!row) throw notFound('knowledge_entry');
  return row;
}

/**
 * The search box: entries containing every term of `query` (Chinese or English, any length),
 * best first; without a query, the newest entries.
 */
export async function searchKnowledge(
  ctx: AppContext,
  query: string | undefined,
  filter: SearchFilter,
  page: { limit: number; offset: number },
) {
  const terms = query ? queryTerms(query) : [];
  if (terms.length === 0) {
    const listed = await repo.listEntries(ctx.db, filter, page);
    return { items: listed.items.map((r) => ({ ...r, score: 0 })), total: listed.total };
  }
  return searchEntries(ctx.db, ctx.kit.kind, terms, 'all', filter, page);
}

/** Entries related to a longer text, e.g. the symptom at intake: any shared gram counts, more rank higher. */
export async function relatedKnowledge(ctx: AppContext, text: string, filter: SearchFilter, limit = 10) {
  const grams = relatedGrams(text);
  return searchEntries(ctx.db, ctx.kit.kind, grams, 'any', filter, { limit, offset: 0 });
}
