/**
 * DP-1 extension point: other capabilities add eligibility checks to dispatch without editing it
 * (the duty roster's "not on duty", resources' instrument calibration …). Each check answers, for
 * the engineers considered and one order's place, what stands in the way; a blocking finding makes
 * the engineer ineligible (a manager may still override, as for the built-in gaps) and every
 * finding is shown among the candidate's reasons.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Where and when the order is to be worked. */
export interface CandidatePlace {
  orderId: string;
  /** The order's product, when known (RS-3). */
  product: string | null;
  /** The materialised path of the order's region (`/province/prefecture/county/`). */
  regionPath: string;
  /** The site's local date of `at` (YYYY-MM-DD). */
  day: string;
  /** The moment the work is expected: the appointment in force's start, else now (ISO UTC). */
  at: string;
}

/** One finding about one engineer. */
export interface CandidateFinding {
  /** A stable code for clients (e.g. `not_on_duty`); never shown as text. */
  code: string;
  label: { zh: string; en: string };
  /** True when the finding makes the engineer ineligible without an override. */
  blocking: boolean;
}

/** Findings per person id; people without findings may be left out of the map. */
export type CandidateCheck = (
  db: Kysely<DB>,
  personIds: readonly string[],
  place: CandidatePlace,
) => Promise<Map<string, CandidateFinding[]>>;

const checks = new Map<string, CandidateCheck>();

/** Adds (or replaces, for the same name) a check; called from a capability's `register`. */
export function registerCandidateCheck(name: string, check: CandidateCheck): void {
  checks.set(name, check);
}

/** Every registered check's findings for these people, merged per person in registration order. */
export async function runCandidateChecks(
  db: Kysely<DB>,
  personIds: readonly string[],
  place: CandidatePlace,
): Promise<Map<string, CandidateFinding[]>> {
  const merged = new Map<string, CandidateFinding[]>();
  if (personIds.length === 0) return merged;
  // Sequential on purpose: inside a transaction the checks share one connection.
  for (const check of checks.values()) {
    for (const [id, found] of await check(db, personIds, place)) {
      merged.set(id, [...(merged.get(id) ?? []), ...found]);
    }
  }
  return merged;
}
