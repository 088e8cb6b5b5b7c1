/** The engineer's phone view: today's open orders, check in and out on site, and the next step. */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListPage } from '../api.ts';
import { EngineerSignature } from '../components/EngineerSignature.tsx';
import {
  type Consent,
  ConsentsPanel,
  currentAppointment,
  type EngineerAppointment,
  LateNoticePanel,
  PhotosPanel,
} from '../components/EngineerTools.tsx';
import { FieldQueue } from '../components/FieldQueue.tsx';
import { OnsitePanel, type OnsiteRecord } from '../components/OnsitePanel.tsx';
import { PendingHandovers } from '../components/OwnerPanel.tsx';
import { CustomerQr, NavigateButton } from '../components/SiteLinks.tsx';
import { TrainingPanel } from '../components/TrainingPanel.tsx';
import { fieldKeys } from '../fieldKeys.ts';
import { overlayOrder, overlayRecord } from '../offline/overlay.ts';
import { enqueue, startQueue, useFieldQueue } from '../offline/queue.ts';
import { type SendSiteWork, SiteWorkContext } from '../offline/send.ts';
import { cachedGet, copyAge, type QueuedWork } from '../offline/store.ts';
import { useMe } from '../session.ts';
import { dayjs, formatTime } from '../time.ts';
import { type State, severityColor, stateColor, type WorkOrder } from '../workOrders.ts';

const ENGINEER_MOVES: State[] = ['en_route', 'service_restored', 'resolved'];
const CHECK_IN_STATES: State[] = ['en_route', 'on_site', 'service_restored'];

/** The phone's position for check-in and check-out, or null when it cannot be had within a few seconds. */
function locate(): Promise<{ lat: number; lng: number; accuracyM: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lat: p.coords.latitude,
          lng: p.coords.longitude,
          accuracyM: Math.round(p.coords.accuracy),
        }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 6000, maximumAge: 60_000 },
    );
  });
}

function subscribeOnline(l: () => void) {
  window.addEventListener('online', l);
  window.addEventListener('offline', l);
  return () => {
    window.removeEventListener('online', l);
    window.removeEventListener('offline', l);
  };
}

