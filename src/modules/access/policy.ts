/**
 * Who may do what: pure functions over the actor, no I/O. Routes call `assertCan` before any
 * service work; repositories narrow reads with the actor's `Scope`.
 */
import { forbidden } from '../../shared/errors.ts';
import type { Locale } from '../../shared/i18n.ts';
import { MANAGER_ROLES, type Role } from './roles.ts';

/**
 * What part of the organisation an actor sees.
 * - all: the operator's or vendor's own staff.
 * - partner: a partner company's people see only their partner and the regions it covers.
 * - customer: a customer's staff see only their own customer's records.
 */
export type Scope =
  | {
      kind: 'all';
      /**
       * Set for own-staff field engineers who coordinate nothing: work they see is narrowed to
       * what is theirs or their area team's (the regions they are assigned to).
       */
      engineerOf?: { personId: string; regionPaths: string[] };
    }
  | {
      kind: 'partner';
      partnerId: string;
      /** The regions the partner covers (where unassigned orders are offered to it). */
      regionPaths: string[];
      /** Set for the partner's field engineers who coordinate nothing, as for own staff. */
      engineerOf?: { personId: string; regionPaths: string[] };
    }
  | { kind: 'customer'; customerId: string };

/** The authenticated caller of a request. */
export interface Actor {
  personId: string;
  username: string;
  displayName: string;
  roles: Role[];
  partnerId: string | null;
  customerId: string | null;
  locale: Locale;
  /** The person's IANA time zone, or the organisation's default. */
  timeZone: string;
  scope: Scope;
  via: 'session' | 'token';
  /** For an API token: the permissions it was issued with (a subset of the person's). */
  tokenScopes?: readonly string[];
}

/**
 * Who makes a change: a signed-in person, or a named system process (CLI, demo loader, timer).
 * The same shape as `Principal` (principal.ts); services ask its helpers (`isPerson`,
 * `personIdOf` …) instead of inspecting it. History records it: its `HistoryAuthor` names only
 * the fields an entry keeps, so history does not import this module.
 */
export type HistoryActor = Actor | { system: string };

/** Roles whose holders see all work in their scope, not only their own (coordinators, oversight). */
const WIDE_WORK_ROLES: readonly Role[] = ['call_center', 'dispatcher', 'auditor', 'admin', ...MANAGER_ROLES];

/** True for a person who works orders in the field and coordinates none: their work view is narrowed. */
export function isFieldEngineerOnly(roles: readonly Role[]): boolean {
  return roles.includes('engineer') && !roles.some((r) => WIDE_WORK_ROLES.includes(r));
}

/** Permissions checked by routes. A capability adds its own with `grant`. */
export type Permission =
  | 'reference.read'
  | 'reference.manage'
  | 'people.read'
  | 'people.manage'
  | 'history.read'
  | 'audit.verify'
  | 'tokens.manage';

const INTERNAL_STAFF: readonly Role[] = [
  'call_center',
  'dispatcher',
  'engineer',
  'auditor',
  ...MANAGER_ROLES,
];

const grants = new Map<string, Set<Role>>([
  ['reference.read', new Set<Role>([...INTERNAL_STAFF, 'admin'])],
  ['reference.manage', new Set<Role>(['admin'])],
  ['people.read', new Set<Role>(['admin', 'dispatcher', 'call_center', 'auditor', ...MANAGER_ROLES])],
  ['people.manage', new Set<Role>(['admin'])],
  ['history.read', new Set<Role>([...INTERNAL_STAFF, 'admin'])],
  ['audit.verify', new Set<Role>(['admin', 'auditor'])],
  ['tokens.manage', new Set<Role>(['admin'])],
]);

/** Lets a capability declare which roles hold one of its permissions. */
export function grant(permission: string, roles: readonly Role[]): void {
  const set = grants.get(permission) ?? new Set<Role>();
  for (const r of roles) set.add(r);
  grants.set(permission, set);
}

/** The roles that hold a permission (a copy; empty when nothing grants it), so tests can find who must be refused. */
export function rolesGranted(permission: string): Role[] {
  return [...(grants.get(permission) ?? [])];
}

/** True when one of the actor's roles holds the permission (and, for a token, its scopes include it). */
export function can(actor: Actor, permission: Permission | (string & {})): boolean {
  const roles = grants.get(permission);
  if (actor.tokenScopes && !actor.tokenScopes.includes(permission)) return false;
  return roles !== undefined && actor.roles.some((r) => roles.has(r));
}

/** Every permission the actor holds, sorted; the web uses it to show only what the server allows. */
export function permissionsOf(actor: Actor): string[] {
  return [...grants.keys()].filter((p) => can(actor, p)).sort();
}

/** Throws 403 unless the actor holds the permission. */
export function assertCan(actor: Actor, permission: Permission | (string & {})): void {
  if (!can(actor, permission)) throw forbidden();
}

/** True when a region (by its materialised path) is inside the actor's scope. */
export function regionInScope(scope: Scope, regionPath: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'partner':
      return scope.regionPaths.some((p) => regionPath.startsWith(p));
    case 'customer':
      return false;
    default: {
      const never: never = scope;
      return never;
    }
  }
}
