/**
 * Ownership and severity of an order: the owner who tracks it to closure (WO-3), handover
 * requests the receiver must accept (WO-4), and severity changes (lowering needs a reason and a
 * manager, WO-2). The server enforces each rule and answers in the person's language.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { historyKeys, orderKeys } from '../queries/workOrders.ts';
import { RefLabel, RefSelect, type RefSource } from '../refs.tsx';
import { has, useMe } from '../session.ts';
import { formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';
import { SEVERITIES } from '../workOrders.ts';
import { FormErrors } from './FormErrors.tsx';
import { type Handover, usePendingHandovers } from './handovers.ts';

export type { Handover };

const PEOPLE: RefSource = {
  url: '/api/v1/people?active=true',
  label: (r) => `${String(r.displayName)} (${String(r.username)})`,
};

/** The panel on the order page. */
export function OwnerPanel(props: {
  orderId: string;
  ownerId: string;
  severity: string;
  handovers: Handover[];
  timeZone?: string | null;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const canSeePeople = has(me.data, 'people.read');
  const [dialog, setDialog] = useState<'handover' | 'severity' | null>(null);
  const ho = useServerForm<{ toPersonId: string; reason: string }>(['toPersonId', 'reason']);
  const sv = useServerForm<{ severity: string; reason?: string }>(['severity', 'reason']);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: orderKeys.detail(props.orderId) });
    await queryClient.invalidateQueries({ queryKey: historyKeys.all });
    await queryClient.invalidateQueries({ queryKey: orderKeys.all });
  };
  const askHandover = ho.run(async (v) => {
    await api('POST', `/api/v1/work-orders/${props.orderId}/handovers`, v);
    setDialog(null);
    await refresh();
  });
  const changeSeverity = sv.run(async (v) => {
    await api('POST', `/api/v1/work-orders/${props.orderId}/severity`, {
      severity: v.severity,
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    });
    setDialog(null);
    await refresh();
  });
  const name = (id: string) =>
    canSeePeople ? <RefLabel source={PEOPLE} id={id} /> : id === me.data?.id ? me.data.displayName : '—';

  return (
    <section aria-label={t('owner.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>
          {t('owner.owner')}: <strong>{name(props.ownerId)}</strong>
        </span>
        {canSeePeople && (
          <Button
            size="small"
            onClick={() => {
              ho.setErrors([]);
              ho.form.resetFields();
              setDialog('handover');
            }}
          >
            {t('owner.requestHandover')}
          </Button>
        )}
        <Button
          size="small"
          onClick={() => {
            sv.setErrors([]);
            sv.form.resetFields();
            sv.form.setFieldsValue({ severity: props.severity });
            setDialog('severity');
          }}
        >
          {t('owner.changeSeverity')}
        </Button>
      </Space>
      {props.handovers.length > 0 && (
        <Table<Handover>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={props.handovers}
          columns={[
            { key: 'to', title: t('owner.to'), render: (_, h) => name(h.toPersonId) },
            { key: 'reason', title: t('fields.reason'), render: (_, h) => h.reason },
            {
              key: 'state',
              title: t('wo.fields.state'),
              render: (_, h) => <Tag>{t(`owner.states.${h.state}`, { defaultValue: h.state })}</Tag>,
            },
            {
              key: 'at',
              title: t('owner.requestedAt'),
              render: (_, h) => formatTime(h.requestedAt, props.timeZone),
            },
            { key: 'note', title: t('owner.note'), render: (_, h) => h.decisionNote ?? '—' },
          ]}
        />
      )}
      <Modal
        open={dialog === 'handover'}
        title={t('owner.requestHandover')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={ho.busy}
        onOk={() => ho.form.submit()}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <FormErrors errors={ho.errors} />
        <Form form={ho.form} layout="vertical" onFinish={askHandover} name={`handover-${props.orderId}`}>
          <Form.Item
            name="toPersonId"
            label={t('owner.to')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            {canSeePeople ? <RefSelect source={PEOPLE} /> : <Select disabled />}
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('fields.reason')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={dialog === 'severity'}
        title={t('owner.changeSeverity')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={sv.busy}
        onOk={() => sv.form.submit()}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <FormErrors errors={sv.errors} />
        <Form form={sv.form} layout="vertical" onFinish={changeSeverity} name={`severity-${props.orderId}`}>
          <Form.Item
            name="severity"
            label={t('wo.fields.severity')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`wo.severities.${s}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('fields.reason')} extra={t('owner.downgradeHelp')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

/** Handovers waiting for the signed-in person to accept or decline (WO-4). */
export function PendingHandovers() {
  const { t } = useTranslation();
  const { items, loadError, errors, decide, declining, setDeclining, note, setNote, decline } =
    usePendingHandovers();
  if (loadError) return <FormErrors errors={[loadError.message]} />;
  if (items.length === 0) return errors.length ? <FormErrors errors={errors} /> : null;
  return (
    <section aria-label={t('owner.pending')} style={{ marginBottom: 16 }}>
      <FormErrors errors={errors} />
      <Table<Handover>
        rowKey="id"
        size="small"
        title={() => <strong>{t('owner.pending')}</strong>}
        pagination={false}
        dataSource={items}
        columns={[
          {
            key: 'order',
            title: t('wo.fields.number'),
            render: (_, h) => <Link to={`/orders/${h.orderId}`}>{t('owner.openOrder')}</Link>,
          },
          { key: 'reason', title: t('fields.reason'), render: (_, h) => h.reason },
          { key: 'at', title: t('owner.requestedAt'), render: (_, h) => formatTime(h.requestedAt) },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, h) => (
              <Space>
                <Button size="small" type="primary" onClick={() => void decide(h, 'accept')}>
                  {t('owner.accept')}
                </Button>
                <Button size="small" onClick={() => setDeclining(h)}>
                  {t('owner.decline')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={declining !== null}
        title={t('owner.decline')}
        okText={t('owner.decline')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !note.trim() }}
        onOk={() => declining && void decline(declining)}
        onCancel={() => setDeclining(null)}
      >
        <label htmlFor="decline-note">{t('owner.declineNote')}</label>
        <Input.TextArea id="decline-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </section>
  );
}
