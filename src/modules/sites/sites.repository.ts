/** All SQL for sites. */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB, SiteTable } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { underAnyPath } from '../partners/coverage.ts';

/**
 * `sites` joined to their region and narrowed to the scope: a partner sees sites in the
 * regions it covers (path prefix), a customer's person sees only that customer's sites.
 */
export function scopedSites(db: Kysely<DB>, scope: Scope) {
  let q = db.selectFrom('sites').innerJoin('regions', 'regions.id', 'sites.region_id');
  if (scope.kind === 'partner') q = q.where(underAnyPath('regions.path', scope.regionPaths));
  else if (scope.kind === 'customer') q = q.where('sites.customer_id', '=', scope.customerId);
  return q;
}

export function findSite(db: Kysely<DB>, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVisibleSite(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedSites(db, scope).selectAll('sites').where('sites.id', '=', id).executeTakeFirst();
}

export async function listSites(
  db: Kysely<DB>,
  scope: Scope,
  filter: {
    q?: string | undefined;
    customerId?: string | undefined;
    regionId?: string | undefined;
    areaClass?: SiteTable['area_class'] | undefined;
  },
  page: { limit: number; offset: number },
  like: 'like' | 'ilike',
) {
  let q = scopedSites(db, scope);
  if (filter.q)
    q = q.where((eb) =>
      eb.or([
        eb('sites.name', like, `%${filter.q}%`),
        eb('sites.code', like, `%${filter.q}%`),
        eb('sites.address', like, `%${filter.q}%`),
      ]),
    );
  if (filter.customerId) q = q.where('sites.customer_id', '=', filter.customerId);
  if (filter.areaClass) q = q.where('sites.area_class', '=', filter.areaClass);
  if (filter.regionId) {
    const regionId = filter.regionId;
    // The region and everything below it.
    q = q.where(
      sql<SqlBool>`exists (select 1 from regions anc where anc.id = ${regionId} and regions.path like anc.path || '%')`,
    );
  }
  const [items, total] = await Promise.all([
    q.selectAll('sites').orderBy('sites.code').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertSite(db: Kysely<DB>, row: SiteTable): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export async function updateSite(db: Kysely<DB>, id: string, patch: Partial<SiteTable>): Promise<void> {
  await db.updateTable('sites').set(patch).where('id', '=', id).execute();
}
