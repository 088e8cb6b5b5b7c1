/** The inbox: my notices (read / unread, critical ones stand out) and the escalations I may acknowledge. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Segmented, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ListPage, qs } from '../../api.ts';
import { type Notice, UNREAD_KEY } from '../../components/InboxBadge.tsx';
import { useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';

interface Escalation {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  title: string;
  level: number;
  startedAt: string;
  nextAt: string | null;
  acknowledgedAt: string | null;
}

const PAGE = 50;

function subjectLink(type: string | null, id: string | null): string | null {
  if (!id) return null;
  if (type === 'complaint') return `/complaints?open=${id}`;
  // A major operation's notices: its emergencies, its watch and its leftovers' deadlines (MO-13).
  if (type === 'operation') return `/operations/${id}`;
  return type === 'work_order' ? `/orders/${id}` : null;
}

/** My notices with read and mark-all-read. */
function Notices() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['inbox', 'list', filter, page],
    queryFn: () =>
      api<ListPage<Notice> & { unread: number }>(
        'GET',
        `/api/v1/notifications${qs({ group: 'true', unread: filter === 'unread' ? 'true' : undefined, limit: PAGE, offset: (page - 1) * PAGE })}`,
      ),
  });
  const refresh = (unread?: number) => {
    if (unread !== undefined) queryClient.setQueryData(UNREAD_KEY, { unread });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  };
  const read = useMutation({
    mutationFn: (id: string) => api<Notice>('POST', `/api/v1/notifications/${id}/read`),
    onSuccess: () => refresh(),
    onError: (e) => message.error(e.message),
  });
  const readAll = useMutation({
    mutationFn: () => api<{ marked: number }>('POST', '/api/v1/notifications/read-all'),
    onSuccess: () => refresh(0),
    onError: (e) => message.error(e.message),
  });
  const unread = list.data?.unread ?? 0;
  return (
    <Card
      title={
        <Space>
          <span>{t('inbox.notices')}</span>
          <Tag color={unread ? 'blue' : undefined}>{t('inbox.unreadCount', { count: unread })}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <Segmented
            aria-label={t('inbox.filter')}
            value={filter}
            onChange={(v) => {
              setFilter(v as 'all' | 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'unread', label: t('inbox.unreadOnly') },
            ]}
          />
          <Button onClick={() => readAll.mutate()} disabled={!unread} loading={readAll.isPending}>
            {t('inbox.readAll')}
          </Button>
        </Space>
      }
    >
      {list.isPending ? (
        <Spin />
      ) : list.error ? (
        <Typography.Text type="danger">{list.error.message}</Typography.Text>
      ) : (
        <List
          aria-label={t('inbox.notices')}
          dataSource={list.data.items}
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          pagination={
            list.data.total > PAGE
              ? { current: page, pageSize: PAGE, total: list.data.total, onChange: setPage }
              : false
          }
          renderItem={(n) => {
            const link = subjectLink(n.subjectType, n.subjectId);
            return (
              <List.Item
                data-testid="notice"
                data-critical={n.critical}
                data-read={!!n.readAt}
                style={{
                  borderInlineStart: `4px solid ${n.critical ? '#cf1322' : n.readAt ? 'transparent' : '#1f5fbf'}`,
                  paddingInlineStart: 12,
                  background: n.critical && !n.readAt ? '#fff1f0' : undefined,
                }}
                actions={
                  n.readAt
                    ? []
                    : [
                        <Button
                          key="read"
                          size="small"
                          onClick={() => read.mutate(n.id)}
                          aria-label={t('inbox.markReadOf', { title: n.title })}
                        >
                          {t('inbox.markRead')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {n.critical && <Tag color="red">{t('inbox.critical')}</Tag>}
                      {!n.readAt && <Tag color="blue">{t('inbox.unread')}</Tag>}
                      {n.groupCount > 1 && (
                        <Tag data-testid="notice-group">{t('inbox.repeated', { count: n.groupCount })}</Tag>
                      )}
                      {!!n.escalationLevel && (
                        <Tag color="orange">{t('inbox.escalatedTimes', { level: n.escalationLevel })}</Tag>
                      )}
                      <Typography.Text strong={!n.readAt}>
                        {link ? <Link to={link}>{n.title}</Link> : n.title}
                      </Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      <div>{n.body}</div>
                      <Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

/** Open escalations notified to me, or all in scope for managers, with acknowledge. */
function Escalations() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<'open' | 'all'>('open');
  const list = useQuery({
    queryKey: ['escalations', open],
    queryFn: () =>
      api<ListPage<Escalation>>(
        'GET',
        `/api/v1/escalations${qs({ open: open === 'open' ? 'true' : undefined, limit: 100 })}`,
      ),
  });
  const ack = useMutation({
    mutationFn: (id: string) => api<Escalation>('POST', `/api/v1/escalations/${id}/acknowledge`, {}),
    onSuccess: () => {
      message.success(t('inbox.acknowledged'));
      void queryClient.invalidateQueries({ queryKey: ['escalations'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card
      title={t('inbox.escalations')}
      extra={
        <Segmented
          aria-label={t('inbox.escalationFilter')}
          value={open}
          onChange={(v) => setOpen(v as 'open' | 'all')}
          options={[
            { value: 'open', label: t('inbox.openOnly') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      }
    >
      {list.isPending ? (
        <Spin />
      ) : list.error ? (
        <Typography.Text type="danger">{list.error.message}</Typography.Text>
      ) : (
        <List
          aria-label={t('inbox.escalations')}
          dataSource={list.data.items}
          locale={{ emptyText: <Empty description={t('inbox.noEscalations')} /> }}
          renderItem={(e) => {
            const link = subjectLink(e.subjectType, e.subjectId);
            return (
              <List.Item
                data-testid="escalation"
                actions={
                  e.acknowledgedAt
                    ? [
                        <Tag key="done" color="green">
                          {t('inbox.acknowledgedAt', { at: formatTime(e.acknowledgedAt) })}
                        </Tag>,
                      ]
                    : [
                        <Button
                          key="ack"
                          type="primary"
                          danger
                          size="small"
                          loading={ack.isPending && ack.variables === e.id}
                          onClick={() => ack.mutate(e.id)}
                          aria-label={t('inbox.acknowledgeOf', { title: e.title })}
                        >
                          {t('inbox.acknowledge')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Tag color="volcano">{t('inbox.level', { level: e.level })}</Tag>
                      {link ? <Link to={link}>{e.title}</Link> : e.title}
                    </Space>
                  }
                  description={
                    <Space wrap>
                      <span>{t('inbox.startedAt', { at: formatTime(e.startedAt) })}</span>
                      {e.nextAt && !e.acknowledgedAt && (
                        <span>{t('inbox.nextAt', { at: formatTime(e.nextAt) })}</span>
                      )}
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

/** The inbox page. */
export default function InboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayAck = !!me.data?.permissions.includes('escalation.ack');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <h1 style={{ fontSize: 18, margin: 0 }}>{t('nav.inbox')}</h1>
      {mayAck ? (
        <Tabs
          items={[
            { key: 'notices', label: t('inbox.notices'), children: <Notices /> },
            { key: 'escalations', label: t('inbox.escalations'), children: <Escalations /> },
          ]}
        />
      ) : (
        <Notices />
      )}
    </Space>
  );
}
