/**
 * Bulk actions on the selected orders (issue 17 item 3): dispatch to one engineer, change the
 * severity with a reason, or export the selection. The server decides each order on its own
 * (DP-1, WO-2) and answers per order; the answer is listed here order by order, refusals with
 * their reasons, so nothing is silently skipped.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, List, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import type { ApiBody, ApiOk } from '../../contract/index.ts';
import { ENGINEERS, RefSelect } from '../../refs.tsx';
import { SEVERITIES } from '../../workOrders.ts';
import { ExportButton } from './SavedViews.tsx';

type Bulk = ApiOk<'/api/v1/work-orders/bulk', 'post'>;
type Action = ApiBody<'/api/v1/work-orders/bulk', 'post'>['action'];

export function BulkActions({
  selected,
  canAssign,
  canAct,
  onDone,
}: {
  selected: { id: string; number: string }[];
  canAssign: boolean;
  canAct: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState<Action['kind'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Bulk | null>(null);
  const [form] = Form.useForm();
  const numberOf = new Map(selected.map((o) => [o.id, o.number]));
  const [numbers, setNumbers] = useState(numberOf);

  const send = async (action: Action) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api<Bulk>('POST', '/api/v1/work-orders/bulk', {
        orderIds: selected.map((o) => o.id),
        action,
      });
      setNumbers(numberOf);
      setAnswer(res);
      setOpen(null);
      form.resetFields();
      onDone();
      await client.invalidateQueries({ queryKey: ['work-orders'] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="bulk-actions" style={{ marginBottom: 12 }}>
      <Space wrap>
        <span>{t('lists.bulk.selected', { count: selected.length })}</span>
        {canAssign && (
          <Button disabled={!selected.length} onClick={() => setOpen('assign')}>
            {t('lists.bulk.assign')}
          </Button>
        )}
        {canAct && (
          <Button disabled={!selected.length} onClick={() => setOpen('severity')}>
            {t('lists.bulk.severity')}
          </Button>
        )}
        {selected.length > 0 && (
          <ExportButton filters={{}} orderIds={selected.map((o) => o.id)} label={t('lists.bulk.export')} />
        )}
      </Space>
      {answer && (
        <Alert
          style={{ marginTop: 12 }}
          type={answer.refused ? 'warning' : 'success'}
          closable
          onClose={() => setAnswer(null)}
          message={t('lists.bulk.result', { ok: answer.ok, refused: answer.refused })}
          description={
            <List
              size="small"
              data-testid="bulk-results"
              dataSource={answer.results}
              renderItem={(r) => (
                <List.Item data-testid="bulk-result" data-ok={String(r.ok)}>
                  <Space wrap>
                    <strong>{r.number ?? numbers.get(r.orderId) ?? ''}</strong>
                    {r.ok ? (
                      <Tag color="green">{t('lists.bulk.done')}</Tag>
                    ) : (
                      <>
                        <Tag color="red">{t('lists.bulk.refused')}</Tag>
                        <span>
                          {[r.error?.message, ...(r.error?.details ?? []).map((d) => d.message)]
                            .filter(Boolean)
                            .join(' ')}
                        </span>
                      </>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          }
        />
      )}
      <Modal
        open={open !== null}
        title={open === 'assign' ? t('lists.bulk.assign') : t('lists.bulk.severity')}
        okText={t('lists.bulk.apply', { count: selected.length })}
        confirmLoading={busy}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {error && <FormErrors errors={[error]} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: { leadEngineerId?: string; severity?: string; reason?: string }) =>
            void send(
              open === 'assign'
                ? { kind: 'assign', leadEngineerId: v.leadEngineerId ?? '' }
                : {
                    kind: 'severity',
                    severity: v.severity as (typeof SEVERITIES)[number],
                    reason: v.reason ?? '',
                  },
            )
          }
        >
          {open === 'assign' ? (
            <Form.Item
              name="leadEngineerId"
              label={t('lists.bulk.engineer')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <RefSelect source={ENGINEERS} ariaLabel={t('lists.bulk.engineer')} width={320} />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="severity"
                label={t('wo.fields.severity')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  aria-label={t('wo.fields.severity')}
                  options={SEVERITIES.map((s) => ({ value: s, label: t(`wo.severities.${s}`) }))}
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('lists.bulk.reason')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input.TextArea rows={2} aria-label={t('lists.bulk.reason')} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
