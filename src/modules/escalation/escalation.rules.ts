/** Escalation rules (SL-2, SL-3, MO-9): who is on which rung, and when the next rung is due. Pure. */

import type { Role } from '../access/roles.ts';

/** Why an escalation exists. */
export type EscalationKind = 'breach' | 'critical' | 'emergency';

/** Reminders of an unacknowledged critical notice stop after this many steps (a day at 10 minutes). */
export const MAX_CRITICAL_LEVELS = 144;

/** Who a rung reaches: the order's owner, or the holders of a role. */
export type RungRole = Role | 'owner';

/** One rung of a ladder. */
export interface Rung {
  role: RungRole;
  afterMinutes: number;
}

/** SL-3 / MO-9: who is told the moment it happens, whatever the ladder says. */
export const IMMEDIATE_ROLES: Record<Exclude<EscalationKind, 'breach'>, readonly Role[]> = {
  critical: ['after_sales_director', 'engineering_manager'],
  emergency: ['department_chief', 'engineering_manager'],
};

/** A person holding a role, attached to regions (none = organisation-wide). */
export interface Holder {
  id: string;
  regionIds: string[];
}

/**
 * The holders who answer for a region: those attached to the nearest region of the chain (the
 * region itself, then its ancestors); else the organisation-wide ones; else — so that a notice
 * that must go out is never lost to a gap in the org chart — every holder of the role.
 */
export function holdersForRegion<H extends Holder>(holders: readonly H[], chain: readonly string[]): H[] {
  for (const regionId of chain) {
    const here = holders.filter((h) => h.regionIds.includes(regionId));
    if (here.length) return here;
  }
  const orgWide = holders.filter((h) => h.regionIds.length === 0);
  return orgWide.length ? orgWide : [...holders];
}

/**
 * The roles notified at `level` (0 = the moment it starts) and when the next level is due,
 * in minutes after the start; null when the ladder is exhausted.
 * - breach (SL-2): the ladder's rungs in order at their configured minutes.
 * - critical / emergency (SL-3, MO-9): the immediate roles at once; then every `stepMinutes`
 *   the immediate roles again plus the next rung of the ladder, until acknowledged.
 */
export function rungAt(
  kind: EscalationKind,
  ladder: readonly Rung[],
  level: number,
  stepMinutes: number,
): { roles: RungRole[]; nextLevelAfterMinutes: number | null } {
  if (kind === 'breach') {
    const rung = ladder[level];
    const next = ladder[level + 1];
    return { roles: rung ? [rung.role] : [], nextLevelAfterMinutes: next ? next.afterMinutes : null };
  }
  const immediate = [...IMMEDIATE_ROLES[kind]];
  const rung = level === 0 ? undefined : ladder[level - 1];
  // Past the top of the ladder the immediate roles keep being reminded every step.
  return {
    roles: rung ? [...immediate, rung.role] : immediate,
    nextLevelAfterMinutes: level + 1 < MAX_CRITICAL_LEVELS ? (level + 1) * stepMinutes : null,
  };
}

/** A ladder is valid when it has rungs with non-decreasing minutes starting at 0 or later. */
export function ladderProblem(rungs: readonly Rung[]): string | null {
  if (rungs.length === 0) return 'empty';
  let last = -1;
  for (const r of rungs) {
    if (!Number.isInteger(r.afterMinutes) || r.afterMinutes < 0) return 'minutes';
    if (r.afterMinutes < last) return 'order';
    last = r.afterMinutes;
  }
  return null;
}
