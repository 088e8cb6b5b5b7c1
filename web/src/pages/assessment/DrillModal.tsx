/** The orders behind one figure of the scorecard (VA-2 drill-down), each with what decided it. */
import { useQuery } from '@tanstack/react-query';
import { Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { assessmentKeys } from '../../queries/assessment.ts';
import { formatTime } from '../../time.ts';

export interface DrillTarget {
  month: string;
  figure: string;
  partnerId: string | null;
  partnerName: string;
  label: string;
}

interface DrillOrder {
  id: string;
  number: string;
  state: string;
  receivedAt: string;
  regionName: string;
  detail: number | null;
}

export function DrillModal({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    enabled: !!target,
    queryKey: assessmentKeys.drill(target),
    queryFn: () =>
      api<{ orders: DrillOrder[] }>(
        'GET',
        `/api/v1/assessment/orders?month=${target!.month}&figure=${target!.figure}${target!.partnerId ? `&partnerId=${target!.partnerId}` : ''}`,
      ),
  });
  const detail = (d: number | null) => {
    if (d === null || !target) return '';
    if (target.figure.startsWith('compliance_')) return d ? t('assessment.breached') : t('assessment.met');
    if (target.figure === 'first_time_fix')
      return d ? t('assessment.fixedFirst') : t('assessment.notFixedFirst');
    return t('assessment.minutes', { m: d });
  };
  return (
    <Modal
      open={!!target}
      onCancel={onClose}
      footer={null}
      width={760}
      title={
        target ? t('assessment.drillTitle', { partner: target.partnerName, indicator: target.label }) : ''
      }
    >
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.orders ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('assessment.orderNumber'),
            dataIndex: 'number',
            render: (n: string, o: DrillOrder) => <Link to={`/orders/${o.id}`}>{n}</Link>,
          },
          { title: t('assessment.region'), dataIndex: 'regionName' },
          { title: t('assessment.received'), dataIndex: 'receivedAt', render: (a: string) => formatTime(a) },
          { title: t('assessment.detail'), dataIndex: 'detail', render: detail },
        ]}
      />
    </Modal>
  );
}
