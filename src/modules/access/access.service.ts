/** Sign-in, sessions, password change and API tokens; and turning a credential into an Actor. */
import { createHash, randomBytes } from 'node:crypto';
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { recordHistory } from '../history/history.service.ts';
import * as repo from './access.repository.ts';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { type Actor, isFieldEngineerOnly, type Scope } from './policy.ts';
import type { Role } from './roles.ts';

/** Cookie that carries the session token. */
export const SESSION_COOKIE = 'onsite_session';
/** Prefix of API tokens, so a leaked one is recognisable in logs and secret scanners. */
export const TOKEN_PREFIX = 'ost_';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

/** Builds the Actor for a person, or null if the person is missing or deactivated. */
export async function actorFor(ctx: AppContext, personId: string, via: Actor['via']): Promise<Actor | null> {
  const loaded = await repo.loadPersonForActor(ctx.db, personId);
  if (loaded?.person.active !== 1) return null;
  const { person, roles, regionPaths, ownRegionPaths } = loaded;
  // A field engineer who coordinates nothing sees their own and their area team's work, on
  // the partner's side as on ours; the partner's coordinators keep the partner's whole scope.
  const engineerOf = isFieldEngineerOnly(roles as Role[])
    ? { engineerOf: { personId: person.id, regionPaths: ownRegionPaths } }
    : {};
  const scope: Scope = person.partner_id
    ? { kind: 'partner', partnerId: person.partner_id, regionPaths, ...engineerOf }
    : person.customer_id
      ? { kind: 'customer', customerId: person.customer_id }
      : { kind: 'all', ...engineerOf };
  return {
    personId: person.id,
    username: person.username,
    displayName: person.display_name,
    roles: roles as Role[],
    partnerId: person.partner_id,
    customerId: person.customer_id,
    locale: person.locale,
    timeZone: person.time_zone ?? ctx.config.defaultTimeZone,
    scope,
    via,
  };
}

/**
 * Checks a username and password. Failed attempts are counted in the database, so the limit
 * holds across several server processes; an account over the limit is refused even with the
 * right password until the window passes.
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<{ token: string; actor: Actor; expiresAt: string }> {
  const now = ctx.clock.now();
  const windowStart = new Date(now.getTime() - ctx.config.loginWindowMinutes * 60_000).toISOString();
  // The attempt is counted as a failure before the (slow) password check and the count
  // includes it, so parallel guesses cannot all pass the limit check before any is recorded:
  // at most N attempts per window reach verifyPassword. A refused attempt removes its own
  // row so that hammering a locked account does not extend the lock; a success clears them.
  const attemptId = newId();
  await repo.recordAttempt(ctx.db, { id: attemptId, username, at: now.toISOString(), ok: 0 });
  const failures = await repo.countRecentFailures(ctx.db, username, windowStart);
  if (failures > ctx.config.loginMaxFailures) {
    await repo.deleteAttempt(ctx.db, attemptId);
    throw new AppError(429, 'too_many_attempts', { minutes: ctx.config.loginWindowMinutes });
  }
  const person = await repo.findPersonByUsername(ctx.db, username);
  const ok = await verifyPassword(person?.password_hash ?? DUMMY_HASH, password);
  if (!person || !ok || person.active !== 1 || !person.password_hash) {
    throw new AppError(401, 'invalid_credentials');
  }
  await repo.clearFailures(ctx.db, username);
  const token = secret();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000).toISOString();
  await repo.insertSession(ctx.db, {
    id: sha256(token),
    person_id: person.id,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    last_seen_at: now.toISOString(),
  });
  const actor = await actorFor(ctx, person.id, 'session');
  if (!actor) throw new AppError(401, 'invalid_credentials');
  return { token, actor, expiresAt };
}

/** Ends a session. */
export async function logout(ctx: AppContext, token: string): Promise<void> {
  await repo.deleteSession(ctx.db, sha256(token));
}

