/** The customer's own page: their customer's orders with progress in plain words, and reporting a fault. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Switch,
  Table,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListPage } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { formatTime } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';

interface MyOrder {
  id: string;
  number: string;
  type: string;
  state: string;
  symptom: string;
  siteName: string | null;
  receivedAt: string;
  appointment: { start: string; end: string } | null;
  engineerName: string | null;
}

type FaultFields = {
  siteId: string;
  symptom: string;
  occurredAt: Dayjs;
  serviceDown: boolean;
  contactPhone?: string;
};

/** The report form: the server checks the site is the caller's and names any field it refuses. */
function ReportFault({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState<string | null>(null);
  const sites = useQuery({
    queryKey: ['my-sites'],
    queryFn: () => api<ListPage<{ id: string; name: string }>>('GET', '/api/v1/my/sites?limit=500'),
  });
  const { form, errors, busy, run } = useServerForm<FaultFields>([
    'siteId',
    'symptom',
    'occurredAt',
    'serviceDown',
    'contactPhone',
  ]);
  const onFinish = run(async (v) => {
    const made = await api<{ number: string }>('POST', '/api/v1/my/faults', {
      siteId: v.siteId,
      symptom: v.symptom,
      occurredAt: v.occurredAt.toISOString(),
      serviceDown: v.serviceDown ?? false,
      ...(v.contactPhone ? { contactPhone: v.contactPhone } : {}),
    });
    setSent(made.number);
    form.resetFields();
    onSent();
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Card title={t('selfService.report.title')}>
      {sent && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('selfService.report.sent', { number: sent })}
        />
      )}
      <FormErrors errors={errors} />
      <Form
        form={form}
        layout="vertical"
        name="report-fault"
        onFinish={onFinish}
        initialValues={{ serviceDown: false }}
      >
        <Form.Item name="siteId" label={t('selfService.report.site')} rules={required}>
          <Select
            loading={sites.isLoading}
            options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="symptom" label={t('selfService.report.symptom')} rules={required}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('selfService.report.occurredAt')} rules={required}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="serviceDown" label={t('selfService.report.serviceDown')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('selfService.report.contactPhone')}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('selfService.report.send')}
        </Button>
      </Form>
    </Card>
  );
}

/** Following one order: its progress in plain words, the agreed visit and the engineer. */
function FollowOrder({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const one = useQuery({
    queryKey: ['my-order', id],
    enabled: id !== null,
    queryFn: () => api<MyOrder & { progress: string }>('GET', `/api/v1/my/orders/${id}`),
  });
  const o = one.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={o ? `${t('selfService.number')} ${o.number}` : ''}
      destroyOnHidden
    >
      {one.error && <FormErrors errors={[one.error.message]} />}
      {o && (
        <div data-testid="my-order">
          <Alert
            type="info"
            showIcon
            message={o.progress}
            data-testid="my-order-progress"
            style={{ marginBottom: 16 }}
          />
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('selfService.state')}>{o.state}</Descriptions.Item>
            <Descriptions.Item label={t('selfService.symptom')}>{o.symptom}</Descriptions.Item>
            <Descriptions.Item label={t('selfService.site')}>{o.siteName ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('selfService.receivedAt')}>
              {formatTime(o.receivedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('selfService.appointment')}>
              {o.appointment
                ? `${formatTime(o.appointment.start)} – ${formatTime(o.appointment.end)}`
                : t('selfService.notYet')}
            </Descriptions.Item>
            <Descriptions.Item label={t('selfService.engineer')}>
              {o.engineerName ?? t('selfService.notYet')}
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Drawer>
  );
}

/** My orders. */
export default function MyOrdersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [following, setFollowing] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['my-orders'],
    queryFn: () => api<ListPage<MyOrder>>('GET', '/api/v1/my/orders?limit=100'),
  });
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card title={t('selfService.title')}>
        <Table<MyOrder>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('selfService.empty') }}
          pagination={false}
          columns={[
            {
              title: t('selfService.number'),
              dataIndex: 'number',
              render: (n: string, o: MyOrder) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => setFollowing(o.id)}>
                  {n}
                </Button>
              ),
            },
            { title: t('selfService.type'), dataIndex: 'type' },
            { title: t('selfService.state'), dataIndex: 'state' },
            { title: t('selfService.symptom'), dataIndex: 'symptom' },
            { title: t('selfService.site'), dataIndex: 'siteName' },
            {
              title: t('selfService.receivedAt'),
              dataIndex: 'receivedAt',
              render: (v: string) => formatTime(v),
            },
            {
              title: t('selfService.appointment'),
              dataIndex: 'appointment',
              render: (a: MyOrder['appointment']) =>
                a ? `${formatTime(a.start)} – ${formatTime(a.end)}` : '',
            },
            { title: t('selfService.engineer'), dataIndex: 'engineerName' },
          ]}
        />
      </Card>
      <ReportFault onSent={() => void queryClient.invalidateQueries({ queryKey: ['my-orders'] })} />
      <FollowOrder id={following} onClose={() => setFollowing(null)} />
    </div>
  );
}
