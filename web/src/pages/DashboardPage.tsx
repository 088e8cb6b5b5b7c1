/**
 * Manager dashboard: open orders by state and by severity, deadline compliance by partner and by
 * region, and satisfaction (ECharts, loaded only on this page; aggregates computed by the server).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type ListPage, qs } from '../api.ts';
import { dashKeys } from '../queries/dashboard.ts';
import { SEVERITIES, STATES, type WorkOrder } from '../workOrders.ts';
import { type TrendBucket, TrendCard } from './DashboardTrend.tsx';

interface ComplianceRow {
  total: number;
  met: number;
  breached: number;
  percent: number | null;
}
interface ComplianceView {
  byPartner: (ComplianceRow & { partnerId: string | null; partnerName: string | null })[];
  byRegion: (ComplianceRow & { regionId: string; regionName: string; regionNameEn: string | null })[];
}
interface SatisfactionView {
  scores: { score: number; count: number }[];
  refused: number;
  rated: number;
  average: number | null;
}

/** Met and breached clocks as stacked horizontal bars, with the share met in the tooltip. */
function complianceOption(
  t: (k: string, o?: Record<string, unknown>) => string,
  rows: (ComplianceRow & { label: string })[],
): echarts.EChartsCoreOption {
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const r = rows[params[0]?.dataIndex ?? 0];
        if (!r) return '';
        return `${r.label}<br/>${t('dash.met')}: ${r.met}<br/>${t('dash.breached')}: ${r.breached}<br/>${t('dash.compliance')}: ${r.percent ?? '-'}`;
      },
    },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => `${r.label} ${r.percent ?? '-'}%`), inverse: true },
    series: [
      {
        name: t('dash.met'),
        type: 'bar',
        stack: 'n',
        data: rows.map((r) => r.met),
        itemStyle: { color: '#389e0d' },
      },
      {
        name: t('dash.breached'),
        type: 'bar',
        stack: 'n',
        data: rows.map((r) => r.breached),
        itemStyle: { color: '#cf1322' },
      },
    ],
  };
}

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * A chart that follows its option and its container's width. `onPick` receives the index of the
 * bar or slice clicked, for a drill-down to the records behind it.
 */
export function Chart({
  option,
  label,
  onPick,
}: {
  option: echarts.EChartsCoreOption;
  label: string;
  onPick?: (dataIndex: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    if (onPick) {
      chart.on('click', (p) => onPick(p.dataIndex));
      chart.getZr().setCursorStyle('pointer');
    }
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, onPick]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 320 }} />;
}

