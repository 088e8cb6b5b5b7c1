/**
 * Vendor assessment (VA-1): the month window, percentiles and the written definition of every
 * indicator. Pure: the SQL that gathers the counts lives in assessment.repository.ts.
 */
import { CLOCK_KINDS, type ClockKind } from '../deadlines/deadlines.defaults.ts';
import { type Bucket, histogramPercentile } from '../rollups/rollups.rules.ts';

/** Months are assessed in China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM`, month 01–12. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The instants [from, to) of a calendar month in China Standard Time, as stored ISO text. */
export function monthWindow(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - CST_OFFSET_MS).toISOString();
  const to = new Date(Date.UTC(y, m, 1) - CST_OFFSET_MS).toISOString();
  return { from, to };
}

/**
 * The p-th percentile (0–100) of values sorted ascending, interpolated between neighbours —
 * the same as a spreadsheet's PERCENTILE.INC, so finance can check it. Null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return round(a + (b - a) * (rank - lo), 1);
}

/** A share in percent with one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole ? round((part / whole) * 100, 1) : null;
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** The clocks whose elapsed time is reported as a median and p90. */
export const TIMED_CLOCKS = ['respond', 'restore', 'resolve'] as const satisfies readonly ClockKind[];

/** Repeat faults look back this many days for an earlier fault on the same site or equipment. */
export const REPEAT_WINDOW_DAYS = 30;

/** Order types whose lead time counts as installation lead time. */
export const INSTALLATION_TYPES = ['activation', 'eng_installation'] as const;

export type IndicatorUnit = 'minutes' | 'hours' | 'percent' | 'score' | 'per_1000' | 'count';

/** One indicator's written definition, shown to managers and used by the code. */
export interface IndicatorDefinition {
  key: string;
  unit: IndicatorUnit;
  /** Whether a larger value is better (drives the colours of the heat map and scoring). */
  higherIsBetter: boolean;
  /** True when the figure comes from a capability that plugs in (see assessment.sources.ts). */
  external: boolean;
  name: { 'zh-CN': string; en: string };
  definition: { 'zh-CN': string; en: string };
}

const def = (
  key: string,
  unit: IndicatorUnit,
  higherIsBetter: boolean,
  name: [string, string],
  definition: [string, string],
  external = false,
): IndicatorDefinition => ({
  key,
  unit,
  higherIsBetter,
  external,
  name: { 'zh-CN': name[0], en: name[1] },
  definition: { 'zh-CN': definition[0], en: definition[1] },
});

const CLOCK_NAMES: Record<ClockKind, [string, string]> = {
  respond: ['响应', 'response'],
  arrive: ['到场', 'arrival'],
  restore: ['恢复', 'restore'],
  resolve: ['解决', 'resolve'],
  update: ['进展通报', 'progress update'],
  follow_up: ['回访', 'follow-up'],
};

const timed = (kind: (typeof TIMED_CLOCKS)[number]) => {
  const [zh, en] = CLOCK_NAMES[kind];
  return def(
    `${kind}_time`,
    'minutes',
    false,
    [`${zh}时长`, `${en[0]!.toUpperCase()}${en.slice(1)} time`],
    [
      `本月停止的“${zh}”时限上，从开始计时到停止的分钟数，扣除等待客户的暂停时间（日历时间）；给出中位数和第 90 百分位数。已取消的工单不计。`,
      `For the ${en} deadlines stopped this month: minutes from the start of the clock to its stop, less the time paused while waiting on the customer (calendar time); median and 90th percentile. Cancelled orders do not count.`,
    ],
  );
};

const compliance = (kind: ClockKind) => {
  const [zh, en] = CLOCK_NAMES[kind];
  return def(
    `compliance_${kind}`,
    'percent',
    true,
    [`${zh}及时率`, `${en[0]!.toUpperCase()}${en.slice(1)} deadlines met`],
    [
      `本月开始、且已有结果（按时停止或已超时）的“${zh}”时限中，按时完成的比例。与首页看板的时限达成率同一口径。`,
      `Of the ${en} deadlines started this month that are decided (stopped in time or breached), the share met. The same count as the dashboard's deadline compliance.`,
    ],
  );
};

/**
 * Every indicator of VA-1, in the order the page and the exports show them. The figures are
 * per partner of the order (own staff when the order has none), per region (any level: the
 * order's region and everything under it) and per month in China Standard Time.
 */
