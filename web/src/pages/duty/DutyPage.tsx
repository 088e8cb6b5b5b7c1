/** The duty roster (DP-1 "on duty"): shifts and leave for the people in scope, with forms to add and cancel. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Popconfirm, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, qs } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { planKeys } from '../../queries/plans.ts';
import { ENGINEERS, RefSelect } from '../../refs.tsx';
import { useMe } from '../../session.ts';

interface Shift {
  id: string;
  personName: string;
  day: string;
  start: string;
  end: string;
  note: string | null;
}
interface Leave {
  id: string;
  personName: string;
  from: string;
  to: string;
  kind: string;
  reason: string | null;
}

const today = () => new Date().toISOString().slice(0, 10);
const KINDS = ['annual', 'sick', 'personal', 'training', 'other'];

function CancelButton({ label, onCancel }: { label: string; onCancel: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={label}
      description={
        <Input
          aria-label={t('duty.cancelReason')}
          placeholder={t('duty.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      }
      okButtonProps={{ disabled: !reason.trim() }}
      onConfirm={() => onCancel(reason.trim())}
    >
      <Button size="small">{label}</Button>
    </Popconfirm>
  );
}

export default function DutyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const qc = useQueryClient();
  const mayManage = !!me.data?.permissions.includes('duty.manage');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(new Date(Date.now() + 13 * 86_400_000).toISOString().slice(0, 10));
  const [errors, setErrors] = useState<string[]>([]);
  const roster = useQuery({
    queryKey: planKeys.duty(from, to),
    queryFn: () => api<{ shifts: Shift[]; leave: Leave[] }>('GET', `/api/v1/duty${qs({ from, to })}`),
  });
  const call = useMutation({
    mutationFn: (a: { path: string; body: Record<string, unknown>; done: string }) =>
      api<{ created?: number }>('POST', a.path, a.body),
    onSuccess: (r, a) => {
      setErrors([]);
      message.success(t(a.done, { count: r.created ?? 0 }));
      void qc.invalidateQueries({ queryKey: planKeys.dutyAll });
    },
    onError: (e: ApiError) => setErrors(e.details?.length ? e.details.map((d) => d.message) : [e.message]),
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <h1 style={{ fontSize: 18, margin: 0 }}>{t('duty.title')}</h1>
      <Card size="small">
        <Space wrap>
          <Input
            type="date"
            aria-label={t('duty.from')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <Input type="date" aria-label={t('duty.to')} value={to} onChange={(e) => setTo(e.target.value)} />
        </Space>
      </Card>
      {errors.length > 0 && <FormErrors errors={errors} />}
      {mayManage && (
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'shifts',
                label: t('duty.addShifts'),
                children: (
                  <Form
                    layout="inline"
                    name="shifts"
                    initialValues={{ weekdays: [1, 2, 3, 4, 5], start: '08:30', end: '17:30', from, to }}
                    onFinish={(v) =>
                      call.mutate({ path: '/api/v1/duty/shifts', body: v, done: 'duty.added' })
                    }
                  >
                    <Form.Item name="personId" label={t('duty.person')} rules={[{ required: true }]}>
                      <RefSelect source={ENGINEERS} width={160} />
                    </Form.Item>
                    <Form.Item name="from" label={t('duty.from')} rules={[{ required: true }]}>
                      <Input type="date" />
                    </Form.Item>
                    <Form.Item name="to" label={t('duty.to')} rules={[{ required: true }]}>
                      <Input type="date" />
                    </Form.Item>
                    <Form.Item name="weekdays" label={t('duty.weekdays')}>
                      <Checkbox.Group
                        options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                          value: d,
                          label: t(`duty.weekday.${d}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name="start" label={t('duty.start')} rules={[{ required: true }]}>
                      <Input type="time" />
                    </Form.Item>
                    <Form.Item name="end" label={t('duty.end')} rules={[{ required: true }]}>
                      <Input type="time" />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" loading={call.isPending}>
                      {t('duty.addShifts')}
                    </Button>
                  </Form>
                ),
              },
              {
                key: 'leave',
                label: t('duty.addLeave'),
                children: (
                  <Form
                    layout="inline"
                    name="leave"
                    initialValues={{ kind: 'annual', from, to: from }}
                    onFinish={(v) =>
                      call.mutate({
                        path: '/api/v1/duty/leave',
                        body: { ...v, reason: v.reason || undefined },
                        done: 'duty.leaveAdded',
                      })
                    }
                  >
                    <Form.Item name="personId" label={t('duty.person')} rules={[{ required: true }]}>
                      <RefSelect source={ENGINEERS} width={160} />
                    </Form.Item>
                    <Form.Item name="from" label={t('duty.from')} rules={[{ required: true }]}>
                      <Input type="date" />
                    </Form.Item>
                    <Form.Item name="to" label={t('duty.to')} rules={[{ required: true }]}>
                      <Input type="date" />
                    </Form.Item>
                    <Form.Item name="kind" label={t('duty.kind')}>
                      <Select
                        style={{ width: 100 }}
                        options={KINDS.map((k) => ({ value: k, label: t(`duty.kinds.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name="reason" label={t('duty.reason')}>
                      <Input />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" loading={call.isPending}>
                      {t('duty.addLeave')}
                    </Button>
                  </Form>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('duty.shifts')}>
        <Table<Shift>
          rowKey="id"
          size="small"
          loading={roster.isPending}
          dataSource={roster.data?.shifts ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('duty.person'), dataIndex: 'personName' },
            { title: t('plans.day'), dataIndex: 'day' },
            { title: t('duty.start'), dataIndex: 'start' },
            { title: t('duty.end'), dataIndex: 'end' },
            { title: t('duty.note'), dataIndex: 'note' },
            ...(mayManage
              ? [
                  {
                    title: t('common.actions'),
                    render: (_: unknown, s: Shift) => (
                      <CancelButton
                        label={t('duty.cancelShift')}
                        onCancel={(reason) =>
                          call.mutate({
                            path: `/api/v1/duty/shifts/${s.id}/cancel`,
                            body: { reason },
                            done: 'duty.cancelled',
                          })
                        }
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('duty.leave')}>
        <Table<Leave>
          rowKey="id"
          size="small"
          dataSource={roster.data?.leave ?? []}
          pagination={false}
          columns={[
            { title: t('duty.person'), dataIndex: 'personName' },
            { title: t('duty.from'), dataIndex: 'from' },
            { title: t('duty.to'), dataIndex: 'to' },
            { title: t('duty.kind'), dataIndex: 'kind', render: (k: string) => t(`duty.kinds.${k}`) },
            { title: t('duty.reason'), dataIndex: 'reason' },
            ...(mayManage
              ? [
                  {
                    title: t('common.actions'),
                    render: (_: unknown, l: Leave) => (
                      <CancelButton
                        label={t('duty.cancelLeave')}
                        onCancel={(reason) =>
                          call.mutate({
                            path: `/api/v1/duty/leave/${l.id}/cancel`,
                            body: { reason },
                            done: 'duty.cancelled',
                          })
                        }
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
