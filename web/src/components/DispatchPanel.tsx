/** DP-1: ranked candidates with their reasons; the dispatcher picks a lead and helpers. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { useMe } from '../session.ts';
import { type Candidate, canWorkOrders } from '../workOrders.ts';

/** The candidates of one order and the assignment form. */
export function DispatchPanel({ orderId, onAssigned }: { orderId: string; onAssigned?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const candidates = useQuery({
    queryKey: ['candidates', orderId],
    queryFn: () => api<{ items: Candidate[] }>('GET', `/api/v1/work-orders/${orderId}/candidates`),
  });
  const [lead, setLead] = useState<string | null>(null);
  const [helpers, setHelpers] = useState<string[]>([]);
  const [override, setOverride] = useState('');
  const [error, setError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const canOverride = canWorkOrders(me.data, 'work_orders.override');
  const items = candidates.data?.items ?? [];
  const chosenIneligible = items.some(
    (c) => !c.eligible && (c.personId === lead || helpers.includes(c.personId)),
  );

  const assign = async () => {
    setBusy(true);
    setError([]);
    try {
      await api('POST', `/api/v1/work-orders/${orderId}/assignments`, {
        ...(lead ? { leadEngineerId: lead } : {}),
        helperIds: helpers.filter((h) => h !== lead),
        ...(override.trim() ? { overrideReason: override.trim() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      await queryClient.invalidateQueries({ queryKey: ['work-order', orderId] });
      await queryClient.invalidateQueries({ queryKey: ['candidates', orderId] });
      await queryClient.invalidateQueries({ queryKey: ['history'] });
      onAssigned?.();
    } catch (err) {
      setError(
        err instanceof ApiError
          ? [err.message, ...err.details.map((d) => d.message)]
          : [err instanceof Error ? err.message : String(err)],
      );
    } finally {
      setBusy(false);
    }
  };

  if (candidates.isPending) return <Spin />;
  if (candidates.error) return <Alert type="error" message={candidates.error.message} />;
  return (
    <section aria-label={t('dispatch.candidates')}>
      {error.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error[0]}
          description={error.slice(1).join('; ') || undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<Candidate>
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { key: 'rank', title: '#', render: (_, c) => c.rank },
          {
            key: 'name',
            title: t('dispatch.engineer'),
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{c.name}</Typography.Text>
                {c.eligible ? (
                  <Tag color="green">{t('dispatch.eligible')}</Tag>
                ) : (
                  <Tag color="red">{t('dispatch.ineligible')}</Tag>
                )}
              </Space>
            ),
          },
          {
            key: 'reasons',
            title: t('dispatch.reasons'),
            render: (_, c) => (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {c.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ),
          },
          { key: 'load', title: t('dispatch.openLoad'), render: (_, c) => c.openLoad },
          {
            key: 'distance',
            title: t('dispatch.distance'),
            render: (_, c) => (c.distanceKm === null ? '—' : `${c.distanceKm} km`),
          },
          {
            key: 'lead',
            title: t('dispatch.lead'),
            render: (_, c) => (
              <Radio
                checked={lead === c.personId}
                onChange={() => setLead(c.personId)}
                aria-label={`${t('dispatch.lead')} ${c.name}`}
              />
            ),
          },
          {
            key: 'helper',
            title: t('dispatch.helper'),
            render: (_, c) => (
              <Checkbox
                aria-label={`${t('dispatch.helper')} ${c.name}`}
                checked={helpers.includes(c.personId)}
                disabled={lead === c.personId}
                onChange={(e) =>
                  setHelpers((h) =>
                    e.target.checked ? [...h, c.personId] : h.filter((x) => x !== c.personId),
                  )
                }
              />
            ),
          },
        ]}
      />
      {chosenIneligible && canOverride && (
        <div style={{ marginTop: 12 }}>
          <label htmlFor="override-reason">{t('dispatch.overrideReason')}</label>
          <Input.TextArea
            id="override-reason"
            rows={2}
            value={override}
            onChange={(e) => setOverride(e.target.value)}
          />
        </div>
      )}
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        disabled={!lead && helpers.length === 0}
        loading={busy}
        onClick={() => void assign()}
      >
        {t('dispatch.assign')}
      </Button>
    </section>
  );
}
