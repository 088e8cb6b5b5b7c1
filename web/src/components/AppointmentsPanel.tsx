/**
 * WO-5 appointments of one order: free windows inside the customer's working hours, proposing,
 * confirming by phone, rescheduling with a reason and who asked, and the customer's requests.
 * Times are typed and shown in the site's time zone.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { fieldKeys } from '../fieldKeys.ts';
import { currentTimeZone, dayjs, formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';
import { FormErrors } from './FormErrors.tsx';

interface Appointment {
  id: string;
  windowStart: string;
  windowEnd: string;
  state: string;
  confirmedVia: string | null;
  rescheduleReason: string | null;
  requestedBy: string | null;
  missed: boolean;
}
interface MoveRequest {
  id: string;
  appointmentId: string;
  reason: string;
  preferredStart: string | null;
  createdAt: string;
  handledAt: string | null;
}
interface Windows {
  timeZone: string;
  hours: { days: number[]; opens: string; closes: string };
  windows: { start: string; end: string }[];
}
interface WindowForm {
  windowStart: string;
  windowEnd: string;
  reason?: string;
  requestedBy?: string;
}

/** The appointments panel of an order. */
export function AppointmentsPanel({ orderId, timeZone }: { orderId: string; timeZone?: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tz = timeZone || currentTimeZone();
  const list = useQuery({
    queryKey: fieldKeys.appointments(orderId),
    queryFn: () =>
      api<{ items: Appointment[]; requests: MoveRequest[] }>(
        'GET',
        `/api/v1/work-orders/${orderId}/appointments`,
      ),
  });
  const windows = useQuery({
    queryKey: ['appointment-windows', orderId],
    queryFn: () => api<Windows>('GET', `/api/v1/work-orders/${orderId}/appointment-windows`),
  });
  const [editing, setEditing] = useState<{ mode: 'propose' } | { mode: 'reschedule'; id: string } | null>(
    null,
  );
  const [errors, setErrors] = useState<string[]>([]);
  const f = useServerForm<WindowForm>(['windowStart', 'windowEnd', 'reason', 'requestedBy']);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: fieldKeys.appointments(orderId) });
    await queryClient.invalidateQueries({ queryKey: ['appointment-windows', orderId] });
    await queryClient.invalidateQueries({ queryKey: ['work-order', orderId] });
    await queryClient.invalidateQueries({ queryKey: ['transitions', orderId] });
  };
  const local = (iso: string) => dayjs.utc(iso).tz(tz).format('YYYY-MM-DDTHH:mm');
  const toIso = (v: string) => dayjs.tz(v, tz).toISOString();

  const propose = async (start: string, end: string) => {
    setErrors([]);
    try {
      await api('POST', `/api/v1/work-orders/${orderId}/appointments`, {
        windowStart: start,
        windowEnd: end,
      });
      await refresh();
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    }
  };
  const confirm = async (id: string) => {
    setErrors([]);
    try {
      await api('POST', `/api/v1/appointments/${id}/confirm`);
      await refresh();
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    }
  };
  const save = f.run(async (v) => {
    const window = { windowStart: toIso(v.windowStart), windowEnd: toIso(v.windowEnd) };
    if (editing?.mode === 'reschedule') {
      await api('POST', `/api/v1/appointments/${editing.id}/reschedule`, {
        ...window,
        reason: v.reason,
        requestedBy: v.requestedBy,
      });
    } else {
      await api('POST', `/api/v1/work-orders/${orderId}/appointments`, window);
    }
    setEditing(null);
    await refresh();
  });
  const open = (
    e: { mode: 'propose' } | { mode: 'reschedule'; id: string },
    start?: string,
    end?: string,
  ) => {
    f.setErrors([]);
    f.form.resetFields();
    if (start && end) f.form.setFieldsValue({ windowStart: local(start), windowEnd: local(end) });
    setEditing(e);
  };

  if (list.isPending) return <Spin />;
  if (list.error) return <Alert type="error" message={list.error.message} />;
  return (
    <section aria-label={t('appointments.title')}>
      <FormErrors errors={errors} />
      {windows.data && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">
            {t('appointments.hours', {
              opens: windows.data.hours.opens,
              closes: windows.data.hours.closes,
              zone: windows.data.timeZone,
            })}
          </Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Space wrap>
              {windows.data.windows.map((w) => (
                <Button key={w.start} size="small" onClick={() => void propose(w.start, w.end)}>
                  {t('appointments.proposeWindow', {
                    window: `${formatTime(w.start, tz)}–${formatTime(w.end, tz).slice(11)}`,
                  })}
                </Button>
              ))}
              <Button size="small" type="dashed" onClick={() => open({ mode: 'propose' })}>
                {t('appointments.otherTime')}
              </Button>
            </Space>
          </div>
        </div>
      )}
      <Table<Appointment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data.items}
        columns={[
          {
            key: 'window',
            title: t('appointments.window'),
            render: (_, a) => `${formatTime(a.windowStart, tz)}–${formatTime(a.windowEnd, tz).slice(11)}`,
          },
          {
            key: 'state',
            title: t('wo.fields.state'),
            render: (_, a) => (
              <Space>
                <Tag>{t(`appointments.states.${a.state}`, { defaultValue: a.state })}</Tag>
                {a.missed && <Tag color="red">{t('appointments.missed')}</Tag>}
              </Space>
            ),
          },
          { key: 'reason', title: t('fields.reason'), render: (_, a) => a.rescheduleReason ?? '—' },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, a) =>
              a.state === 'proposed' || a.state === 'confirmed' ? (
                <Space>
                  {a.state === 'proposed' && (
                    <Button size="small" onClick={() => void confirm(a.id)}>
                      {t('appointments.confirmByPhone')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    onClick={() => open({ mode: 'reschedule', id: a.id }, a.windowStart, a.windowEnd)}
                  >
                    {t('appointments.reschedule')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {list.data.requests.filter((r) => !r.handledAt).length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          message={t('appointments.customerAsks')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {list.data.requests
                .filter((r) => !r.handledAt)
                .map((r) => (
                  <li key={r.id}>
                    {r.reason}
                    {r.preferredStart && ` · ${formatTime(r.preferredStart, tz)}`}
                  </li>
                ))}
            </ul>
          }
        />
      )}
      <Modal
        open={editing !== null}
        title={editing?.mode === 'reschedule' ? t('appointments.reschedule') : t('appointments.otherTime')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={f.busy}
        onOk={() => f.form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <FormErrors errors={f.errors} />
        <Form form={f.form} layout="vertical" onFinish={save} name={`appointment-${orderId}`}>
          <Form.Item
            name="windowStart"
            label={t('appointments.start')}
            extra={t('intake.timeZoneHelp', { zone: tz })}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item
            name="windowEnd"
            label={t('appointments.end')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input type="datetime-local" />
          </Form.Item>
          {editing?.mode === 'reschedule' && (
            <>
              <Form.Item
                name="reason"
                label={t('fields.reason')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item
                name="requestedBy"
                label={t('appointments.requestedBy')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  options={['customer', 'engineer', 'dispatcher'].map((r) => ({
                    value: r,
                    label: t(`appointments.requesters.${r}`),
                  }))}
                />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </section>
  );
}
