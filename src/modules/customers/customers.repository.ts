/** All SQL for customers and their contacts. */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { CustomerContactTable, CustomerTable, DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { underAnyPath } from '../partners/coverage.ts';

/**
 * `customers` narrowed to the scope. A partner sees a customer whose region lies in its
 * coverage or who has a site there (an operator registered at province level still shows to
 * the partner maintaining one of its prefectures); a customer's person sees only their customer.
 */
export function scopedCustomers(db: Kysely<DB>, scope: Scope) {
  let q = db.selectFrom('customers');
  if (scope.kind === 'partner') {
    const paths = scope.regionPaths;
    q = q.where(
      sql<SqlBool>`(exists (select 1 from regions cr where cr.id = customers.region_id and ${underAnyPath(
        'cr.path',
        paths,
      )}) or exists (select 1 from sites cs inner join regions sr on sr.id = cs.region_id where cs.customer_id = customers.id and ${underAnyPath(
        'sr.path',
        paths,
      )}))`,
    );
  } else if (scope.kind === 'customer') {
    q = q.where('customers.id', '=', scope.customerId);
  }
  return q;
}

export function findCustomer(db: Kysely<DB>, id: string) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVisibleCustomer(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedCustomers(db, scope).selectAll().where('customers.id', '=', id).executeTakeFirst();
}

export async function listCustomers(
  db: Kysely<DB>,
  scope: Scope,
  filter: { q?: string | undefined; kind?: CustomerTable['kind'] | undefined; regionId?: string | undefined },
  page: { limit: number; offset: number },
  like: 'like' | 'ilike',
) {
  let q = scopedCustomers(db, scope);
  if (filter.q)
    q = q.where((eb) =>
      eb.or([eb('customers.name', like, `%${filter.q}%`), eb('customers.code', like, `%${filter.q}%`)]),
    );
  if (filter.kind) q = q.where('customers.kind', '=', filter.kind);
  if (filter.regionId) {
    const regionId = filter.regionId;
    // Everything registered in the region or below it.
    q = q.where(
      sql<SqlBool>`exists (select 1 from regions fr, regions anc where fr.id = customers.region_id and anc.id = ${regionId} and fr.path like anc.path || '%')`,
    );
  }
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('customers.code').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertCustomer(db: Kysely<DB>, row: CustomerTable): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

export async function updateCustomer(
  db: Kysely<DB>,
  id: string,
  patch: Partial<CustomerTable>,
): Promise<void> {
  await db.updateTable('customers').set(patch).where('id', '=', id).execute();
}

export function findContact(db: Kysely<DB>, id: string) {
  return db.selectFrom('customer_contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listContacts(db: Kysely<DB>, customerId: string, includeInactive: boolean) {
  let q = db.selectFrom('customer_contacts').selectAll().where('customer_id', '=', customerId);
  if (!includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('name').orderBy('id').execute();
}

export async function insertContact(db: Kysely<DB>, row: CustomerContactTable): Promise<void> {
  await db.insertInto('customer_contacts').values(row).execute();
}

export async function updateContact(
  db: Kysely<DB>,
  id: string,
  patch: Partial<CustomerContactTable>,
): Promise<void> {
  await db.updateTable('customer_contacts').set(patch).where('id', '=', id).execute();
}
