/**
 * RS-5 inspection plans: the plans with their recurrence and next occurrence, the inspections
 * due in the coming month (a calendar by due day), and this month's completion rate per region
 * and partner as the server computes it.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { resourceKeys } from '../../queries/resources.ts';
import { regionName, useRegions } from '../../regions.ts';
import { formatTime } from '../../time.ts';

interface Plan {
  id: string;
  name: string;
  recurrence: 'monthly' | 'quarterly' | 'cron';
  active: boolean;
  nextAt: string | null;
}
interface Inspection {
  id: string;
  dueAt: string;
  regionId: string;
  state: 'open' | 'completed';
  equipmentClass: string;
}
interface Completion {
  regionId: string;
  partnerId: string | null;
  planned: number;
  completed: number;
  rate: number | null;
}

export default function InspectionsPage() {
  const { t, i18n } = useTranslation();
  const now = useMemo(() => new Date(), []);
  const month = now.toISOString().slice(0, 7);
  const until = new Date(now.getTime() + 31 * 86_400_000).toISOString();
  const regions = useRegions();
  const nameOf = (id: string) => {
    const r = regions.data?.items.find((x) => x.id === id);
    return r ? regionName(r, i18n.language) : '';
  };
  const plans = useQuery({
    queryKey: resourceKeys.inspectionPlans,
    queryFn: () => api<{ items: Plan[] }>('GET', '/api/v1/inspection-plans?limit=500'),
  });
  const due = useQuery({
    queryKey: resourceKeys.inspectionsDue(until),
    queryFn: () =>
      api<{ items: Inspection[] }>(
        'GET',
        `/api/v1/inspections?state=open&dueTo=${encodeURIComponent(until)}&limit=500`,
      ),
  });
  const completion = useQuery({
    queryKey: resourceKeys.inspectionCompletion(month),
    queryFn: () => api<{ items: Completion[] }>('GET', `/api/v1/inspection-completion?month=${month}`),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('capacity.plans')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        loading={plans.isLoading}
        dataSource={plans.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('capacity.planName'), dataIndex: 'name' },
          {
            title: t('capacity.recurrence'),
            dataIndex: 'recurrence',
            render: (r: Plan['recurrence']) => t(`capacity.${r}`),
          },
          {
            title: t('capacity.nextAt'),
            key: 'nextAt',
            render: (_, p) =>
              p.active && p.nextAt ? formatTime(p.nextAt) : <Tag>{t('capacity.paused')}</Tag>,
          },
        ]}
      />
      <Card title={t('capacity.due')}>
        <Table
          size="small"
          rowKey="id"
          loading={due.isLoading}
          dataSource={due.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('capacity.dueAt'), dataIndex: 'dueAt', render: (v: string) => formatTime(v) },
            { title: t('capacity.region'), dataIndex: 'regionId', render: (id: string) => nameOf(id) },
            { title: t('capacity.planName'), dataIndex: 'equipmentClass' },
            {
              title: t('capacity.state'),
              dataIndex: 'state',
              render: (s: Inspection['state']) => (
                <Tag color={s === 'open' ? 'orange' : 'green'}>{t(`capacity.${s}`)}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('capacity.completion')}>
        <Table
          size="small"
          rowKey={(r) => `${r.regionId}|${r.partnerId ?? ''}`}
          loading={completion.isLoading}
          dataSource={completion.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('capacity.region'), dataIndex: 'regionId', render: (id: string) => nameOf(id) },
            { title: t('capacity.planned'), dataIndex: 'planned' },
            { title: t('capacity.done'), dataIndex: 'completed' },
            {
              title: t('capacity.rate'),
              dataIndex: 'rate',
              render: (v: number | null) => (v === null ? t('capacity.noData') : `${v}%`),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
