/**
 * The form that records one stock movement at a depot. Which fields show follows the kind, the
 * way the API's body for that kind names them; every refusal (too few available, a closed
 * order, a transfer to the same depot) comes back from the server and is shown on its field.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import type { ApiOk, SameMembers } from '../../contract/index.ts';
import { listKeys } from '../../queries/lists.ts';
import { resourceKeys } from '../../queries/resources.ts';
import type { Row } from '../../resource.tsx';
import { useServerForm } from '../../useServerForm.ts';

export const MOVEMENT_KINDS = [
  'receive',
  'reserve',
  'release',
  'issue',
  'consume',
  'return_unused',
  'return_faulty',
  'transfer',
  'adjust',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

// The kinds drive the form; this stops the build when the server's movements gain or lose one.
const kindsMatchTheApi: SameMembers<
  MovementKind,
  ApiOk<'/api/v1/depots/{id}/movements', 'get'>['items'][number]['kind']
> = true;
void kindsMatchTheApi;

type Need = 'required' | 'optional';
/** The fields each kind's body takes beyond the part (mirrors the API's body per kind). */
const NEEDS: Record<MovementKind, Partial<Record<string, Need>>> = {
  receive: { qty: 'required', reason: 'optional' },
  reserve: { qty: 'required', orderId: 'required', reason: 'optional' },
  release: { qty: 'required', orderId: 'required', reason: 'optional' },
  issue: { qty: 'required', orderId: 'required', personId: 'required', reason: 'optional' },
  consume: { qty: 'required', orderId: 'required', personId: 'optional', reason: 'optional' },
  return_unused: { qty: 'required', orderId: 'required', personId: 'optional', reason: 'optional' },
  return_faulty: {
    qty: 'required',
    orderId: 'optional',
    personId: 'optional',
    faultCode: 'required',
    serialNo: 'optional',
    reason: 'optional',
  },
  transfer: { qty: 'required', toDepotId: 'required', reason: 'optional' },
  adjust: { countedQty: 'required', reason: 'required' },
};
const FIELDS = [
  'kind',
  'partId',
  'qty',
  'countedQty',
  'orderId',
  'personId',
  'toDepotId',
  'faultCode',
  'serialNo',
  'reason',
];

const LABEL_KEY: Record<string, string> = { orderId: 'order', personId: 'person', toDepotId: 'toDepot' };

/** A choice list loaded from a list endpoint, the URL taken as given (some lists take no limit). */
interface Source {
  url: string;
  label: (item: Row) => string;
}
const PARTS: Source = { url: '/api/v1/parts', label: (p) => `${p.code} ${p.name}` };
const ORDERS: Source = {
  url: '/api/v1/work-orders?open=true&limit=200',
  label: (o) => `${o.number} ${o.customerName ?? o.contactName ?? ''}`,
};
const ENGINEERS: Source = {
  url: '/api/v1/people?role=engineer&limit=500',
  label: (p) => String(p.displayName),
};

function RefField(props: { source: Source; id?: string; value?: string; onChange?: (v: string) => void }) {
  const opts = useQuery({
    queryKey: listKeys.ref(props.source.url),
    queryFn: async () =>
      (await api<{ items: Row[] }>('GET', props.source.url)).items.map((i) => ({
        value: i.id,
        label: props.source.label(i),
      })),
  });
  return (
    <Select
      id={props.id}
      showSearch
      allowClear
      optionFilterProp="label"
      loading={opts.isPending}
      options={opts.data ?? []}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

export function MovementModal(props: { depot: Row; depots: Row[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { form, errors, busy, run } = useServerForm<Record<string, unknown>>(FIELDS);
  const kind = (Form.useWatch('kind', form) ?? 'receive') as MovementKind;
  const needs = NEEDS[kind];
  const save = run(async (values) => {
    const body: Record<string, unknown> = { kind, partId: values.partId };
    // Only what this kind takes; a missing required field is left for the server to name.
    for (const name of Object.keys(needs)) {
      const v = values[name];
      if (v !== undefined && v !== null && v !== '') body[name] = v;
    }
    await api('POST', `/api/v1/depots/${props.depot.id}/movements`, body);
    await queryClient.invalidateQueries({ queryKey: resourceKeys.depot(props.depot.id) });
    message.success(t('resources.depots.saved'));
    form.resetFields();
    props.onClose();
  });
  const label = (name: string) => t(`resources.depots.${LABEL_KEY[name] ?? name}`);
  const item = (name: string, control: ReactNode) =>
    needs[name] ? (
      <Form.Item name={name} label={label(name)} required={needs[name] === 'required'}>
        {control}
      </Form.Item>
    ) : null;
  return (
    <Modal
      open={props.open}
      title={`${t('resources.depots.record')} · ${String(props.depot.name)}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      maskClosable={false}
      forceRender
    >
      <FormErrors errors={errors} />
      <Form form={form} layout="vertical" name="movement" onFinish={save} initialValues={{ kind: 'receive' }}>
        <Form.Item name="kind" label={t('resources.depots.kind')} required>
          <Select
            options={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`resources.depots.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="partId" label={t('resources.depots.part')} required>
          <RefField source={PARTS} />
        </Form.Item>
        {item('qty', <InputNumber min={1} precision={0} style={{ width: 160 }} />)}
        {item('countedQty', <InputNumber min={0} precision={0} style={{ width: 160 }} />)}
        {item('orderId', <RefField source={ORDERS} />)}
        {item('personId', <RefField source={ENGINEERS} />)}
        {item(
          'toDepotId',
          <Select
            options={props.depots
              .filter((d) => d.id !== props.depot.id)
              .map((d) => ({ value: d.id, label: String(d.name) }))}
          />,
        )}
        {item('faultCode', <Input maxLength={64} />)}
        {item('serialNo', <Input maxLength={64} />)}
        {item('reason', <Input.TextArea rows={2} maxLength={500} />)}
      </Form>
    </Modal>
  );
}
