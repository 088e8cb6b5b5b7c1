/** All SQL for people, their roles and regions. */
import type { Kysely } from 'kysely';
import type { DB, PersonTable } from '../../db/schema.ts';

export async function insertPerson(
  db: Kysely<DB>,
  row: PersonTable,
  roles: string[],
  regionIds: string[],
): Promise<void> {
  await db.insertInto('people').values(row).execute();
  if (roles.length)
    await db
      .insertInto('person_roles')
      .values(roles.map((role) => ({ person_id: row.id, role })))
      .execute();
  if (regionIds.length) {
    await db
      .insertInto('person_regions')
      .values(regionIds.map((region_id) => ({ person_id: row.id, region_id })))
      .execute();
  }
}

export function findPerson(db: Kysely<DB>, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Kysely<DB>, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('person_roles')
    .select('role')
    .where('person_id', '=', personId)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
}

export async function regionIdsOf(db: Kysely<DB>, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('person_regions')
    .select('region_id')
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => r.region_id);
}
