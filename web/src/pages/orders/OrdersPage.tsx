/** The dispatcher board: open orders with filters; dispatch from the list with ranked candidates (DP-1). */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, type CheckboxProps, Drawer, Input, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type ListPage, qs } from '../../api.ts';
import { DispatchPanel } from '../../components/DispatchPanel.tsx';
import { FormErrors } from '../../components/FormErrors.tsx';
import { PendingHandovers } from '../../components/OwnerPanel.tsx';
import { CUSTOMERS } from '../../refs.tsx';
import { regionName, regionTree, useRegions } from '../../regions.ts';
import { RefLabel } from '../../resource.tsx';
import { has, useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';
import {
  canWorkOrders,
  SEVERITIES,
  STATES,
  severityColor,
  stateColor,
  WORK_ORDER_TYPES,
  type WorkOrder,
} from '../../workOrders.ts';
import type { Clock } from '../DeadlinesPage.tsx';
import { BulkActions } from './BulkActions.tsx';
import { ClockTag } from './ClockTag.tsx';
import { DispatchBoard } from './DispatchBoard.tsx';
import { useDragDispatch } from './dragDispatch.ts';
import { useListUrl } from './listUrl.ts';
import { ExportButton, SavedViews } from './SavedViews.tsx';

/** States in which an order can be given to an engineer (DP-1 decides the rest). */
const DISPATCHABLE: string[] = ['accepted', 'dispatched'];

/** The orders page. */
export default function OrdersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const regions = useRegions();
  const tree = useMemo(
    () => regionTree(regions.data?.items ?? [], i18n.language),
    [regions.data, i18n.language],
  );
  const url = useListUrl();
  const filters = url.apiFilters();
  const { page, setPage } = url;
  const [dispatching, setDispatching] = useState<WorkOrder | null>(null);
  const [selected, setSelected] = useState<WorkOrder[]>([]);
  const pageSize = 20;
  const list = useQuery({
    queryKey: ['work-orders', filters, page],
    queryFn: () =>
      api<ListPage<WorkOrder> & { totalCapped: boolean }>(
        'GET',
        `/api/v1/work-orders${qs({ ...filters, limit: pageSize, offset: (page - 1) * pageSize })}`,
      ),
  });
  // One request for the nearest running deadline of every order on the page, not one per row.
  const pageIds = (list.data?.items ?? []).map((o) => o.id);
  const canClocks = has(me.data, 'deadlines.read');
  const next = useQuery({
    queryKey: ['deadlines-next', pageIds],
    enabled: canClocks && pageIds.length > 0,
    refetchInterval: 60_000,
    queryFn: () =>
      api<{ items: Clock[] }>(
        'GET',
        `/api/v1/deadlines/next?${new URLSearchParams(pageIds.map((id) => ['orderId', id]))}`,
      ),
  });
  const clockOf = useMemo(() => new Map((next.data?.items ?? []).map((c) => [c.orderId, c])), [next.data]);
  const remaining = (o: WorkOrder) => clockOf.get(o.id)?.remainingMinutes ?? Number.POSITIVE_INFINITY;
  const canAssign = canWorkOrders(me.data, 'work_orders.assign');
  const canAct = canWorkOrders(me.data, 'work_orders.act');
  const set = url.set;
  const drag = useDragDispatch();
  const sort = url.get('sort');
  const regionLabel = (id: string) => {
    const r = regions.data?.items.find((x) => x.id === id);
    return r ? regionName(r, i18n.language) : '—';
  };
  const opt = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('nav.orders')}</h1>}
      extra={
        canWorkOrders(me.data, 'work_orders.create') && (
          <Button type="primary" onClick={() => navigate('/orders/new')}>
            {t('nav.intake')}
          </Button>
        )
      }
    >
      {canWorkOrders(me.data, 'work_orders.act') && <PendingHandovers />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={filters.q ?? ''}
          aria-label={t('common.search')}
          placeholder={t('common.search')}
          allowClear
          defaultValue={filters.q}
          onSearch={(v) => set('q')(v || undefined)}
          style={{ width: 200 }}
        />
        <Select
          aria-label={t('orders.openOnly')}
          style={{ width: 140 }}
          value={url.get('open')}
          onChange={(v: string) => set('open')(v)}
          options={[
            { value: 'true', label: t('orders.open') },
            { value: 'false', label: t('orders.finished') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Select
          aria-label={t('wo.fields.state')}
          placeholder={t('wo.fields.state')}
          allowClear
          style={{ width: 150 }}
          value={filters.state}
          onChange={set('state')}
          options={opt('wo.states', STATES)}
        />
        <Select
          aria-label={t('wo.fields.severity')}
          placeholder={t('wo.fields.severity')}
          allowClear
          style={{ width: 130 }}
          value={filters.severity}
          onChange={set('severity')}
          options={opt('wo.severities', SEVERITIES)}
        />
        <Select
          aria-label={t('wo.fields.type')}
          placeholder={t('wo.fields.type')}
          allowClear
          style={{ width: 170 }}
          value={filters.type}
          onChange={set('type')}
          options={opt('wo.types', WORK_ORDER_TYPES)}
        />
        <TreeSelect
          aria-label={t('fields.regionId')}
          placeholder={t('fields.regionId')}
          allowClear
          style={{ width: 180 }}
          treeData={tree}
          treeDefaultExpandAll
          value={filters.regionId}
          onChange={set('regionId')}
        />
        <SavedViews current={url.viewQuery()} onOpen={url.openView} />
        <ExportButton filters={filters} />
      </Space>
      {list.error && <FormErrors errors={[list.error.message]} />}
      {(canAssign || canAct) && (
        <BulkActions
          selected={selected}
          canAssign={canAssign}
          canAct={canAct}
          onDone={() => setSelected([])}
        />
      )}
      {/* Wide lists scroll in this box: antd's own horizontal scroll adds a hidden focusable measure row (axe). */}
      <div data-testid="order-list" style={{ overflowX: 'auto' }}>
        <Table<WorkOrder>
          rowKey="id"
          rowSelection={
            canAssign || canAct
              ? {
                  selectedRowKeys: selected.map((o) => o.id),
                  onChange: (_, rows) => setSelected(rows.filter(Boolean)),
                  preserveSelectedRowKeys: true,
                  // Each box says which order it selects (screen readers; axe). antd passes the
                  // attribute on to the input but its type leaves aria-* out, hence the cast.
                  getCheckboxProps: (o: WorkOrder) =>
                    ({
                      'aria-label': t('lists.bulk.select', { number: o.number }),
                    }) as unknown as CheckboxProps,
                }
              : undefined
          }
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          onRow={(o) =>
            canAssign && DISPATCHABLE.includes(o.state)
              ? { draggable: true, onDragStart: drag.dragStart(o), style: { cursor: 'grab' } }
              : {}
          }
          onChange={(_, __, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const next =
              s?.order === 'ascend' ? 'deadline' : s?.order === 'descend' ? '-deadline' : undefined;
            if (next !== sort) set('sort')(next);
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t(list.data?.totalCapped ? 'common.totalCapped' : 'common.total', { count: n }),
          }}
          columns={[
            {
              key: 'number',
              title: t('wo.fields.number'),
              render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link>,
            },
            {
              key: 'severity',
              title: t('wo.fields.severity'),
              render: (_, o) => (
                <Tag color={severityColor(o.severity)}>{t(`wo.severities.${o.severity}`)}</Tag>
              ),
            },
            ...(canClocks
              ? [
                  {
                    key: 'deadline',
                    title: t('clocks.timeToBreach'),
                    sortOrder:
                      sort === 'deadline'
                        ? ('ascend' as const)
                        : sort === '-deadline'
                          ? ('descend' as const)
                          : null,
                    sorter: (a: WorkOrder, b: WorkOrder) => {
                      const d = remaining(a) - remaining(b);
                      return Number.isNaN(d) ? 0 : d;
                    },
                    render: (_: unknown, o: WorkOrder) => <ClockTag clock={clockOf.get(o.id)} />,
                  },
                ]
              : []),
            { key: 'type', title: t('wo.fields.type'), render: (_, o) => t(`wo.types.${o.type}`) },
            {
              key: 'state',
              title: t('wo.fields.state'),
              render: (_, o) => <Tag color={stateColor(o.state)}>{t(`wo.states.${o.state}`)}</Tag>,
            },
            {
              key: 'customer',
              title: t('fields.customerId'),
              render: (_, o) => o.customerName ?? <RefLabel source={CUSTOMERS} id={o.customerId} />,
            },
            {
              key: 'symptom',
              title: t('wo.fields.symptom'),
              render: (_, o) => <span style={{ display: 'inline-block', maxWidth: 260 }}>{o.symptom}</span>,
            },
            { key: 'region', title: t('fields.regionId'), render: (_, o) => regionLabel(o.regionId) },
            { key: 'received', title: t('wo.fields.receivedAt'), render: (_, o) => formatTime(o.receivedAt) },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, o) => (
                <Space>
                  <Button size="small" onClick={() => navigate(`/orders/${o.id}`)}>
                    {t('common.details')}
                  </Button>
                  {canAssign && DISPATCHABLE.includes(o.state) && (
                    <Button size="small" type="primary" onClick={() => setDispatching(o)}>
                      {t('dispatch.assign')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </div>
      {canAssign && has(me.data, 'people.read') && <DispatchBoard regionId={filters.regionId} drag={drag} />}
      <Drawer
        open={dispatching !== null}
        onClose={() => setDispatching(null)}
        width={Math.min(860, window.innerWidth)}
        title={dispatching ? `${t('dispatch.assign')} · ${dispatching.number}` : ''}
        destroyOnHidden
      >
        {dispatching && <DispatchPanel orderId={dispatching.id} onAssigned={() => setDispatching(null)} />}
      </Drawer>
    </Card>
  );
}
