/** All SQL for saved views. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SavedViewTable } from './lists.tables.ts';

export function viewsOf(db: Kysely<DB>, personId: string, page: string) {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('person_id', '=', personId)
    .where('page', '=', page)
    .orderBy('name')
    .execute();
}

/** One statement on both databases: saving a name that exists replaces its query. */
export async function upsertView(db: Kysely<DB>, row: SavedViewTable): Promise<SavedViewTable> {
  return db
    .insertInto('saved_views')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['person_id', 'page', 'name']).doUpdateSet({ query: row.query, updated_at: row.updated_at }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function viewNamed(db: Kysely<DB>, personId: string, page: string, name: string) {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('person_id', '=', personId)
    .where('page', '=', page)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function ownView(db: Kysely<DB>, id: string, personId: string) {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function deleteView(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('saved_views').where('id', '=', id).execute();
}
