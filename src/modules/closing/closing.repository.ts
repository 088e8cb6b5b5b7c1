/** All SQL for sign-offs and satisfaction records. Nothing here deletes (RC-1). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { EngineerSignatureTable, SatisfactionTable, SignOffTable } from './closing.tables.ts';

/** Sign-offs of an order, newest first. */
export function signOffsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('sign_offs')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('signed_at', 'desc')
    .execute();
}

/** Records a sign-off. */
export async function insertSignOff(db: Kysely<DB>, row: SignOffTable): Promise<void> {
  await db.insertInto('sign_offs').values(row).execute();
}

/** Satisfaction records of an order, newest first. */
export function ratingsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('satisfaction_ratings')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('recorded_at', 'desc')
    .execute();
}

/** Records a rating or a refusal. */
export async function insertRating(db: Kysely<DB>, row: SatisfactionTable): Promise<void> {
  await db.insertInto('satisfaction_ratings').values(row).execute();
}

/** The newest engineer signature of an order, with the signer's name. */
export function latestEngineerSignature(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('engineer_signatures as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['s.id', 's.person_id', 's.signature_attachment_id', 's.signed_at', 'p.display_name'])
    .where('s.order_id', '=', orderId)
    .orderBy('s.signed_at', 'desc')
    .orderBy('s.id', 'desc')
    .executeTakeFirst();
}

/** Records an engineer's signature. */
export async function insertEngineerSignature(db: Kysely<DB>, row: EngineerSignatureTable): Promise<void> {
  await db.insertInto('engineer_signatures').values(row).execute();
}
