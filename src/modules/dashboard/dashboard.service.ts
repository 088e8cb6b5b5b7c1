/** Manager dashboard figures (SL-1 compliance, WO-9 satisfaction) in the caller's scope. */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import * as repo from './dashboard.repository.ts';

/** Met / breached counts and the share met, in percent with one decimal (null when nothing was decided). */
export interface Compliance {
  total: number;
  met: number;
  breached: number;
  percent: number | null;
}

/** Rounds the share of met clocks to one decimal. */
export function compliance(total: number, breached: number): Compliance {
  const met = total - breached;
  return { total, met, breached, percent: total ? Math.round((met / total) * 1000) / 10 : null };
}

/** Deadline compliance per partner and per region, worst first. */
export async function deadlineCompliance(ctx: AppContext, scope: Scope, filter: repo.ComplianceFilter) {
  const [partners, regions] = await Promise.all([
    repo.complianceByPartner(ctx.db, scope, filter),
    repo.complianceByRegion(ctx.db, scope, filter),
  ]);
  const worstFirst = (a: Compliance, b: Compliance) => (a.percent ?? 100) - (b.percent ?? 100);
  return {
    byPartner: partners
      .map((p) => ({
        partnerId: p.partner_id,
        partnerName: p.partner_name,
        ...compliance(Number(p.total), Number(p.breached)),
      }))
      .sort(worstFirst),
    byRegion: regions
      .map((r) => ({
        regionId: r.region_id,
        regionCode: r.region_code,
        regionName: r.region_name,
        regionNameEn: r.region_name_en,
        ...compliance(Number(r.total), Number(r.breached)),
      }))
      .sort(worstFirst),
  };
}

/** One row of rating counts: a score (null = refused to rate) and how many. */
export interface ScoreCount {
  score: number | null;
  n: number | string;
}

/**
 * The satisfaction figures (CS-2), defined once for the dashboard and vendor assessment:
 * counts per score 1–5, refusals, the average of the scores given (two decimals) and the
 * satisfaction rate — the share of given scores that are 4 or 5, in percent with one decimal.
 * Refusals count in neither the average nor the rate.
 */
export function summariseSatisfaction(rows: readonly ScoreCount[]) {
  const scores = [1, 2, 3, 4, 5].map((score) => ({
    score,
    count: rows.filter((r) => r.score === score).reduce((n, r) => n + Number(r.n), 0),
  }));
  const refused = rows.filter((r) => r.score === null).reduce((n, r) => n + Number(r.n), 0);
  const rated = scores.reduce((n, s) => n + s.count, 0);
  const sum = scores.reduce((n, s) => n + s.score * s.count, 0);
  const satisfied = scores.filter((s) => s.score >= 4).reduce((n, s) => n + s.count, 0);
  return {
    scores,
    refused,
    rated,
    average: rated ? Math.round((sum / rated) * 100) / 100 : null,
    ratePercent: rated ? Math.round((satisfied / rated) * 1000) / 10 : null,
  };
}

/** Ratings per score 1–5, refusals, the average of the scores given and the satisfaction rate. */
export async function satisfaction(ctx: AppContext, scope: Scope, filter: repo.ComplianceFilter) {
  return summariseSatisfaction(await repo.satisfactionCounts(ctx.db, scope, filter));
}
