/**
 * DP-1 / RS-3: who may be sent to an order, and how candidates are ranked and explained. Pure.
 * Certification and work-card validity come from people.rules (one definition of RS-3).
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import { type EligibilityGap, eligibilityGapLabels } from '../people/people.rules.ts';
import type { CandidateFinding } from './dispatch.checks.ts';

/** Great-circle distance in kilometres between two points (haversine, mean Earth radius). */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6371.0088;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Why a person cannot be dispatched: RS-3 gaps plus DP-1 region coverage and appointment window. */
export type DispatchGap = EligibilityGap | 'region_not_covered' | 'booked_at_appointment';

export const dispatchGapLabels: Record<DispatchGap, Bilingual> = {
  ...eligibilityGapLabels,
  region_not_covered: { 'zh-CN': '不负责该站点所在区域', en: 'does not cover the site’s region' },
  booked_at_appointment: {
    'zh-CN': '预约时段已有其他工单',
    en: 'already booked on another order during the appointment window',
  },
};

/** True when one of the engineer's region paths contains the order's region path. */
export function coversRegion(engineerRegionPaths: readonly string[], orderRegionPath: string): boolean {
  return engineerRegionPaths.some((p) => orderRegionPath.startsWith(p));
}

/** What ranking knows about one engineer. */
export interface CandidateFacts {
  personId: string;
  name: string;
  gaps: DispatchGap[];
  openLoad: number;
  distanceKm: number | null;
  product: string | null;
  regionName: string;
  /** Findings of the registered checks (dispatch.checks.ts), e.g. not on duty. */
  findings?: readonly CandidateFinding[];
}

/** True when nothing (built-in gap or blocking finding) stands in the way. */
export function isEligible(c: {
  gaps: readonly unknown[];
  findings?: readonly CandidateFinding[] | undefined;
}) {
  return c.gaps.length === 0 && !(c.findings ?? []).some((f) => f.blocking);
}

function findingLabel(f: CandidateFinding): Bilingual {
  return { 'zh-CN': f.label.zh, en: f.label.en };
}

/** A ranked candidate with its reasons in both languages. */
export interface RankedCandidate extends CandidateFacts {
  rank: number;
  eligible: boolean;
  reasons: Bilingual[];
}

/**
 * DP-1: eligible engineers first, then fewer open orders, then nearer (unknown position last),
 * then by name; each candidate says why it stands where it does.
 */
export function rankCandidates(candidates: readonly CandidateFacts[]): RankedCandidate[] {
  const sorted = [...candidates].sort((a, b) => {
    const ea = isEligible(a) ? 0 : 1;
    const eb = isEligible(b) ? 0 : 1;
    if (ea !== eb) return ea - eb;
    if (a.openLoad !== b.openLoad) return a.openLoad - b.openLoad;
    const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
    const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
    if (da !== db) return da - db;
    return a.name.localeCompare(b.name, 'zh-CN');
  });
  return sorted.map((c, i) => {
    const reasons: Bilingual[] = [];
    if (c.gaps.length === 0) {
      reasons.push({ 'zh-CN': `负责区域：${c.regionName}`, en: `covers the region: ${c.regionName}` });
      if (c.product)
        reasons.push({
          'zh-CN': `持有 ${c.product} 有效认证`,
          en: `holds a valid ${c.product} certification`,
        });
    } else {
      for (const g of c.gaps) reasons.push(dispatchGapLabels[g]);
    }
    for (const f of c.findings ?? []) reasons.push(findingLabel(f));
    reasons.push({ 'zh-CN': `当前在手工单 ${c.openLoad} 张`, en: `${c.openLoad} open orders in hand` });
    reasons.push(
      c.distanceKm === null
        ? { 'zh-CN': '最近位置未知', en: 'last position unknown' }
        : {
            'zh-CN': `距站点约 ${c.distanceKm.toFixed(1)} 公里`,
            en: `about ${c.distanceKm.toFixed(1)} km from the site`,
          },
    );
    return { ...c, rank: i + 1, eligible: isEligible(c), reasons };
  });
}

/**
 * DP-1: problems with sending these people. Without an override each gap is a problem naming the
 * person; an override needs a reason and a manager, and then the gaps are recorded, not refused.
 */
export function assignmentProblems(
  people: readonly {
    field: string;
    name: string;
    gaps: readonly DispatchGap[];
    findings?: readonly CandidateFinding[] | undefined;
  }[],
  override: { reason: string | null | undefined; mayOverride: boolean },
): FieldProblem[] {
  const blocked = people.filter((p) => !isEligible(p));
  if (blocked.length === 0) return [];
  if (override.reason?.trim()) {
    return override.mayOverride
      ? []
      : [
          problem(
            'overrideReason',
            '只有经理可以强制派遣不符合条件的工程师',
            'only a manager may override the eligibility checks',
          ),
        ];
  }
  return blocked.map((p) => {
    const labels = [
      ...p.gaps.map((g) => dispatchGapLabels[g]),
      ...(p.findings ?? []).filter((f) => f.blocking).map(findingLabel),
    ];
    return problem(
      p.field,
      `${p.name}：${labels.map((l) => l['zh-CN']).join('；')}`,
      `${p.name}: ${labels.map((l) => l.en).join('; ')}`,
    );
  });
}
