/** At-risk and breached clocks (SL-1, SL-2): time to breach or overdue, coloured by risk, filtered by region and partner. */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tabs, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../api.ts';
import { FormErrors } from '../components/FormErrors.tsx';
import { boardKeys } from '../queries/board.ts';
import { PARTNERS, RefSelect } from '../refs.tsx';
import { regionTree, useRegions } from '../regions.ts';
import { useMe } from '../session.ts';
import { formatTime } from '../time.ts';
import { type Severity, severityColor } from '../workOrders.ts';

/** One clock on a board. */
export interface Clock {
  id: string;
  orderId: string;
  orderLabel: string;
  kind: string;
  state: string;
  severity: string;
  dueAt: string | null;
  budgetMinutes: number;
  remainingMinutes: number | null;
  pausedMinutes: number;
  breachedAt: string | null;
  atRisk: boolean;
  regionId: string;
  partnerId: string | null;
  regionName?: string;
}

interface Board {
  items: Clock[];
  byRegion: { regionId: string; regionName: string; count: number }[];
  byPartner: { partnerId: string | null; count: number }[];
}

/** Working minutes as "2 h 05 min" (negative: overdue). */
export function minutesText(t: (k: string, o?: Record<string, unknown>) => string, m: number): string {
  const abs = Math.round(Math.abs(m));
  const h = Math.floor(abs / 60);
  const min = abs % 60;
  return h ? t('clocks.hm', { h, m: String(min).padStart(2, '0') }) : t('clocks.m', { m: min });
}

/** Red when breached, orange under a quarter of the budget, gold when at risk. */
export function riskColor(c: Clock): string {
  if (c.breachedAt || (c.remainingMinutes !== null && c.remainingMinutes <= 0)) return 'red';
  if (c.remainingMinutes !== null && c.remainingMinutes < c.budgetMinutes * 0.1) return 'volcano';
  if (c.atRisk) return 'orange';
  return 'green';
}

function BoardTable({
  status,
  regionId,
  partnerId,
}: {
  status: 'at-risk' | 'breached';
  regionId?: string;
  partnerId?: string;
}) {
  const { t } = useTranslation();
  const board = useQuery({
    queryKey: boardKeys.deadlines(status, regionId, partnerId),
    queryFn: () => api<Board>('GET', `/api/v1/deadlines/${status}${qs({ regionId, partnerId })}`),
    refetchInterval: 60_000,
  });
  if (board.error) return <FormErrors errors={[board.error.message]} />;
  return (
    <Table<Clock>
      rowKey="id"
      size="middle"
      loading={board.isPending}
      dataSource={board.data?.items ?? []}
      aria-label={t(status === 'breached' ? 'risk.breached' : 'risk.atRisk')}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      onRow={(c) =>
        ({ 'data-testid': `clock-${status}`, 'data-risk': riskColor(c) }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('risk.order'),
          dataIndex: 'orderLabel',
          render: (v: string, c) => <Link to={`/orders/${c.orderId}`}>{v}</Link>,
        },
        {
          title: t('fields.severity'),
          dataIndex: 'severity',
          render: (s: string) => <Tag color={severityColor(s as Severity)}>{t(`wo.severities.${s}`)}</Tag>,
        },
        {
          title: t('clocks.kind'),
          dataIndex: 'kind',
          render: (k: string) => t(`clocks.kinds.${k}`, { defaultValue: k }),
        },
        { title: t('fields.regionId'), dataIndex: 'regionName' },
        { title: t('clocks.due'), dataIndex: 'dueAt', render: (v: string | null) => formatTime(v) },
        {
          title: status === 'breached' ? t('clocks.overdue') : t('clocks.timeToBreach'),
          key: 'remaining',
          defaultSortOrder: 'ascend',
          sorter: (a, b) => (a.remainingMinutes ?? 0) - (b.remainingMinutes ?? 0),
          render: (_: unknown, c) =>
            c.remainingMinutes === null ? (
              <Tag>{t('clocks.paused')}</Tag>
            ) : (
              <Tag color={riskColor(c)}>
                {c.remainingMinutes <= 0
                  ? t('clocks.overdueBy', { time: minutesText(t, c.remainingMinutes) })
                  : t('clocks.left', { time: minutesText(t, c.remainingMinutes) })}
              </Tag>
            ),
        },
      ]}
    />
  );
}

/** The at-risk / breached page. */
export default function DeadlinesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const regions = useRegions();
  const tree = useMemo(
    () => regionTree(regions.data?.items ?? [], i18n.language),
    [regions.data, i18n.language],
  );
  const mayPartners = !!me.data?.permissions.includes('reference.read') && me.data?.scope === 'all';
  const [regionId, setRegionId] = useState<string | undefined>();
  const [partnerId, setPartnerId] = useState<string | undefined>();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <h1 style={{ fontSize: 18, margin: 0 }}>{t('nav.deadlines')}</h1>
      <Card size="small">
        <Space wrap>
          <TreeSelect
            aria-label={t('fields.regionId')}
            placeholder={t('fields.regionId')}
            allowClear
            style={{ width: 200 }}
            treeData={tree}
            treeDefaultExpandAll
            value={regionId}
            onChange={(v: string | undefined) => setRegionId(v)}
          />
          {mayPartners && (
            <RefSelect
              source={PARTNERS}
              ariaLabel={t('risk.partner')}
              placeholder={t('risk.partner')}
              width={200}
              value={partnerId}
              onChange={(v) => setPartnerId(typeof v === 'string' ? v : undefined)}
            />
          )}
          <Typography.Text type="secondary">{t('risk.help')}</Typography.Text>
        </Space>
      </Card>
      <Tabs
        items={[
          {
            key: 'at-risk',
            label: t('risk.atRisk'),
            children: <BoardTable status="at-risk" regionId={regionId} partnerId={partnerId} />,
          },
          {
            key: 'breached',
            label: t('risk.breached'),
            children: <BoardTable status="breached" regionId={regionId} partnerId={partnerId} />,
          },
        ]}
      />
    </Space>
  );
}