/** Whether the browser believes it has a network. */
function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/** One order on the phone: where, what, and the buttons for the engineer's next step. */
function OrderCard({
  order: served,
  meId,
  appointment,
  queue,
}: {
  order: WorkOrder;
  meId: string;
  appointment: EngineerAppointment | null;
  queue: QueuedWork[];
}) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<string[]>([]);
  const [locating, setLocating] = useState(false);
  const onsite = useQuery({
    queryKey: fieldKeys.onsite(served.id),
    networkMode: 'always',
    queryFn: () =>
      cachedGet<OnsiteRecord & { consents: Consent[] }>(`/api/v1/work-orders/${served.id}/onsite`),
  });
  // What the engineer recorded and the server has not yet accepted shows at once.
  const order = overlayOrder(served, queue);
  const record = onsite.data ? overlayRecord(onsite.data, order.id, queue, meId) : undefined;
  const openVisit = record?.visits.find((v) => v.personId === meId && !v.checkOutAt);
  const send: SendSiteWork = (work) => enqueue({ ...work, orderId: order.id, orderNumber: order.number });
  const keep = (work: Parameters<SendSiteWork>[0]) => async () => {
    setErrors([]);
    try {
      await send(work);
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    }
  };
  // WO-6: check-in and check-out carry the phone's position and its accuracy when it has one.
  const atPosition = (kind: 'check_in' | 'check_out') => async () => {
    setLocating(true);
    const pos = await locate();
    setLocating(false);
    await keep({
      kind,
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/${kind === 'check_in' ? 'check-in' : 'check-out'}`,
      body: pos ?? {},
    })();
  };
  // Arrival is recorded by checking in (WO-6), which moves the order on site; the rest are plain moves.
  const forward = order.nextStates.filter((s) => ENGINEER_MOVES.includes(s));
  const canCheckIn = CHECK_IN_STATES.includes(order.state);
  return (
    <SiteWorkContext.Provider value={send}>
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
          <Space wrap>
            <Button size="large" href={`tel:${order.contactPhone.replace(/[^\d+]/g, '')}`}>
              {t('engineer.callCustomer', { name: order.contactName })}
            </Button>
            {order.siteId && <NavigateButton siteId={order.siteId} />}
          </Space>
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
              <Button size="large" loading={locating} onClick={atPosition('check_out')}>
                {t('engineer.checkOut')}
              </Button>
            )}
            {!openVisit && canCheckIn && (
              <Button size="large" type="primary" loading={locating} onClick={atPosition('check_in')}>
                {t('engineer.checkIn')}
              </Button>
            )}
            {forward.map((to) => (
              <Button
                key={to}
                size="large"
                onClick={keep({
                  kind: 'transition',
                  method: 'POST',
                  url: `/api/v1/work-orders/${order.id}/transitions`,
                  body: { to },
                })}
              >
                {t(`orders.moveTo.${to}`, { defaultValue: t(`wo.states.${to}`) })}
              </Button>
            ))}
          </Space>
          {locating && <Typography.Text type="secondary">{t('field.locating')}</Typography.Text>}
          <FieldQueue items={queue} />
          {openVisit && record && <OnsitePanel orderId={order.id} record={record} />}
          {/* Training is recorded once the customer has signed the service request (one signature at a time). */}
          {openVisit && (onsite.data?.serviceRequests.length ?? 0) > 0 && (
            <TrainingPanel orderId={order.id} />
          )}
          {openVisit && record && (
            <ConsentsPanel
              orderId={order.id}
              consents={record.consents}
              signed={record.serviceRequests.length > 0}
            />
          )}
          {(openVisit || order.arrivedAt) && <PhotosPanel orderId={order.id} />}
          {(order.state === 'service_restored' || order.state === 'resolved') && order.arrivedAt && (
            <EngineerSignature orderId={order.id} />
          )}
          {order.arrivedAt && <CustomerQr orderId={order.id} number={order.number} />}
        </Space>
      </Card>
    </SiteWorkContext.Provider>
  );
}

/** The engineer page. */
export default function EngineerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const online = useOnline();
  const queryClient = useQueryClient();
  const queue = useFieldQueue();
  const meId = me.data?.id;
  useEffect(() => {
    if (!meId) return;
    // Each piece of work the server accepts refreshes what the page shows of its order.
    startQueue(meId, (work) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: fieldKeys.onsite(work.orderId) }),
        queryClient.invalidateQueries({ queryKey: fieldKeys.myOrdersAll }),
        work.kind === 'photo'
          ? queryClient.invalidateQueries({ queryKey: fieldKeys.orderFiles(work.orderId) })
          : undefined,
      ]),
    );
  }, [meId, queryClient]);
  const orders = useQuery({
    queryKey: fieldKeys.myOrders(meId),
    enabled: !!meId,
    networkMode: 'always',
    queryFn: () =>
      cachedGet<ListPage<WorkOrder>>(`/api/v1/work-orders?assigneeId=${meId}&open=true&limit=100`),
  });
  const items = orders.data?.items ?? [];
  // WO-5: the day runs in order of the agreed windows; orders without one come last.
  const appointments = useQueries({
    queries: items.map((o) => ({
      queryKey: fieldKeys.appointments(o.id),
      networkMode: 'always' as const,
      queryFn: () => cachedGet<{ items: EngineerAppointment[] }>(`/api/v1/work-orders/${o.id}/appointments`),
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
      {!online && (
        <Alert
          type="warning"
          showIcon
          data-testid="offline-banner"
          message={t('field.offline')}
          description={copyAge() ? t('field.dataFrom', { time: formatTime(copyAge()) }) : undefined}
        />
      )}
      {online && <PendingHandovers />}
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
                <OrderCard
                  order={o}
                  meId={me.data.id}
                  appointment={byOrder.get(o.id) ?? null}
                  queue={queue.filter((w) => w.orderId === o.id)}
                />
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
