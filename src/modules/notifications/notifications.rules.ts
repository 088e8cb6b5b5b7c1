/** Notification rules: quiet hours (never for critical notices), settings parsing. Pure. */
import { localDate, MINUTE_MS, zonedInstant } from '../calendars/calendars.rules.ts';

/** How an outbound message goes out. */
export const OUTBOUND_CHANNELS = ['email', 'sms'] as const;
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number];

/** Where an outbound message stands: waiting (or retrying), delivered, or given up. */
export const OUTBOUND_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/** A daily quiet window in local minutes after midnight; may cross midnight (22:00–07:00). */
export interface QuietHours {
  start: number;
  end: number;
}

/** Parses "HH:MM-HH:MM"; null for "" or "off". Throws on anything else. */
export function parseQuietHours(text: string): QuietHours | null {
  if (text === '' || text.toLowerCase() === 'off') return null;
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(text);
  if (!m) throw new Error(`quiet hours must look like 22:00-07:00, got "${text}"`);
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) throw new Error(`quiet hours out of range: "${text}"`);
  const q = { start: h1 * 60 + m1, end: h2 * 60 + m2 };
  if (q.start === q.end) throw new Error('quiet hours must not start and end at the same time');
  return q;
}

/**
 * The instant a non-critical message may go out: `now` itself outside quiet hours, else the
 * end of the quiet window in the recipient's time zone. Critical notices never wait (SL-3).
 */
export function sendableAt(
  now: number,
  timeZone: string,
  quiet: QuietHours | null,
  critical: boolean,
): number {
  if (critical || !quiet) return now;
  const today = localDate(now, timeZone);
  const midnight = zonedInstant(today, 0, timeZone);
  const minute = Math.floor((now - midnight) / MINUTE_MS);
  const crosses = quiet.start > quiet.end;
  const inside = crosses
    ? minute >= quiet.start || minute < quiet.end
    : minute >= quiet.start && minute < quiet.end;
  if (!inside) return now;
  if (crosses && minute >= quiet.start) {
    const tomorrow = localDate(midnight + 36 * 3_600_000, timeZone);
    return zonedInstant(tomorrow, quiet.end, timeZone);
  }
  return zonedInstant(today, quiet.end, timeZone);
}
