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

/** Appends chained entries and moves the head to the last; must run inside the caller's transaction. */
export async function insertEntries(trx: Kysely<DB>, entries: HistoryTable[]): Promise<void> {
  const last = entries.at(-1);
  if (!last) return;
  // Chunked so that a large import stays under SQLite's bound-parameter limit.
  for (let i = 0; i < entries.length; i += 500) {
    await trx
      .insertInto('history')
      .values(entries.slice(i, i + 500))
      .execute();
  }
  await trx.updateTable('history_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
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

/** The stored head of the chain; undefined when its row was removed. */
export function readHead(db: Kysely<DB>) {
  return db.selectFrom('history_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
}