export const INDICATORS: readonly IndicatorDefinition[] = [
  def(
    'installation_lead_time',
    'hours',
    false,
    ['装机时长', 'Installation lead time'],
    [
      '本月解决的开通/装机工单，从受理到解决的小时数；给出中位数和第 90 百分位数。',
      'For activation and installation orders resolved this month: hours from receipt to resolution; median and 90th percentile.',
    ],
  ),
  ...TIMED_CLOCKS.map(timed),
  ...CLOCK_KINDS.map(compliance),
  def(
    'first_time_fix',
    'percent',
    true,
    ['一次修复率', 'First-time fix'],
    [
      '本月解决的故障工单中，只上站一次（至多一次签到）且从未重开的比例。',
      'Of the fault orders resolved this month, the share resolved with at most one site visit (check-in) and never reopened.',
    ],
  ),
  def(
    'repeat_faults',
    'percent',
    false,
    ['重复故障率', 'Repeat faults'],
    [
      `本月受理的、有站点或设备的故障工单中，同一站点或同一设备在其前 ${REPEAT_WINDOW_DAYS} 天内已有故障工单的比例。`,
      `Of the fault orders received this month with a site or equipment, the share whose site or equipment already had a fault order in the ${REPEAT_WINDOW_DAYS} days before.`,
    ],
  ),
  def(
    'follow_up_completion',
    'percent',
    true,
    ['回访完成率', 'Follow-up completion'],
    [
      '本月到期的回访中，在到期前记录了客户答复的比例。',
      "Of the follow-ups due this month, the share whose customer's answer was recorded by the due time.",
    ],
  ),
  def(
    'escalation_timeliness',
    'percent',
    true,
    ['升级响应及时率', 'Escalation timeliness'],
    [
      '本月开始的工单升级中，在第一级内（升到下一级之前）就被确认的比例。',
      'Of the escalations of orders started this month, the share acknowledged within their first step (before climbing to the next level).',
    ],
  ),
  def(
    'satisfaction_score',
    'score',
    true,
    ['满意度得分', 'Satisfaction score'],
    [
      '本月记录的满意度评分（1–5 分）的平均值，拒评不计。与首页看板同一口径。',
      "The average of the satisfaction scores (1–5) recorded this month; refusals do not count. The same figure as the dashboard's.",
    ],
  ),
  def(
    'satisfaction_rate',
    'percent',
    true,
    ['满意率', 'Satisfaction rate'],
    [
      '本月记录的评分中，4 分或 5 分的比例，拒评不计。与首页看板同一口径。',
      "Of the scores recorded this month, the share of 4 and 5; refusals do not count. The same figure as the dashboard's.",
    ],
  ),
  def(
    'complaints_per_1000',
    'per_1000',
    false,
    ['千单投诉量', 'Complaints per 1,000 orders'],
    [
      '本月受理的投诉数，除以本月关闭的工单数，再乘以 1000（与满意度统计同一口径）。',
      'Complaints received this month per 1,000 orders closed this month (the same figure as the satisfaction statistics).',
    ],
    true,
  ),
  def(
    'inspection_completion',
    'percent',
    true,
    ['巡检完成率', 'Inspection completion'],
    [
      '本月计划的巡检中，按计划完成的比例。',
      'Of the inspections planned this month, the share completed as planned.',
    ],
    true,
  ),
  def(
    'operation_violations',
    'count',
    false,
    ['重大操作违规', 'Major-operation violations'],
    [
      '本月重大操作中记录的违规次数：操作中上报的紧急情况，以及超出已批方案的步骤。系统直接拒绝的违规操作不会发生，因此不计入。',
      'Breaches recorded during major operations this month: emergencies reported during the work and steps outside the approved plan. Breaches the system refuses outright never happen, so they are not counted.',
    ],
    true,
  ),
];

/** One indicator's figure for a partner: a value (null: no data) and what it was computed from. */
export interface IndicatorValue {
  /** The figure; for times, the median. Null when nothing was measured or no source exists yet. */
  value: number | null;
  /** For times: the 90th percentile. */
  p90?: number | null;
  /** How many records the figure is computed from (orders, clocks, ratings …). */
  sample: number;
  /** False when the capability that supplies the figure is not present: "no data". */
  available: boolean;
}

/** The median and p90 of ascending durations in minutes, converted by `scale`. */
export function timeFigure(sortedMinutes: readonly number[], scale = 1): IndicatorValue {
  const scaled = sortedMinutes.map((m) => m / scale);
  return {
    value: percentile(scaled, 50),
    p90: percentile(scaled, 90),
    sample: sortedMinutes.length,
    available: true,
  };
}

/**
 * The same figure from a histogram of durations (rollups.rules.ts): exact when each bucket holds
 * one distinct value, else within one bucket width.
 */
export function histogramTimeFigure(buckets: readonly Bucket[], scale = 1): IndicatorValue {
  const at = (p: number) => {
    const v = histogramPercentile(buckets, p, scale);
    return v === null ? null : round(v, 1);
  };
  return { value: at(50), p90: at(90), sample: buckets.reduce((n, b) => n + b.n, 0), available: true };
}

/** A share of `whole` in percent. */
export function shareFigure(part: number, whole: number): IndicatorValue {
  return { value: percent(part, whole), sample: whole, available: true };
}

/** The figure of an indicator whose source capability is not registered. */
export const NO_DATA: IndicatorValue = { value: null, sample: 0, available: false };
