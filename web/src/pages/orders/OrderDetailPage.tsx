/** One order: its 5W1H, people, allowed actions, state changes and history, in the site's time zone. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api.ts';
import { AppointmentsPanel } from '../../components/AppointmentsPanel.tsx';
import { ClocksPanel } from '../../components/ClocksPanel.tsx';
import { DispatchPanel } from '../../components/DispatchPanel.tsx';
import { FormErrors } from '../../components/FormErrors.tsx';
import { HistoryTimeline } from '../../components/HistoryTimeline.tsx';
import { OrderFiles } from '../../components/OrderFiles.tsx';
import { type Handover, OwnerPanel } from '../../components/OwnerPanel.tsx';
import { SiteVisits } from '../../components/SiteVisits.tsx';
import { historyKeys, orderKeys } from '../../queries/workOrders.ts';
import { CUSTOMERS } from '../../refs.tsx';
import { RefLabel } from '../../resource.tsx';
import { useMe } from '../../session.ts';
import { formatTime, formatTimeWithZone } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import {
  canWorkOrders,
  type State,
  severityColor,
  stateColor,
  type WorkOrderDetail,
} from '../../workOrders.ts';
import { CustomerNotesPanel } from '../wording/CustomerNotesPanel.tsx';

interface Transition {
  from: string;
  to: string;
  kind: string;
  at: string;
  actor: string;
  reason: string | null;
}

/** Moves that need a reason: cancelling, and reopening finished work. */
function needsReason(from: State, to: State): boolean {
  return to === 'cancelled' || (to === 'accepted' && ['resolved', 'signed_off', 'closed'].includes(from));
}

