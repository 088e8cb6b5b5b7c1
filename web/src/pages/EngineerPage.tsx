/** The engineer's phone view: today's open orders, check in and out on site, and the next step. */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, type ListPage } from '../api.ts';
import {
  type Consent,
  ConsentsPanel,
  currentAppointment,
  type EngineerAppointment,
  LateNoticePanel,
  PhotosPanel,
} from '../components/EngineerTools.tsx';
import { OnsitePanel, type OnsiteRecord } from '../components/OnsitePanel.tsx';
import { PendingHandovers } from '../components/OwnerPanel.tsx';
import { TrainingPanel } from '../components/TrainingPanel.tsx';
import { useMe } from '../session.ts';
import { dayjs, formatTime } from '../time.ts';
import { type State, severityColor, stateColor, type WorkOrder } from '../workOrders.ts';

const ENGINEER_MOVES: State[] = ['en_route', 'service_restored', 'resolved'];
const CHECK_IN_STATES: State[] = ['en_route', 'on_site', 'service_restored'];

function messages(err: unknown): string[] {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => d.message)];
  return [err instanceof Error ? err.message : String(err)];
}

/** One order on the phone: where, what, and the buttons for the engineer's next step. */
function OrderCard({
  order,
  meId,
  appointment,
}: {
  order: WorkOrder;
  meId: string;
  appointment: EngineerAppointment | null;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const onsite = useQuery({
    queryKey: ['onsite', order.id],
    queryFn: () =>
      api<OnsiteRecord & { consents: Consent[] }>('GET', `/api/v1/work-orders/${order.id}/onsite`),
  });
  const openVisit = onsite.data?.visits.find((v) => v.personId === meId && !v.checkOutAt);
  const act = (method: 'POST', url: string, body: unknown) => async () => {
    setBusy(true);
    setErrors([]);
    try {
      await api(method, url, body);
      await queryClient.invalidateQueries({ queryKey: ['onsite', order.id] });
      await queryClient.invalidateQueries({ queryKey: ['my-orders'] });
    } catch (err) {
      setErrors(messages(err));
    } finally {
      setBusy(false);
    }
  };
  // Arrival is recorded by checking in (WO-6), which moves the order on site; the rest are plain moves.
  const forward = order.nextStates.filter((s) => ENGINEER_MOVES.includes(s));
  const canCheckIn = CHECK_IN_STATES.includes(order.state);
  return (
    <Card size="small" data-testid="engineer-order">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Link to={`/orders/${order.id}`}>
            <Typography.Text strong>{order.number}</Typography.Text>
          </Link>
          <Tag color={severityColor(order.severity)}>{t(`wo.severities.${order.severity}`)}</Tag>
          <Tag color={stateColor(order.state)}>{t(`wo.states.${order.state}`)}</Tag>
        </Space>
        <Typography.Text>{order.symptom}</Typography.Text>
        <Typography.Text type="secondary">
          {order.customerName ?? '—'} · {order.address ?? '—'}
        </Typography.Text>
        <Typography.Text type="secondary">
          {order.contactName} · <a href={`tel:${order.contactPhone}`}>{order.contactPhone}</a>
        </Typography.Text>
        <Button size="large" href={`tel:${order.contactPhone.replace(/[^\d+]/g, '')}`}>
          {t('engineer.callCustomer', { name: order.contactName })}
        </Button>
        {appointment && !order.arrivedAt ? (
          <LateNoticePanel orderId={order.id} appointment={appointment} />
        ) : (
          !appointment &&
          !order.arrivedAt && (
            <Typography.Text type="secondary">{t('engineer.noAppointment')}</Typography.Text>
          )
        )}
        {openVisit && (
          <Tag color="green">{t('engineer.onSiteSince', { time: formatTime(openVisit.checkInAt) })}</Tag>
        )}
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            message={errors[0]}
            description={errors.slice(1).join('; ') || undefined}
          />
        )}
        <Space wrap>
          {openVisit && (
            <Button
              size="large"
              loading={busy}
              onClick={act('POST', `/api/v1/work-orders/${order.id}/check-out`, {})}
            >
              {t('engineer.checkOut')}
            </Button>
          )}
          {!openVisit && canCheckIn && (
            <Button
              size="large"
              type="primary"
              loading={busy}
              onClick={act('POST', `/api/v1/work-orders/${order.id}/check-in`, {})}
            >
              {t('engineer.checkIn')}
            </Button>
          )}
          {forward.map((to) => (
            <Button
              key={to}
              size="large"
              loading={busy}
              onClick={act('POST', `/api/v1/work-orders/${order.id}/transitions`, { to })}
            >
              {t(`orders.moveTo.${to}`, { defaultValue: t(`wo.states.${to}`) })}
            </Button>
          ))}
        </Space>
        {openVisit && onsite.data && <OnsitePanel orderId={order.id} record={onsite.data} />}
        {/* Training is recorded once the customer has signed the service request (one signature at a time). */}
        {openVisit && (onsite.data?.serviceRequests.length ?? 0) > 0 && <TrainingPanel orderId={order.id} />}
        {openVisit && onsite.data && (
          <ConsentsPanel
            orderId={order.id}
            consents={onsite.data.consents}
            signed={onsite.data.serviceRequests.length > 0}
          />
        )}
        {(openVisit || order.arrivedAt) && <PhotosPanel orderId={order.id} />}
      </Space>
    </Card>
  );
}

/** The engineer page. */
export default function EngineerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const orders = useQuery({
    queryKey: ['my-orders', me.data?.id],
    enabled: !!me.data,
    queryFn: () =>
      api<ListPage<WorkOrder>>('GET', `/api/v1/work-orders?assigneeId=${me.data?.id}&open=true&limit=100`),
  });
  const items = orders.data?.items ?? [];
  // WO-5: the day runs in order of the agreed windows; orders without one come last.
  const appointments = useQueries({
    queries: items.map((o) => ({
      queryKey: ['appointments', o.id],
      queryFn: () => api<{ items: EngineerAppointment[] }>('GET', `/api/v1/work-orders/${o.id}/appointments`),
    })),
  });
  const byOrder = new Map(
    items.map((o, i) => [o.id, currentAppointment(appointments[i]?.data?.items ?? [])]),
  );
  const sorted = [...items].sort((a, b) => {
    const sa = byOrder.get(a.id)?.windowStart ?? '\uffff';
    const sb = byOrder.get(b.id)?.windowStart ?? '\uffff';
    return sa === sb ? a.receivedAt.localeCompare(b.receivedAt) : sa.localeCompare(sb);
  });
  if (!me.data || orders.isPending) return <Spin />;
  if (orders.error) return <Alert type="error" message={orders.error.message} />;
  return (
    <div style={{ maxWidth: 520, margin: '0 auto' }}>
      <h1 style={{ fontSize: 18 }}>{t('nav.engineer')}</h1>
      <PendingHandovers />
      {sorted.length === 0 ? (
        <Empty description={t('engineer.none')} />
      ) : (
        <List
          dataSource={sorted}
          renderItem={(o) => (
            <List.Item style={{ padding: '6px 0', border: 'none' }}>
              <div style={{ width: '100%' }}>
                {dayjs(byOrder.get(o.id)?.windowStart ?? null).isSame(dayjs(), 'day') && (
                  <Tag color="blue">{t('engineer.todayAppointment')}</Tag>
                )}
                <OrderCard order={o} meId={me.data.id} appointment={byOrder.get(o.id) ?? null} />
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
