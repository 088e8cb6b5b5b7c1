/**
 * The watch roster (MO-8 and the duty roster): for each operation in the coming two weeks (and the
 * past one), who works it — the lead and team with their rostered shift during the window, a red
 * mark where someone has none — and the watch shifts recorded on site after the work.
 */
import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../api.ts';
import { operationKeys } from '../../queries/operations.ts';
import { currentTimeZone, formatTime } from '../../time.ts';
import type { OperationRow } from './OperationsPage.tsx';

interface RosterItem {
  operation: OperationRow;
  crew: { personId: string; name: string; lead: boolean; shifts: { startsAt: string; endsAt: string }[] }[];
  watch: { names: string[]; from: string; to: string }[];
}

export function WatchRoster({ color }: { color: (state: string) => string }) {
  const { t } = useTranslation();
  const tz = currentTimeZone();
  const from = dayjs().startOf('day').subtract(7, 'day');
  const to = from.add(21, 'day');
  const { data, isLoading } = useQuery({
    queryKey: operationKeys.roster(from.toISOString()),
    queryFn: () =>
      api<{ items: RosterItem[] }>(
        'GET',
        `/api/v1/operation-roster${qs({ from: from.toISOString(), to: to.toISOString() })}`,
      ),
  });
  const hm = (iso: string) => dayjs.utc(iso).tz(tz).format('MM-DD HH:mm');
  return (
    <Table<RosterItem>
      rowKey={(r) => r.operation.id}
      loading={isLoading}
      dataSource={data?.items ?? []}
      locale={{ emptyText: t('operations.empty') }}
      pagination={false}
      columns={[
        {
          title: t('operations.col.title'),
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <Link to={`/operations/${r.operation.id}`}>{r.operation.title}</Link>
              <Tag color={color(r.operation.state)}>{t(`operations.state.${r.operation.state}`)}</Tag>
            </Space>
          ),
        },
        {
          title: t('operations.col.window'),
          render: (_, r) => `${formatTime(r.operation.windowStart)} – ${formatTime(r.operation.windowEnd)}`,
        },
        {
          title: t('operations.roster.crew'),
          render: (_, r) => (
            <Space direction="vertical" size={2}>
              {r.crew.map((c) => (
                <div key={c.personId}>
                  <Typography.Text strong={c.lead}>
                    {c.name}
                    {c.lead ? `（${t('operations.roster.leadMark')}）` : ''}
                  </Typography.Text>{' '}
                  {c.shifts.length === 0 ? (
                    <Tag color="red">{t('operations.roster.noShift')}</Tag>
                  ) : (
                    c.shifts.map((s) => (
                      <Tag key={s.startsAt} color="green">
                        {t('operations.roster.onDuty', { from: hm(s.startsAt), to: hm(s.endsAt) })}
                      </Tag>
                    ))
                  )}
                </div>
              ))}
            </Space>
          ),
        },
        {
          title: t('operations.roster.watch'),
          render: (_, r) =>
            r.watch.length === 0
              ? '—'
              : r.watch.map((w) => (
                  <div key={w.from}>{`${w.names.join('、')} ${hm(w.from)} – ${hm(w.to)}`}</div>
                )),
        },
      ]}
    />
  );
}
