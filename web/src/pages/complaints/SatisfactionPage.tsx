/**
 * CS-2 satisfaction charts: the headline figures, the trend per month, and the ranking by
 * partner and by region, with the top complaint categories and an xlsx export. The figures
 * come from the one dashboard aggregate, computed by the server within the person's scope.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { complaintKeys } from '../../queries/complaints.ts';
import { Chart } from '../DashboardPage.tsx';

interface Figures {
  rated: number;
  average: number | null;
  rate: number | null;
  responseRate: number | null;
  complaints: number;
  complaintsPer1000: number | null;
  topCategories: Array<{ category: string; count: number }>;
}
type View = Figures & { groups: Array<Figures & { key: string | null; label: string | null }> };

function useSatisfaction(groupBy: 'month' | 'partner' | 'region' | 'engineer') {
  return useQuery({
    queryKey: complaintKeys.satisfaction(groupBy),
    queryFn: () => api<View>('GET', `/api/v1/dashboard/satisfaction?groupBy=${groupBy}`),
  });
}

/** A bar chart of one figure per group; groups without a key are the own staff. */
function barOption(
  view: View | undefined,
  series: Array<{ name: string; value: (g: Figures) => number | null }>,
  own: string,
) {
  return (
    view && {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 48 },
      xAxis: { type: 'category', data: view.groups.map((g) => g.label ?? g.key ?? own) },
      yAxis: { type: 'value' },
      series: series.map((x) => ({ type: 'bar', name: x.name, data: view.groups.map(x.value) })),
    }
  );
}

/** The satisfaction page. */
export default function SatisfactionPage() {
  const { t } = useTranslation();
  const month = useSatisfaction('month');
  const partner = useSatisfaction('partner');
  const region = useSatisfaction('region');
  const engineer = useSatisfaction('engineer');
  const own = t('wording.satisfaction.ownStaff');
  const trend = useMemo(
    () =>
      barOption(
        month.data,
        [
          { name: t('wording.satisfaction.average'), value: (g) => g.average },
          { name: t('wording.satisfaction.complaints'), value: (g) => g.complaints },
        ],
        own,
      ),
    [month.data, t, own],
  );
  const byPartner = useMemo(
    () => barOption(partner.data, [{ name: t('wording.satisfaction.rate'), value: (g) => g.rate }], own),
    [partner.data, t, own],
  );
  const byRegion = useMemo(
    () => barOption(region.data, [{ name: t('wording.satisfaction.rate'), value: (g) => g.rate }], own),
    [region.data, t, own],
  );
  const byEngineer = useMemo(
    () =>
      barOption(
        engineer.data,
        [
          { name: t('wording.satisfaction.average'), value: (g) => g.average },
          { name: t('wording.satisfaction.complaints'), value: (g) => g.complaints },
        ],
        t('wording.satisfaction.noEngineer'),
      ),
    [engineer.data, t],
  );
  const all = month.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('wording.satisfaction.title')}
          </Typography.Title>
          <Button href="/api/v1/dashboard/satisfaction/export?groupBy=month">
            {t('wording.satisfaction.export')}
          </Button>
        </Space>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={6}>
            <Statistic title={t('wording.satisfaction.average')} value={all?.average ?? '—'} />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('wording.satisfaction.rate')}
              value={all?.rate ?? '—'}
              suffix={all?.rate != null ? '%' : ''}
            />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('wording.satisfaction.responseRate')}
              value={all?.responseRate ?? '—'}
              suffix={all?.responseRate != null ? '%' : ''}
            />
          </Col>
          <Col span={6}>
            <Statistic title={t('wording.satisfaction.per1000')} value={all?.complaintsPer1000 ?? '—'} />
          </Col>
        </Row>
        <Space style={{ marginTop: 12 }} wrap>
          <span>{t('wording.satisfaction.topCategories')}:</span>
          {(all?.topCategories ?? []).map((c) => (
            <Tag key={c.category}>
              {t(`wording.complaints.categories.${c.category}`)} · {c.count}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card title={t('wording.satisfaction.trend')}>
        {trend && <Chart option={trend} label={t('wording.satisfaction.trend')} />}
      </Card>
      <Row gutter={16}>
        <Col span={12}>
          <Card title={t('wording.satisfaction.byPartner')}>
            {byPartner && <Chart option={byPartner} label={t('wording.satisfaction.byPartner')} />}
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('wording.satisfaction.byRegion')}>
            {byRegion && <Chart option={byRegion} label={t('wording.satisfaction.byRegion')} />}
          </Card>
        </Col>
      </Row>
      <Card title={t('wording.satisfaction.byEngineer')}>
        {byEngineer && <Chart option={byEngineer} label={t('wording.satisfaction.byEngineer')} />}
      </Card>
    </Space>
  );
}
