/**
 * CS-1 complaint desk: the list (state, category, repeat flag, deadlines), recording a complaint,
 * and one complaint's detail — root cause, corrective actions to closure, the reply to the
 * customer through a template with the wording check, and the steps.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type ListPage } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { complaintKeys } from '../../queries/complaints.ts';
import { RefSelect } from '../../refs.tsx';
import { formatTime } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import { ComplaintDetail } from './ComplaintDetail.tsx';
import { CATEGORIES } from './complaints.ts';

export interface Complaint {
  id: string;
  number: string;
  source: string;
  category: string;
  severity: string;
  state: string;
  summary: string;
  orderId: string | null;
  ownerId: string | null;
  rootCause: string | null;
  repeat: boolean;
  acknowledgeDue: string;
  respondDue: string;
  resolveDue: string;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  resolvedAt: string | null;
  replyText: string | null;
  createdAt: string;
}

const STATES = ['open', 'acknowledged', 'responded', 'resolved', 'closed'];
const SEVERITIES = ['low', 'medium', 'high'];
const ORDERS = {
  url: '/api/v1/work-orders',
  label: (r: Record<string, unknown>) => `${String(r.number)} ${String(r.contactName ?? '')}`,
};

type NewFields = { source: string; category: string; severity: string; summary: string; orderId?: string };

/** The complaint desk. */
export default function ComplaintsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<string | undefined>();
  // ?open=<id> opens one complaint at once (the inbox links a missed complaint deadline here).
  const [params] = useSearchParams();
  const [selected, setSelected] = useState<string | null>(params.get('open'));
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: complaintKeys.list(state),
    queryFn: () => api<ListPage<Complaint>>('GET', `/api/v1/complaints${state ? `?state=${state}` : ''}`),
  });
  const { form, errors, busy, run } = useServerForm<NewFields>([
    'source',
    'category',
    'severity',
    'summary',
    'orderId',
  ]);
  const create = run(async (v) => {
    const c = await api<Complaint>('POST', '/api/v1/complaints', v);
    message.success(t('common.saved'));
    setCreating(false);
    form.resetFields();
    setSelected(c.id);
    void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
  });
  const opts = (prefix: string, values: string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('wording.complaints.title')}
          </Typography.Title>
          <Space>
            <Select
              allowClear
              aria-label={t('wording.complaints.state')}
              style={{ width: 160 }}
              placeholder={t('wording.complaints.state')}
              value={state}
              onChange={setState}
              options={opts('wording.complaints.states', STATES)}
            />
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('wording.complaints.new')}
            </Button>
          </Space>
        </Space>
        <Table<Complaint>
          rowKey="id"
          size="small"
          style={{ marginTop: 16 }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('wording.complaints.number'), dataIndex: 'number' },
            { title: t('wording.complaints.summary'), dataIndex: 'summary', ellipsis: true },
            {
              title: t('wording.complaints.category'),
              render: (_, r) => t(`wording.complaints.categories.${r.category}`),
            },
            {
              title: t('wording.complaints.state'),
              render: (_, r) => (
                <Space size={4}>
                  <Tag>{t(`wording.complaints.states.${r.state}`)}</Tag>
                  {r.repeat && <Tag color="red">{t('wording.complaints.repeat')}</Tag>}
                </Space>
              ),
            },
            { title: t('wording.complaints.respondDue'), render: (_, r) => formatTime(r.respondDue) },
          ]}
        />
      </Card>
      {selected && <ComplaintDetail id={selected} onClose={() => setSelected(null)} />}
      <Modal
        open={creating}
        title={t('wording.complaints.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <FormErrors errors={errors} />
        <Form
          form={form}
          layout="vertical"
          name="complaint"
          onFinish={create}
          initialValues={{ source: 'hotline', severity: 'medium' }}
        >
          <Form.Item name="source" label={t('wording.complaints.source')}>
            <Select options={opts('wording.complaints.sources', ['hotline', 'operator', 'engineer'])} />
          </Form.Item>
          <Form.Item name="orderId" label={t('wording.complaints.order')}>
            <RefSelect source={ORDERS} />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('wording.complaints.category')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select options={opts('wording.complaints.categories', CATEGORIES)} />
          </Form.Item>
          <Form.Item name="severity" label={t('wording.complaints.severity')}>
            <Select options={opts('wording.complaints.severities', SEVERITIES)} />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t('wording.complaints.summary')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
