import type { Kysely } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/** Saved views of list pages, one name per person and page (the unique key makes saving twice an update). */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', d.types.timestamp, (c) => c.notNull())
    .addColumn('updated_at', d.types.timestamp, (c) => c.notNull())
    .addUniqueConstraint('saved_views_name', ['person_id', 'page', 'name'])
    .execute();
}
