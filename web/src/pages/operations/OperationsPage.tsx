/** Major operations: the list, the calendar of windows, peaks and freezes (MO-1, MO-2) and the version catalog (MO-10, MO-11). */
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Calendar, Card, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../api.ts';
import { operationKeys, type SoftwareVersion, useSoftwareVersions } from '../../queries/operations.ts';
import { has, useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';
import { OperationWeek } from './OperationWeek.tsx';
import { WatchRoster } from './WatchRoster.tsx';

/** An operation as the list shows it. */
export interface OperationRow {
  id: string;
  kind: string;
  title: string;
  state: string;
  windowStart: string;
  windowEnd: string;
  planVersion: number;
  freezeFlaggedAt: string | null;
}

const STATE_COLOR: Record<string, string> = {
  completed: 'green',
  in_progress: 'blue',
  verifying: 'cyan',
  watching: 'geekblue',
  ready: 'purple',
  rolled_back: 'orange',
  aborted: 'red',
  cancelled: 'default',
};

export const stateColor = (s: string) => STATE_COLOR[s] ?? 'gold';

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function useOperations() {
  return useQuery({
    queryKey: operationKeys.all,
    queryFn: () => api<{ items: OperationRow[] }>('GET', '/api/v1/operations'),
  });
}

function OperationList() {
  const { t } = useTranslation();
  const { data, isLoading } = useOperations();
  return (
    <Table<OperationRow>
      rowKey="id"
      loading={isLoading}
      dataSource={data?.items ?? []}
      pagination={{ pageSize: 20 }}
      columns={[
        {
          title: t('operations.col.title'),
          render: (_, r) => <Link to={`/operations/${r.id}`}>{r.title}</Link>,
        },
        { title: t('operations.col.kind'), render: (_, r) => t(`operations.kind.${r.kind}`) },
        {
          title: t('operations.col.state'),
          render: (_, r) => (
            <>
              <Tag color={stateColor(r.state)}>{t(`operations.state.${r.state}`)}</Tag>
              {r.freezeFlaggedAt && <Tag color="red">{t('operations.freezeFlagged')}</Tag>}
            </>
          ),
        },
        {
          title: t('operations.col.window'),
          render: (_, r) => `${formatTime(r.windowStart)} – ${formatTime(r.windowEnd)}`,
        },
      ]}
    />
  );
}

interface CalendarData {
  rules: {
    id: string;
    kind: 'window' | 'peak';
    product: string | null;
    start_minute: number;
    end_minute: number;
  }[];
  freezes: { id: string; starts_at: string; ends_at: string; reason: string }[];
}

/** Week or month: each day shows the operations planned in it and any freeze covering it. */
function OperationCalendar() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [view, setView] = useState<'month' | 'week'>('month');
  const [week, setWeek] = useState<Dayjs>(dayjs().startOf('week'));
  const shown = view === 'week' ? week : month;
  const from = shown.startOf('month').subtract(7, 'day');
  const to = shown.endOf('month').add(14, 'day');
  const { data: ops } = useOperations();
  const { data: cal } = useQuery({
    queryKey: operationKeys.calendar(from.toISOString()),
    queryFn: () =>
      api<CalendarData>(
        'GET',
        `/api/v1/operation-calendar${qs({ from: from.toISOString(), to: to.toISOString() })}`,
      ),
  });
  const spans = (kind: 'window' | 'peak') =>
    (cal?.rules ?? [])
      .filter((r) => r.kind === kind)
      .map((r) => `${r.product ? `${r.product} ` : ''}${hhmm(r.start_minute)}–${hhmm(r.end_minute)}`)
      .join('，') || (kind === 'window' ? '00:00–06:00' : t('operations.empty'));
  const cell = (d: Dayjs) => {
    const day = d.format('YYYY-MM-DD');
    const freezes = (cal?.freezes ?? []).filter(
      (f) => dayjs(f.starts_at).format('YYYY-MM-DD') <= day && dayjs(f.ends_at).format('YYYY-MM-DD') >= day,
    );
    const planned = (ops?.items ?? []).filter((o) => dayjs(o.windowStart).format('YYYY-MM-DD') === day);
    return (
      <div data-day={day}>
        {freezes.map((f) => (
          <Badge key={f.id} status="error" text={`${t('operations.freeze')}：${f.reason}`} />
        ))}
        {planned.map((o) => (
          <div key={o.id}>
            <Link to={`/operations/${o.id}`}>
              <Tag color={stateColor(o.state)}>{o.title}</Tag>
            </Link>
          </div>
        ))}
      </div>
    );
  };
  return (
    <Card>
      <Typography.Paragraph>
        {t('operations.calendarLegend', { windows: spans('window'), peaks: spans('peak') })}
      </Typography.Paragraph>
      <Segmented
        style={{ marginBottom: 8 }}
        value={view}
        onChange={(v) => setView(v as 'month' | 'week')}
        options={[
          { value: 'month', label: t('operations.month') },
          { value: 'week', label: t('operations.week') },
        ]}
      />
      {view === 'week' ? (
        <OperationWeek
          start={week}
          onMove={setWeek}
          operations={ops?.items ?? []}
          freezes={cal?.freezes ?? []}
          color={stateColor}
        />
      ) : (
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d) => setMonth(d)}
          cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
        />
      )}
    </Card>
  );
}

type VersionRow = SoftwareVersion;

function VersionCatalog() {
  const { t } = useTranslation();
  const { data, isLoading } = useSoftwareVersions();
  return (
    <Table<VersionRow>
      rowKey="id"
      loading={isLoading}
      dataSource={data?.items ?? []}
      pagination={false}
      columns={[
        { title: t('operations.product'), dataIndex: 'product' },
        { title: t('operations.version'), dataIndex: 'version' },
        {
          title: t('operations.col.state'),
          render: (_, v) => (
            <Tag color={v.status === 'released' ? 'green' : v.status === 'restricted' ? 'orange' : 'red'}>
              {t(`operations.versionStatus.${v.status}`)}
            </Tag>
          ),
        },
        {
          title: t('operations.pilot'),
          render: (_, v) =>
            v.pilotVerified ? (
              <Tag color="green">{t('operations.pilotVerified')}</Tag>
            ) : (
              <Tag color="gold">{t('operations.pilotPending')}</Tag>
            ),
        },
        { title: t('operations.runsAt'), render: (_, v) => v.siteIds.length },
      ]}
    />
  );
}

export default function OperationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Card
      title={t('operations.title')}
      extra={
        <Space>
          {has(me, 'operations.approve') && (
            <Link to="/operations/approvals">{t('operations.inbox.nav')}</Link>
          )}
          {has(me, 'operations.plan') && (
            <Link to="/operations/new">
              <Button type="primary">{t('operations.newOperation')}</Button>
            </Link>
          )}
        </Space>
      }
    >
      <Tabs
        items={[
          { key: 'list', label: t('operations.list'), children: <OperationList /> },
          { key: 'calendar', label: t('operations.calendar'), children: <OperationCalendar /> },
          { key: 'versions', label: t('operations.versions'), children: <VersionCatalog /> },
          { key: 'roster', label: t('operations.roster.tab'), children: <WatchRoster color={stateColor} /> },
        ]}
      />
    </Card>
  );
}
