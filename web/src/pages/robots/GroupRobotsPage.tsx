/**
 * Group robots: the WeCom and DingTalk group chats that receive critical notices (and, if asked,
 * escalations) for a region. Administrators register a robot, try it with a test message, and
 * see every post with its delivery state.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type ListPage } from '../../api.ts';
import i18n from '../../i18n.ts';
import { robotKeys } from '../../queries/robots.ts';
import { ResourcePage, type ResourceSpec, type Row } from '../../resource.tsx';
import { formatTime } from '../../time.ts';

interface Post {
  id: string;
  critical: boolean;
  content: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const STATUS_COLOR = { queued: 'blue', sent: 'green', failed: 'red' } as const;

/** Try-out button and the robot's posts, in the detail drawer. */
function Deliveries({ robot, canManage }: { robot: Row; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = robotKeys.messages(robot.id);
  // Posts change behind the page's back (timers send them), so each opening asks again.
  const posts = useQuery({
    queryKey: key,
    refetchOnMount: 'always',
    queryFn: () => api<ListPage<Post>>('GET', `/api/v1/group-robots/${robot.id}/messages?limit=50`),
  });
  const tryIt = useMutation({
    mutationFn: () =>
      api<{ ok: boolean; problem: string | null }>('POST', `/api/v1/group-robots/${robot.id}/test`),
    onSuccess: (r) => {
      if (r.ok) message.success(t('robots.testOk'));
      else message.error(t('robots.testFailed', { problem: r.problem }));
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canManage && (
        <Button onClick={() => tryIt.mutate()} loading={tryIt.isPending}>
          {t('robots.test')}
        </Button>
      )}
      <Table<Post>
        size="small"
        rowKey="id"
        loading={posts.isPending}
        dataSource={posts.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('robots.noDeliveries')} /> }}
        columns={[
          { title: t('robots.at'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          {
            title: t('robots.status'),
            dataIndex: 'status',
            render: (v: Post['status']) => <Tag color={STATUS_COLOR[v]}>{t(`robots.${v}`)}</Tag>,
          },
          {
            title: t('robots.content'),
            dataIndex: 'content',
            render: (v: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
                {v}
              </Typography.Paragraph>
            ),
          },
          { title: t('robots.attempts'), dataIndex: 'attempts' },
          { title: t('robots.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}

const spec: ResourceSpec = {
  title: 'robots.nav',
  base: '/api/v1/group-robots',
  readPermission: 'group_robots.read',
  managePermission: 'group_robots.manage',
  columns: [
    { key: 'name', title: 'robots.name' },
    { key: 'provider', title: 'robots.provider', render: (row) => i18n.t(`robots.${String(row.provider)}`) },
    { key: 'webhookUrl', title: 'robots.webhookUrl' },
    {
      key: 'regionId',
      title: 'robots.region',
      render: (row, tools) => (row.regionId ? tools.regionLabel(row.regionId) : '—'),
    },
    { key: 'criticalOnly', title: 'robots.criticalOnly' },
    { key: 'active', title: 'fields.active' },
  ],
  fields: [
    { name: 'name', label: 'robots.name', kind: 'text', required: true },
    {
      name: 'provider',
      label: 'robots.provider',
      kind: 'select',
      required: true,
      options: [
        { value: 'wecom', label: 'robots.wecom' },
        { value: 'dingtalk', label: 'robots.dingtalk' },
      ],
    },
    { name: 'webhookUrl', label: 'robots.webhookUrl', kind: 'text', help: 'robots.webhookHelp' },
    { name: 'secret', label: 'robots.secret', kind: 'password', help: 'robots.secretHelp' },
    { name: 'regionId', label: 'robots.region', kind: 'region', nullable: true, help: 'robots.regionHelp' },
    { name: 'criticalOnly', label: 'robots.criticalOnly', kind: 'switch', help: 'robots.criticalOnlyHelp' },
    { name: 'active', label: 'fields.active', kind: 'switch', editOnly: true },
  ],
  // The saved address and secret never come back from the server: editing starts them empty,
  // and an empty one is left out of the change.
  toForm: (row) => ({ ...row, webhookUrl: '', secret: '' }),
  toBody: (values, mode) => (mode === 'create' ? { criticalOnly: true, ...values } : values),
  detailTabs: (row, canManage) => [
    {
      key: 'deliveries',
      label: 'robots.deliveries',
      children: <Deliveries robot={row} canManage={canManage} />,
    },
  ],
};

/** The group-robot settings page. */
export default function GroupRobotsPage() {
  return <ResourcePage spec={spec} />;
}
