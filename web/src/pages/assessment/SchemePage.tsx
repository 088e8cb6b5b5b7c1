/**
 * VA-2 scheme editor: the weight and target band of each indicator and the penalty per
 * major-operation violation. The page shows the running total of the weights; the server
 * decides (weights adding up to 100, bands whose two ends differ …) and its refusals are shown
 * beside the field they name. Below, every change of the scheme: who, when, what.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  InputNumber,
  List,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type HistoryEntry } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { assessmentKeys } from '../../queries/assessment.ts';
import { has, useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';
import { useDefinitions } from './assessment.ts';
import { type Scheme, type SchemeItem, schemeChangeLines, weighable, weightTotal } from './scheme.ts';

type Field = 'key' | 'weight' | 'full' | 'zero';

export default function SchemePage() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const me = useMe().data;
  const canEdit = has(me, 'assessment.manage');
  const queryClient = useQueryClient();
  const defs = useDefinitions();
  const scheme = useQuery({
    queryKey: assessmentKeys.scheme,
    queryFn: () => api<Scheme & { version: number }>('GET', '/api/v1/assessment/scheme'),
  });
  const history = useQuery({
    queryKey: assessmentKeys.schemeHistory,
    queryFn: () => api<{ items: HistoryEntry[] }>('GET', '/api/v1/assessment/scheme/history'),
    enabled: has(me, 'history.read'),
  });
  const [items, setItems] = useState<SchemeItem[]>([]);
  const [penalty, setPenalty] = useState<number>(0);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<string[]>([]);
  useEffect(() => {
    if (!scheme.data) return;
    setItems(scheme.data.items);
    setPenalty(scheme.data.penaltyPerViolation);
  }, [scheme.data]);

  const nameOf = (key: string) => defs.data?.find((d) => d.key === key)?.name[locale] ?? key;
  const total = weightTotal(items);
  const edit = (i: number, field: Field, value: string | number | null) =>
    setItems((xs) => xs.map((x, k) => (k === i ? { ...x, [field]: value ?? Number.NaN } : x)));
  const unused = weighable(defs.data ?? []).filter((d) => !items.some((i) => i.key === d.key));

  const save = async () => {
    setProblems({});
    setErrors([]);
    try {
      await api('PUT', '/api/v1/assessment/scheme', { items, penaltyPerViolation: penalty });
      message.success(t('assessment.scheme.saved'));
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    } catch (err) {
      if (!(err instanceof ApiError)) return setErrors([(err as Error).message]);
      const byField: Record<string, string> = {};
      const loose: string[] = [err.message];
      // A refusal naming a cell ("items.2.weight") is shown under it; the rest (the total) above.
      for (const d of err.details) {
        if (/^items\.\d+\.\w+$/.test(d.field) || d.field === 'penaltyPerViolation')
          byField[d.field] = d.message;
        else loose.push(d.message);
      }
      setProblems(byField);
      setErrors(loose);
    }
  };

  const cell = (field: Exclude<Field, 'key'>) => (_: unknown, row: SchemeItem, i: number) => {
    const problem = problems[`items.${i}.${field}`];
    return (
      <>
        <InputNumber
          aria-label={`${nameOf(row.key)} ${t(`assessment.scheme.${field}`)}`}
          value={Number.isFinite(row[field]) ? row[field] : null}
          disabled={!canEdit}
          status={problem ? 'error' : undefined}
          onChange={(v) => edit(i, field, v)}
        />
        {problem && <Typography.Text type="danger"> {problem}</Typography.Text>}
      </>
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('assessment.scheme.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('assessment.scheme.explain')}
        </Typography.Paragraph>
        {scheme.data && scheme.data.version === 0 && <Tag>{t('assessment.scheme.default')}</Tag>}
      </Card>
      <Card
        title={t('assessment.scheme.items')}
        extra={
          <Tag color={total === 100 ? 'green' : 'red'} data-testid="weight-total">
            {t('assessment.scheme.total', { total })}
          </Tag>
        }
      >
        <FormErrors errors={errors} />
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          loading={scheme.isLoading || defs.isLoading}
          dataSource={items}
          columns={[
            {
              title: t('assessment.indicator'),
              key: 'key',
              render: (_: unknown, row: SchemeItem, i: number) => (
                <>
                  {nameOf(row.key)}
                  {problems[`items.${i}.key`] && (
                    <Typography.Text type="danger"> {problems[`items.${i}.key`]}</Typography.Text>
                  )}
                </>
              ),
            },
            { title: t('assessment.scheme.weight'), key: 'weight', render: cell('weight') },
            { title: t('assessment.scheme.full'), key: 'full', render: cell('full') },
            { title: t('assessment.scheme.zero'), key: 'zero', render: cell('zero') },
            ...(canEdit
              ? [
                  {
                    title: '',
                    key: 'remove',
                    render: (_: unknown, row: SchemeItem) => (
                      <Button
                        size="small"
                        onClick={() => setItems((xs) => xs.filter((x) => x.key !== row.key))}
                      >
                        {t('assessment.scheme.remove')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {canEdit && (
          <Space wrap style={{ marginTop: 12 }}>
            <Select
              aria-label={t('assessment.scheme.add')}
              placeholder={t('assessment.scheme.add')}
              style={{ width: 240 }}
              value={null}
              options={unused.map((d) => ({ value: d.key, label: d.name[locale] }))}
              onChange={(key: string) =>
                setItems((xs) => [...xs, { key, weight: 0, full: d100(defs.data, key), zero: 0 }])
              }
            />
            <span>{t('assessment.scheme.penalty')}</span>
            <InputNumber
              aria-label={t('assessment.scheme.penalty')}
              value={penalty}
              status={problems.penaltyPerViolation ? 'error' : undefined}
              onChange={(v) => setPenalty(v ?? Number.NaN)}
            />
            {problems.penaltyPerViolation && (
              <Typography.Text type="danger">{problems.penaltyPerViolation}</Typography.Text>
            )}
            <Button type="primary" onClick={save}>
              {t('assessment.scheme.save')}
            </Button>
          </Space>
        )}
        {!canEdit && (
          <Alert type="info" message={t('assessment.scheme.readOnly')} style={{ marginTop: 12 }} />
        )}
      </Card>
      {has(me, 'history.read') && (
        <Card title={t('assessment.scheme.history')}>
          {history.data?.items.length ? (
            <List
              size="small"
              dataSource={[...history.data.items].reverse()}
              renderItem={(e) => (
                <List.Item data-testid="scheme-history">
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="secondary">
                      {formatTime(e.at)} · {e.actor}
                    </Typography.Text>
                    {schemeChangeLines(e.changes, nameOf, t).map((line) => (
                      <span key={line}>{line}</span>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Empty description={t('assessment.scheme.noHistory')} />
          )}
        </Card>
      )}
    </Space>
  );
}

/** A new item's full-marks value: 100 for a percentage, else 0 (the manager sets the band). */
function d100(defs: { key: string; unit: string }[] | undefined, key: string): number {
  return defs?.find((d) => d.key === key)?.unit === 'percent' ? 100 : 0;
}
