/** Partner companies (代维公司 / 合作方) and the regions each covers (domain.md §1). */
import { type AppContext, inTransaction } from '../../app/context.ts';
import type { PartnerTable } from '../../db/schema.ts';
import { type FieldProblem, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import * as repo from './partners.repository.ts';

/** A partner as services hand it out: the row and the regions it covers. */
export type PartnerView = PartnerTable & { regionIds: string[] };

export interface PartnerCreate {
  code: string;
  name: string;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  regionIds?: string[] | undefined;
}

export interface PartnerUpdate {
  code?: string | undefined;
  name?: string | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  active?: boolean | undefined;
}

/**
 * Checks that every id names an existing region; a missing one is a 422 naming `field`.
 * Returns the regions with their paths and time zones.
 */
export async function requireRegions(
  ctx: AppContext,
  ids: readonly string[],
  field: string,
): Promise<{ id: string; path: string; time_zone: string }[]> {
  const unique = [...new Set(ids)];
  const found = await repo.existingRegions(ctx.db, unique);
  const known = new Set(found.map((r) => r.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) {
    throw invalid([
      problem(field, `区域不存在：${missing.join(', ')}`, `no such region: ${missing.join(', ')}`),
    ]);
  }
  return found;
}

function duplicateIds(ids: readonly string[], field: string): FieldProblem[] {
  return new Set(ids).size === ids.length ? [] : [problem(field, '区域重复', 'a region is listed twice')];
}

/** Creates a partner company, optionally with the regions it covers, with history. */
export async function createPartner(
  ctx: AppContext,
  actor: HistoryActor,
  input: PartnerCreate,
): Promise<PartnerView> {
  const regionIds = input.regionIds ?? [];
  const dup = duplicateIds(regionIds, 'regionIds');
  if (dup.length) throw invalid(dup);
  return inTransaction(ctx, async (tx) => {
    await requireRegions(tx, regionIds, 'regionIds');
    const now = tx.clock.now().toISOString();
    const row: PartnerTable = {
      id: newId(),
      code: input.code,
      name: input.name,
      contact_name: input.contactName ?? null,
      contact_phone: input.contactPhone ?? null,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertPartner(tx.db, row);
    await repo.replacePartnerRegions(tx.db, row.id, regionIds);
    await recordHistory(tx, actor, {
      entityType: 'partner',
      entityId: row.id,
      action: 'create',
      changes: { ...diffRecords(null, row), regionIds: [null, [...regionIds].sort()] },
    });
    return { ...row, regionIds: [...regionIds].sort() };
  });
}

/** Changes a partner's name, code, contact or active flag. Partners are deactivated, never deleted. */
export async function updatePartner(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  input: PartnerUpdate,
  reason?: string,
): Promise<PartnerView> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'partners', id);
    const before = await repo.findPartner(tx.db, id);
    if (!before) throw notFound('partner');
    const after: PartnerTable = {
      ...before,
      code: input.code ?? before.code,
      name: input.name ?? before.name,
      contact_name: input.contactName === undefined ? before.contact_name : input.contactName,
      contact_phone: input.contactPhone === undefined ? before.contact_phone : input.contactPhone,
      active: input.active === undefined ? before.active : input.active ? 1 : 0,
      updated_at: tx.clock.now().toISOString(),
    };
    const regionIds = (await repo.regionIdsOfPartners(tx.db, [id])).get(id) ?? [];
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return { ...before, regionIds };
    await repo.updatePartner(tx.db, id, after);
    const action = changes.active ? (after.active ? 'reactivate' : 'deactivate') : 'update';
    await recordHistory(tx, actor, { entityType: 'partner', entityId: id, action, changes, reason });
    return { ...after, regionIds };
  });
}

/** Deactivates a partner (its records stay; history says who and why). */
export function deactivatePartner(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  reason?: string,
): Promise<PartnerView> {
  return updatePartner(ctx, actor, id, { active: false }, reason);
}

/** Replaces the list of regions a partner covers; the before and after lists go to history. */
export async function setPartnerRegions(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  regionIds: string[],
  reason?: string,
): Promise<PartnerView> {
  const dup = duplicateIds(regionIds, 'regionIds');
  if (dup.length) throw invalid(dup);
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'partners', id);
    const row = await repo.findPartner(tx.db, id);
    if (!row) throw notFound('partner');
    await requireRegions(tx, regionIds, 'regionIds');
    const before = (await repo.regionIdsOfPartners(tx.db, [id])).get(id) ?? [];
    const after = [...regionIds].sort();
    if (JSON.stringify(before) === JSON.stringify(after)) return { ...row, regionIds: before };
    const now = tx.clock.now().toISOString();
    await repo.replacePartnerRegions(tx.db, id, after);
    await repo.updatePartner(tx.db, id, { updated_at: now });
    await recordHistory(tx, actor, {
      entityType: 'partner',
      entityId: id,
      action: 'regions_set',
      changes: { regionIds: [before, after] },
      reason,
    });
    return { ...row, updated_at: now, regionIds: after };
  });
}

/** A partner the scope may see, or 404. */
export async function getPartner(ctx: AppContext, scope: Scope, id: string): Promise<PartnerView> {
  const row = await repo.findVisiblePartner(ctx.db, scope, id);
  if (!row) throw notFound('partner');
  const regionIds = (await repo.regionIdsOfPartners(ctx.db, [id])).get(id) ?? [];
  return { ...row, regionIds };
}

/** Partners the scope may see, with their regions. */
export async function listPartners(
  ctx: AppContext,
  scope: Scope,
  filter: Parameters<typeof repo.listPartners>[2],
  page: { limit: number; offset: number },
): Promise<{ items: PartnerView[]; total: number }> {
  const { items, total } = await repo.listPartners(ctx.db, scope, filter, page, ctx.kit.ilike);
  const regions = await repo.regionIdsOfPartners(
    ctx.db,
    items.map((p) => p.id),
  );
  return { items: items.map((p) => ({ ...p, regionIds: regions.get(p.id) ?? [] })), total };
}
