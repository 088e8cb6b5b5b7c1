/** All SQL for equipment. */
import type { Kysely } from 'kysely';
import type { DB, EquipmentTable } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { underAnyPath } from '../partners/coverage.ts';

/** `equipment` narrowed by the scope of the site it stands at. */
export function scopedEquipment(db: Kysely<DB>, scope: Scope) {
  let q = db
    .selectFrom('equipment')
    .innerJoin('sites', 'sites.id', 'equipment.site_id')
    .innerJoin('regions', 'regions.id', 'sites.region_id');
  if (scope.kind === 'partner') q = q.where(underAnyPath('regions.path', scope.regionPaths));
  else if (scope.kind === 'customer') q = q.where('sites.customer_id', '=', scope.customerId);
  return q;
}

export function findEquipment(db: Kysely<DB>, id: string) {
  return db.selectFrom('equipment').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVisibleEquipment(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedEquipment(db, scope).selectAll('equipment').where('equipment.id', '=', id).executeTakeFirst();
}

export async function listEquipment(
  db: Kysely<DB>,
  scope: Scope,
  filter: {
    siteId?: string | undefined;
    customerId?: string | undefined;
    product?: string | undefined;
    q?: string | undefined;
    contractEndsBefore?: string | undefined;
  },
  page: { limit: number; offset: number },
  like: 'like' | 'ilike',
) {
  let q = scopedEquipment(db, scope);
  if (filter.siteId) q = q.where('equipment.site_id', '=', filter.siteId);
  if (filter.customerId) q = q.where('sites.customer_id', '=', filter.customerId);
  if (filter.product) q = q.where('equipment.product', '=', filter.product);
  if (filter.q)
    q = q.where((eb) =>
      eb.or([
        eb('equipment.model', like, `%${filter.q}%`),
        eb('equipment.serial_no', like, `%${filter.q}%`),
        eb('equipment.product', like, `%${filter.q}%`),
      ]),
    );
  if (filter.contractEndsBefore) q = q.where('equipment.contract_ends_on', '<', filter.contractEndsBefore);
  const [items, total] = await Promise.all([
    q
      .selectAll('equipment')
      .orderBy('equipment.product')
      .orderBy('equipment.model')
      .orderBy('equipment.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertEquipment(db: Kysely<DB>, row: EquipmentTable): Promise<void> {
  await db.insertInto('equipment').values(row).execute();
}

export async function updateEquipment(
  db: Kysely<DB>,
  id: string,
  patch: Partial<EquipmentTable>,
): Promise<void> {
  await db.updateTable('equipment').set(patch).where('id', '=', id).execute();
}
