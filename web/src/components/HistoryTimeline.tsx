/** The history of one record (RC-1): who changed what, when and why, newest first. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type HistoryEntry } from '../api.ts';
import { historyKeys } from '../queries/workOrders.ts';
import { formatTime } from '../time.ts';

const HIDDEN_FIELDS = new Set(['id', 'path', 'password_hash']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

function show(v: unknown, tz: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  // Stored instants are UTC; a reader wants them in the record's zone like every other time.
  if (typeof v === 'string') return ISO_INSTANT.test(v) ? formatTime(v, tz) : v;
  return JSON.stringify(v);
}

/** Field changes as lines: "name: old → new" for updates, "name: value" for a created snapshot. */
function changeLines(changes: unknown, label: (field: string) => string, tz?: string | null): string[] {
  if (!changes || typeof changes !== 'object') return changes ? [show(changes, tz)] : [];
  return (
    Object.entries(changes as Record<string, unknown>)
      // Internal keys (ids, materialised paths) mean nothing to a reader.
      .filter(([field]) => !HIDDEN_FIELDS.has(field))
      .map(([field, v]) => {
        if (!Array.isArray(v) || v.length !== 2) return `${label(field)}: ${show(v, tz)}`;
        if (v[0] === null || v[0] === undefined) return `${label(field)}: ${show(v[1], tz)}`;
        return `${label(field)}: ${show(v[0], tz)} → ${show(v[1], tz)}`;
      })
  );
}

/** Loads `${url}` (a …/:id/history endpoint) and shows it as a timeline in the given zone. */
export function HistoryTimeline({ url, timeZone }: { url: string; timeZone?: string | null }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: historyKeys.of(url),
    queryFn: () => api<{ items: HistoryEntry[] }>('GET', url),
  });
  if (q.isPending) return <Spin />;
  if (q.error) return <Alert type="error" message={q.error.message} />;
  if (q.data.items.length === 0) return <Empty description={t('history.empty')} />;
  const label = (f: string) => t(`fields.${f}`, { defaultValue: f });
  // i18next reads ':' and '.' as separators, so actions such as 'onsite:check_in' are looked up as 'onsite__check_in'.
  const actionLabel = (action: string) => {
    if (action.startsWith('state:')) {
      const state = action.slice(6);
      return t('history.stateTo', { state: t(`wo.states.${state}`, { defaultValue: state }) });
    }
    return t(`history.actions.${action.replace(/[:.]/g, '__')}`, { defaultValue: action });
  };
  const items = [...q.data.items].reverse().map((e) => ({
    key: e.seq,
    children: (
      <div data-testid="history-entry">
        <Typography.Text strong>{actionLabel(e.action)}</Typography.Text>{' '}
        <Typography.Text type="secondary">
          {formatTime(e.at, timeZone)} · {e.actor}
        </Typography.Text>
        {e.reason && <div>{t('history.reason', { reason: e.reason })}</div>}
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
          {changeLines(e.changes, label, timeZone).map((l) => (
            <li key={l}>
              <Typography.Text style={{ fontSize: 12 }}>{l}</Typography.Text>
            </li>
          ))}
        </ul>
      </div>
    ),
  }));
  return (
    <section aria-label={t('history.title')}>
      <Timeline items={items} />
    </section>
  );
}
