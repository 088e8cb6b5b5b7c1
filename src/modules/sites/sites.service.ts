/** Sites (站点): where the equipment is and where engineers go (domain.md §1). */
import { type AppContext, inTransaction } from '../../app/context.ts';
import type { SiteTable } from '../../db/schema.ts';
import { invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import * as customers from '../customers/customers.queries.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { requireRegions } from '../partners/partners.service.ts';
import * as repo from './sites.repository.ts';
import { type AreaClass, coordinateProblems, type SiteClass } from './sites.rules.ts';

export interface SiteCreate {
  code: string;
  customerId: string;
  name: string;
  address: string;
  regionId: string;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  /** IANA time zone; defaults to the region's. */
  timeZone?: string | undefined;
  areaClass: AreaClass;
  /** Machine room, office, home or other; default other. */
  siteClass?: SiteClass | undefined;
}

export type SiteUpdate = Partial<SiteCreate>;

async function requireCustomer(ctx: AppContext, id: string): Promise<void> {
  if (!(await customers.findCustomer(ctx.db, id))) {
    throw invalid([problem('customerId', '客户不存在', 'no such customer')]);
  }
}

/** Creates a site for a customer in a region; the time zone defaults to the region's. */
export async function createSite(
  ctx: AppContext,
  actor: HistoryActor,
  input: SiteCreate,
): Promise<SiteTable> {
  const lat = input.lat ?? null;
  const lng = input.lng ?? null;
  const coords = coordinateProblems(lat, lng);
  if (coords.length) throw invalid(coords);
  return inTransaction(ctx, async (tx) => {
    await requireCustomer(tx, input.customerId);
    const [region] = await requireRegions(tx, [input.regionId], 'regionId');
    const now = tx.clock.now().toISOString();
    const row: SiteTable = {
      id: newId(),
      code: input.code,
      customer_id: input.customerId,
      name: input.name,
      address: input.address,
      region_id: input.regionId,
      lat,
      lng,
      time_zone: input.timeZone ?? region!.time_zone,
      area_class: input.areaClass,
      site_class: input.siteClass ?? 'other',
      created_at: now,
      updated_at: now,
    };
    await repo.insertSite(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'site',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/**
 * Changes a site. Moving it to another region without naming a time zone takes the new
 * region's, since the old one described the old place.
 */
export async function updateSite(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  input: SiteUpdate,
  reason?: string,
): Promise<SiteTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'sites', id);
    const before = await repo.findSite(tx.db, id);
    if (!before) throw notFound('site');
    if (input.customerId !== undefined) await requireCustomer(tx, input.customerId);
    let timeZone = input.timeZone ?? before.time_zone;
    if (input.regionId !== undefined && input.regionId !== before.region_id) {
      const [region] = await requireRegions(tx, [input.regionId], 'regionId');
      if (input.timeZone === undefined) timeZone = region!.time_zone;
    }
    const after: SiteTable = {
      ...before,
      code: input.code ?? before.code,
      customer_id: input.customerId ?? before.customer_id,
      name: input.name ?? before.name,
      address: input.address ?? before.address,
      region_id: input.regionId ?? before.region_id,
      lat: input.lat === undefined ? before.lat : input.lat,
      lng: input.lng === undefined ? before.lng : input.lng,
      time_zone: timeZone,
      area_class: input.areaClass ?? before.area_class,
      site_class: input.siteClass ?? before.site_class,
      updated_at: tx.clock.now().toISOString(),
    };
    const coords = coordinateProblems(after.lat, after.lng);
    if (coords.length) throw invalid(coords);
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return before;
    await repo.updateSite(tx.db, id, after);
    await recordHistory(tx, actor, { entityType: 'site', entityId: id, action: 'update', changes, reason });
    return after;
  });
}

/** A site the scope may see, or 404. */
export async function getSite(ctx: AppContext, scope: Scope, id: string): Promise<SiteTable> {
  const row = await repo.findVisibleSite(ctx.db, scope, id);
  if (!row) throw notFound('site');
  return row;
}

/** Sites the scope may see. */
export function listSites(
  ctx: AppContext,
  scope: Scope,
  filter: Parameters<typeof repo.listSites>[2],
  page: { limit: number; offset: number },
) {
  return repo.listSites(ctx.db, scope, filter, page, ctx.kit.ilike);
}
