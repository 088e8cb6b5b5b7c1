/**
 * VA-2 scorecard page: the month's ranking, each indicator per partner (a number opens the
 * orders behind it), the twelve-month trend of one indicator, closing the month, comments and
 * the xlsx / PDF downloads. Every figure is computed by the server in the person's scope.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { assessmentKeys } from '../../queries/assessment.ts';
import { has, useMe } from '../../session.ts';
import { Chart } from '../DashboardPage.tsx';
import { type Definition, type IndicatorView, lastMonths, useDefinitions, valueText } from './assessment.ts';
import { DrillModal, type DrillTarget } from './DrillModal.tsx';
import { HeatmapCard } from './HeatmapCard.tsx';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Scorecard {
  closed: boolean;
  revision: number | null;
  revisions: { revision: number; reason: string | null; createdAt: string }[];
  rows: {
    partnerId: string;
    partnerName: string | null;
    score: number | null;
    rank: number | null;
    penalty: number;
  }[];
  comments: {
    id: string;
    partnerId: string;
    side: 'operator' | 'partner';
    authorName: string;
    body: string;
    createdAt: string;
  }[];
}
interface Trend {
  months: string[];
  partners: { partnerId: string | null; partnerName: string | null; values: (number | null)[] }[];
}

/** Figures whose number is a count of orders the server can list. */
const DRILLABLE = /^(installation_lead_time|first_time_fix|(respond|restore|resolve)_time|compliance_.+)$/;

