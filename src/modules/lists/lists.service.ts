/** Saved views: each person keeps named filters for a list page; nobody sees another's views. */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { recordHistory } from '../history/history.service.ts';
import * as repo from './lists.repository.ts';
import { normaliseViewQuery, type ViewPage, viewQueryProblems } from './lists.rules.ts';
import type { SavedViewTable } from './lists.tables.ts';

export function listViews(ctx: AppContext, actor: Actor, page: ViewPage) {
  return repo.viewsOf(ctx.db, actor.personId, page);
}

/** Saves (or, for a name already used on that page, replaces) one of the caller's views. */
export async function saveView(
  ctx: AppContext,
  actor: Actor,
  input: { page: ViewPage; name: string; query: string },
): Promise<SavedViewTable> {
  const problems = viewQueryProblems(input.page, input.query);
  if (problems.length) throw new AppError(422, 'validation_failed', {}, problems);
  return inTransaction(ctx, async (tx) => {
    // Saves by one person are serialised on that person's row, so "is it already saved as
    // this?" is read after the lock: the same view saved twice is one entry in history.
    await tx.kit.lockRow(tx.db, 'people', actor.personId);
    const name = input.name.trim();
    const query = normaliseViewQuery(input.query);
    const existing = await repo.viewNamed(tx.db, actor.personId, input.page, name);
    if (existing && existing.query === query) return existing;
    const now = tx.clock.now().toISOString();
    const row = await repo.upsertView(tx.db, {
      id: newId(),
      person_id: actor.personId,
      page: input.page,
      name,
      query,
      created_at: now,
      updated_at: now,
    });
    await recordHistory(tx, actor, {
      entityType: 'saved_view',
      entityId: row.id,
      action: 'saved_view:save',
      changes: { page: row.page, name: row.name, query: row.query },
    });
    return row;
  });
}

/** Removes one of the caller's own views; another person's view is not found. */
export async function deleteView(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'saved_views', id);
    const view = await repo.ownView(tx.db, id, actor.personId);
    if (!view) throw notFound('saved_view');
    await repo.deleteView(tx.db, id);
    await recordHistory(tx, actor, {
      entityType: 'saved_view',
      entityId: id,
      action: 'saved_view:delete',
      changes: { page: view.page, name: view.name, query: view.query },
    });
  });
}