/** The order detail page. */
export default function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const order = useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: () => api<WorkOrderDetail & { handovers: Handover[] }>('GET', `/api/v1/work-orders/${id}`),
  });
  const site = useQuery({
    queryKey: orderKeys.site(order.data?.siteId),
    enabled: !!order.data?.siteId,
    queryFn: () =>
      api<{ timeZone: string; name: string; code: string }>('GET', `/api/v1/sites/${order.data?.siteId}`),
  });
  const transitions = useQuery({
    queryKey: orderKeys.transitions(id),
    queryFn: () => api<{ items: Transition[] }>('GET', `/api/v1/work-orders/${id}/transitions`),
  });
  const [moving, setMoving] = useState<State | null>(null);
  const [actionErrors, setActionErrors] = useState<string[]>([]);
  const [link, setLink] = useState<string | null>(null);
  const issueLink = async () => {
    setActionErrors([]);
    try {
      const r = await api<{ path: string }>('POST', `/api/v1/work-orders/${id}/customer-links`, {});
      setLink(`${window.location.origin}${r.path}`);
    } catch (err) {
      setActionErrors([err instanceof Error ? err.message : String(err)]);
    }
  };
  const { form, errors, setErrors, busy, run } = useServerForm<{ reason?: string }>(['reason', 'to']);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: orderKeys.detail(id) });
    await queryClient.invalidateQueries({ queryKey: orderKeys.transitions(id) });
    await queryClient.invalidateQueries({ queryKey: historyKeys.all });
    await queryClient.invalidateQueries({ queryKey: orderKeys.all });
  };

  const move = run(async (v) => {
    if (!moving) return;
    await api('POST', `/api/v1/work-orders/${id}/transitions`, {
      to: moving,
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    });
    setMoving(null);
    await refresh();
  });

  const start = (to: State) => {
    setErrors([]);
    setActionErrors([]);
    form.resetFields();
    setMoving(to);
  };

  if (order.isPending) return <Spin />;
  if (order.error) return <Result status="warning" title={order.error.message} />;
  const o = order.data;
  const tz = site.data?.timeZone;
  const canAct = canWorkOrders(me.data, 'work_orders.act');
  const canAssign = canWorkOrders(me.data, 'work_orders.assign');
  // The server lists only the moves this person may make (a critical order: cancel by managers).
  const next = o.nextStates;
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <h1 style={{ fontSize: 18, margin: 0 }}>{t('orders.title', { number: o.number })}</h1>
            <Tag color={stateColor(o.state)}>{t(`wo.states.${o.state}`)}</Tag>
            <Tag color={severityColor(o.severity)}>{t(`wo.severities.${o.severity}`)}</Tag>
          </Space>
        }
      >
        {(o.scopeReviews ?? [])
          .filter((r) => r.decision === null)
          .map((r) => (
            <Alert
              key={r.id}
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('orders.scopeReviewWaiting')}
              description={r.reason}
            />
          ))}
        {canAct && next.length > 0 && (
          <section aria-label={t('orders.actions')} style={{ marginBottom: 16 }}>
            <Space wrap>
              {next.map((to) => (
                <Button key={to} danger={to === 'cancelled'} onClick={() => start(to)}>
                  {t(`orders.moveTo.${to}`, { defaultValue: t(`wo.states.${to}`) })}
                </Button>
              ))}
            </Space>
          </section>
        )}
        <FormErrors errors={actionErrors} />
        {canAct && o.state !== 'cancelled' && (
          <Space wrap style={{ marginBottom: 16 }}>
            <Button onClick={() => void issueLink()}>{t('orders.customerLink')}</Button>
            {link && (
              <span data-testid="customer-link">
                {t('orders.customerLinkReady')} <Typography.Text copyable>{link}</Typography.Text>
              </span>
            )}
          </Space>
        )}
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Descriptions column={1} size="small" bordered title={t('orders.whatWhen')}>
              <Descriptions.Item label={t('wo.fields.type')}>{t(`wo.types.${o.type}`)}</Descriptions.Item>
              <Descriptions.Item label={t('wo.fields.channel')}>
                {t(`wo.channels.${o.channel}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('wo.fields.symptom')}>{o.symptom}</Descriptions.Item>
              <Descriptions.Item label={t('wo.fields.alarms')}>{o.alarms ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('wo.fields.suspectedCause')}>
                {o.suspectedCause ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('wo.fields.foundHow')}>{o.foundHow ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('wo.fields.occurredAt')}>
                {formatTimeWithZone(o.occurredAt, tz)}
              </Descriptions.Item>
              <Descriptions.Item label={t('wo.fields.receivedAt')}>
                {formatTimeWithZone(o.receivedAt, tz)}
              </Descriptions.Item>
              <Descriptions.Item label={t('wo.fields.impacts')}>
                {t('wo.impacts.serviceInterruption')}: {yesNo(o.impacts.serviceInterruption)} ·{' '}
                {t('wo.impacts.kpiDegradation')}: {yesNo(o.impacts.kpiDegradation)} ·{' '}
                {t('wo.impacts.billing')}: {yesNo(o.impacts.billing)}
              </Descriptions.Item>
              {o.reportedSeverity !== o.severity && (
                <Descriptions.Item label={t('wo.fields.reportedSeverity')}>
                  {t(`wo.severities.${o.reportedSeverity}`)}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Col>
          <Col xs={24} lg={12}>
            <Descriptions column={1} size="small" bordered title={t('orders.whoWhere')}>
              <Descriptions.Item label={t('fields.customerId')}>
                {o.customerName ?? <RefLabel source={CUSTOMERS} id={o.customerId} />}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.contactName')}>{o.contactName}</Descriptions.Item>
              <Descriptions.Item label={t('fields.contactPhone')}>{o.contactPhone}</Descriptions.Item>
              <Descriptions.Item label={t('fields.siteId')}>
                {site.data ? `${site.data.name} (${site.data.code})` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.address')}>{o.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('fields.product')}>{o.product ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('orders.people')}>
                <Space wrap>
                  {o.assignments.length === 0
                    ? '—'
                    : o.assignments.map((a) => (
                        <Tag key={a.id} color={a.role === 'lead' ? 'blue' : 'default'}>
                          {a.name} · {t(`orders.roles.${a.role}`)}
                        </Tag>
                      ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Col>
        </Row>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'transitions',
              label: t('orders.transitions'),
              children: (
                <Timeline
                  items={(transitions.data?.items ?? []).map((tr, i) => ({
                    key: `${tr.at}-${i}`,
                    children: (
                      <div data-testid="transition">
                        <strong>
                          {t(`wo.states.${tr.from}`, { defaultValue: tr.from })} →{' '}
                          {t(`wo.states.${tr.to}`, { defaultValue: tr.to })}
                        </strong>{' '}
                        <span style={{ color: '#595959' }}>
                          {formatTime(tr.at, tz)} · {tr.actor}
                        </span>
                        {tr.reason && <div>{t('history.reason', { reason: tr.reason })}</div>}
                      </div>
                    ),
                  }))}
                />
              ),
            },
            ...(canAct
              ? [
                  {
                    key: 'owner',
                    label: t('owner.title'),
                    children: (
                      <OwnerPanel
                        orderId={o.id}
                        ownerId={o.ownerId}
                        severity={o.severity}
                        handovers={o.handovers}
                        timeZone={tz}
                      />
                    ),
                  },
                ]
              : []),
            ...(canAct && ['dispatched', 'appointment_agreed', 'en_route'].includes(o.state)
              ? [
                  {
                    key: 'appointments',
                    label: t('appointments.title'),
                    children: <AppointmentsPanel orderId={o.id} timeZone={tz} />,
                  },
                ]
              : []),
            ...(canAssign && (o.state === 'accepted' || o.state === 'dispatched')
              ? [{ key: 'dispatch', label: t('dispatch.assign'), children: <DispatchPanel orderId={o.id} /> }]
              : []),
            ...(me.data?.permissions.includes('deadlines.read')
              ? [
                  {
                    key: 'clocks',
                    label: t('clocks.title'),
                    children: (
                      <ClocksPanel
                        orderId={o.id}
                        canPause={canAct && !!me.data?.permissions.includes('deadlines.pause')}
                        timeZone={tz}
                      />
                    ),
                  },
                ]
              : []),
            ...(canAct && me.data?.permissions.includes('deadlines.pause')
              ? [
                  {
                    key: 'customer-notices',
                    label: t('wording.notes.tab'),
                    children: <CustomerNotesPanel orderId={o.id} timeZone={tz} />,
                  },
                ]
              : []),
            {
              key: 'visits',
              label: t('visits.title'),
              children: <SiteVisits orderId={o.id} timeZone={tz} />,
            },
            {
              key: 'files',
              label: t('files.title'),
              children: <OrderFiles orderId={o.id} state={o.state} canAct={canAct} timeZone={tz} />,
            },
            {
              key: 'history',
              label: t('history.title'),
              children: <HistoryTimeline url={`/api/v1/work-orders/${o.id}/history`} timeZone={tz} />,
            },
          ]}
        />
      </Card>
      <Modal
        open={moving !== null}
        title={moving ? t(`orders.moveTo.${moving}`, { defaultValue: t(`wo.states.${moving}`) }) : ''}
        okText={t('orders.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setMoving(null)}
        forceRender
      >
        <FormErrors errors={errors} />
        {moving &&
          o.state === 'on_site' &&
          moving === 'resolved' &&
          o.severity !== 'minor' &&
          o.severity !== 'advisory' && (
            <Alert type="info" showIcon message={t('orders.restoreFirst')} style={{ marginBottom: 12 }} />
          )}
        <Form form={form} layout="vertical" onFinish={move} name="transition">
          <Form.Item
            name="reason"
            label={t('fields.reason')}
            rules={
              moving && needsReason(o.state, moving)
                ? [{ required: true, message: t('common.required') }]
                : []
            }
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
