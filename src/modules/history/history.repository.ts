/** All SQL for the history chain. */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB, HistoryTable } from '../../db/schema.ts';

/** Reads the head of the chain, locking it on PostgreSQL so appends are serialised across processes. */
export async function lockHead(trx: Kysely<DB>, kit: DialectKit): Promise<{ seq: number; hash: string }> {
  const row = await kit
    .forUpdate(trx.selectFrom('history_head').select(['seq', 'hash']).where('id', '=', 1))
    .executeTakeFirstOrThrow();
  return row;
}

/** Appends one entry and moves the head; must run inside the caller's transaction. */
export async function insertEntry(trx: Kysely<DB>, entry: HistoryTable): Promise<void> {
  await trx.insertInto('history').values(entry).execute();
  await trx
    .updateTable('history_head')
    .set({ seq: entry.seq, hash: entry.hash })
    .where('id', '=', 1)
    .execute();
}

/** Entries for one record, oldest first. */
export function listForEntity(db: Kysely<DB>, entityType: string, entityId: string, limit = 500) {
  return db
    .selectFrom('history')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** A page of the chain after `afterSeq`, in order; used by verification. */
export function pageAfter(db: Kysely<DB>, afterSeq: number, size: number) {
  return db
    .selectFrom('history')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(size)
    .execute();
}

/** The stored head of the chain. */
export function readHead(db: Kysely<DB>) {
  return db.selectFrom('history_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}
