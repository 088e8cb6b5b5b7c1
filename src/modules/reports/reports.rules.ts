/** WO-9 reports: which report each order type needs, and how it is titled. Pure. */
import type { Bilingual } from '../../shared/i18n.ts';

export const REPORT_TYPES = ['field_service', 'upgrade_summary', 'inspection_summary'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** Titles as printed on the form. */
export const reportTitles: Record<ReportType, Bilingual> = {
  field_service: { 'zh-CN': '现场技术服务报告', en: 'Field technical-service report' },
  upgrade_summary: { 'zh-CN': '版本升级总结报告', en: 'Version-upgrade summary' },
  inspection_summary: { 'zh-CN': '巡检总结报告', en: 'Inspection summary' },
};

/** WO-9: the report an order of this type must have before it closes (consultations need none). */
export function requiredReport(orderType: string): ReportType | null {
  switch (orderType) {
    case 'version_upgrade':
      return 'upgrade_summary';
    case 'inspection':
      return 'inspection_summary';
    case 'consultation':
      return null;
    default:
      return 'field_service';
  }
}

/** 'YYYY-MM-DD HH:mm' in a time zone, for printed forms; '—' when there is no time. */
export function formatLocal(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** How long from one instant to another, as 'Xh Ym' / 'X小时Y分'; '—' when either is missing. */
export function duration(fromIso: string | null | undefined, toIso: string | null | undefined): Bilingual {
  if (!fromIso || !toIso) return { 'zh-CN': '—', en: '—' };
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return { 'zh-CN': `${h}小时${m}分`, en: `${h}h ${m}m` };
}
