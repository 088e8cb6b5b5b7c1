/** Manager dashboard figures (SL-1 compliance, WO-9 satisfaction) in the caller's scope. */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import { complianceRows } from './dashboard.compliance.ts';
import * as repo from './dashboard.repository.ts';
import { satisfactionBy, satisfactionOverall } from './dashboard.satisfaction.ts';
import type { SatisfactionGroup } from './dashboard.satisfaction-sql.ts';
import { offsetMinutes, periodsBetween, type TrendBucket } from './dashboard.trend.ts';

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
  const [partners, regions] = await complianceRows(ctx, scope, filter);
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

/**
 * CS-2 satisfaction: ratings per score 1–5 and the figures of dashboard.satisfaction.ts
 * (average, rate, response rate, complaints, top categories), overall and, when asked, per group.
 */
export async function satisfaction(
  ctx: AppContext,
  scope: Scope,
  filter: repo.ComplianceFilter & { groupBy?: SatisfactionGroup | undefined },
) {
  const range = { from: filter.from, to: filter.to };
  const [rows, overall, groups] = await Promise.all([
    repo.satisfactionCounts(ctx.db, scope, filter),
    satisfactionOverall(ctx, scope, range),
    filter.groupBy && filter.groupBy !== 'none' ? satisfactionBy(ctx, scope, filter.groupBy, range) : null,
  ]);
  const scores = [1, 2, 3, 4, 5].map((score) => ({
    score,
    count: rows.filter((r) => r.score === score).reduce((n, r) => n + Number(r.n), 0),
  }));
  return { scores, ...overall, groups: groups ?? [] };
}

/** One period of the trend. */
export interface TrendPoint {
  period: string;
  received: number;
  critical: number;
  closed: number;
  compliance: Compliance;
}

/**
 * Orders received (critical among them), closed, and deadline compliance per week or month of the
 * organisation's calendar, every period of [from, to) listed even when nothing happened in it.
 */
export async function trend(
  ctx: AppContext,
  scope: Scope,
  range: { from: string; to: string; bucket: TrendBucket },
): Promise<TrendPoint[]> {
  const offset = offsetMinutes(ctx.config.defaultTimeZone, new Date(range.from));
  const r = { ...range, offset };
  const kind = ctx.kit.kind;
  const [received, closed, clocks] = await Promise.all([
    repo.receivedBy(ctx.db, kind, scope, r),
    repo.closedBy(ctx.db, kind, scope, r),
    repo.clocksBy(ctx.db, kind, scope, r),
  ]);
  const byPeriod = <T extends { p: string | null }>(rows: T[]) => new Map(rows.map((x) => [x.p, x]));
  const rec = byPeriod(received);
  const clo = byPeriod(closed);
  const clk = byPeriod(clocks);
  return periodsBetween(range.from, range.to, range.bucket, offset).map((period) => ({
    period,
    received: Number(rec.get(period)?.received ?? 0),
    critical: Number(rec.get(period)?.critical ?? 0),
    closed: Number(clo.get(period)?.closed ?? 0),
    compliance: compliance(Number(clk.get(period)?.decided ?? 0), Number(clk.get(period)?.breached ?? 0)),
  }));
}
