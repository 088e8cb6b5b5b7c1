/**
 * Business calendars (SL-1): working hours per weekday, public holidays and make-up working
 * days (调休), or round the clock. Pure functions over instants (epoch milliseconds); the only
 * outside knowledge is the IANA time-zone database that Intl carries.
 */

/** How a calendar counts time: round the clock or working hours only. */
export const CALENDAR_MODES = ['24x7', 'business'] as const;
export type CalendarMode = (typeof CALENDAR_MODES)[number];

/** A listed day: a public holiday (off) or a make-up working day (调休). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** A working interval inside one local day, in minutes after local midnight: [start, end). */
export type DayInterval = readonly [number, number];

/** A calendar as the clock arithmetic sees it. */
export interface WorkCalendar {
  mode: CalendarMode;
  timeZone: string;
  /** Working intervals per weekday, index 0 = Sunday … 6 = Saturday. */
  week: readonly (readonly DayInterval[])[];
  /** Local dates that are off although their weekday works (public holidays). */
  holidays: ReadonlySet<string>;
  /** Local dates that work although their weekday is off (调休 make-up days). */
  workdays: ReadonlySet<string>;
  /** Hours of a make-up working day. */
  makeupHours: readonly DayInterval[];
}

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far ahead the arithmetic looks for working time before deciding the calendar has none. */
const MAX_DAYS = 3 * 366;

/** A calendar that runs round the clock (critical orders by default). */
export function alwaysOn(timeZone = 'Asia/Shanghai'): WorkCalendar {
  return {
    mode: '24x7',
    timeZone,
    week: [[], [], [], [], [], [], []],
    holidays: new Set(),
    workdays: new Set(),
    makeupHours: [],
  };
}

/** The standard office week in China: Monday–Friday 08:30–12:00 and 13:30–18:00. */
export const STANDARD_DAY: readonly DayInterval[] = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60 + 30, 18 * 60],
];

/** Working minutes in one standard day (8 hours), the unit "working day" is measured in. */
export const STANDARD_DAY_MINUTES = 480;

/** Problems with a set of day intervals: each must lie inside the day, be non-empty and not overlap. */
export function intervalProblems(intervals: readonly DayInterval[]): string | null {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let last = -1;
  for (const [s, e] of sorted) {
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > 1440 || s >= e) return 'range';
    if (s < last) return 'overlap';
    last = e;
  }
  return null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a zone, as if it were UTC (ms). */
function wallAsUtc(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

const offsetCache = new Map<string, number>();

/**
 * The zone's offset from UTC at an instant, in ms. Cached per quarter hour: every zone changes
 * its offset on a quarter-hour boundary, so the cache is exact and spares Intl most calls.
 */
function offsetAt(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / 900_000) * 900_000;
  const key = `${timeZone}|${bucket}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    off = wallAsUtc(bucket, timeZone) - bucket;
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time (date + minutes after midnight) in a zone. */
export function zonedInstant(date: string, minuteOfDay: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00.000Z`) + minuteOfDay * MINUTE_MS;
  let guess = wall - offsetAt(wall, timeZone);
  // A second pass settles the offset when the first guess crossed a daylight-saving change.
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}

/** The working intervals of one local date: holidays are off, make-up days work. */
export function intervalsOn(cal: WorkCalendar, date: string): readonly DayInterval[] {
  if (cal.holidays.has(date)) return [];
  if (cal.workdays.has(date)) return cal.makeupHours;
  return cal.week[weekday(date)] ?? [];
}

/** True when the local date is a working day on this calendar. */
export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  return cal.mode === '24x7' || intervalsOn(cal, date).length > 0;
}

/** Working periods as instants, day by day from the local date of `from`. */
function* workingPeriods(cal: WorkCalendar, from: number): Generator<[number, number]> {
  let date = localDate(from, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const [s, e] of [...intervalsOn(cal, date)].sort((a, b) => a[0] - b[0])) {
      yield [zonedInstant(date, s, cal.timeZone), zonedInstant(date, e, cal.timeZone)];
    }
    date = nextDate(date);
  }
}