export default function AssessmentPage() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [params, setParams] = useSearchParams();
  const months = useMemo(() => lastMonths(24), []);
  const month = params.get('month') ?? months[1]!;
  const [indicator, setIndicator] = useState('compliance_respond');
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [comment, setComment] = useState('');
  const [commentTo, setCommentTo] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const me = useMe().data;
  const queryClient = useQueryClient();
  const defs = useDefinitions();
  const card = useQuery({
    queryKey: assessmentKeys.card(month),
    queryFn: () => api<Scorecard>('GET', `/api/v1/assessment/scorecards/${month}`),
  });
  const view = useQuery({
    queryKey: assessmentKeys.indicators(month),
    queryFn: () => api<IndicatorView>('GET', `/api/v1/assessment/indicators?month=${month}`),
  });
  const trend = useQuery({
    queryKey: assessmentKeys.trend(month, indicator),
    queryFn: () => api<Trend>('GET', `/api/v1/assessment/trend?month=${month}&indicator=${indicator}`),
  });
  const own = t('assessment.ownStaff');
  const defByKey = new Map((defs.data ?? []).map((d) => [d.key, d]));
  const name = (d: Definition | undefined, key: string) => (d ? d.name[locale] : key);
  const refresh = () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all });

  const trendOption = useMemo(
    () =>
      trend.data && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 32, bottom: 32 },
        xAxis: { type: 'category', data: trend.data.months },
        yAxis: { type: 'value' },
        series: trend.data.partners.map((p) => ({
          type: 'line',
          name: p.partnerName ?? own,
          data: p.values,
          connectNulls: false,
        })),
      },
    [trend.data, own],
  );

  const partners = view.data?.partners ?? [];
  const columns = [
    { title: t('assessment.indicator'), dataIndex: 'label', key: 'label', width: 200 },
    ...partners.map((p) => ({
      title: p.partnerName ?? own,
      key: p.partnerId ?? 'own',
      render: (_: unknown, row: { key: string; label: string }) => {
        const d = defByKey.get(row.key);
        const text = d ? valueText(d, p.indicators[row.key], t) : '—';
        const v = p.indicators[row.key];
        if (!DRILLABLE.test(row.key) || !v?.available || !v.sample) return text;
        return (
          <Button
            type="link"
            size="small"
            onClick={() =>
              setDrill({
                month,
                figure: row.key,
                partnerId: p.partnerId,
                partnerName: p.partnerName ?? own,
                label: row.label,
              })
            }
          >
            {text}
          </Button>
        );
      },
    })),
  ];
  const rows = (defs.data ?? []).map((d) => ({ key: d.key, label: d.name[locale] }));

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await refresh();
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('assessment.title')}
          </Typography.Title>
          <Space wrap>
            <span>{t('assessment.month')}</span>
            <Select
              aria-label={t('assessment.month')}
              value={month}
              style={{ width: 120 }}
              options={months.map((m) => ({ value: m, label: m }))}
              onChange={(m) => setParams({ month: m })}
            />
            <Button href={`/api/v1/assessment/scorecards/${month}/export?format=xlsx`}>
              {t('assessment.downloadXlsx')}
            </Button>
            <Button href={`/api/v1/assessment/scorecards/${month}/export?format=pdf`}>
              {t('assessment.downloadPdf')}
            </Button>
          </Space>
        </Space>
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {card.data?.closed ? (
            <Tag color="blue">{t('assessment.closed', { revision: card.data.revision })}</Tag>
          ) : (
            <Tag>{t('assessment.open')}</Tag>
          )}
          {has(me, 'assessment.manage') && !card.data?.closed && (
            <Button
              size="small"
              onClick={() =>
                act(
                  () => api('POST', `/api/v1/assessment/scorecards/${month}/close`, {}),
                  t('assessment.closeDone'),
                )
              }
            >
              {t('assessment.close')}
            </Button>
          )}
        </Typography.Paragraph>
      </Card>
      <Card title={t('assessment.ranking')}>
        <Table
          size="small"
          pagination={false}
          rowKey="partnerId"
          dataSource={card.data?.rows ?? []}
          loading={card.isLoading}
          columns={[
            { title: t('assessment.rank'), dataIndex: 'rank', width: 80 },
            { title: t('assessment.partner'), dataIndex: 'partnerName' },
            {
              title: t('assessment.score'),
              dataIndex: 'score',
              render: (s: number | null) => s ?? t('assessment.noData'),
            },
            { title: t('assessment.penalty'), dataIndex: 'penalty' },
          ]}
        />
        {has(me, 'assessment.manage') && card.data?.closed && (
          <Space.Compact style={{ width: '100%', marginTop: 8 }}>
            <Input
              aria-label={t('assessment.reason')}
              placeholder={t('assessment.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button
              disabled={!reason.trim()}
              onClick={() =>
                act(async () => {
                  await api('POST', `/api/v1/assessment/scorecards/${month}/revisions`, { reason });
                  setReason('');
                }, t('assessment.revise'))
              }
            >
              {t('assessment.revise')}
            </Button>
          </Space.Compact>
        )}
        {!!card.data?.revisions.length && (
          <List
            size="small"
            header={t('assessment.revisions')}
            dataSource={card.data.revisions}
            renderItem={(r) => (
              <List.Item>
                {t('assessment.revisionEntry', {
                  revision: r.revision,
                  at: r.createdAt.slice(0, 10),
                  reason: r.reason ?? '',
                })}
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card
        title={t('assessment.trend')}
        extra={
          <Select
            aria-label={t('assessment.indicator')}
            value={indicator}
            style={{ width: 240 }}
            onChange={setIndicator}
            options={(defs.data ?? []).map((d) => ({ value: d.key, label: name(d, d.key) }))}
          />
        }
      >
        {trendOption && (
          <Chart
            option={trendOption}
            label={`${t('assessment.trend')}: ${name(defByKey.get(indicator), indicator)}`}
          />
        )}
      </Card>
      <HeatmapCard month={month} indicator={indicator} definition={defByKey.get(indicator)} />
      <Card title={t('assessment.indicators')}>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          columns={columns}
          loading={view.isLoading}
          scroll={{ x: true }}
        />
      </Card>
      <Card title={t('assessment.comments')}>
        <List
          size="small"
          dataSource={card.data?.comments ?? []}
          renderItem={(c) => (
            <List.Item>
              <Tag>{c.side === 'operator' ? t('assessment.sideOperator') : t('assessment.sidePartner')}</Tag>
              {c.authorName}：{c.body}
            </List.Item>
          )}
        />
        {me?.partnerId || has(me, 'assessment.manage') ? (
          <Space.Compact style={{ width: '100%', marginTop: 8 }}>
            {!me?.partnerId && (
              <Select
                aria-label={t('assessment.partner')}
                placeholder={t('assessment.partner')}
                style={{ width: 200 }}
                value={commentTo}
                onChange={setCommentTo}
                options={(card.data?.rows ?? []).map((r) => ({
                  value: r.partnerId,
                  label: r.partnerName ?? r.partnerId,
                }))}
              />
            )}
            <Input
              aria-label={t('assessment.commentPlaceholder')}
              placeholder={t('assessment.commentPlaceholder')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <Button
              disabled={!comment.trim() || !(me?.partnerId ?? commentTo)}
              onClick={() =>
                act(async () => {
                  await api('POST', `/api/v1/assessment/scorecards/${month}/comments`, {
                    partnerId: me?.partnerId ?? commentTo,
                    body: comment,
                  });
                  setComment('');
                }, t('assessment.send'))
              }
            >
              {t('assessment.send')}
            </Button>
          </Space.Compact>
        ) : null}
      </Card>
      <DrillModal target={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
