/** Manager dashboard: open orders by state and by severity (ECharts, loaded only on this page). */
import { useQueries } from '@tanstack/react-query';
import { Card, Col, Row, Spin, Statistic } from 'antd';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListPage } from '../api.ts';
import { SEVERITIES, STATES, type WorkOrder } from '../workOrders.ts';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** A chart that follows its option and its container's width. */
function Chart({ option, label }: { option: echarts.EChartsCoreOption; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 320 }} />;
}

const count = (filter: string) => () =>
  api<ListPage<WorkOrder>>('GET', `/api/v1/work-orders?limit=1&${filter}`);

/** The dashboard page. */
export default function DashboardPage() {
  const { t } = useTranslation();
  // Totals come from the list endpoint's `total`, one small request per bucket.
  const byState = useQueries({
    queries: STATES.map((s) => ({ queryKey: ['dash', 'state', s], queryFn: count(`state=${s}`) })),
  });
  const bySeverity = useQueries({
    queries: SEVERITIES.map((s) => ({
      queryKey: ['dash', 'severity', s],
      queryFn: count(`severity=${s}&open=true`),
    })),
  });
  const loading = [...byState, ...bySeverity].some((q) => q.isPending);
  if (loading) return <Spin />;
  const stateTotals = byState.map((q) => q.data?.total ?? 0);
  const severityTotals = bySeverity.map((q) => q.data?.total ?? 0);
  const open = STATES.reduce(
    (n, s, i) => (s === 'closed' || s === 'cancelled' ? n : n + (stateTotals[i] ?? 0)),
    0,
  );
  const criticalOpen = severityTotals[0] ?? 0;

  const stateOption: echarts.EChartsCoreOption = {
    tooltip: {},
    grid: { left: 40, right: 16, bottom: 80, top: 16 },
    xAxis: { type: 'category', data: STATES.map((s) => t(`wo.states.${s}`)), axisLabel: { rotate: 40 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: stateTotals, itemStyle: { color: '#1f5fbf' } }],
  };
  const severityOption: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        // The same colours as the severity tags elsewhere in the console.
        color: ['#cf1322', '#fa8c16', '#1677ff', '#bfbfbf'],
        data: SEVERITIES.map((s, i) => ({ name: t(`wo.severities.${s}`), value: severityTotals[i] ?? 0 })),
      },
    ],
  };
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <h1 style={{ fontSize: 18, margin: 0 }}>{t('nav.dashboard')}</h1>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Statistic title={t('dashboard.open')} value={open} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Statistic
            title={t('dashboard.criticalOpen')}
            value={criticalOpen}
            valueStyle={{ color: criticalOpen ? '#cf1322' : undefined }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('dashboard.byState')}>
          <Chart option={stateOption} label={t('dashboard.byState')} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('dashboard.bySeverity')}>
          <Chart option={severityOption} label={t('dashboard.bySeverity')} />
        </Card>
      </Col>
    </Row>
  );
}
