/**
 * VA-2 heat map: one indicator per partner × prefecture for the month. Colour is the share of
 * the scheme's target band reached (0–100), so a "lower is better" figure reads the same way;
 * an indicator the scheme does not weigh is coloured by its own value instead.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Spin, Typography } from 'antd';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { assessmentKeys } from '../../queries/assessment.ts';
import { Chart } from '../DashboardPage.tsx';
import { type Definition, valueText } from './assessment.ts';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

interface Heat {
  regions: { id: string; name: string; nameEn: string | null }[];
  partners: { partnerId: string | null; partnerName: string | null }[];
  cells: { regionId: string; partnerId: string | null; value: number | null; score: number | null }[];
}

export function HeatmapCard(props: { month: string; indicator: string; definition: Definition | undefined }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { month, indicator, definition } = props;
  const heat = useQuery({
    queryKey: assessmentKeys.heatmap(month, indicator),
    queryFn: () => api<Heat>('GET', `/api/v1/assessment/heatmap?month=${month}&indicator=${indicator}`),
  });
  const own = t('assessment.ownStaff');
  const name = definition ? definition.name[en ? 'en' : 'zh-CN'] : indicator;
  const scored = (heat.data?.cells ?? []).some((c) => c.score !== null);
  const option = useMemo(() => {
    const d = heat.data;
    if (!d) return undefined;
    const metric = (c: Heat['cells'][number]) => (scored ? c.score : c.value);
    const values = d.cells.map(metric).filter((v): v is number => v !== null);
    const cells = d.cells.map((c) => ({
      value: [
        d.regions.findIndex((r) => r.id === c.regionId),
        d.partners.findIndex((p) => p.partnerId === c.partnerId),
        metric(c) ?? '-',
      ],
      text: definition ? valueText(definition, { value: c.value, sample: 1, available: true }, t) : '',
    }));
    return {
      tooltip: {
        formatter: (p: { data: { value: number[]; text: string } }) => {
          const [x, y] = p.data.value;
          const partner = d.partners[y!]?.partnerName ?? own;
          const region = d.regions[x!];
          const place = en ? (region?.nameEn ?? region?.name) : region?.name;
          return `${partner} · ${place}<br/>${name}: ${p.data.text}`;
        },
      },
      grid: { left: 120, right: 24, top: 16, bottom: 72 },
      xAxis: { type: 'category', data: d.regions.map((r) => (en ? (r.nameEn ?? r.name) : r.name)) },
      yAxis: { type: 'category', data: d.partners.map((p) => p.partnerName ?? own) },
      visualMap: {
        min: scored ? 0 : Math.min(0, ...values),
        max: scored ? 100 : Math.max(1, ...values),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        // Higher is better once scored: green at full marks, red at none.
        inRange: { color: ['#d4380d', '#fadb14', '#389e0d'] },
      },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: labelOf } }],
    };
  }, [heat.data, scored, definition, own, name, en, t]);

  let body: React.ReactNode;
  if (heat.error) body = <Alert type="error" message={heat.error.message} />;
  else if (!heat.data || !option) body = <Spin />;
  else if (heat.data.cells.length === 0) body = <Empty description={t('assessment.noData')} />;
  else body = <Chart option={option} label={`${t('assessment.heatmap')}: ${name}`} />;
  return (
    <Card title={t('assessment.heatmap')}>
      <Typography.Paragraph type="secondary">
        {scored ? t('assessment.heatmapScored') : t('assessment.heatmapUnscored')}
      </Typography.Paragraph>
      {body}
    </Card>
  );
}

/** The cell's own figure as its label (the colour already says how it scores). */
function labelOf(p: { data: { text: string } }): string {
  return p.data.text;
}
