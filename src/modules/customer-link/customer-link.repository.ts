/** All SQL for customer links. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppSecretTable, CustomerLinkTable } from './customer-link.tables.ts';

/** One link by id. */
export function findLink(db: Kysely<DB>, id: string) {
  return db.selectFrom('customer_links').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records an issued link. */
export async function insertLink(db: Kysely<DB>, row: CustomerLinkTable): Promise<void> {
  await db.insertInto('customer_links').values(row).execute();
}

/** Sets fields of a link (revocation, last use). */
export async function updateLink(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Pick<CustomerLinkTable, 'revoked_at' | 'last_used_at'>>,
): Promise<void> {
  await db.updateTable('customer_links').set(patch).where('id', '=', id).execute();
}

/** A named secret (the links' HMAC key), if one has been stored. */
export function findSecret(db: Kysely<DB>, name: string) {
  return db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirst();
}

/** Stores a secret unless another process stored one under that name first (the first one wins). */
export async function insertSecretOnce(db: Kysely<DB>, row: AppSecretTable): Promise<void> {
  await db
    .insertInto('app_secrets')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
