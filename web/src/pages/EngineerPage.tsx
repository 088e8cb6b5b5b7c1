/** The engineer's phone view: today's open orders, check in and out on site, and the next step. */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Tag } from 'antd';
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListPage } from '../api.ts';
import type { Consent } from '../components/EngineerTools.tsx';
import { FieldQueue } from '../components/FieldQueue.tsx';
import type { OnsiteRecord } from '../components/OnsitePanel.tsx';
import { CustomerQr, NavigateButton } from '../components/SiteLinks.tsx';
import { currentAppointment, type EngineerAppointment } from '../field/appointments.ts';
import { FieldHandovers } from '../field/FieldHandovers.tsx';
import { LateNoticePanel } from '../field/LateNotice.tsx';
import { fieldKeys } from '../fieldKeys.ts';
import { overlayOrder, overlayRecord } from '../offline/overlay.ts';
import { enqueue, startQueue, useFieldQueue } from '../offline/queue.ts';
import { type SendSiteWork, SiteWorkContext } from '../offline/send.ts';
import { cachedGet, copyAge, type QueuedWork } from '../offline/store.ts';
import { PageFallback } from '../providers.tsx';
import { useMe } from '../session.ts';
import { dayjs, formatTime } from '../time.ts';
import { type State, severityColor, stateColor, type WorkOrder } from '../workOrders.ts';

// The site's forms load once an order has an arrival (see field/OnsiteWork.tsx).
const OnsiteWork = lazy(() => import('../field/OnsiteWork.tsx'));

const ENGINEER_MOVES: State[] = ['en_route', 'service_restored', 'resolved'];
const CHECK_IN_STATES: State[] = ['en_route', 'on_site', 'service_restored'];
/** Engineering orders carry an acceptance record, filled while the engineer is on site (RS-6). */
const ACCEPTANCE_TYPES: WorkOrder['type'][] = ['eng_installation', 'eng_commissioning', 'eng_acceptance'];
const ACCEPTANCE_STATES: State[] = ['on_site', 'service_restored', 'resolved'];
// Its own chunk: most orders are not engineering work, so most days it is never loaded.
const AcceptancePanel = lazy(() => import('../components/AcceptancePanel.tsx'));

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
      <article className="field-card" data-testid="engineer-order">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Link to={`/orders/${order.id}`}>
              <strong>{order.number}</strong>
            </Link>
            <Tag color={severityColor(order.severity)}>{t(`wo.severities.${order.severity}`)}</Tag>
            <Tag color={stateColor(order.state)}>{t(`wo.states.${order.state}`)}</Tag>
          </Space>
          <span>{order.symptom}</span>
          <span className="field-secondary">
            {order.customerName ?? '—'} · {order.address ?? '—'}
          </span>
          <span className="field-secondary">
            {order.contactName} · <a href={`tel:${order.contactPhone}`}>{order.contactPhone}</a>
          </span>
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
            !order.arrivedAt && <span className="field-secondary">{t('engineer.noAppointment')}</span>
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
          {locating && <span className="field-secondary">{t('field.locating')}</span>}
          <FieldQueue items={queue} />
          {(openVisit || order.arrivedAt) && (
            <Suspense fallback={<PageFallback />}>
              <OnsiteWork
                order={order}
                record={record}
                onSite={!!openVisit}
                requestSigned={(onsite.data?.serviceRequests.length ?? 0) > 0}
              />
            </Suspense>
          )}
          {ACCEPTANCE_TYPES.includes(order.type) && ACCEPTANCE_STATES.includes(order.state) && (
            <Suspense fallback={<PageFallback />}>
              <AcceptancePanel orderId={order.id} />
            </Suspense>
          )}
          {order.arrivedAt && <CustomerQr orderId={order.id} number={order.number} />}
        </Space>
      </article>
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
  if (!me.data || orders.isPending) return <PageFallback />;
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
      {online && <FieldHandovers />}
      {sorted.length === 0 ? (
        <p className="field-secondary" style={{ textAlign: 'center', padding: 24 }}>
          {t('engineer.none')}
        </p>
      ) : (
        <ul className="field-list">
          {sorted.map((o) => (
            <li key={o.id} style={{ padding: '6px 0', border: 'none' }}>
              {dayjs(byOrder.get(o.id)?.windowStart ?? null).isSame(dayjs(), 'day') && (
                <Tag color="blue">{t('engineer.todayAppointment')}</Tag>
              )}
              <OrderCard
                order={o}
                meId={me.data.id}
                appointment={byOrder.get(o.id) ?? null}
                queue={queue.filter((w) => w.orderId === o.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
