/** All SQL for regions. */
import type { Kysely } from 'kysely';
import type { DB, RegionTable } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { noRows, underAnyPath } from '../partners/coverage.ts';

/** Limits a query on `regions` to what the scope may see: a partner sees the regions it covers and below. */
export function scopedRegions(db: Kysely<DB>, scope: Scope) {
  let q = db.selectFrom('regions');
  if (scope.kind === 'partner') {
    q = q.where(underAnyPath('regions.path', scope.regionPaths));
  } else if (scope.kind === 'customer') {
    q = q.where(noRows());
  }
  return q;
}

export function findRegion(db: Kysely<DB>, id: string) {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVisibleRegion(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedRegions(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRegions(
  db: Kysely<DB>,
  scope: Scope,
  filter: { parentId?: string | undefined; level?: RegionTable['level'] | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
  like: 'like' | 'ilike',
) {
  let q = scopedRegions(db, scope);
  if (filter.parentId) q = q.where('parent_id', '=', filter.parentId);
  if (filter.level) q = q.where('level', '=', filter.level);
  if (filter.q)
    q = q.where((eb) => eb.or([eb('name', like, `%${filter.q}%`), eb('code', like, `%${filter.q}%`)]));
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('code').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertRegion(db: Kysely<DB>, row: RegionTable): Promise<void> {
  await db.insertInto('regions').values(row).execute();
}

export async function updateRegion(db: Kysely<DB>, id: string, patch: Partial<RegionTable>): Promise<void> {
  await db.updateTable('regions').set(patch).where('id', '=', id).execute();
}
