/** All SQL for sign-in, sessions, API tokens and the actor's scope. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** A person with the roles and partner regions needed to build an Actor. */
export async function loadPersonForActor(db: Kysely<DB>, personId: string) {
  const person = await db
    .selectFrom('people')
    .select(['id', 'username', 'display_name', 'partner_id', 'customer_id', 'locale', 'time_zone', 'active'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return null;
  const roles = await db
    .selectFrom('person_roles')
    .select('role')
    .where('person_id', '=', personId)
    .execute();
  const regionPaths = person.partner_id
    ? (
        await db
          .selectFrom('partner_regions')
          .innerJoin('regions', 'regions.id', 'partner_regions.region_id')
          .select('regions.path')
          .where('partner_regions.partner_id', '=', person.partner_id)
          .execute()
      ).map((r) => r.path)
    : [];
  const ownRegionPaths = (
    await db
      .selectFrom('person_regions')
      .innerJoin('regions', 'regions.id', 'person_regions.region_id')
      .select('regions.path')
      .where('person_regions.person_id', '=', personId)
      .execute()
  ).map((r) => r.path);
  return { person, roles: roles.map((r) => r.role), regionPaths, ownRegionPaths };
}

export function findPersonByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('people')
    .select(['id', 'password_hash', 'active'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** The account's failed attempts in the window (pending ones included), oldest first. */
export function recentFailures(db: Kysely<DB>, username: string, since: string) {
  return db
    .selectFrom('login_attempts')
    .select(['id', 'at'])
    .where('username', '=', username)
    .where('ok', '=', 0)
    .where('at', '>=', since)
    .orderBy('at')
    .execute();
}

/** Failed attempts from one client address in the window, whatever the account. */
export async function countAddressFailures(db: Kysely<DB>, address: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('address', '=', address)
    .where('ok', '=', 0)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordAttempt(db: Kysely<DB>, row: DB['login_attempts']): Promise<void> {
  await db.insertInto('login_attempts').values(row).execute();
}

export async function deleteAttempt(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('id', '=', id).execute();
}

export async function clearFailures(db: Kysely<DB>, username: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('username', '=', username).execute();
}

export async function insertSession(db: Kysely<DB>, row: DB['sessions']): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('sessions')
    .select(['person_id', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Kysely<DB>, personId: string, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('person_id', '=', personId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export function findToken(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'person_id', 'expires_at', 'revoked_at', 'scopes'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function insertToken(db: Kysely<DB>, row: DB['api_tokens']): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function listTokens(db: Kysely<DB>) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('people', 'people.id', 'api_tokens.person_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.person_id',
      'people.username',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.scopes',
    ])
    .orderBy('api_tokens.created_at', 'desc')
    .execute();
}

export function getToken(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'person_id', 'name', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Revokes every live token of a person; returns how many. */
export async function revokeTokensOf(db: Kysely<DB>, personId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeToken(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function setPasswordHash(
  db: Kysely<DB>,
  personId: string,
  passwordHash: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('people')
    .set({ password_hash: passwordHash, updated_at: at })
    .where('id', '=', personId)
    .execute();
}

export function getPasswordHash(db: Kysely<DB>, personId: string) {
  return db.selectFrom('people').select('password_hash').where('id', '=', personId).executeTakeFirst();
}
