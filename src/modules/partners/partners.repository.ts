/** All SQL for partner companies and the regions they cover. */
import type { Kysely } from 'kysely';
import type { DB, PartnerTable } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { noRows } from './coverage.ts';

/** `partners` narrowed to the scope: a partner's people see only their own partner, customers none. */
export function scopedPartners(db: Kysely<DB>, scope: Scope) {
  let q = db.selectFrom('partners');
  if (scope.kind === 'partner') q = q.where('partners.id', '=', scope.partnerId);
  else if (scope.kind === 'customer') q = q.where(noRows());
  return q;
}

export function findPartner(db: Kysely<DB>, id: string) {
  return db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVisiblePartner(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedPartners(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPartners(
  db: Kysely<DB>,
  scope: Scope,
  filter: { q?: string | undefined; active?: boolean | undefined; regionId?: string | undefined },
  page: { limit: number; offset: number },
  like: 'like' | 'ilike',
) {
  let q = scopedPartners(db, scope);
  if (filter.q)
    q = q.where((eb) => eb.or([eb('name', like, `%${filter.q}%`), eb('code', like, `%${filter.q}%`)]));
  if (filter.active !== undefined) q = q.where('active', '=', filter.active ? 1 : 0);
  if (filter.regionId) {
    const regionId = filter.regionId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('partner_regions')
          .select('partner_regions.partner_id')
          .whereRef('partner_regions.partner_id', '=', 'partners.id')
          .where('partner_regions.region_id', '=', regionId),
      ),
    );
  }
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('code').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertPartner(db: Kysely<DB>, row: PartnerTable): Promise<void> {
  await db.insertInto('partners').values(row).execute();
}

export async function updatePartner(db: Kysely<DB>, id: string, patch: Partial<PartnerTable>): Promise<void> {
  await db.updateTable('partners').set(patch).where('id', '=', id).execute();
}

/** Region ids each partner covers, ordered, for a batch of partners. */
export async function regionIdsOfPartners(
  db: Kysely<DB>,
  partnerIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(partnerIds.map((id) => [id, []]));
  if (partnerIds.length === 0) return out;
  const rows = await db
    .selectFrom('partner_regions')
    .select(['partner_id', 'region_id'])
    .where('partner_id', 'in', partnerIds)
    .orderBy('region_id')
    .execute();
  for (const r of rows) out.get(r.partner_id)?.push(r.region_id);
  return out;
}

/** Replaces the regions a partner covers. */
export async function replacePartnerRegions(
  db: Kysely<DB>,
  partnerId: string,
  regionIds: string[],
): Promise<void> {
  await db.deleteFrom('partner_regions').where('partner_id', '=', partnerId).execute();
  if (regionIds.length) {
    await db
      .insertInto('partner_regions')
      .values(regionIds.map((region_id) => ({ partner_id: partnerId, region_id })))
      .execute();
  }
}

/** Paths of the regions a partner covers. */
export async function coveragePaths(db: Kysely<DB>, partnerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('partner_regions')
    .innerJoin('regions', 'regions.id', 'partner_regions.region_id')
    .select('regions.path')
    .where('partner_regions.partner_id', '=', partnerId)
    .execute();
  return rows.map((r) => r.path);
}

/** The regions among `ids` that exist, with their paths. */
export function existingRegions(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as { id: string; path: string; time_zone: string }[]);
  return db.selectFrom('regions').select(['id', 'path', 'time_zone']).where('id', 'in', ids).execute();
}
