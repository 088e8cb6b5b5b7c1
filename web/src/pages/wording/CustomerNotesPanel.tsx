/**
 * The notices an order's customer was given, and writing a new one (WO-11 progress update):
 * the text is checked as it is typed (CW-1); a blocked text cannot be sent, except by a
 * supervisor with a reason.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { historyKeys, orderKeys } from '../../queries/workOrders.ts';
import { useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import { type CheckResult, WordingTextArea } from './WordingTextArea.tsx';

interface Notice {
  id: string;
  kind: string;
  recipientName: string;
  channel: string;
  text: string;
  createdAt: string;
}

const CHANNELS = ['phone', 'sms', 'email', 'visit'] as const;

/** The customer notices tab of the order page. */
export function CustomerNotesPanel({ orderId, timeZone }: { orderId: string; timeZone?: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const key = orderKeys.notices(orderId);
  const notices = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: Notice[] }>('GET', `/api/v1/work-orders/${orderId}/notices`),
  });
  const [verdict, setVerdict] = useState<CheckResult['verdict'] | null>('clean');
  const [overriding, setOverriding] = useState(false);
  const mayOverride = !!me.data?.permissions.includes('wording.override');
  const { form, errors, setErrors, busy, run } = useServerForm<{
    message: string;
    channel: string;
    reason?: string;
  }>(['message', 'channel']);
  const onFinish = run(async (values) => {
    try {
      await api('POST', `/api/v1/work-orders/${orderId}/progress-updates`, {
        message: values.message,
        channel: values.channel,
        ...(overriding && values.reason ? { wordingOverride: { reason: values.reason } } : {}),
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wording_blocked' && mayOverride) setOverriding(true);
      throw err;
    }
    message.success(t('wording.notes.sent'));
    form.resetFields();
    setOverriding(false);
    setErrors([]);
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: historyKeys.all });
  });
  const blocked = verdict === 'block' && !overriding;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{t('wording.notes.title')}</Typography.Title>
      <List
        size="small"
        locale={{ emptyText: t('wording.notes.empty') }}
        dataSource={notices.data?.items ?? []}
        renderItem={(n) => (
          <List.Item data-testid="customer-notice">
            <Space direction="vertical" size={0}>
              <span>{n.text}</span>
              <Typography.Text type="secondary">
                <Tag>{t(`wording.notes.channels.${n.channel}`, { defaultValue: n.channel })}</Tag>
                {n.recipientName} · {formatTime(n.createdAt, timeZone)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <FormErrors errors={errors} />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        name="customer-note"
        initialValues={{ channel: 'sms' }}
      >
        <Form.Item name="channel" label={t('wording.notes.channel')}>
          <Select
            style={{ width: 160 }}
            options={CHANNELS.map((c) => ({ value: c, label: t(`wording.notes.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="message"
          label={t('wording.notes.message')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <WordingTextArea
            rows={3}
            placeholder={t('wording.notes.messagePlaceholder')}
            onVerdict={setVerdict}
          />
        </Form.Item>
        {overriding && (
          <Form.Item
            name="reason"
            label={t('wording.notes.override')}
            extra={t('wording.notes.overrideHint')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input />
          </Form.Item>
        )}
        {blocked && <Typography.Paragraph type="danger">{t('wording.blockedHint')}</Typography.Paragraph>}
        <Button type="primary" htmlType="submit" loading={busy} disabled={blocked && !mayOverride}>
          {t('wording.notes.send')}
        </Button>
      </Form>
    </Space>
  );
}
