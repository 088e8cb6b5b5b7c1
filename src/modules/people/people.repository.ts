/** All SQL for people, their roles and regions. */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { CertificationTable, DB, EngineerProfileTable, PersonTable } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { noRows } from '../partners/coverage.ts';

export async function insertPerson(
  db: Kysely<DB>,
  row: PersonTable,
  roles: readonly Role[],
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

/** Loads and locks a person for a change (row lock on PostgreSQL; SQLite serialises writers). */
export function lockPerson(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('people').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function findPerson(db: Kysely<DB>, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Kysely<DB>, personId: string): Promise<Role[]> {
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

/** `people` narrowed to the scope: a partner's people see their own colleagues; customers see none. */
export function scopedPeople(db: Kysely<DB>, scope: Scope) {
  let q = db.selectFrom('people');
  if (scope.kind === 'partner') q = q.where('people.partner_id', '=', scope.partnerId);
  else if (scope.kind === 'customer') q = q.where(noRows());
  return q;
}

export function findVisiblePerson(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedPeople(db, scope).selectAll().where('people.id', '=', id).executeTakeFirst();
}

export async function listPeople(
  db: Kysely<DB>,
  scope: Scope,
  filter: {
    role?: Role | undefined;
    partnerId?: string | undefined;
    customerId?: string | undefined;
    regionId?: string | undefined;
    active?: boolean | undefined;
    q?: string | undefined;
  },
  page: { limit: number; offset: number },
  like: 'like' | 'ilike',
) {
  let q = scopedPeople(db, scope);
  if (filter.role) {
    const role = filter.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_roles')
          .select('person_roles.person_id')
          .whereRef('person_roles.person_id', '=', 'people.id')
          .where('person_roles.role', '=', role),
      ),
    );
  }
  if (filter.regionId) {
    const regionId = filter.regionId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_regions')
          .select('person_regions.person_id')
          .whereRef('person_regions.person_id', '=', 'people.id')
          .where('person_regions.region_id', '=', regionId),
      ),
    );
  }
  if (filter.partnerId) q = q.where('people.partner_id', '=', filter.partnerId);
  if (filter.customerId) q = q.where('people.customer_id', '=', filter.customerId);
  if (filter.active !== undefined) q = q.where('people.active', '=', filter.active ? 1 : 0);
  if (filter.q)
    q = q.where((eb) =>
      eb.or([
        eb('people.display_name', like, `%${filter.q}%`),
        eb('people.username', like, `%${filter.q}%`),
        eb('people.phone', like, `%${filter.q}%`),
      ]),
    );
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('people.username').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Roles and region ids for a batch of people. */
export async function rolesAndRegionsOf(
  db: Kysely<DB>,
  personIds: string[],
): Promise<Map<string, { roles: Role[]; regionIds: string[] }>> {
  const out = new Map(personIds.map((id) => [id, { roles: [] as Role[], regionIds: [] as string[] }]));
  if (personIds.length === 0) return out;
  const [roles, regions] = await Promise.all([
    db
      .selectFrom('person_roles')
      .select(['person_id', 'role'])
      .where('person_id', 'in', personIds)
      .orderBy('role')
      .execute(),
    db
      .selectFrom('person_regions')
      .select(['person_id', 'region_id'])
      .where('person_id', 'in', personIds)
      .orderBy('region_id')
      .execute(),
  ]);
  for (const r of roles) out.get(r.person_id)?.roles.push(r.role);
  for (const r of regions) out.get(r.person_id)?.regionIds.push(r.region_id);
  return out;
}

export async function updatePerson(db: Kysely<DB>, id: string, patch: Partial<PersonTable>): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', id).execute();
}

export async function replaceRoles(db: Kysely<DB>, personId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('person_roles').where('person_id', '=', personId).execute();
  if (roles.length)
    await db
      .insertInto('person_roles')
      .values(roles.map((role) => ({ person_id: personId, role })))
      .execute();
}

export async function replaceRegions(db: Kysely<DB>, personId: string, regionIds: string[]): Promise<void> {
  await db.deleteFrom('person_regions').where('person_id', '=', personId).execute();
  if (regionIds.length)
    await db
      .insertInto('person_regions')
      .values(regionIds.map((region_id) => ({ person_id: personId, region_id })))
      .execute();
}

export function findProfile(db: Kysely<DB>, personId: string) {
  return db.selectFrom('engineer_profiles').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function insertProfile(db: Kysely<DB>, row: EngineerProfileTable): Promise<void> {
  await db.insertInto('engineer_profiles').values(row).execute();
}

export async function updateProfile(
  db: Kysely<DB>,
  personId: string,
  patch: Partial<EngineerProfileTable>,
): Promise<void> {
  await db.updateTable('engineer_profiles').set(patch).where('person_id', '=', personId).execute();
}

export function findCertification(db: Kysely<DB>, id: string) {
  return db.selectFrom('certifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCertifications(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('certifications')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('product')
    .orderBy('expires_on', 'desc')
    .orderBy('id')
    .execute();
}

export async function insertCertification(db: Kysely<DB>, row: CertificationTable): Promise<void> {
  await db.insertInto('certifications').values(row).execute();
}

export async function updateCertification(
  db: Kysely<DB>,
  id: string,
  patch: Partial<CertificationTable>,
): Promise<void> {
  await db.updateTable('certifications').set(patch).where('id', '=', id).execute();
}

export function partnerExists(db: Kysely<DB>, id: string) {
  return db.selectFrom('partners').select('id').where('id', '=', id).executeTakeFirst();
}

export function customerExists(db: Kysely<DB>, id: string) {
  return db.selectFrom('customers').select('id').where('id', '=', id).executeTakeFirst();
}

/** People, their engineer profiles and certifications for a batch of ids (eligibility, DP-1). */
export async function eligibilityRows(db: Kysely<DB>, personIds: string[]) {
  if (personIds.length === 0) return { people: [], profiles: [], certifications: [], roles: [] };
  const [people, profiles, certifications, roles] = await Promise.all([
    db.selectFrom('people').select(['id', 'active']).where('id', 'in', personIds).execute(),
    db.selectFrom('engineer_profiles').selectAll().where('person_id', 'in', personIds).execute(),
    db.selectFrom('certifications').selectAll().where('person_id', 'in', personIds).execute(),
    db.selectFrom('person_roles').select(['person_id', 'role']).where('person_id', 'in', personIds).execute(),
  ]);
  return { people, profiles, certifications, roles };
}
