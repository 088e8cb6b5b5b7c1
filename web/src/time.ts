/** Times are stored in UTC; people read them in the site's or their own time zone. */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The platform default when neither the record nor the person names a zone (ONSITE_TIME_ZONE's default). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

let userTimeZone = DEFAULT_TIME_ZONE;

/** Sets the signed-in person's zone, used where a record has none of its own. */
export function setUserTimeZone(tz: string | null | undefined): void {
  userTimeZone = tz || DEFAULT_TIME_ZONE;
}

/** The zone times are shown in when no site zone applies. */
export function currentTimeZone(): string {
  return userTimeZone;
}

/** Formats an ISO instant in a zone (the site's when given, else the person's), e.g. 2026-11-22 08:30. */
export function formatTime(iso: string | null | undefined, tz?: string | null): string {
  if (!iso) return '—';
  return dayjs
    .utc(iso)
    .tz(tz || userTimeZone)
    .format('YYYY-MM-DD HH:mm');
}

/** Formats with the zone's abbreviation-free offset, for places where several zones meet. */
export function formatTimeWithZone(iso: string | null | undefined, tz?: string | null): string {
  if (!iso) return '—';
  const zone = tz || userTimeZone;
  return `${dayjs.utc(iso).tz(zone).format('YYYY-MM-DD HH:mm')} (${zone})`;
}

/** Sets dayjs's language for date pickers and relative times. */
export function setDayjsLocale(lang: string): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}

export { dayjs };
