/**
 * The additive inputs of a month's VA-1 figures that the maintained rollups hold (durations,
 * deadline compliance, orders received): read from the rollups for whole days in a scope they
 * can answer (issue 15 item 4), else from the base rows. The base path is kept: it answers what
 * the rollups cannot, and the tests hold the two paths to the same figures.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import type { Bucket } from '../rollups/rollups.rules.ts';
import {
  clockCompliance,
  countsByPartner,
  durationHistograms,
  rollupDays,
} from '../rollups/rollups.service.ts';
import * as repo from './assessment.repository.ts';
import { TIMED_CLOCKS } from './assessment.rules.ts';

/** Measures of the duration figures: the timed clocks and installation lead time. */
export const INSTALLATION = 'installation';

export interface MonthInputs {
  /** Duration histograms per partner and measure; from the base rows each duration is its own bucket. */
  durations: { partner_id: string | null; measure: string; buckets: Bucket[] }[];
  compliance: { partner_id: string | null; kind: string; total: number; breached: number }[];
  received: { partner_id: string | null; total: number }[];
}

/** Sorted durations as one-value buckets, so one percentile reading serves both paths exactly. */
function asBuckets(rows: { partner_id: string | null; measure: string; minutes: number | string }[]) {
  const out: MonthInputs['durations'] = [];
  for (const r of rows) {
    let last = out[out.length - 1];
    if (!last || last.partner_id !== r.partner_id || last.measure !== r.measure) {
      last = { partner_id: r.partner_id, measure: r.measure, buckets: [] };
      out.push(last);
    }
    const m = Number(r.minutes);
    last.buckets.push({ bucket: m, n: 1, minutes: m });
  }
  return out;
}

export async function monthInputs(
  ctx: AppContext,
  scope: Scope,
  slice: repo.Slice,
  opts: { fromBaseRows?: boolean } = {},
): Promise<MonthInputs> {
  const days = opts.fromBaseRows ? null : rollupDays(scope, slice.from, slice.to);
  if (days) {
    const cut = { ...days, regionPath: slice.regionPath, partnerKey: slice.partnerId };
    const [durations, compliance, received] = await Promise.all([
      durationHistograms(ctx, scope, cut, [...TIMED_CLOCKS, INSTALLATION]),
      clockCompliance(ctx, scope, cut, 'partner'),
      countsByPartner(ctx, scope, cut, 'received'),
    ]);
    return { durations, compliance: compliance.map((c) => ({ ...c, partner_id: c.key })), received };
  }
  const { db, kit } = ctx;
  const [clocks, installs, compliance, received] = await Promise.all([
    repo.clockMinutes(db, kit, scope, slice),
    repo.installationMinutes(db, kit, scope, slice),
    repo.complianceCounts(db, scope, slice),
    repo.receivedCounts(db, scope, slice),
  ]);
  return {
    durations: [
      ...asBuckets(clocks.map((c) => ({ ...c, measure: c.kind }))),
      ...asBuckets(installs.map((c) => ({ ...c, measure: INSTALLATION }))),
    ],
    compliance: compliance.map((c) => ({
      partner_id: c.partner_id,
      kind: c.kind,
      total: Number(c.total),
      breached: Number(c.breached),
    })),
    received: received.map((r) => ({ partner_id: r.partner_id, total: Number(r.total) })),
  };
}
