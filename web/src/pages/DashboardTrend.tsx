/** The dashboard's trend card: orders received, critical and closed per week or month, and compliance. */
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Segmented, Spin } from 'antd';
import { LineChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../api.ts';
import type { ApiOk } from '../contract/index.ts';
import { dashKeys } from '../queries/dashboard.ts';
import { Chart } from './DashboardPage.tsx';

echarts.use([LineChart]);

type Trend = ApiOk<'/api/v1/dashboard/trend', 'get'>;
export type TrendBucket = Trend['bucket'];

/** The trend over [from, to) by `bucket`; the bucket switch is the caller's (kept in the URL). */
export function TrendCard(props: {
  from: string;
  to: string;
  bucket: TrendBucket;
  onBucket: (b: TrendBucket) => void;
}) {
  const { t } = useTranslation();
  const trend = useQuery({
    queryKey: dashKeys.trend(props.from, props.to, props.bucket),
    queryFn: () =>
      api<Trend>(
        'GET',
        `/api/v1/dashboard/trend${qs({ from: props.from, to: props.to, bucket: props.bucket })}`,
      ),
  });
  const option = useMemo<echarts.EChartsCoreOption | undefined>(() => {
    const points = trend.data?.points;
    if (!points) return undefined;
    const label = (p: string) => (trend.data?.bucket === 'week' ? t('dash.weekOf', { day: p.slice(5) }) : p);
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 48, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: points.map((p) => label(p.period)) },
      yAxis: [
        { type: 'value', minInterval: 1, name: t('dash.received') },
        { type: 'value', min: 0, max: 100, name: t('dash.compliance'), splitLine: { show: false } },
      ],
      series: [
        {
          name: t('dash.received'),
          type: 'bar',
          data: points.map((p) => p.received),
          itemStyle: { color: '#1f5fbf' },
        },
        {
          name: t('dash.critical'),
          type: 'bar',
          data: points.map((p) => p.critical),
          itemStyle: { color: '#cf1322' },
        },
        {
          name: t('dash.closed'),
          type: 'bar',
          data: points.map((p) => p.closed),
          itemStyle: { color: '#8c8c8c' },
        },
        {
          name: t('dash.compliance'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: points.map((p) => p.compliance.percent),
          itemStyle: { color: '#389e0d' },
        },
      ],
    };
  }, [trend.data, t]);
  return (
    <Card
      title={t('dash.trend')}
      extra={
        <Segmented
          value={props.bucket}
          onChange={(v) => props.onBucket(v as TrendBucket)}
          options={[
            { value: 'week', label: t('dash.byWeek') },
            { value: 'month', label: t('dash.byMonth') },
          ]}
        />
      }
    >
      {trend.error ? (
        <Empty description={`${t('common.loadFailed')}: ${trend.error.message}`} />
      ) : option ? (
        <Chart option={option} label={t('dash.trend')} />
      ) : (
        <Spin />
      )}
    </Card>
  );
}
