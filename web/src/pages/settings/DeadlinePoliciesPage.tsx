/**
 * Deadline rules (SL-1): the time allowed per order type × severity × area class × deadline,
 * counted on a business calendar. The server validates each rule (a limit the calendar cannot
 * reach is refused with the field named); the page lists, filters and sets them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { settingsKeys } from '../../queries/settings.ts';
import { has, useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import { SEVERITIES, severityColor, WORK_ORDER_TYPES } from '../../workOrders.ts';
import { minutesText } from '../DeadlinesPage.tsx';

interface Policy {
  id: string;
  orderType: string;
  severity: (typeof SEVERITIES)[number];
  areaClass: string;
  kind: string;
  minutes: number;
  calendarId: string;
  atRiskPercent: number;
  updatedAt: string;
}
interface Calendar {
  id: string;
  name: string;
  nameEn: string | null;
}

export const CLOCK_KINDS = ['respond', 'arrive', 'restore', 'resolve', 'update', 'follow_up'] as const;
const AREA_CLASSES = ['urban', 'county', 'rural'] as const;
const FIELDS = ['orderType', 'severity', 'areaClass', 'kind', 'minutes', 'calendarId', 'atRiskPercent'];

/** The business calendars, for choosing and for showing a calendar's name. */
export function useCalendars() {
  return useQuery({
    queryKey: settingsKeys.calendars,
    queryFn: () => api<{ items: Calendar[] }>('GET', '/api/v1/calendars'),
  });
}

/** The deadline rules page. */
export default function DeadlinePoliciesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const canManage = has(me.data, 'deadlines.manage');
  const [severity, setSeverity] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  // The values the form opens with; null while it is closed.
  const [initial, setInitial] = useState<Record<string, unknown> | null>(null);
  const policies = useQuery({
    queryKey: settingsKeys.deadlinePolicies,
    queryFn: () => api<{ items: Policy[] }>('GET', '/api/v1/deadline-policies'),
  });
  const calendars = useCalendars();
  const calendarName = (id: string) => {
    const c = calendars.data?.items.find((x) => x.id === id);
    return c ? (i18n.language === 'en' && c.nameEn ? c.nameEn : c.name) : '…';
  };
  const { form, errors, busy, run } = useServerForm<Record<string, unknown>>(FIELDS);
  const minutes = Form.useWatch('minutes', form) as number | undefined;
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Policy>('PUT', '/api/v1/deadline-policies', body),
  });
  const submit = run(async (values) => {
    await save.mutateAsync(values);
    message.success(t('settings.policies.saved'));
    setInitial(null);
    await queryClient.invalidateQueries({ queryKey: settingsKeys.deadlinePolicies });
  });
  const any = t('settings.policies.any');
  // Most severe first, then the deadlines in the order an order meets them.
  const rank = (p: Policy) =>
    SEVERITIES.indexOf(p.severity) * 100 +
    CLOCK_KINDS.indexOf(p.kind as (typeof CLOCK_KINDS)[number]) * 10 +
    ['*', ...AREA_CLASSES].indexOf(p.areaClass);
  const rows = (policies.data?.items ?? [])
    .filter((p) => (!severity || p.severity === severity) && (!kind || p.kind === kind))
    .sort((a, b) => rank(a) - rank(b));
  const edit = (p?: Policy) =>
    setInitial(p ? { ...p } : { orderType: '*', areaClass: '*', atRiskPercent: 20 });
  const typeOptions = [
    { value: '*', label: any },
    ...WORK_ORDER_TYPES.map((v) => ({ value: v, label: t(`wo.types.${v}`) })),
  ];
  return (
    <Card
      title={<h1 style={{ margin: 0, fontSize: 20 }}>{t('settings.policies.nav')}</h1>}
      extra={
        canManage && (
          <Button type="primary" onClick={() => edit()}>
            {t('settings.policies.set')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('settings.policies.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('settings.policies.severity')}
          allowClear
          placeholder={t('settings.policies.severity')}
          style={{ width: 160 }}
          value={severity}
          onChange={setSeverity}
          options={SEVERITIES.map((v) => ({ value: v, label: t(`wo.severities.${v}`) }))}
        />
        <Select
          aria-label={t('settings.policies.kind')}
          allowClear
          placeholder={t('settings.policies.kind')}
          style={{ width: 160 }}
          value={kind}
          onChange={setKind}
          options={CLOCK_KINDS.map((v) => ({ value: v, label: t(`clocks.kinds.${v}`) }))}
        />
      </Space>
      <Table<Policy>
        rowKey="id"
        size="small"
        loading={policies.isPending}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('settings.policies.orderType'),
            dataIndex: 'orderType',
            render: (v: string) => (v === '*' ? any : t(`wo.types.${v}`)),
          },
          {
            title: t('settings.policies.severity'),
            dataIndex: 'severity',
            render: (v: Policy['severity']) => <Tag color={severityColor(v)}>{t(`wo.severities.${v}`)}</Tag>,
          },
          {
            title: t('settings.policies.areaClass'),
            dataIndex: 'areaClass',
            render: (v: string) => (v === '*' ? any : t(`enums.areaClass.${v}`)),
          },
          {
            title: t('settings.policies.kind'),
            dataIndex: 'kind',
            render: (v: string) => t(`clocks.kinds.${v}`),
          },
          {
            title: t('settings.policies.limit'),
            dataIndex: 'minutes',
            render: (v: number) => minutesText(t, v),
          },
          { title: t('settings.policies.calendar'), dataIndex: 'calendarId', render: calendarName },
          { title: t('settings.policies.atRiskPercent'), dataIndex: 'atRiskPercent' },
          {
            title: t('settings.policies.updatedAt'),
            dataIndex: 'updatedAt',
            render: (v: string) => formatTime(v),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'edit',
                  render: (_: unknown, p: Policy) => (
                    <Button size="small" onClick={() => edit(p)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={initial !== null}
        title={t('settings.policies.set')}
        onCancel={() => setInitial(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <FormErrors errors={errors} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={initial ?? undefined}>
          <Form.Item name="orderType" label={t('settings.policies.orderType')} rules={[{ required: true }]}>
            <Select options={typeOptions} />
          </Form.Item>
          <Form.Item name="severity" label={t('settings.policies.severity')} rules={[{ required: true }]}>
            <Select options={SEVERITIES.map((v) => ({ value: v, label: t(`wo.severities.${v}`) }))} />
          </Form.Item>
          <Form.Item name="areaClass" label={t('settings.policies.areaClass')} rules={[{ required: true }]}>
            <Select
              options={[
                { value: '*', label: any },
                ...AREA_CLASSES.map((v) => ({ value: v, label: t(`enums.areaClass.${v}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('settings.policies.kind')} rules={[{ required: true }]}>
            <Select options={CLOCK_KINDS.map((v) => ({ value: v, label: t(`clocks.kinds.${v}`) }))} />
          </Form.Item>
          <Form.Item
            name="minutes"
            label={t('settings.policies.minutes')}
            rules={[{ required: true }]}
            extra={
              minutes ? t('settings.policies.minutesHelp', { text: minutesText(t, minutes) }) : undefined
            }
          >
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="calendarId" label={t('settings.policies.calendar')} rules={[{ required: true }]}>
            <Select
              options={(calendars.data?.items ?? []).map((c) => ({ value: c.id, label: calendarName(c.id) }))}
            />
          </Form.Item>
          <Form.Item
            name="atRiskPercent"
            label={t('settings.policies.atRiskPercent')}
            extra={t('settings.policies.atRiskHelp')}
          >
            <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
