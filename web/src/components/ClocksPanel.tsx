/** An order's deadline clocks (SL-1) with time left or overdue, and pause / resume with a reason. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { type Clock, minutesText, riskColor } from '../pages/DeadlinesPage.tsx';
import { boardKeys } from '../queries/board.ts';
import { historyKeys } from '../queries/workOrders.ts';
import { formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';
import { FormErrors } from './FormErrors.tsx';

interface Pause {
  id: string;
  reason: string;
  note: string | null;
  startedAt: string;
  endedAt: string | null;
}

const REASONS = ['customer_not_home', 'customer_postponed', 'awaiting_customer'] as const;

/** The clocks panel of the order page; `canPause` when the person may pause this order's clocks. */
export function ClocksPanel({
  orderId,
  canPause,
  timeZone,
}: {
  orderId: string;
  canPause: boolean;
  timeZone?: string | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = boardKeys.clocks(orderId);
  const q = useQuery({
    queryKey: key,
    queryFn: () =>
      api<{ clocks: Clock[]; pauses: Pause[]; paused: boolean }>(
        'GET',
        `/api/v1/work-orders/${orderId}/deadlines`,
      ),
    refetchInterval: 60_000,
  });
  const [mode, setMode] = useState<'pause' | 'resume' | null>(null);
  const { form, errors, busy, run } = useServerForm<{ reason?: string; note?: string }>(['reason', 'note']);
  const done = () => {
    setMode(null);
    form.resetFields();
    message.success(t('common.saved'));
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: historyKeys.all });
  };
  const onFinish = run(async (values) => {
    const note = values.note?.trim() || undefined;
    if (mode === 'pause')
      await api('POST', `/api/v1/work-orders/${orderId}/deadlines/pause`, { reason: values.reason, note });
    else await api('POST', `/api/v1/work-orders/${orderId}/deadlines/resume`, { note });
    done();
  });
  if (q.error) return <FormErrors errors={[q.error.message]} />;
  const paused = q.data?.paused ?? false;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canPause && (
        <Space>
          {paused ? (
            <Button onClick={() => setMode('resume')}>{t('clocks.resume')}</Button>
          ) : (
            <Button onClick={() => setMode('pause')}>{t('clocks.pause')}</Button>
          )}
          {paused && <Tag color="default">{t('clocks.paused')}</Tag>}
        </Space>
      )}
      <Table<Clock>
        rowKey="id"
        size="small"
        loading={q.isPending}
        pagination={false}
        aria-label={t('clocks.title')}
        dataSource={q.data?.clocks ?? []}
        locale={{ emptyText: t('clocks.noClocks') }}
        onRow={() => ({ 'data-testid': 'order-clock' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('clocks.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`clocks.kinds.${k}`, { defaultValue: k }),
          },
          {
            title: t('clocks.state'),
            dataIndex: 'state',
            render: (s: string) => t(`clocks.${s}`, { defaultValue: s }),
          },
          {
            title: t('clocks.due'),
            dataIndex: 'dueAt',
            render: (v: string | null) => formatTime(v, timeZone),
          },
          {
            title: t('clocks.timeToBreach'),
            key: 'left',
            render: (_: unknown, c) =>
              c.state === 'stopped' ? (
                c.breachedAt ? (
                  <Tag color="red">{t('risk.breached')}</Tag>
                ) : (
                  <Tag color="green">{t('dash.met')}</Tag>
                )
              ) : c.remainingMinutes === null ? (
                <Tag>{t('clocks.paused')}</Tag>
              ) : (
                <Tag color={riskColor(c)}>
                  {c.remainingMinutes <= 0
                    ? t('clocks.overdueBy', { time: minutesText(t, c.remainingMinutes) })
                    : t('clocks.left', { time: minutesText(t, c.remainingMinutes) })}
                </Tag>
              ),
          },
          {
            title: t('clocks.pausedTime'),
            dataIndex: 'pausedMinutes',
            render: (m: number) => (m ? minutesText(t, m) : '—'),
          },
        ]}
      />
      {(q.data?.pauses.length ?? 0) > 0 && (
        <>
          <Typography.Text strong>{t('clocks.pauses')}</Typography.Text>
          <ul style={{ margin: 0 }}>
            {q.data?.pauses.map((p) => (
              <li key={p.id}>
                {t(`clocks.reasons.${p.reason}`, { defaultValue: p.reason })} ·{' '}
                {formatTime(p.startedAt, timeZone)}
                {' → '}
                {p.endedAt ? formatTime(p.endedAt, timeZone) : t('clocks.ongoing')}
                {p.note && ` · ${p.note}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <Modal
        open={mode !== null}
        title={mode === 'resume' ? t('clocks.resume') : t('clocks.pause')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setMode(null)}
        forceRender
      >
        <FormErrors errors={errors} />
        <Form form={form} name="clockPause" layout="vertical" onFinish={onFinish}>
          {mode === 'pause' && (
            <Form.Item
              name="reason"
              label={t('clocks.reason')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select options={REASONS.map((r) => ({ value: r, label: t(`clocks.reasons.${r}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('clocks.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
