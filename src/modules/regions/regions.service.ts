/** Region administration: load → authorise → apply rules → save with history, in one transaction. */
import { type AppContext, inTransaction } from '../../app/context.ts';
import type { RegionTable } from '../../db/schema.ts';
import { invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, HistoryActor, Scope } from '../access/policy.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import * as repo from './regions.repository.ts';
import { placementProblems, type RegionLevel, regionPath } from './regions.rules.ts';

export interface RegionCreate {
  parentId?: string | null | undefined;
  code: string;
  name: string;
  nameEn?: string | null | undefined;
  level: RegionLevel;
  timeZone?: string | undefined;
}

export type RegionUpdate = Partial<Pick<RegionCreate, 'code' | 'name' | 'nameEn' | 'timeZone'>>;

/** Creates a region under its parent; the time zone defaults to the parent's, then to the configured default. */
export async function createRegion(
  ctx: AppContext,
  actor: HistoryActor,
  input: RegionCreate,
): Promise<RegionTable> {
  return inTransaction(ctx, async (tx) => {
    const parent = input.parentId ? await repo.findRegion(tx.db, input.parentId) : null;
    if (input.parentId && !parent)
      throw invalid([problem('parentId', '上级区域不存在', 'no such parent region')]);
    const problems = placementProblems(input.level, parent ?? null);
    if (problems.length) throw invalid(problems);
    const id = newId();
    const now = tx.clock.now().toISOString();
    const row: RegionTable = {
      id,
      parent_id: parent?.id ?? null,
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      level: input.level,
      path: regionPath(parent?.path ?? null, id),
      time_zone: input.timeZone ?? parent?.time_zone ?? tx.config.defaultTimeZone,
      created_at: now,
      updated_at: now,
    };
    await repo.insertRegion(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'region',
      entityId: id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/** Renames or re-codes a region. Its place in the tree is fixed once created, so paths stay valid. */
export async function updateRegion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: RegionUpdate,
  reason?: string,
): Promise<RegionTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'regions', id);
    const before = await repo.findRegion(tx.db, id);
    if (!before) throw notFound('region');
    const after: RegionTable = {
      ...before,
      code: input.code ?? before.code,
      name: input.name ?? before.name,
      name_en: input.nameEn === undefined ? before.name_en : input.nameEn,
      time_zone: input.timeZone ?? before.time_zone,
      updated_at: tx.clock.now().toISOString(),
    };
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return before;
    await repo.updateRegion(tx.db, id, after);
    await recordHistory(tx, actor, { entityType: 'region', entityId: id, action: 'update', changes, reason });
    return after;
  });
}

/** A region the actor may see, or 404 (never 403, so ids outside one's scope reveal nothing). */
export async function getRegion(ctx: AppContext, scope: Scope, id: string): Promise<RegionTable> {
  const row = await repo.findVisibleRegion(ctx.db, scope, id);
  if (!row) throw notFound('region');
  return row;
}

/** The materialised path of a region, for callers that match regions by subtree; null when unknown. */
export async function regionPathOf(ctx: AppContext, id: string): Promise<string | null> {
  return (await repo.findRegion(ctx.db, id))?.path ?? null;
}

export function listRegions(
  ctx: AppContext,
  scope: Scope,
  filter: Parameters<typeof repo.listRegions>[2],
  page: { limit: number; offset: number },
) {
  return repo.listRegions(ctx.db, scope, filter, page, ctx.kit.ilike);
}
