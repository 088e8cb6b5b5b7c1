/** All SQL for knowledge entries except the dialect-specific search (knowledge.search-sql.ts). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { KnowledgeEntryTable } from './knowledge.tables.ts';

/** One entry by id. */
export function findEntry(db: Kysely<DB>, id: string) {
  return db.selectFrom('knowledge_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Entries learned from one work order. */
export function entriesFromOrder(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('knowledge_entries')
    .selectAll()
    .where('source_order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
}

/** The newest entries, for browsing without a query. */
export async function listEntries(
  db: Kysely<DB>,
  filter: { product?: string | undefined },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('knowledge_entries');
  if (filter.product)
    q = q.where((eb) => eb(eb.fn('lower', ['product']), '=', filter.product!.toLowerCase()));
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Inserts an entry; the SQLite FTS index follows by trigger, PostgreSQL's GIN index by itself. */
export async function insertEntry(db: Kysely<DB>, row: KnowledgeEntryTable): Promise<void> {
  await db.insertInto('knowledge_entries').values(row).execute();
}

/** Changes an entry. */
export async function updateEntry(
  db: Kysely<DB>,
  id: string,
  row: Partial<KnowledgeEntryTable>,
): Promise<void> {
  await db.updateTable('knowledge_entries').set(row).where('id', '=', id).execute();
}
