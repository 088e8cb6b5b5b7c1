/** All SQL for sign-offs and satisfaction records. Nothing here deletes (RC-1). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SatisfactionTable, SignOffTable } from './closing.tables.ts';

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
