/**
 * WO-6: every visit to the order's site, with how far from the site's pin the engineer checked
 * in and a plain-words flag when that was too far — the server decides "too far" (allowing for
 * the phone's GPS accuracy); this list only says it.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { fieldKeys } from '../fieldKeys.ts';
import { formatTime } from '../time.ts';

interface Visit {
  id: string;
  personName: string | null;
  checkInAt: string;
  checkOutAt: string | null;
  checkInLat: number | null;
  checkInDistanceM?: number | null;
  checkInFar?: boolean;
}

/** Metres under a kilometre, kilometres with one decimal above. */
export function formatDistance(m: number): string {
  return m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`;
}

/** The visits of one order. */
export function SiteVisits({ orderId, timeZone }: { orderId: string; timeZone?: string }) {
  const { t } = useTranslation();
  const record = useQuery({
    queryKey: fieldKeys.onsite(orderId),
    queryFn: () => api<{ visits: Visit[] }>('GET', `/api/v1/work-orders/${orderId}/onsite`),
  });
  if (record.error) return <Alert type="error" showIcon message={record.error.message} />;
  const visits = record.data?.visits ?? [];
  if (!record.isLoading && visits.length === 0) return <Empty description={t('visits.none')} />;
  return (
    <Table<Visit>
      data-testid="site-visits"
      rowKey="id"
      size="small"
      pagination={false}
      loading={record.isLoading}
      dataSource={visits}
      columns={[
        { key: 'engineer', title: t('visits.engineer'), render: (_, v) => v.personName ?? '—' },
        { key: 'in', title: t('visits.checkIn'), render: (_, v) => formatTime(v.checkInAt, timeZone) },
        {
          key: 'out',
          title: t('visits.checkOut'),
          render: (_, v) => (v.checkOutAt ? formatTime(v.checkOutAt, timeZone) : t('visits.stillOnSite')),
        },
        { key: 'where', title: t('visits.where'), render: (_, v) => <Place visit={v} /> },
      ]}
    />
  );
}

function Place({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  if (visit.checkInLat === null) return <>{t('visits.noPosition')}</>;
  if (visit.checkInDistanceM === null || visit.checkInDistanceM === undefined)
    return <>{t('visits.noPin')}</>;
  const distance = t('visits.distance', { distance: formatDistance(visit.checkInDistanceM) });
  return (
    <>
      {distance}{' '}
      {visit.checkInFar ? (
        <Tag color="red">{t('visits.far')}</Tag>
      ) : (
        <Tag color="green">{t('visits.near')}</Tag>
      )}
    </>
  );
}
