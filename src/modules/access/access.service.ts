/** Sign-in, sessions, password change and API tokens; and turning a credential into an Actor. */
import { createHash, randomBytes } from 'node:crypto';
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { recordHistory } from '../history/history.service.ts';
import * as repo from './access.repository.ts';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { type Actor, isFieldEngineerOnly, permissionsOf, type Scope } from './policy.ts';
import type { Principal } from './principal.ts';

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
  const engineerOf = isFieldEngineerOnly(roles)
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
    roles,
    partnerId: person.partner_id,
    customerId: person.customer_id,
    locale: person.locale,
    timeZone: person.time_zone ?? ctx.config.defaultTimeZone,
    scope,
    via,
  };
}

/**
 * Checks a username and password. Attempts are kept in the database, so the limits hold
 * across several server processes. Two limits apply (see `loginThrottle`): one client address
 * that fails too often is refused for the window, and an account that fails too often makes
 * each further attempt wait a doubling delay (capped) — never a long lock, so a stranger who
 * types wrong passwords cannot keep the real person out.
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  address: string | null = null,
): Promise<{ token: string; actor: Actor; expiresAt: string }> {
  const now = ctx.clock.now();
  // The attempt is recorded as a failure before the (slow) password check and the counts
  // include it, so parallel guesses cannot all pass the limit check before any is recorded.
  // A refused attempt removes its own row so that hammering does not extend the wait; a
  // success clears the account's rows.
  const attemptId = newId();
  // The address is written only once the password has proved wrong: colleagues signing in at
  // the same moment from one office address must not count against it while they are checked.
  await repo.recordAttempt(ctx.db, { id: attemptId, username, at: now.toISOString(), ok: 0, address: null });
  const refusal = await loginThrottle(ctx, { username, address, attemptId, now });
  if (refusal) {
    await repo.deleteAttempt(ctx.db, attemptId);
    throw refusal;
  }
  const person = await repo.findPersonByUsername(ctx.db, username);
  const ok = await verifyPassword(person?.password_hash ?? DUMMY_HASH, password);
  if (!person || !ok || person.active !== 1 || !person.password_hash) {
    if (address) await repo.setAttemptAddress(ctx.db, attemptId, address);
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

/** The refusal for an attempt over a limit, or null when it may be checked. */
async function loginThrottle(
  ctx: AppContext,
  a: { username: string; address: string | null; attemptId: string; now: Date },
): Promise<AppError | null> {
  const windowStart = new Date(a.now.getTime() - ctx.config.loginWindowMinutes * 60_000).toISOString();
  if (a.address) {
    const fromAddress = await repo.countAddressFailures(ctx.db, a.address, windowStart);
    // Only checked failures carry the address (see `login`): this many, and the address is refused.
    if (fromAddress >= ctx.config.loginAddressMaxFailures) {
      return new AppError(429, 'too_many_attempts', {
        minutes: ctx.config.loginWindowMinutes,
        retryAfter: ctx.config.loginWindowMinutes * 60,
      });
    }
  }
  const recent = await repo.recentFailures(ctx.db, a.username, windowStart);
  const wait = loginDelaySeconds(recent.length, ctx.config.loginMaxFailures, ctx.config.loginMaxDelaySeconds);
  if (wait === 0) return null;
  // `recent` is oldest first: the last failure other than this attempt starts the wait.
  const last = recent.filter((r) => r.id !== a.attemptId).at(-1)?.at ?? '';
  const waited = last ? (a.now.getTime() - Date.parse(last)) / 1000 : Number.POSITIVE_INFINITY;
  if (waited >= wait) return null;
  const seconds = Math.max(1, Math.ceil(wait - waited));
  return new AppError(429, 'login_slow_down', { seconds, retryAfter: seconds });
}

/**
 * How long an account must rest after its last failure before the next attempt is checked:
 * nothing up to `free` failures in the window (this attempt included), then 1 s, 2 s, 4 s …
 * up to `cap` (OWASP: slow guessing down instead of locking the owner out).
 */
export function loginDelaySeconds(failures: number, free: number, cap: number): number {
  if (failures <= free) return 0;
  return Math.min(cap, 2 ** Math.min(30, failures - free - 1));
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
  const actor = await actorFor(ctx, token.person_id, 'token');
  // A token acts with its scopes only, and only while the person still holds them (`can`).
  if (actor && token.scopes) actor.tokenScopes = JSON.parse(token.scopes) as string[];
  return actor;
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
  actor: Principal,
  personId: string,
  password: string,
): Promise<void> {
  const problems = passwordProblems('password', password);
  if (problems.length) throw invalid(problems);
  const hashed = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    await repo.setPasswordHash(tx.db, personId, hashed, now);
    // A reset is what an administrator does when an account may be in the wrong hands: every
    // way in that the old password opened (sessions, API tokens) ends with it.
    await repo.deleteSessionsOf(tx.db, personId);
    const revoked = await repo.revokeTokensOf(tx.db, personId, now);
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: personId,
      action: 'password_set',
      changes: revoked ? { revokedTokens: [0, revoked] } : {},
    });
  });
}

