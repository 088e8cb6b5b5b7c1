/**
 * Reconciliation items: filtered by kind (only in EOMS, only in the ledger, field differences)
 * and state, settled one by one — corrected to EOMS or explained — each with its history on the
 * server, and exported as xlsx with the same filter.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { resourceKeys } from '../../queries/resources.ts';
import { has, useMe } from '../../session.ts';
import { useServerForm } from '../../useServerForm.ts';

const KINDS = ['only_eoms', 'only_ledger', 'field'] as const;
const STATES = ['open', 'corrected', 'explained', 'gone'] as const;
const STATE_COLOR = { open: 'orange', corrected: 'green', explained: 'blue', gone: 'default' } as const;
const PAGE = 50;

interface Item {
  id: string;
  lineNo: string;
  kind: (typeof KINDS)[number];
  field: string;
  eomsValue: string | null;
  ledgerValue: string | null;
  regionName: string | null;
  state: (typeof STATES)[number];
  note: string | null;
}

function ResolveModal({ item, onClose }: { item: Item | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { form, errors, busy, run } = useServerForm<{ action: 'correct' | 'explain'; note?: string }>([
    'action',
    'note',
    'state',
  ]);
  const save = run(async (v) => {
    if (!item) return;
    const note = v.note?.trim();
    await api('POST', `/api/v1/ledger-items/${item.id}/resolve`, {
      action: v.action,
      ...(note ? { note } : {}),
    });
    await queryClient.invalidateQueries({ queryKey: resourceKeys.ledgerAll });
    message.success(t('resources.ledger.resolved'));
    onClose();
  });
  return (
    <Modal
      open={item !== null}
      title={`${t('resources.ledger.resolve')} · ${item?.lineNo ?? ''}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <FormErrors errors={errors} />
      <Form
        form={form}
        layout="vertical"
        name="ledger-resolve"
        onFinish={save}
        initialValues={{ action: 'correct' }}
      >
        <Form.Item name="action" label={t('resources.ledger.action')}>
          <Radio.Group
            options={(['correct', 'explain'] as const).map((a) => ({
              value: a,
              label: t(`resources.ledger.${a}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('resources.ledger.note')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function LedgerItems({ partnerId }: { partnerId: string | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const [kind, setKind] = useState<string | undefined>();
  const [state, setState] = useState<string | undefined>('open');
  const [page, setPage] = useState(0);
  const [settling, setSettling] = useState<Item | null>(null);
  const filter = { partnerId, kind, state };
  const items = useQuery({
    queryKey: resourceKeys.ledgerItems(filter, page),
    queryFn: () =>
      api<{ items: Item[] }>(
        'GET',
        `/api/v1/ledger-items${qs({ ...filter, limit: PAGE, offset: page * PAGE })}`,
      ),
  });
  const rows = items.data?.items ?? [];
  const canResolve = has(me.data, 'ledger.resolve');
  const value = (v: string | null) => v ?? '—';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('resources.ledger.kind')}
          allowClear
          placeholder={t('resources.ledger.allKinds')}
          style={{ width: 180 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(0);
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`resources.ledger.kinds.${k}`) }))}
        />
        <Select
          aria-label={t('resources.ledger.state')}
          allowClear
          placeholder={t('resources.ledger.allStates')}
          style={{ width: 180 }}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(0);
          }}
          options={STATES.map((s) => ({ value: s, label: t(`resources.ledger.states.${s}`) }))}
        />
        <Button href={`/api/v1/ledger-items/export${qs(filter)}`} download>
          {t('resources.ledger.export')}
        </Button>
      </Space>
      <Table<Item>
        rowKey="id"
        size="small"
        loading={items.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('resources.ledger.lineNo'), dataIndex: 'lineNo' },
          {
            title: t('resources.ledger.kind'),
            dataIndex: 'kind',
            render: (v: string) => t(`resources.ledger.kinds.${v}`),
          },
          {
            title: t('resources.ledger.field'),
            dataIndex: 'field',
            render: (v: string) => (v ? t(`resources.ledger.fields.${v}`) : '—'),
          },
          { title: t('resources.ledger.eomsValue'), dataIndex: 'eomsValue', render: value },
          { title: t('resources.ledger.ledgerValue'), dataIndex: 'ledgerValue', render: value },
          { title: t('resources.ledger.county'), dataIndex: 'regionName', render: value },
          {
            title: t('resources.ledger.state'),
            dataIndex: 'state',
            render: (v: Item['state']) => (
              <Tag color={STATE_COLOR[v]}>{t(`resources.ledger.states.${v}`)}</Tag>
            ),
          },
          { title: t('resources.ledger.note'), dataIndex: 'note', render: value },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, i) =>
              canResolve && i.state === 'open' ? (
                <Button size="small" onClick={() => setSettling(i)}>
                  {t('resources.ledger.resolve')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Space>
        <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('resources.ledger.prev')}
        </Button>
        <Button disabled={rows.length < PAGE} onClick={() => setPage(page + 1)}>
          {t('resources.ledger.more')}
        </Button>
      </Space>
      <ResolveModal item={settling} onClose={() => setSettling(null)} />
    </Space>
  );
}
