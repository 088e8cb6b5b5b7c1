import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Knowledge base (WO-12), stored files (RC-3), on-site work (WO-6, WO-7, WO-8) and closing
 * records (WO-9): sign-off, satisfaction and generated reports.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('knowledge_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('symptom', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('fix', 'text', (c) => c.notNull())
    .addColumn('product', 'text')
    .addColumn('version', 'text')
    .addColumn('source_order_id', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_entries_source')
    .on('knowledge_entries')
    .column('source_order_id')
    .execute();
  await knowledgeSearchIndex(db, d);

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('photo','document','report','signature')`),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', d.types.bigint, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_owner')
    .on('attachments')
    .columns(['owner_type', 'owner_id', 'created_at'])
    .execute();
  await keepForever(db, d, 'attachments');
}

/**
 * WO-12 search index. SQLite: an FTS5 table with the trigram tokenizer (substring matching
 * that works for Chinese, which has no spaces between words), kept in step by triggers.
 * PostgreSQL: pg_trgm with a GIN index, which serves ILIKE '%…%' for Chinese and English alike.
 */
async function knowledgeSearchIndex(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  if (d.kind === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE knowledge_fts USING fts5(entry_id UNINDEXED, body, tokenize = 'trigram')`.execute(
      db,
    );
    await sql`CREATE TRIGGER knowledge_fts_insert AFTER INSERT ON knowledge_entries BEGIN
      INSERT INTO knowledge_fts (entry_id, body) VALUES (new.id, new.search_text); END`.execute(db);
    await sql`CREATE TRIGGER knowledge_fts_update AFTER UPDATE OF search_text ON knowledge_entries BEGIN
      DELETE FROM knowledge_fts WHERE entry_id = old.id;
      INSERT INTO knowledge_fts (entry_id, body) VALUES (new.id, new.search_text); END`.execute(db);
    return;
  }
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE INDEX knowledge_entries_trgm ON knowledge_entries USING gin (search_text gin_trgm_ops)`.execute(
    db,
  );
}

/** RC-3: rows of this table are never deleted; the database refuses it, whatever the caller. */
async function keepForever(db: Kysely<unknown>, d: DialectKit, table: string): Promise<void> {
  const name = sql.raw(table);
  if (d.kind === 'sqlite') {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${name}
      BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} are kept forever`)}); END`.execute(db);
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION onsite_keep_forever() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% rows are kept forever', TG_TABLE_NAME; END $$`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${name}
    FOR EACH ROW EXECUTE FUNCTION onsite_keep_forever()`.execute(db);
}