/** A signed-in person changes their own password; their other sessions and their API tokens end. */
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
    const now = tx.clock.now().toISOString();
    await repo.setPasswordHash(tx.db, actor.personId, hashed, now);
    await repo.deleteSessionsOf(tx.db, actor.personId, currentToken ? sha256(currentToken) : undefined);
    // Tokens were issued under the old password; whoever knew it may hold one.
    const revoked = await repo.revokeTokensOf(tx.db, actor.personId, now);
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: actor.personId,
      action: 'password_changed',
      changes: revoked ? { revokedTokens: [0, revoked] } : {},
    });
  });
}

/** A token's life when none is asked for, and the longest one may be given. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 366;

/**
 * Issues an API token for a person; the secret is shown once and only its hash is kept. The
 * token may use only `scopes` (a subset of the person's permissions; by default all they hold
 * now) and expires (by default after TOKEN_DEFAULT_DAYS). A token cannot issue tokens: a
 * leaked one must not be able to outlive its own revocation through children.
 */
export async function createApiToken(
  ctx: AppContext,
  actor: Principal,
  input: {
    personId: string;
    name: string;
    expiresAt?: string | null | undefined;
    scopes?: string[] | undefined;
  },
): Promise<{ id: string; token: string; scopes: string[]; expiresAt: string }> {
  if ('via' in actor && actor.via === 'token') throw new AppError(403, 'token_cannot_issue_tokens');
  const token = `${TOKEN_PREFIX}${secret()}`;
  const id = newId();
  return inTransaction(ctx, async (tx) => {
    const holder = await actorFor(tx, input.personId, 'token');
    if (!holder) throw invalid([problem('personId', '人员不存在或已停用', 'no such active person')]);
    const held = permissionsOf(holder);
    // Checked as given, so a problem names the caller's own index; stored sorted without repeats.
    const problems = tokenProblems(tx.clock.now(), held, { ...input, scopes: input.scopes ?? held });
    if (problems.length) throw invalid(problems);
    const scopes = input.scopes ? [...new Set(input.scopes)].sort() : held;
    const expiresAt =
      input.expiresAt ?? new Date(tx.clock.now().getTime() + TOKEN_DEFAULT_DAYS * 86_400_000).toISOString();
    await repo.insertToken(tx.db, {
      id,
      person_id: input.personId,
      name: input.name,
      token_hash: sha256(token),
      created_at: tx.clock.now().toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
      scopes: JSON.stringify(scopes),
    });
    await recordHistory(tx, actor, {
      entityType: 'api_token',
      entityId: id,
      action: 'create',
      changes: {
        name: [null, input.name],
        personId: [null, input.personId],
        expiresAt: [null, expiresAt],
        scopes: [null, scopes],
      },
    });
    return { id, token, scopes, expiresAt };
  });
}

/** What is wrong with a token request: scopes the person does not hold, an expiry past or too far. */
function tokenProblems(
  now: Date,
  held: string[],
  input: { scopes: string[]; expiresAt?: string | null | undefined },
) {
  const problems = [];
  if (input.scopes.length === 0)
    problems.push(problem('scopes', '至少选择一项权限', 'must name at least one permission'));
  input.scopes.forEach((scope, i) => {
    if (!held.includes(scope))
      problems.push(problem(`scopes.${i}`, '该人员没有这项权限', 'is not a permission this person holds'));
  });
  if (input.expiresAt) {
    const at = Date.parse(input.expiresAt);
    if (at <= now.getTime())
      problems.push(problem('expiresAt', '到期时间必须晚于现在', 'must be in the future'));
    else if (at > now.getTime() + TOKEN_MAX_DAYS * 86_400_000)
      problems.push(
        problem('expiresAt', `有效期最长 ${TOKEN_MAX_DAYS} 天`, `may be at most ${TOKEN_MAX_DAYS} days away`),
      );
  }
  return problems;
}

/** Lists tokens without their secrets. */
export function listApiTokens(ctx: AppContext) {
  return repo.listTokens(ctx.db);
}

/** Revokes a token; it stops working at once. Locked first, so two revocations record one entry. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'api_tokens', id);
    const token = await repo.getToken(tx.db, id);
    if (!token) throw notFound('token');
    if (token.revoked_at) return;
    await repo.revokeToken(tx.db, id, tx.clock.now().toISOString());
    await recordHistory(tx, actor, { entityType: 'api_token', entityId: id, action: 'revoke', changes: {} });
  });
}
