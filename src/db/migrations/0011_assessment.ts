import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Vendor assessment (VA-2): the operator's scheme, frozen monthly scorecards (one row per
 * revision, never changed or removed) and the comments and responses on them.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('assessment_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('penalty_per_violation', d.types.double, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assessment_scorecards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('assessment_scorecards_revision', ['month', 'revision'])
    .execute();
  await frozen(db, d, 'assessment_scorecards');

  await db.schema
    .createTable('assessment_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('author_side', 'text', (c) => c.notNull().check(sql`author_side in ('operator','partner')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_comments_month')
    .on('assessment_comments')
    .columns(['month', 'partner_id', 'created_at'])
    .execute();
}

/** A frozen snapshot is corrected by a new revision, so the database refuses UPDATE and DELETE. */
async function frozen(db: Kysely<unknown>, d: DialectKit, table: string): Promise<void> {
  const name = sql.raw(table);
  const message = sql.lit(`${table} are frozen: correct them with a new revision`);
  if (d.kind === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE'])
      await sql`CREATE TRIGGER ${sql.raw(`${table}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${name}
        BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION onsite_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% rows are frozen', TG_TABLE_NAME; END $$`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${table}_frozen`)} BEFORE UPDATE OR DELETE ON ${name}
    FOR EACH ROW EXECUTE FUNCTION onsite_frozen()`.execute(db);
}
