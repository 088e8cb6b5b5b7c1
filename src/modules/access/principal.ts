/**
 * Who is acting: one type for the whole system. A signed-in person (an `Actor`: person id,
 * roles, partner or customer, scope, locale, token scopes) or a named system process (the CLI,
 * the demo loader, a timer sweep, the customer's link). Services and history take a
 * `Principal`; they ask these helpers instead of inspecting its shape.
 */
import type { Actor, Scope } from './policy.ts';
import type { Role } from './roles.ts';

/** A process acting without a signed-in person; `system` names it in history. */
export interface SystemPrincipal {
  system: string;
}

export type Principal = Actor | SystemPrincipal;

/** Everything: the scope of a system process, which answers to no partner or customer. */
export const EVERYTHING: Scope = { kind: 'all' };

export function isPerson(p: Principal): p is Actor {
  return 'personId' in p;
}

/** The person behind the change, or null for a system process (history's and rows' `*_by`). */
export function personIdOf(p: Principal): string | null {
  return isPerson(p) ? p.personId : null;
}

/** How history names the principal: the person's name and username, or `system:<name>`. */
export function principalLabel(p: Principal): string {
  return isPerson(p) ? `${p.displayName} (${p.username})` : `system:${p.system}`;
}

/** What the principal may see; a system process sees everything. */
export function scopeOf(p: Principal): Scope {
  return isPerson(p) ? p.scope : EVERYTHING;
}

export function hasRole(p: Principal, role: Role): boolean {
  return isPerson(p) && p.roles.includes(role);
}

/** A partner's person (their scope is the partner's orders and coverage). */
export function isPartnerUser(p: Principal): boolean {
  return isPerson(p) && p.scope.kind === 'partner';
}

/** A person whose scope is narrower than the whole organisation (a partner's or a customer's). */
export function isScoped(p: Principal): p is Actor {
  return isPerson(p) && p.scope.kind !== 'all';
}

/** The partner a partner's person acts for, else undefined (own staff, customers, system). */
export function partnerIdOf(p: Principal): string | undefined {
  return isPerson(p) && p.scope.kind === 'partner' ? p.scope.partnerId : undefined;
}

/** The partner scope of a partner's person, else null. */
export function partnerScope(p: Principal): Extract<Scope, { kind: 'partner' }> | null {
  return isPerson(p) && p.scope.kind === 'partner' ? p.scope : null;
}

/** The customer acting through the signed link of one order (WO-5, WO-9): named by the order's number when known. */
export function customerLinkPrincipal(orderNumber?: string): SystemPrincipal {
  return { system: orderNumber ? `customer-link:${orderNumber}` : 'customer-link' };
}