/** The actor behind a session cookie, or null when it is unknown or expired. */
export async function actorFromSession(ctx: AppContext, token: string): Promise<Actor | null> {
  const session = await repo.findSession(ctx.db, sha256(token));
  if (!session || session.expires_at <= ctx.clock.now().toISOString()) return null;
  return actorFor(ctx, session.person_id, 'session');
}

/** The actor behind a bearer API token, or null when it is unknown, revoked or expired. */
export async function actorFromToken(ctx: AppContext, bearer: string): Promise<Actor | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const token = await repo.findToken(ctx.db, sha256(bearer));
  if (!token || token.revoked_at) return null;
  if (token.expires_at && token.expires_at <= ctx.clock.now().toISOString()) return null;
  return actorFor(ctx, token.person_id, 'token');
}

function passwordProblems(field: string, password: string) {
  const p = passwordProblem(password);
  if (p === 'too_short') return [problem(field, '密码至少 8 个字符', 'must be at least 8 characters')];
  if (p === 'too_simple') {
    return [
      problem(
        field,
        '密码需包含字母、数字、符号中的至少两类',
        'must mix at least two of letters, digits and symbols',
      ),
    ];
  }
  return [];
}

/** Sets a person's password after checking its strength (used by the CLI and by administrators). */
export async function setPassword(
  ctx: AppContext,
  actor: Actor | { system: string },
  personId: string,
  password: string,
): Promise<void> {
  const problems = passwordProblems('password', password);
  if (problems.length) throw invalid(problems);
  const hashed = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    await repo.setPasswordHash(tx.db, personId, hashed, tx.clock.now().toISOString());
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: personId,
      action: 'password_set',
      changes: {},
    });
  });
}

/** A signed-in person changes their own password; other sessions of theirs end. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  currentToken: string | undefined,
  current: string,
  next: string,
): Promise<void> {
  const row = await repo.getPasswordHash(ctx.db, actor.personId);
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, current))) {
    throw new AppError(422, 'wrong_password', {}, [problem('currentPassword', '当前密码不正确', 'is wrong')]);
  }
  const problems = passwordProblems('newPassword', next);
  if (problems.length) throw invalid(problems);
  const hashed = await hashPassword(next);
  await inTransaction(ctx, async (tx) => {
    await repo.setPasswordHash(tx.db, actor.personId, hashed, tx.clock.now().toISOString());
    await repo.deleteSessionsOf(tx.db, actor.personId, currentToken ? sha256(currentToken) : undefined);
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: actor.personId,
      action: 'password_changed',
      changes: {},
    });
  });
}

/** Issues an API token for a person; the secret is shown once and only its hash is kept. */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor | { system: string },
  input: { personId: string; name: string; expiresAt?: string | null | undefined },
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${secret()}`;
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const person = await repo.loadPersonForActor(tx.db, input.personId);
    if (!person) throw invalid([problem('personId', '人员不存在', 'no such person')]);
    await repo.insertToken(tx.db, {
      id,
      person_id: input.personId,
      name: input.name,
      token_hash: sha256(token),
      created_at: tx.clock.now().toISOString(),
      expires_at: input.expiresAt ?? null,
      revoked_at: null,
      last_used_at: null,
    });
    await recordHistory(tx, actor, {
      entityType: 'api_token',
      entityId: id,
      action: 'create',
      changes: {
        name: [null, input.name],
        personId: [null, input.personId],
        expiresAt: [null, input.expiresAt ?? null],
      },
    });
  });
  return { id, token };
}

/** Lists tokens without their secrets. */
export function listApiTokens(ctx: AppContext) {
  return repo.listTokens(ctx.db);
}

/** Revokes a token; it stops working at once. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const token = await repo.getToken(tx.db, id);
    if (!token) throw notFound('token');
    if (token.revoked_at) return;
    await repo.revokeToken(tx.db, id, tx.clock.now().toISOString());
    await recordHistory(tx, actor, { entityType: 'api_token', entityId: id, action: 'revoke', changes: {} });
  });
}