/** A chart once its data is in; a note when there is nothing to chart yet or the load failed. */
function ChartOrEmpty(props: {
  option: echarts.EChartsCoreOption | undefined;
  empty: boolean;
  error: string | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  if (props.error) return <Empty description={`${t('common.loadFailed')}: ${props.error}`} />;
  if (!props.option) return <Spin />;
  if (props.empty) return <Empty description={t('dash.noData')} />;
  return <Chart option={props.option} label={props.label} />;
}

const count = (filter: string) => () =>
  api<ListPage<WorkOrder>>('GET', `/api/v1/work-orders?limit=1&${filter}`);

/** The period shown: from the URL (`from`, `to` as local dates), else the last twelve weeks. */
function usePeriod() {
  const [url, setUrl] = useSearchParams();
  const to = url.get('to') ? dayjs(url.get('to')) : dayjs().add(1, 'day').startOf('day');
  const from = url.get('from') ? dayjs(url.get('from')) : to.subtract(12, 'week');
  const bucket: TrendBucket = url.get('bucket') === 'month' ? 'month' : 'week';
  const put = (patch: Record<string, string>) =>
    setUrl((old) => {
      const next = new URLSearchParams(old);
      for (const [k, v] of Object.entries(patch)) next.set(k, v);
      return next;
    });
  return { from, to, bucket, put };
}

/** The dashboard page. */
export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const period = usePeriod();
  const range = { from: period.from.toISOString(), to: period.to.toISOString() };
  // Totals come from the list endpoint's `total`, one small request per bucket.
  const byState = useQueries({
    queries: STATES.map((s) => ({ queryKey: dashKeys.state(s), queryFn: count(`state=${s}`) })),
  });
  const bySeverity = useQueries({
    queries: SEVERITIES.map((s) => ({
      queryKey: dashKeys.severity(s),
      queryFn: count(`severity=${s}&open=true`),
    })),
  });
  const comp = useQuery({
    queryKey: dashKeys.compliance(range.from, range.to),
    queryFn: () => api<ComplianceView>('GET', `/api/v1/dashboard/deadline-compliance${qs(range)}`),
  });
  const sat = useQuery({
    queryKey: dashKeys.satisfaction(range.from, range.to),
    queryFn: () => api<SatisfactionView>('GET', `/api/v1/dashboard/satisfaction${qs(range)}`),
  });
  const en = i18n.language === 'en';
  const partnerOption = useMemo(
    () =>
      comp.data &&
      complianceOption(
        t,
        comp.data.byPartner.map((p) => ({ ...p, label: p.partnerName ?? t('dash.ownStaff') })),
      ),
    [comp.data, t],
  );
  const regionOption = useMemo(
    () =>
      comp.data &&
      complianceOption(
        t,
        comp.data.byRegion.map((r) => ({
          ...r,
          label: en && r.regionNameEn ? r.regionNameEn : r.regionName,
        })),
      ),
    [comp.data, t, en],
  );
  const satOption = useMemo<echarts.EChartsCoreOption | undefined>(
    () =>
      sat.data && {
        tooltip: {},
        grid: { left: 40, right: 16, bottom: 32, top: 16 },
        xAxis: {
          type: 'category',
          data: [...sat.data.scores.map((s) => t('dash.score', { score: s.score })), t('dash.refused')],
        },
        yAxis: { type: 'value', minInterval: 1, name: t('dash.ratings') },
        series: [
          {
            type: 'bar',
            data: [
              ...sat.data.scores.map((s) => ({
                value: s.count,
                itemStyle: { color: ['#cf1322', '#fa8c16', '#fadb14', '#73d13d', '#389e0d'][s.score - 1] },
              })),
              { value: sat.data.refused, itemStyle: { color: '#bfbfbf' } },
            ],
          },
        ],
      },
    [sat.data, t],
  );
  const pickState = useCallback(
    (i: number) => STATES[i] && navigate(`/orders?state=${STATES[i]}`),
    [navigate],
  );
  const pickSeverity = useCallback(
    (i: number) => SEVERITIES[i] && navigate(`/orders?severity=${SEVERITIES[i]}&open=true`),
    [navigate],
  );
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
        <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
          <h1 style={{ fontSize: 18, margin: 0 }}>{t('nav.dashboard')}</h1>
          <Space wrap>
            <Typography.Text type="secondary">{t('dash.drill')}</Typography.Text>
            <DatePicker.RangePicker
              aria-label={t('dash.range')}
              allowClear={false}
              value={[period.from, period.to.subtract(1, 'day')]}
              onChange={(v) => {
                const [a, b] = v ?? [];
                if (a && b)
                  period.put({ from: a.format('YYYY-MM-DD'), to: b.add(1, 'day').format('YYYY-MM-DD') });
              }}
            />
          </Space>
        </Space>
      </Col>
      <Col xs={12} md={6}>
        <Card hoverable onClick={() => navigate('/orders?open=true')}>
          <Statistic title={t('dashboard.open')} value={open} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card hoverable onClick={() => navigate('/orders?severity=critical&open=true')}>
          <Statistic
            title={t('dashboard.criticalOpen')}
            value={criticalOpen}
            valueStyle={{ color: criticalOpen ? '#cf1322' : undefined }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('dashboard.byState')}>
          <Chart option={stateOption} label={t('dashboard.byState')} onPick={pickState} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('dashboard.bySeverity')}>
          <Chart option={severityOption} label={t('dashboard.bySeverity')} onPick={pickSeverity} />
        </Card>
      </Col>
      <Col span={24}>
        <TrendCard
          from={range.from}
          to={range.to}
          bucket={period.bucket}
          onBucket={(bucket) => period.put({ bucket })}
        />
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('dash.complianceByPartner')}>
          <ChartOrEmpty
            option={partnerOption}
            empty={!comp.data?.byPartner.length}
            error={comp.error?.message}
            label={t('dash.complianceByPartner')}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('dash.complianceByRegion')}>
          <ChartOrEmpty
            option={regionOption}
            empty={!comp.data?.byRegion.length}
            error={comp.error?.message}
            label={t('dash.complianceByRegion')}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={t('dash.satisfaction')}
          extra={
            <Statistic
              title={t('dash.satisfactionAverage')}
              value={sat.data?.average ?? '-'}
              valueStyle={{ fontSize: 16 }}
            />
          }
        >
          <ChartOrEmpty
            option={satOption}
            empty={false}
            error={sat.error?.message}
            label={t('dash.satisfaction')}
          />
        </Card>
      </Col>
    </Row>
  );
}
