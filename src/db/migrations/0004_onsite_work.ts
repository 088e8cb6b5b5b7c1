import { type Kysely, sql } from 'kysely';
import { newId } from '../../shared/ids.ts';
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
    .addColumn('source_order_id', 'text', (c) => c.references('work_orders.id'))
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

  await db.schema
    .createTable('site_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('check_in_at', ts, (c) => c.notNull())
    .addColumn('check_in_lat', d.types.double)
    .addColumn('check_in_lng', d.types.double)
    .addColumn('check_out_at', ts)
    .addColumn('check_out_lat', d.types.double)
    .addColumn('check_out_lng', d.types.double)
    .addColumn('check_out_note', 'text')
    .addColumn('open', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('site_visits_one_open')
    .on('site_visits')
    .columns(['order_id', 'person_id', 'open'])
    .unique()
    .execute();
  await db.schema.createIndex('site_visits_site').on('site_visits').columns(['site_id', 'open']).execute();

  await db.schema
    .createTable('service_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('scope_of_work', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signer_title', 'text')
    .addColumn('signature_attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('signed_at', ts, (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_requests_order').on('service_requests').column('order_id').execute();

  await db.schema
    .createTable('device_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('item', 'text', (c) =>
      c.notNull().check(sql`item in ('customer_pc','usb_disk','phone','tools')`),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('consented_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_consents_order').on('device_consents').column('order_id').execute();

  await db.schema
    .createTable('checklist_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_type', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('checklist_items_type_code', ['order_type', 'code'])
    .execute();
  const now = new Date().toISOString();
  const defaults: [string, string, string][] = [
    ['badge', '佩戴工牌 / 携带工程施工工作卡', 'Badge worn / work card carried'],
    ['shoe_covers', '进入机房穿戴鞋套', 'Shoe covers on in the equipment room'],
    ['anti_static', '操作单板前佩戴防静电手环', 'Anti-static wrist strap on before touching boards'],
    ['documents', '携带工单、操作方案及技术文档', 'Work order, plan and technical documents at hand'],
    ['spare_parts', '核对备件型号与数量', 'Spare parts checked (model and quantity)'],
    ['tools', '工具仪表齐全完好', 'Tools and instruments complete and working'],
  ];
  for (const [i, [code, zh, en]] of defaults.entries()) {
    await sql`INSERT INTO checklist_items (id, order_type, code, label_zh, label_en, required, position, active, created_at, updated_at)
      VALUES (${newId()}, '*', ${code}, ${zh}, ${en}, 1, ${(i + 1) * 10}, 1, ${now}, ${now})`.execute(db);
  }
  await db.schema
    .createTable('checklist_marks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('checklist_items.id'))
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('marked_by', 'text', (c) => c.references('people.id'))
    .addColumn('marked_at', ts, (c) => c.notNull())
    .addUniqueConstraint('checklist_marks_order_item', ['order_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('daily_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('log_date', 'text', (c) => c.notNull())
    .addColumn('work_done', 'text', (c) => c.notNull())
    .addColumn('next_steps', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('daily_logs_order_person_date', ['order_id', 'person_id', 'log_date'])
    .execute();

  await db.schema
    .createTable('weekly_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('on_schedule','customer_request')`))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('weekly_reports_order').on('weekly_reports').column('order_id').execute();

  await db.schema
    .createTable('sign_offs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signature_attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('signed_at', ts, (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('staff','link')`))
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .execute();
  await db.schema.createIndex('sign_offs_order').on('sign_offs').columns(['order_id', 'signed_at']).execute();

  await db.schema
    .createTable('satisfaction_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('score', 'integer', (c) => c.check(sql`score between 1 and 5`))
    .addColumn('refused', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('staff','link')`))
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addCheckConstraint('satisfaction_score_or_refusal', sql`(score is null) = (refused = 1)`)
    .execute();
  await db.schema
    .createIndex('satisfaction_order')
    .on('satisfaction_ratings')
    .columns(['order_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('order_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('report_type', 'text', (c) =>
      c.notNull().check(sql`report_type in ('field_service','upgrade_summary','inspection_summary')`),
    )
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.references('people.id'))
    .addColumn('generated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('order_reports_order')
    .on('order_reports')
    .columns(['order_id', 'generated_at'])
    .execute();
  for (const table of [
    'service_requests',
    'device_consents',
    'sign_offs',
    'satisfaction_ratings',
    'order_reports',
  ]) {
    await keepForever(db, d, table);
  }
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
