/**
 * Spare-part depots (RS-1): a depot's stock with the parts below their minimum marked and
 * charted against it, its append-only movement ledger, and its faulty parts on their repair
 * path. Movements are recorded from here; the server decides whether stock allows them.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Select, Space, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { resourceKeys } from '../../queries/resources.ts';
import type { Row } from '../../resource.tsx';
import { has, useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';
import { Chart } from '../DashboardPage.tsx';
import { MovementModal } from './MovementModal.tsx';

interface Stock {
  partId: string;
  code: string;
  name: string;
  unit: string;
  onHand: number;
  reserved: number;
  available: number;
  faulty: number;
  minQty: number;
  low: boolean;
}
interface Movement {
  id: string;
  kind: string;
  partId: string;
  qty: number;
  orderId: string | null;
  toDepotId: string | null;
  faultCode: string | null;
  reason: string | null;
  at: string;
}
interface Faulty {
  id: string;
  partId: string;
  faultCode: string;
  serialNo: string | null;
  qty: number;
  status: string;
  updatedAt: string;
}

function StockChart({ stock }: { stock: Stock[] }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('resources.depots.available'), t('resources.depots.minQty')] },
      grid: { left: 48, right: 16, bottom: 64 },
      xAxis: { type: 'category', data: stock.map((s) => s.name), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('resources.depots.available'),
          type: 'bar',
          data: stock.map((s) => ({
            value: s.available,
            itemStyle: { color: s.low ? '#cf1322' : '#1f5fbf' },
          })),
        },
        {
          name: t('resources.depots.minQty'),
          type: 'bar',
          data: stock.map((s) => s.minQty),
          itemStyle: { color: '#bfbfbf' },
        },
      ],
    }),
    [stock, t],
  );
  return <Chart option={option} label={t('resources.depots.chart')} />;
}

function DepotDetail({ depot, depots }: { depot: Row; depots: Row[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const [recording, setRecording] = useState(false);
  const stock = useQuery({
    queryKey: resourceKeys.depotStock(depot.id),
    queryFn: () => api<{ items: Stock[] }>('GET', `/api/v1/depots/${depot.id}/stock`),
  });
  const movements = useQuery({
    queryKey: resourceKeys.depotMovements(depot.id),
    queryFn: () => api<{ items: Movement[] }>('GET', `/api/v1/depots/${depot.id}/movements?limit=200`),
  });
  const faulty = useQuery({
    queryKey: resourceKeys.depotFaulty(depot.id),
    queryFn: () => api<{ items: Faulty[] }>('GET', `/api/v1/depots/${depot.id}/faulty-parts`),
  });
  const items = stock.data?.items ?? [];
  const partName = (id: string) => items.find((s) => s.partId === id)?.name ?? '—';
  const depotName = (id: string | null) => (id ? String(depots.find((d) => d.id === id)?.name ?? '—') : '—');
  const low = items.filter((s) => s.low).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {has(me.data, 'parts.move') && (
          <Button type="primary" onClick={() => setRecording(true)}>
            {t('resources.depots.record')}
          </Button>
        )}
        {low > 0 && (
          <Alert type="warning" showIcon message={t('resources.depots.lowCount', { count: low })} />
        )}
      </Space>
      <Tabs
        items={[
          {
            key: 'stock',
            label: t('resources.depots.stock'),
            children: (
              <>
                {items.length > 0 && <StockChart stock={items} />}
                <Table<Stock>
                  rowKey="partId"
                  size="small"
                  loading={stock.isPending}
                  dataSource={items}
                  pagination={false}
                  rowClassName={(s) => (s.low ? 'row-low' : '')}
                  columns={[
                    { title: t('resources.depots.partNo'), dataIndex: 'code' },
                    {
                      title: t('resources.depots.part'),
                      dataIndex: 'name',
                      render: (v: string, s) => (
                        <Space>
                          {v}
                          {s.low && <Tag color="red">{t('resources.depots.low')}</Tag>}
                        </Space>
                      ),
                    },
                    { title: t('resources.depots.onHand'), dataIndex: 'onHand' },
                    { title: t('resources.depots.reserved'), dataIndex: 'reserved' },
                    { title: t('resources.depots.available'), dataIndex: 'available' },
                    { title: t('resources.depots.faultyQty'), dataIndex: 'faulty' },
                    { title: t('resources.depots.minQty'), dataIndex: 'minQty' },
                    { title: t('resources.depots.unit'), dataIndex: 'unit' },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'movements',
            label: t('resources.depots.movements'),
            children: (
              <Table<Movement>
                rowKey="id"
                size="small"
                loading={movements.isPending}
                dataSource={movements.data?.items ?? []}
                pagination={{ pageSize: 20 }}
                columns={[
                  { title: t('resources.depots.at'), dataIndex: 'at', render: (v: string) => formatTime(v) },
                  {
                    title: t('resources.depots.kind'),
                    dataIndex: 'kind',
                    render: (v: string) => t(`resources.depots.kinds.${v}`),
                  },
                  { title: t('resources.depots.part'), dataIndex: 'partId', render: partName },
                  { title: t('resources.depots.qty'), dataIndex: 'qty' },
                  { title: t('resources.depots.toDepot'), dataIndex: 'toDepotId', render: depotName },
                  { title: t('resources.depots.faultCode'), dataIndex: 'faultCode', render: (v) => v ?? '—' },
                  { title: t('resources.depots.reason'), dataIndex: 'reason', render: (v) => v ?? '—' },
                ]}
              />
            ),
          },
          {
            key: 'faulty',
            label: t('resources.depots.faulty'),
            children: (
              <Table<Faulty>
                rowKey="id"
                size="small"
                loading={faulty.isPending}
                dataSource={faulty.data?.items ?? []}
                pagination={false}
                columns={[
                  { title: t('resources.depots.part'), dataIndex: 'partId', render: partName },
                  { title: t('resources.depots.faultCode'), dataIndex: 'faultCode' },
                  { title: t('resources.depots.serialNo'), dataIndex: 'serialNo', render: (v) => v ?? '—' },
                  { title: t('resources.depots.qty'), dataIndex: 'qty' },
                  {
                    title: t('resources.depots.status'),
                    dataIndex: 'status',
                    render: (v: string) => <Tag>{t(`resources.depots.faultyStatus.${v}`)}</Tag>,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <MovementModal depot={depot} depots={depots} open={recording} onClose={() => setRecording(false)} />
    </Space>
  );
}

/** The spare-part stock page. */
export default function DepotsPage() {
  const { t } = useTranslation();
  const depots = useQuery({
    queryKey: resourceKeys.depots,
    queryFn: () => api<{ items: Row[] }>('GET', '/api/v1/depots'),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = depots.data?.items ?? [];
  const depot = list.find((d) => d.id === chosen) ?? list[0];
  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('resources.depots.nav')}</h1>}
      extra={
        <Select
          aria-label={t('resources.depots.chooseDepot')}
          style={{ width: 260 }}
          value={depot?.id}
          onChange={setChosen}
          options={list.map((d) => ({ value: d.id, label: String(d.name) }))}
        />
      }
    >
      {depot ? (
        <DepotDetail key={depot.id} depot={depot} depots={list} />
      ) : (
        <Empty description={depots.isPending ? undefined : t('resources.depots.noDepots')} />
      )}
    </Card>
  );
}
