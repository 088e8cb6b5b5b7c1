/**
 * What the agent should see while taking a call in: knowledge entries that match the symptom
 * being typed (WO-12), and the chosen site's orders still open, which may be the same fault
 * reported again (WO-1).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ListPage, qs } from '../api.ts';
import { orderKeys } from '../queries/workOrders.ts';
import { formatTime } from '../time.ts';
import { severityColor, stateColor, type WorkOrder } from '../workOrders.ts';

interface KnowledgeHit {
  id: string;
  symptom: string;
  cause: string;
  fix: string;
  product: string | null;
  score: number;
}

/** The value after it has stopped changing for `ms`, so typing does not send a request per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The server matches on three-character pieces, so shorter text cannot match anything. */
const MIN_TEXT = 3;

/** Knowledge entries related to the symptom as typed (debounced). */
export function KnowledgeSuggestions({ symptom }: { symptom: string | undefined }) {
  const { t } = useTranslation();
  // The server takes at most 2000 characters; the start of a long description matches well enough.
  const text = useDebounced((symptom ?? '').trim().slice(0, 2000), 400);
  const related = useQuery({
    queryKey: orderKeys.knowledgeRelated(text),
    enabled: text.length >= MIN_TEXT,
    queryFn: () => api<ListPage<KnowledgeHit>>('POST', '/api/v1/knowledge/related', { text, limit: 5 }),
  });
  if (text.length < MIN_TEXT) return null;
  if (related.error) return <Alert type="error" showIcon message={related.error.message} />;
  const items = related.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('intake.knowledgeTitle', { count: items.length })}
      style={{ marginBottom: 16 }}
      data-testid="knowledge-suggestions"
    >
      <List
        size="small"
        dataSource={items}
        renderItem={(k) => (
          <List.Item key={k.id} data-testid="knowledge-suggestion">
            <div style={{ width: '100%' }}>
              <Typography.Text strong>{k.symptom}</Typography.Text>
              {k.product && <Tag style={{ marginLeft: 8 }}>{k.product}</Tag>}
              <div>
                <Typography.Text type="secondary">{t('intake.knowledgeCause')}</Typography.Text> {k.cause}
              </div>
              <div>
                <Typography.Text type="secondary">{t('intake.knowledgeFix')}</Typography.Text> {k.fix}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The chosen site's open orders, linked, so the agent can tell a repeated call from a new fault. */
export function OpenOrdersAtSite({ siteId, timeZone }: { siteId: string | undefined; timeZone?: string }) {
  const { t } = useTranslation();
  const open = useQuery({
    queryKey: orderKeys.openAtSite(siteId),
    enabled: !!siteId,
    queryFn: () =>
      api<ListPage<WorkOrder>>('GET', `/api/v1/work-orders${qs({ siteId, open: 'true', limit: 10 })}`),
  });
  if (!siteId) return null;
  if (open.error) return <Alert type="error" showIcon message={open.error.message} />;
  const items = open.data?.items ?? [];
  if (items.length === 0) return null;
  const total = open.data?.total ?? items.length;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="duplicate-warning"
      message={t('intake.duplicatesTitle', { count: total })}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {items.map((o) => (
            <li key={o.id}>
              <Link to={`/orders/${o.id}`} target="_blank" rel="noreferrer">
                {o.number}
              </Link>{' '}
              <Tag color={stateColor(o.state)}>{t(`wo.states.${o.state}`)}</Tag>
              <Tag color={severityColor(o.severity)}>{t(`wo.severities.${o.severity}`)}</Tag>
              <span>{o.symptom}</span>{' '}
              <Typography.Text type="secondary">{formatTime(o.receivedAt, timeZone)}</Typography.Text>
            </li>
          ))}
          {total > items.length && <li>{t('intake.duplicatesMore', { count: total - items.length })}</li>}
        </ul>
      }
    />
  );
}
