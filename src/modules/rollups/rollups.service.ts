/**
 * What other capabilities read from the rollups (dashboard, vendor assessment): figures summed
 * over whole days within the caller's scope, or null when the question cannot be answered from
 * the rollups (a range not cut at midnight, an engineer's narrowed view), in which case the
 * caller computes from the base rows as before.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import * as repo from './rollups.repository.ts';
import { type Bucket, wholeDays } from './rollups.rules.ts';

/** Far enough apart to take in every stored day when a range is open on a side. */
const FIRST_DAY = '0000-01-01';
const LAST_DAY = '9999-12-31';

/**
 * The whole days the rollups can answer [from, to) with, in this scope, or null. Rollup cells
 * carry the order's region and partner, which is all the partner scope needs; an engineer's
 * narrowing (their own and their team's orders) is finer than a cell.
 */
export function rollupDays(
  scope: Scope,
  from: string | undefined,
  to: string | undefined,
): { fromDay: string; toDay: string } | null {
  if (scope.kind === 'customer' || scope.engineerOf) return null;
  if (from === undefined && to === undefined) return { fromDay: FIRST_DAY, toDay: LAST_DAY };
  if (from === undefined || to === undefined) {
    const one = wholeDays(from ?? to!, from ?? to!);
    if (!one) return null;
    return from === undefined
      ? { fromDay: FIRST_DAY, toDay: one.toDay }
      : { fromDay: one.fromDay, toDay: LAST_DAY };
  }
  return wholeDays(from, to);
}

/**
 * Whether a summed row holds anything. A cell whose rows all moved away (a correction, a
 * cancellation) stays with zeros; it must read as absent, as it would from the base rows.
 */
const nonZero = (r: Record<string, unknown>) =>
  Object.entries(r).some(([k, v]) => k !== 'k' && k !== 'kind' && k !== 'partner_key' && Number(v) !== 0);

/** '' (the key of own staff in a rollup cell) back to null. */
const partnerOf = (key: string) => (key === '' ? null : key);

/** Duration histograms per partner (null: own staff) and measure, buckets ascending. */
export async function durationHistograms(
  ctx: AppContext,
  scope: Scope,
  slice: repo.DaySlice,
  measures: readonly string[],
): Promise<{ partner_id: string | null; measure: string; buckets: Bucket[] }[]> {
  const rows = await repo.durations(ctx.db, scope, slice, measures);
  const out: { partner_id: string | null; measure: string; buckets: Bucket[] }[] = [];
  for (const r of rows) {
    if (Number(r.n) === 0) continue;
    let last = out[out.length - 1];
    if (!last || last.partner_id !== partnerOf(r.partner_key) || last.measure !== r.measure) {
      last = { partner_id: partnerOf(r.partner_key), measure: r.measure, buckets: [] };
      out.push(last);
    }
    last.buckets.push({ bucket: Number(r.bucket), n: Number(r.n), minutes: Number(r.minutes) });
  }
  return out;
}

/** Decided and breached clocks per group key (partner ids null for own staff) and kind. */
export async function clockCompliance(
  ctx: AppContext,
  scope: Scope,
  slice: repo.DaySlice,
  group: repo.ClockGroup,
  kind?: string | undefined,
) {
  const rows = await repo.compliance(ctx.db, scope, slice, group, kind);
  return rows.filter(nonZero).map((r) => ({
    key: group === 'clock_region' ? r.k : partnerOf(r.k),
    kind: r.kind,
    total: Number(r.total),
    breached: Number(r.breached),
  }));
}

/** A count per partner (null: own staff). */
export async function countsByPartner(ctx: AppContext, scope: Scope, slice: repo.DaySlice, measure: string) {
  const rows = await repo.counts(ctx.db, scope, slice, measure);
  return rows.filter(nonZero).map((r) => ({ partner_id: partnerOf(r.partner_key), total: Number(r.total) }));
}

/** Ratings per group, in the shape of the satisfaction aggregate's rows (key null: own staff). */
export async function ratingsBy(
  ctx: AppContext,
  scope: Scope,
  slice: repo.DaySlice,
  group: 'none' | 'region' | 'partner',
) {
  const rows = await repo.ratings(ctx.db, scope, slice, group);
  return rows.filter(nonZero).map((r) => ({
    k: group === 'partner' ? partnerOf(r.k) : r.k,
    rated: Number(r.rated),
    good: Number(r.good),
    score_sum: Number(r.score_sum),
    refused: Number(r.refused),
  }));
}
