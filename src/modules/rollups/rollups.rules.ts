/**
 * Pure rules of the maintained rollups (issue 11 item 2, VA-1 at scale): which day a figure
 * falls on, how a duration is bucketed, and how a percentile is read back from the buckets.
 * No I/O; the SQL spelling of the same rules is in rollups.sql.ts.
 */

/**
 * Rollup days are days of China Standard Time (UTC+8, no daylight saving), the calendar the
 * assessment months are cut by (assessment.rules.ts `monthWindow`), so a month is a whole
 * number of rollup days.
 */
export const DAY_OFFSET_MINUTES = 480;
const DAY_MS = 86_400_000;
const OFFSET_MS = DAY_OFFSET_MINUTES * 60_000;

/** The rollup day ('YYYY-MM-DD') an instant falls on. */
export function dayOf(instant: string): string {
  return new Date(Date.parse(instant) + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The days [fromDay, toDay) covering exactly the instants [from, to), or null when a bound is not
 * a midnight of a rollup day (such a range is answered from the base rows instead).
 */
export function wholeDays(from: string, to: string): { fromDay: string; toDay: string } | null {
  const a = Date.parse(from) + OFFSET_MS;
  const b = Date.parse(to) + OFFSET_MS;
  if (!Number.isFinite(a) || !Number.isFinite(b) || a % DAY_MS !== 0 || b % DAY_MS !== 0) return null;
  return { fromDay: dayOf(from), toDay: dayOf(to) };
}

/**
 * Durations are kept as a histogram of fixed buckets named by their lower bound in minutes:
 * 1-minute buckets below one day, 15-minute buckets up to seven days, 60-minute buckets beyond.
 * Each bucket also keeps the sum of its minutes, so a bucket holding one distinct value (every
 * whole-minute duration under a day) gives that value back exactly; otherwise a percentile read
 * from the histogram is within one bucket width of the exact one.
 */
export const BUCKET_STEPS = [
  { from: Number.NEGATIVE_INFINITY, width: 1 },
  { from: 1440, width: 15 },
  { from: 10_080, width: 60 },
] as const;

/** Tolerance for durations computed in floating point (SQLite's julianday), in minutes. */
export const BUCKET_EPSILON = 0.0001;

/** The bucket (its lower bound in minutes) of a duration. */
export function bucketOf(minutes: number): number {
  const m = minutes + BUCKET_EPSILON;
  let step: (typeof BUCKET_STEPS)[number] = BUCKET_STEPS[0];
  for (const s of BUCKET_STEPS) if (m >= s.from) step = s;
  const base = Number.isFinite(step.from) ? step.from : 0;
  return base + Math.floor((m - base) / step.width) * step.width;
}

/** One bucket of a histogram: how many durations fell in it and their sum. */
export interface Bucket {
  bucket: number;
  n: number;
  minutes: number;
}

/**
 * The p-th percentile (0–100) of the durations behind a histogram, by the same interpolation as
 * assessment.rules.ts `percentile` (PERCENTILE.INC), each duration taken as its bucket's mean.
 * Buckets must be sorted by `bucket`; empty ones are skipped. Null when there is nothing. Values
 * are divided by `scale` before interpolating, as `timeFigure` scales before its percentile.
 */
export function histogramPercentile(buckets: readonly Bucket[], p: number, scale = 1): number | null {
  const kept = buckets.filter((b) => b.n > 0);
  const total = kept.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const rank = (p / 100) * (total - 1);
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const b of kept) {
      seen += b.n;
      if (index < seen) return b.minutes / b.n / scale;
    }
    const last = kept[kept.length - 1] as Bucket;
    return last.minutes / last.n / scale;
  };
  const lo = Math.floor(rank);
  const a = valueAt(lo);
  const b = valueAt(Math.ceil(rank));
  return a + (b - a) * (rank - lo);
}
