/** One complaint (CS-1): deadlines, root cause, corrective actions, the reply through a template, and the steps. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { complaintKeys } from '../../queries/complaints.ts';
import { templateKeys } from '../../queries/wording.ts';
import { RefLabel, RefSelect } from '../../refs.tsx';
import { formatTime } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import { WordingTextArea } from '../wording/WordingTextArea.tsx';
import type { Complaint } from './ComplaintsPage.tsx';

interface Action {
  id: string;
  description: string;
  ownerId: string;
  dueDate: string;
  state: 'open' | 'done';
  doneNote: string | null;
}
type Detail = Complaint & {
  actions: Action[];
  overdue: { acknowledge: boolean; respond: boolean; resolve: boolean };
};
interface Template {
  code: string;
  nameZh: string;
  nameEn: string;
  variables: string[];
}

const PEOPLE = { url: '/api/v1/people', label: (r: Record<string, unknown>) => String(r.displayName) };
/** Values the server fills from the complaint itself. */
const AUTO = new Set(['customerName', 'complaintNumber']);

/** The complaint drawer. */
export function ComplaintDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = complaintKeys.detail(id);
  const q = useQuery({ queryKey: key, queryFn: () => api<Detail>('GET', `/api/v1/complaints/${id}`) });
  const templates = useQuery({
    queryKey: templateKeys.ofKind('complaint_reply'),
    queryFn: () => api<{ items: Template[] }>('GET', '/api/v1/templates?purpose=complaint_reply'),
  });
  const variables = useQuery({
    queryKey: templateKeys.variables(i18n.language),
    queryFn: () =>
      api<{ items: Array<{ name: string; label: string }> }>('GET', '/api/v1/templates/variables'),
  });
  const labelOf = (name: string) => variables.data?.items.find((v) => v.name === name)?.label ?? name;
  const [templateCode, setTemplateCode] = useState<string>('complaint.reply');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
  };
  const cause = useServerForm<{ rootCause: string }>(['rootCause']);
  const action = useServerForm<{
    description: string;
    ownerId: string;
    dueDate: { format(f: string): string };
  }>(['description', 'ownerId', 'dueDate']);
  const reply = useServerForm<{ values: Record<string, string> }>(['values']);
  const [stepErrors, setStepErrors] = useState<string[]>([]);
  const c = q.data;
  const tpl = templates.data?.items.find((x) => x.code === templateCode);
  const ask = (variable: string) => !AUTO.has(variable);

  const step = async (s: 'acknowledge' | 'resolve' | 'close') => {
    setStepErrors([]);
    try {
      await api('POST', `/api/v1/complaints/${id}/steps`, { step: s });
      message.success(t('common.saved'));
      refresh();
    } catch (err) {
      const e = err as { message: string; details?: Array<{ message: string }> };
      setStepErrors([e.message, ...(e.details ?? []).map((d) => d.message)]);
    }
  };
  const due = (label: string, at: string, late: boolean) => (
    <Descriptions.Item label={t(label)}>
      {formatTime(at)} {late && <Tag color="red">{t('wording.complaints.overdue')}</Tag>}
    </Descriptions.Item>
  );

  return (
    <Drawer open width={720} title={c?.number} onClose={onClose}>
      {c && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('wording.complaints.summary')} span={2}>
              {c.summary}
            </Descriptions.Item>
            <Descriptions.Item label={t('wording.complaints.category')}>
              {t(`wording.complaints.categories.${c.category}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('wording.complaints.state')}>
              <Tag>{t(`wording.complaints.states.${c.state}`)}</Tag>
              {c.repeat && <Tag color="red">{t('wording.complaints.repeat')}</Tag>}
            </Descriptions.Item>
            {due('wording.complaints.acknowledgeDue', c.acknowledgeDue, c.overdue.acknowledge)}
            {due('wording.complaints.respondDue', c.respondDue, c.overdue.respond)}
            {due('wording.complaints.resolveDue', c.resolveDue, c.overdue.resolve)}
          </Descriptions>
          <FormErrors errors={stepErrors} />
          <Space>
            {(['acknowledge', 'resolve', 'close'] as const).map((s) => (
              <Button key={s} onClick={() => void step(s)}>
                {t(`wording.complaints.steps.${s}`)}
              </Button>
            ))}
          </Space>

          <Typography.Title level={5}>{t('wording.complaints.rootCause')}</Typography.Title>
          <FormErrors errors={cause.errors} />
          <Form
            form={cause.form}
            layout="inline"
            name="root-cause"
            initialValues={{ rootCause: c.rootCause ?? '' }}
            onFinish={cause.run(async (v) => {
              await api('PATCH', `/api/v1/complaints/${id}`, { rootCause: v.rootCause });
              message.success(t('common.saved'));
              refresh();
            })}
          >
            <Form.Item
              name="rootCause"
              style={{ flex: 1 }}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button htmlType="submit" loading={cause.busy}>
              {t('wording.complaints.saveRootCause')}
            </Button>
          </Form>

          <Typography.Title level={5}>{t('wording.complaints.actions')}</Typography.Title>
          <Table<Action>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.actions}
            columns={[
              { title: t('wording.complaints.actionDescription'), dataIndex: 'description' },
              {
                title: t('wording.complaints.actionOwner'),
                render: (_, a) => <RefLabel source={PEOPLE} id={a.ownerId} />,
              },
              { title: t('wording.complaints.actionDue'), dataIndex: 'dueDate' },
              {
                title: t('wording.complaints.state'),
                render: (_, a) =>
                  a.state === 'done' ? (
                    <Tag color="green">{t('wording.complaints.done')}</Tag>
                  ) : (
                    <Button
                      size="small"
                      onClick={async () => {
                        await api('POST', `/api/v1/complaints/${id}/actions/${a.id}/done`, {
                          note: t('wording.complaints.done'),
                        });
                        refresh();
                      }}
                    >
                      {t('wording.complaints.done')}
                    </Button>
                  ),
              },
            ]}
          />
          <FormErrors errors={action.errors} />
          <Form
            form={action.form}
            layout="inline"
            name="complaint-action"
            onFinish={action.run(async (v) => {
              await api('POST', `/api/v1/complaints/${id}/actions`, {
                description: v.description,
                ownerId: v.ownerId,
                dueDate: v.dueDate.format('YYYY-MM-DD'),
              });
              action.form.resetFields();
              refresh();
            })}
          >
            <Form.Item name="description" rules={[{ required: true, message: t('common.required') }]}>
              <Input placeholder={t('wording.complaints.actionDescription')} />
            </Form.Item>
            <Form.Item name="ownerId" rules={[{ required: true, message: t('common.required') }]}>
              <RefSelect source={PEOPLE} width={140} placeholder={t('wording.complaints.actionOwner')} />
            </Form.Item>
            <Form.Item name="dueDate" rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker placeholder={t('wording.complaints.actionDue')} />
            </Form.Item>
            <Button htmlType="submit" loading={action.busy}>
              {t('wording.complaints.addAction')}
            </Button>
          </Form>

          <Typography.Title level={5}>{t('wording.complaints.reply')}</Typography.Title>
          {c.replyText && <Typography.Paragraph type="secondary">{c.replyText}</Typography.Paragraph>}
          <FormErrors errors={reply.errors} />
          <Select
            style={{ width: 320 }}
            value={templateCode}
            onChange={setTemplateCode}
            options={(templates.data?.items ?? []).map((x) => ({
              value: x.code,
              label: i18n.language === 'en' ? x.nameEn : x.nameZh,
            }))}
          />
          <Form
            form={reply.form}
            layout="vertical"
            name="complaint-reply"
            onFinish={reply.run(async (v) => {
              await api('POST', `/api/v1/complaints/${id}/reply`, { templateCode, values: v.values ?? {} });
              message.success(t('common.saved'));
              reply.form.resetFields();
              refresh();
            })}
          >
            {(tpl?.variables ?? []).filter(ask).map((name) => (
              <Form.Item
                key={name}
                name={['values', name]}
                label={labelOf(name)}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <WordingTextArea rows={2} />
              </Form.Item>
            ))}
            <Button type="primary" htmlType="submit" loading={reply.busy}>
              {t('wording.complaints.reply')}
            </Button>
          </Form>
        </Space>
      )}
    </Drawer>
  );
}
