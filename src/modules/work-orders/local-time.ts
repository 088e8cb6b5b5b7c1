/**
 * Wall-clock time at a site: working hours (WO-5) and "valid today" checks (RS-3) are about the
 * site's local day, while everything is stored in UTC. Pure, using Intl only.
 */

/** The local parts of an instant in a time zone. */
export interface LocalParts {
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local date, weekday and minute of day of `instant` in `tz`. */
export function localParts(instant: Date | string, tz: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date | string, tz: string): string {
  return localParts(instant, tz).date;
}

/** The UTC instant of a local wall-clock time (`YYYY-MM-DD`, `HH:MM[:SS]`) in a time zone. */
export function localToUtc(date: string, time: string, tz: string): Date {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  const guess = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    Number(h),
    Number(m),
    Number(s),
  );
  // Two passes settle the offset even on a day the offset changes.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(t), tz);
    const asUtc = Date.UTC(
      Number(p.date.slice(0, 4)),
      Number(p.date.slice(5, 7)) - 1,
      Number(p.date.slice(8, 10)),
      Math.floor(p.minutes / 60),
      p.minutes % 60,
      new Date(t).getUTCSeconds(),
    );
    t += guess - asUtc;
  }
  return new Date(t);
}

/** `HH:MM` → minutes since midnight. */
export function hhmmToMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}
