/** What the assessment pages share: the indicator definitions, the month list, how a value reads. */
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api } from '../../api.ts';
import { assessmentKeys } from '../../queries/assessment.ts';

export interface Definition {
  key: string;
  unit: string;
  higherIsBetter: boolean;
  external: boolean;
  name: { 'zh-CN': string; en: string };
  definition: { 'zh-CN': string; en: string };
}

export interface Value {
  value: number | null;
  p90?: number | null;
  sample: number;
  available: boolean;
}

export interface IndicatorView {
  partners: {
    partnerId: string | null;
    partnerName: string | null;
    orders: number;
    indicators: Record<string, Value>;
  }[];
}

export function useDefinitions() {
  return useQuery({
    queryKey: assessmentKeys.definitions,
    queryFn: async () =>
      (await api<{ indicators: Definition[] }>('GET', '/api/v1/assessment/definitions')).indicators,
    staleTime: 3_600_000,
  });
}

/** The `count` months up to this one, newest first ('YYYY-MM'). */
export function lastMonths(count: number, now = new Date()): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

const UNITS: Record<string, string> = { percent: '%', minutes: ' min', hours: ' h' };

/** A value as read: "no data" when the source is absent, a dash when nothing was measured. */
export function valueText(d: Definition, v: Value | undefined, t: TFunction): string {
  if (!v?.available) return t('assessment.noData');
  if (v.value === null) return '—';
  return `${v.value}${UNITS[d.unit] ?? ''}`;
}
