/**
 * DP-1: ranked candidates with their reasons; the dispatcher picks a lead and helpers. The action
 * sits above the eligible engineers and the ineligible ones are folded away, because an order can
 * have dozens of people in scope and the button must not end up a page-height below them.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Collapse, Input, Radio, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { historyKeys, orderKeys } from '../queries/workOrders.ts';
import { useMe } from '../session.ts';
import { type Candidate, canWorkOrders } from '../workOrders.ts';
import { FormErrors } from './FormErrors.tsx';

/** The candidates of one order and the assignment form. */
export function DispatchPanel({ orderId, onAssigned }: { orderId: string; onAssigned?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const candidates = useQuery({
    queryKey: orderKeys.candidates(orderId),
    queryFn: () => api<{ items: Candidate[] }>('GET', `/api/v1/work-orders/${orderId}/candidates`),
  });
  const [lead, setLead] = useState<string | null>(null);
  const [helpers, setHelpers] = useState<string[]>([]);
  const [override, setOverride] = useState('');
  const [error, setError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const canOverride = canWorkOrders(me.data, 'work_orders.override');
  const items = candidates.data?.items ?? [];
  const eligible = items.filter((c) => c.eligible);
  const ineligible = items.filter((c) => !c.eligible);
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
      await queryClient.invalidateQueries({ queryKey: orderKeys.all });
      await queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
      await queryClient.invalidateQueries({ queryKey: orderKeys.candidates(orderId) });
      await queryClient.invalidateQueries({ queryKey: historyKeys.all });
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

  const pick = (c: Candidate) => (
    <Space size={12}>
      <Radio
        checked={lead === c.personId}
        onChange={() => setLead(c.personId)}
        aria-label={`${t('dispatch.lead')} ${c.name}`}
      >
        {t('dispatch.lead')}
      </Radio>
      <Checkbox
        aria-label={`${t('dispatch.helper')} ${c.name}`}
        checked={helpers.includes(c.personId)}
        disabled={lead === c.personId}
        onChange={(e) =>
          setHelpers((h) => (e.target.checked ? [...h, c.personId] : h.filter((x) => x !== c.personId)))
        }
      >
        {t('dispatch.helper')}
      </Checkbox>
    </Space>
  );
  // Only a manager may override DP-1, so only a manager is offered the ineligible people to pick.
  const columns = (selectable: boolean): ColumnsType<Candidate> => [
    { key: 'rank', title: '#', width: 40, render: (_, c) => c.rank },
    {
      key: 'name',
      title: t('dispatch.engineer'),
      render: (_, c) => <Typography.Text strong>{c.name}</Typography.Text>,
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
    ...(selectable
      ? [{ key: 'pick', title: t('dispatch.choose'), render: (_: unknown, c: Candidate) => pick(c) }]
      : []),
  ];

  return (
    <section aria-label={t('dispatch.candidates')}>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <Space wrap>
          <Button
            type="primary"
            disabled={!lead && helpers.length === 0}
            loading={busy}
            onClick={() => void assign()}
          >
            {t('dispatch.assign')}
          </Button>
          <Typography.Text type="secondary">
            {t('dispatch.chosen', {
              names:
                items
                  .filter((c) => c.personId === lead || helpers.includes(c.personId))
                  .map((c) => `${c.name} · ${t(c.personId === lead ? 'dispatch.lead' : 'dispatch.helper')}`)
                  .join('，') || t('dispatch.nobodyChosen'),
            })}
          </Typography.Text>
        </Space>
        <FormErrors errors={error} />
        {chosenIneligible && canOverride && (
          <div>
            <label htmlFor="override-reason">{t('dispatch.overrideReason')}</label>
            <Input.TextArea
              id="override-reason"
              rows={2}
              value={override}
              onChange={(e) => setOverride(e.target.value)}
            />
          </div>
        )}
      </Space>
      <Typography.Title level={5}>{t('dispatch.eligibleCount', { count: eligible.length })}</Typography.Title>
      <Table<Candidate>
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={eligible}
        locale={{ emptyText: t('dispatch.noneEligible') }}
        columns={columns(true)}
      />
      {ineligible.length > 0 && (
        <Collapse
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'ineligible',
              label: t('dispatch.ineligibleCount', { count: ineligible.length }),
              children: (
                <Table<Candidate>
                  rowKey="personId"
                  size="small"
                  pagination={false}
                  dataSource={ineligible}
                  columns={columns(canOverride)}
                />
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
