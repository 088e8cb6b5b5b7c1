/**
 * RS-4 capacity page: per region (the tree rolled up by the server) the subscribers and lines
 * maintained, the maintainers and vehicles on staff against what the ratios ask, the hotlines
 * short, and a bar chart of each prefecture's shortfall or surplus.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { resourceKeys } from '../../queries/resources.ts';
import { Chart } from '../DashboardPage.tsx';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Figures {
  homeSubscribers: number;
  enterpriseLines: number;
  maintainers: number;
  maintainersNeeded: number;
  maintainerGap: number;
  vehicles: number;
  vehiclesNeeded: number;
  vehicleGap: number;
  hotlinesShort: number;
}
interface Report {
  rules: {
    homePerMaintainer: number;
    linesPerMaintainer: number;
    maintainersPerVehicle: number;
    hotlineHours: number;
  };
  regions: { id: string; name: string; level: string; parentId: string | null; total: Figures }[];
  unplaced: { regionName: string; lines: number }[];
}

/** A gap as words and colour: red short, green spare. */
export function GapTag({ gap }: { gap: number }) {
  const { t } = useTranslation();
  if (gap < 0) return <Tag color="red">{t('capacity.shortfall', { n: -gap })}</Tag>;
  if (gap > 0) return <Tag color="green">{t('capacity.surplus', { n: gap })}</Tag>;
  return <Tag>{t('capacity.balanced')}</Tag>;
}

export default function CapacityPage() {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: resourceKeys.capacity,
    queryFn: () => api<Report>('GET', '/api/v1/capacity'),
  });
  const data = report.data;
  const prefectures = useMemo(() => (data?.regions ?? []).filter((r) => r.level === 'prefecture'), [data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 48 },
      xAxis: {
        type: 'category',
        data: prefectures.map((r) => r.name),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          name: t('capacity.maintainerGap'),
          data: prefectures.map((r) => r.total.maintainerGap),
        },
        { type: 'bar', name: t('capacity.vehicleGap'), data: prefectures.map((r) => r.total.vehicleGap) },
      ],
    }),
    [prefectures, t],
  );
  const rows = (data?.regions ?? []).map((r) => ({ key: r.id, name: r.name, level: r.level, ...r.total }));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('capacity.title')}
      </Typography.Title>
      {report.error && <Alert type="error" message={(report.error as Error).message} />}
      {data && (
        <Typography.Paragraph>
          {t('capacity.rules', {
            home: data.rules.homePerMaintainer,
            lines: data.rules.linesPerMaintainer,
            perVehicle: data.rules.maintainersPerVehicle,
            hours: data.rules.hotlineHours,
          })}
        </Typography.Paragraph>
      )}
      {data && data.unplaced.length > 0 && (
        <Alert
          type="warning"
          message={t('capacity.unplaced', {
            n: data.unplaced.reduce((a, u) => a + u.lines, 0),
            names: data.unplaced.map((u) => u.regionName).join('、'),
          })}
        />
      )}
      {prefectures.length > 0 && (
        <Card title={t('capacity.chart')}>
          <Chart option={option} label={t('capacity.chart')} />
        </Card>
      )}
      <Table
        size="small"
        loading={report.isLoading}
        dataSource={rows}
        pagination={false}
        columns={[
          {
            title: t('capacity.region'),
            dataIndex: 'name',
            render: (name: string, r) =>
              r.level === 'county' ? <span style={{ paddingLeft: 24 }}>{name}</span> : name,
          },
          { title: t('capacity.homeSubscribers'), dataIndex: 'homeSubscribers' },
          { title: t('capacity.enterpriseLines'), dataIndex: 'enterpriseLines' },
          {
            title: t('capacity.maintainers'),
            key: 'maintainers',
            render: (_, r) => `${r.maintainers} / ${t('capacity.needed')} ${r.maintainersNeeded}`,
          },
          { title: t('capacity.gap'), key: 'gap', render: (_, r) => <GapTag gap={r.maintainerGap} /> },
          {
            title: t('capacity.vehicles'),
            key: 'vehicles',
            render: (_, r) => (
              <Space>
                {`${r.vehicles} / ${t('capacity.needed')} ${r.vehiclesNeeded}`}
                <GapTag gap={r.vehicleGap} />
              </Space>
            ),
          },
          { title: t('capacity.hotlines'), dataIndex: 'hotlinesShort' },
        ]}
      />
    </Space>
  );
}
