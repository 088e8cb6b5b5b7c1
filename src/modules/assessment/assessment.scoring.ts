/**
 * Scorecards (VA-2): how a month's indicators become a score out of 100 and a rank. Pure.
 * Each scheme item has a weight and a target band: full marks at `full`, none at `zero`,
 * linear between (so `full` below `zero` means lower is better, e.g. repeat faults).
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import { INDICATORS, type IndicatorValue, round } from './assessment.rules.ts';

export interface SchemeItem {
  key: string;
  weight: number;
  full: number;
  zero: number;
}

export interface Scheme {
  items: SchemeItem[];
  /** Points taken off the score for each major-operation violation. */
  penaltyPerViolation: number;
}

/** The scheme a new database starts with; the operator changes it through the API. */
export const DEFAULT_SCHEME: Scheme = {
  items: [
    { key: 'compliance_respond', weight: 15, full: 98, zero: 90 },
    { key: 'compliance_restore', weight: 15, full: 98, zero: 90 },
    { key: 'compliance_resolve', weight: 10, full: 98, zero: 90 },
    { key: 'first_time_fix', weight: 15, full: 95, zero: 80 },
    { key: 'repeat_faults', weight: 10, full: 2, zero: 10 },
    { key: 'follow_up_completion', weight: 10, full: 98, zero: 90 },
    { key: 'escalation_timeliness', weight: 5, full: 95, zero: 70 },
    { key: 'satisfaction_rate', weight: 15, full: 98, zero: 90 },
    { key: 'complaints_per_1000', weight: 5, full: 1, zero: 5 },
  ],
  penaltyPerViolation: 5,
};

/** What the weights of a scheme add up to. */
export const WEIGHT_TOTAL = 100;

/** The problems of a scheme, naming each field; empty when it can be used. */
export function schemeProblems(s: Scheme): FieldProblem[] {
  const out: FieldProblem[] = [];
  const known = new Set(INDICATORS.map((d) => d.key));
  const seen = new Set<string>();
  s.items.forEach((it, i) => {
    const f = `items.${i}`;
    if (!known.has(it.key))
      out.push(problem(`${f}.key`, '没有这个考核指标', 'is not an assessment indicator'));
    else if (seen.has(it.key)) out.push(problem(`${f}.key`, '指标重复', 'appears twice'));
    seen.add(it.key);
    if (!(it.weight > 0)) out.push(problem(`${f}.weight`, '权重须大于 0', 'must be greater than 0'));
    if (it.full === it.zero)
      out.push(problem(`${f}.zero`, '满分线与零分线不能相同', 'must differ from the full-marks value'));
  });
  if (s.items.length === 0) out.push(problem('items', '至少需要一项指标', 'needs at least one indicator'));
  else {
    // The weights are the shares of a score out of 100, so they must add up to exactly that.
    const total = round(
      s.items.reduce((n, it) => n + it.weight, 0),
      2,
    );
    if (total !== WEIGHT_TOTAL)
      out.push(
        problem(
          'items',
          `各项权重之和须为 ${WEIGHT_TOTAL}，现为 ${total}`,
          `weights must add up to ${WEIGHT_TOTAL}, not ${total}`,
        ),
      );
  }
  if (!(s.penaltyPerViolation >= 0))
    out.push(problem('penaltyPerViolation', '扣分不能为负数', 'cannot be negative'));
  return out;
}

export interface ItemScore {
  key: string;
  weight: number;
  value: number | null;
  /** Points earned out of `weight`; null when the indicator has no data this month. */
  points: number | null;
}

export interface PartnerScore {
  /** Out of 100, after penalties; null when no indicator of the scheme has data. */
  score: number | null;
  items: ItemScore[];
  violations: number;
  penalty: number;
}

/** Points for one indicator: the share of the band reached, times the weight. */
export function itemPoints(value: number | null, item: SchemeItem): number | null {
  if (value === null) return null;
  const reached = Math.min(1, Math.max(0, (value - item.zero) / (item.full - item.zero)));
  return round(item.weight * reached, 2);
}

/**
 * The score of one partner. Indicators without data are left out and the others reweighted,
 * so a missing figure neither rewards nor punishes; violations then subtract their penalty.
 */
export function scorePartner(indicators: Record<string, IndicatorValue>, scheme: Scheme): PartnerScore {
  const items = scheme.items.map((it) => {
    const value = indicators[it.key]?.value ?? null;
    return { key: it.key, weight: it.weight, value, points: itemPoints(value, it) };
  });
  const counted = items.filter((i) => i.points !== null);
  const weights = counted.reduce((n, i) => n + i.weight, 0);
  const violations = indicators.operation_violations?.value ?? 0;
  const penalty = round(violations * scheme.penaltyPerViolation, 2);
  const base = weights ? (counted.reduce((n, i) => n + (i.points ?? 0), 0) / weights) * 100 : null;
  return {
    score: base === null ? null : round(Math.max(0, base - penalty), 1),
    items,
    violations,
    penalty,
  };
}

/** Ranks 1, 2, 2, 4 … by score, highest first; partners without a score come last, unranked. */
export function rank<T extends { score: number | null }>(
  rows: readonly T[],
): (T & { rank: number | null })[] {
  const sorted = [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  return sorted.map((r) => ({
    ...r,
    rank: r.score === null ? null : sorted.findIndex((o) => o.score === r.score) + 1,
  }));
}
