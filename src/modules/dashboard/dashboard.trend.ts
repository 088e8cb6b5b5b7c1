/**
 * The dashboard's trend (WO-9, SL-1): per week or month, orders received, critical ones among them,
 * orders closed, and deadline clocks decided with how many were met. Periods are the
 * organisation's calendar weeks (Monday first) and months, so an order taken at 01:00 on a
 * Monday in Guiyang counts in that Monday's week, not in Sunday's by UTC.
 */
import { type RawBuilder, sql } from 'kysely';

export const TREND_BUCKETS = ['week', 'month'] as const;
export type TrendBucket = (typeof TREND_BUCKETS)[number];

/** Minutes east of UTC of `timeZone` at `at` (the organisation's zones keep one offset all year). */
export function offsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The period an instant column falls in, as text: 'YYYY-MM' for a month, the Monday 'YYYY-MM-DD'
 * for a week, both on the local calendar `offset` minutes east of UTC.
 */
export function periodOf(
  kind: 'sqlite' | 'postgres',
  bucket: TrendBucket,
  column: string,
  offset: number,
): RawBuilder<string | null> {
  const col = sql.ref(column);
  if (kind === 'sqlite') {
    const shift = sql.lit(`${offset >= 0 ? '+' : ''}${offset} minutes`);
    return bucket === 'month'
      ? sql<string | null>`strftime('%Y-%m', ${col}, ${shift})`
      : sql<string | null>`date(${col}, ${shift}, 'weekday 0', '-6 days')`;
  }
  const local = sql`(${col} at time zone 'UTC' + make_interval(mins => ${sql.lit(offset)}))`;
  return bucket === 'month'
    ? sql<string | null>`to_char(${local}, 'YYYY-MM')`
    : sql<string | null>`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`;
}

/** Every period from `from` to `to` in order, so weeks with nothing still show as zero. */
export function periodsBetween(from: string, to: string, bucket: TrendBucket, offset: number): string[] {
  const local = (iso: string) => new Date(new Date(iso).getTime() + offset * 60_000);
  const start = local(from);
  const end = local(new Date(new Date(to).getTime() - 1).toISOString());
  const out: string[] = [];
  if (bucket === 'month') {
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth();
    while (y < end.getUTCFullYear() || (y === end.getUTCFullYear() && m <= end.getUTCMonth())) {
      out.push(`${y}-${String(m + 1).padStart(2, '0')}`);
      m += 1;
      if (m === 12) {
        m = 0;
        y += 1;
      }
    }
    return out;
  }
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  while (day.getTime() <= end.getTime()) {
    out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 7);
  }
  return out;
}