/**
 * The working time asked for does not fit in the span the arithmetic looks at (MAX_DAYS):
 * a budget too large for the calendar, or a calendar with (almost) no working hours.
 */
export class NoWorkingTime extends RangeError {
  constructor(readonly days: number) {
    super(`calendar has no working time within ${days} days`);
    this.name = 'NoWorkingTime';
  }
}

/** Adds `ms` of working time to an instant; 24×7 adds plain time. Throws NoWorkingTime past MAX_DAYS. */
export function addBusinessMs(cal: WorkCalendar, from: number, ms: number): number {
  if (ms < 0) throw new RangeError('cannot add negative working time');
  if (cal.mode === '24x7' || ms === 0) return from + ms;
  let remaining = ms;
  for (const [s, e] of workingPeriods(cal, from)) {
    if (e <= from) continue;
    const start = Math.max(s, from);
    const available = e - start;
    if (remaining <= available) return start + remaining;
    remaining -= available;
  }
  throw new NoWorkingTime(MAX_DAYS);
}

/** Working time between two instants, in ms; 0 when `to` is not after `from`. */
export function businessMsBetween(cal: WorkCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (cal.mode === '24x7') return to - from;
  let total = 0;
  for (const [s, e] of workingPeriods(cal, from)) {
    if (s >= to) break;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (b > a) total += b - a;
  }
  return total;
}

/** Adds N working minutes to an instant in the calendar's time zone. */
export function addBusinessMinutes(cal: WorkCalendar, from: Date, minutes: number): Date {
  return new Date(addBusinessMs(cal, from.getTime(), minutes * MINUTE_MS));
}

/** Working minutes between two instants (fractional when the instants are not on whole minutes). */
export function businessMinutesBetween(cal: WorkCalendar, from: Date, to: Date): number {
  return businessMsBetween(cal, from.getTime(), to.getTime()) / MINUTE_MS;
}

/** A pause of a clock: from an instant until another, or still running (to = null). */
export interface PauseSpan {
  from: number;
  to: number | null;
}

/**
 * SL-1: working time that counts on a clock between `start` and `now`, leaving out every
 * pause (waiting on the customer). Pauses may overlap each other; they are merged first.
 */
export function elapsedWithPauses(
  cal: WorkCalendar,
  start: number,
  now: number,
  pauses: readonly PauseSpan[],
): number {
  let total = businessMsBetween(cal, start, now);
  for (const [a, b] of mergePauses(pauses, now)) {
    total -= businessMsBetween(cal, Math.max(a, start), Math.min(b, now));
  }
  return Math.max(0, total);
}

/**
 * SL-1: the instant a clock of `budgetMs` working time started at `start` runs out, with
 * paused time not counting. Null while the clock is paused with budget left (no due time).
 */
export function dueWithPauses(
  cal: WorkCalendar,
  start: number,
  budgetMs: number,
  pauses: readonly PauseSpan[],
): number | null {
  let cursor = start;
  let remaining = budgetMs;
  for (const [a, b] of mergePauses(pauses, Number.POSITIVE_INFINITY)) {
    if (b <= cursor) continue;
    const candidate = addBusinessMs(cal, cursor, remaining);
    if (candidate <= a) return candidate;
    if (a > cursor) remaining -= businessMsBetween(cal, cursor, a);
    if (!Number.isFinite(b)) return null;
    cursor = Math.max(cursor, b);
  }
  return addBusinessMs(cal, cursor, remaining);
}

function mergePauses(pauses: readonly PauseSpan[], openEnd: number): [number, number][] {
  const spans = pauses
    .map((p): [number, number] => [p.from, p.to ?? openEnd])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([span[0], span[1]]);
  }
  return out;
}
