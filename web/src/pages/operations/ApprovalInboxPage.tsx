/**
 * What waits for my plan review or approval (MO-3, MO-4), soonest window first: approve in my
 * role, or refuse with a reason that goes back to the planner. The server decides who may.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { operationKeys } from '../../queries/operations.ts';
import { formatTime } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import type { OperationRow } from './OperationsPage.tsx';

interface InboxItem {
  operation: OperationRow;
  task: 'review' | 'approve';
  role: string;
  approvedRoles: string[];
  requiredRoles: string[];
}

export default function ApprovalInboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<string[]>([]);
  const [refusing, setRefusing] = useState<InboxItem | null>(null);
  const f = useServerForm<{ reason: string }>(['reason']);
  const { data, isLoading } = useQuery({
    queryKey: operationKeys.approvals,
    queryFn: () => api<{ items: InboxItem[] }>('GET', '/api/v1/operation-approvals'),
  });
  const role = (r: string) => t(`operations.inbox.role.${r}`, { defaultValue: r });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: operationKeys.approvals });
    await qc.invalidateQueries({ queryKey: operationKeys.all });
  };
  const decide = async (item: InboxItem) => {
    setErrors([]);
    const path = item.task === 'review' ? 'review' : 'approvals';
    try {
      await api('POST', `/api/v1/operations/${item.operation.id}/${path}`, {});
      message.success(t('operations.inbox.done'));
      await refresh();
    } catch (e) {
      if (e instanceof ApiError) setErrors([e.message, ...e.details.map((d) => d.message)]);
      else throw e;
    }
  };
  const refuse = f.run(async ({ reason }) => {
    if (!refusing) return;
    await api('POST', `/api/v1/operations/${refusing.operation.id}/refusals`, { reason: reason ?? '' });
    message.success(t('operations.inbox.done'));
    setRefusing(null);
    f.form.resetFields();
    await refresh();
  });
  return (
    <Card title={t('operations.inbox.title')}>
      <FormErrors errors={errors} />
      <Table<InboxItem>
        rowKey={(i) => i.operation.id}
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('operations.inbox.empty') }}
        pagination={false}
        columns={[
          {
            title: t('operations.col.title'),
            render: (_, i) => <Link to={`/operations/${i.operation.id}`}>{i.operation.title}</Link>,
          },
          { title: t('operations.col.kind'), render: (_, i) => t(`operations.kind.${i.operation.kind}`) },
          {
            title: t('operations.col.window'),
            render: (_, i) => `${formatTime(i.operation.windowStart)} – ${formatTime(i.operation.windowEnd)}`,
          },
          {
            title: t('operations.inbox.task'),
            render: (_, i) => (
              <Tag color={i.task === 'review' ? 'purple' : 'blue'}>{t(`operations.inbox.${i.task}`)}</Tag>
            ),
          },
          { title: t('operations.inbox.myRole'), render: (_, i) => role(i.role) },
          {
            title: t('operations.inbox.progress'),
            render: (_, i) => (
              <Space size={4} wrap>
                {i.requiredRoles.map((r) => (
                  <Tag key={r} color={i.approvedRoles.includes(r) ? 'green' : 'default'}>
                    {role(r)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, i) => (
              <Space>
                <Button type="primary" size="small" onClick={() => void decide(i)}>
                  {i.task === 'review' ? t('operations.review') : t('operations.approve')}
                </Button>
                <Button size="small" danger onClick={() => setRefusing(i)}>
                  {t('operations.inbox.refuse')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!refusing}
        title={`${t('operations.inbox.refuseTitle')} · ${refusing?.operation.title ?? ''}`}
        okText={t('operations.inbox.refuse')}
        okButtonProps={{ danger: true, loading: f.busy }}
        cancelText={t('common.cancel')}
        onOk={() => f.form.submit()}
        onCancel={() => setRefusing(null)}
        forceRender
      >
        <FormErrors errors={f.errors} />
        <Typography.Paragraph type="secondary">{t('operations.inbox.refuseHelp')}</Typography.Paragraph>
        <Form form={f.form} layout="vertical" name="operation-refusal" onFinish={refuse}>
          <Form.Item name="reason" label={t('operations.inbox.reason')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
