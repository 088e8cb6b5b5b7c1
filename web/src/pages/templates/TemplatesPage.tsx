/**
 * CW-3 message templates: the standard customer texts with their typed variables, edited with
 * the wording check under each body, previewed with sample values (and SMS segments), saved as
 * a new version with a reason.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { templateKeys } from '../../queries/wording.ts';
import { useMe } from '../../session.ts';
import { useServerForm } from '../../useServerForm.ts';
import { WordingTextArea } from '../wording/WordingTextArea.tsx';
import { TemplateCreateDrawer } from './TemplateCreateDrawer.tsx';

interface Template {
  id: string;
  code: string;
  purpose: string;
  channel: string;
  nameZh: string;
  nameEn: string;
  variables: string[];
  bodyZh: string;
  bodyEn: string;
  active: boolean;
  version: number;
}

interface Preview {
  items: Array<{
    locale: string;
    text: string;
    sms: { segments: number; perSegment: number; length: number } | null;
  }>;
}

type Fields = { bodyZh: string; bodyEn: string; reason?: string };

/** The templates page. */
export default function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: templateKeys.all,
    queryFn: () => api<{ items: Template[] }>('GET', '/api/v1/templates'),
  });
  const [editing, setEditing] = useState<Template | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [creating, setCreating] = useState(false);
  const canManage = !!me.data?.permissions.includes('templates.manage');
  const { form, errors, busy, run, setErrors } = useServerForm<Fields>(['bodyZh', 'bodyEn', 'reason']);
  const en = i18n.language === 'en';

  const open = (tpl: Template) => {
    setEditing(tpl);
    setPreview(null);
    setErrors([]);
    form.setFieldsValue({ bodyZh: tpl.bodyZh, bodyEn: tpl.bodyEn, reason: '' });
  };
  const showPreview = run(async () => {
    if (!editing) return;
    const v = form.getFieldsValue();
    setPreview(
      await api<Preview>('POST', '/api/v1/templates/preview', {
        channel: editing.channel,
        variables: editing.variables,
        bodyZh: v.bodyZh,
        bodyEn: v.bodyEn,
      }),
    );
  });
  const save = run(async (v) => {
    if (!editing) return;
    await api('PATCH', `/api/v1/templates/${editing.id}`, {
      bodyZh: v.bodyZh,
      bodyEn: v.bodyEn,
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    });
    message.success(t('common.saved'));
    setEditing(null);
    void queryClient.invalidateQueries({ queryKey: templateKeys.all });
  });

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('wording.templates.title')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('wording.templates.new')}
          </Button>
        )}
      </Space>
      <TemplateCreateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          message.success(t('common.saved'));
          void queryClient.invalidateQueries({ queryKey: templateKeys.all });
        }}
      />
      <Table<Template>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('wording.templates.name'), render: (_, r) => (en ? r.nameEn : r.nameZh) },
          {
            title: t('wording.templates.purpose'),
            render: (_, r) => t(`wording.templates.purposes.${r.purpose}`),
          },
          {
            title: t('wording.templates.channel'),
            render: (_, r) => <Tag>{t(`wording.templates.channels.${r.channel}`)}</Tag>,
          },
          {
            title: t('wording.templates.variables'),
            render: (_, r) => r.variables.map((v) => <Tag key={v}>{`{${v}}`}</Tag>),
          },
          { title: t('wording.templates.version'), dataIndex: 'version', width: 80 },
        ]}
      />
      <Drawer
        open={editing !== null}
        width={640}
        title={editing ? (en ? editing.nameEn : editing.nameZh) : ''}
        onClose={() => setEditing(null)}
        destroyOnClose
      >
        <FormErrors errors={errors} />
        {editing && (
          <Typography.Paragraph type="secondary">
            {t('wording.templates.variables')}:{' '}
            {editing.variables.map((v) => `{${v}}`).join(' ') || t('common.none')}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" onFinish={save} name="template" disabled={!canManage}>
          <Form.Item name="bodyZh" label={t('wording.templates.bodyZh')} rules={[{ required: true }]}>
            <WordingTextArea rows={4} />
          </Form.Item>
          <Form.Item name="bodyEn" label={t('wording.templates.bodyEn')} rules={[{ required: true }]}>
            <WordingTextArea rows={4} />
          </Form.Item>
          <Form.Item name="reason" label={t('wording.templates.reason')}>
            <Input />
          </Form.Item>
          <Space>
            <Button onClick={() => void showPreview({} as Fields)} disabled={false}>
              {t('wording.templates.preview')}
            </Button>
            {canManage && (
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('wording.templates.save')}
              </Button>
            )}
          </Space>
        </Form>
        {preview && (
          <Space direction="vertical" style={{ marginTop: 16, width: '100%' }} data-testid="template-preview">
            {preview.items.map((p) => (
              <Card key={p.locale} size="small" title={p.locale === 'en' ? 'English' : '中文'}>
                <Typography.Paragraph>{p.text}</Typography.Paragraph>
                {p.sms && (
                  <Typography.Text type="secondary">
                    {t('wording.templates.segments', {
                      length: p.sms.length,
                      segments: p.sms.segments,
                      per: p.sms.perSegment,
                    })}
                  </Typography.Text>
                )}
              </Card>
            ))}
          </Space>
        )}
      </Drawer>
    </Card>
  );
}
