/**
 * The dispatcher board under the order list (issue 17 item 1): the unassigned queue, most urgent
 * first across pages (the server sorts by the nearest deadline), the engineers' day, and the map
 * of the queue's orders and the engineers' last known positions, side by side. Drag a queue row
 * (or a list row) onto an engineer's row to dispatch; the server's DP-1 rules decide and a
 * refusal shows under that row.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../api.ts';
import { EngineerTimeline } from '../../components/EngineerTimeline.tsx';
import { FormErrors } from '../../components/FormErrors.tsx';
import type { ApiOk } from '../../contract/index.ts';
import { type Severity, severityColor } from '../../workOrders.ts';
import { BoardMap } from './BoardMap.tsx';
import { ClockTag } from './ClockTag.tsx';
import type { useDragDispatch } from './dragDispatch.ts';

type Queue = ApiOk<'/api/v1/deadlines/queue', 'get'>;
type QueueItem = Queue['items'][number];
type Positions = ApiOk<'/api/v1/engineers/positions', 'get'>;

const PAGE = 10;

export function DispatchBoard({
  regionId,
  drag,
}: {
  regionId: string | undefined;
  drag: ReturnType<typeof useDragDispatch>;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const queue = useQuery({
    queryKey: ['work-orders', 'queue', regionId, page],
    refetchInterval: 60_000,
    queryFn: () =>
      api<Queue>('GET', `/api/v1/deadlines/queue${qs({ regionId, limit: PAGE, offset: (page - 1) * PAGE })}`),
  });
  const positions = useQuery({
    queryKey: ['engineer-positions'],
    refetchInterval: 60_000,
    queryFn: () => api<Positions>('GET', '/api/v1/engineers/positions'),
  });
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const engineers = useMemo(() => positions.data?.items ?? [], [positions.data]);

  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="dispatch-board">
      <Col xs={24} xl={14}>
        <Card size="small" title={t('lists.board.queue')} style={{ marginBottom: 16 }}>
          {queue.error && <FormErrors errors={[queue.error.message]} />}
          <Table<QueueItem>
            rowKey="orderId"
            size="small"
            data-testid="dispatch-queue"
            loading={queue.isPending}
            dataSource={items}
            locale={{ emptyText: t('lists.board.empty') }}
            onRow={(o) => ({
              draggable: true,
              onDragStart: drag.dragStart({ id: o.orderId, number: o.number }),
              style: { cursor: 'grab' },
              'data-testid': 'queue-row',
            })}
            pagination={{
              current: page,
              pageSize: PAGE,
              total: queue.data?.total ?? 0,
              onChange: setPage,
              showTotal: (n) => t('common.total', { count: n }),
            }}
            columns={[
              {
                key: 'number',
                title: t('wo.fields.number'),
                render: (_, o) => <Link to={`/orders/${o.orderId}`}>{o.number}</Link>,
              },
              {
                key: 'severity',
                title: t('wo.fields.severity'),
                render: (_, o) => (
                  <Tag color={severityColor(o.severity as Severity)}>{t(`wo.severities.${o.severity}`)}</Tag>
                ),
              },
              {
                key: 'clock',
                title: t('clocks.timeToBreach'),
                render: (_, o) => <ClockTag clock={o.clock} />,
              },
              { key: 'site', title: t('fields.siteId'), render: (_, o) => o.siteName ?? '—' },
            ]}
          />
        </Card>
        <EngineerTimeline
          regionId={regionId}
          drop={{
            over: drag.dragOver,
            onDrop: (e, person) => void drag.drop(e, person),
            hint: t('lists.drag.hint'),
            rowLabel: (name) => t('lists.drag.row', { name }),
            below: (personId) =>
              drag.refusal?.personId === personId && (
                <div data-testid="drop-refusal">
                  <FormErrors errors={drag.refusal.errors} />
                </div>
              ),
          }}
        />
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('lists.board.map')}>
          <BoardMap orders={items} engineers={engineers} />
        </Card>
      </Col>
    </Row>
  );
}
