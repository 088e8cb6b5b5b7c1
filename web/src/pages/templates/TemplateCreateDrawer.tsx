/**
 * CW-3: a new message template. The bodies are checked as the person types (the same wording
 * check that refuses a failing body on save), and the variables are chosen from the typed list
 * the server knows, so a body can only name variables that will have a value at send time.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { templateKeys } from '../../queries/wording.ts';
import { useServerForm } from '../../useServerForm.ts';
import { WordingTextArea } from '../wording/WordingTextArea.tsx';

const PURPOSES = [
  'appointment_call',
  'appointment_sms',
  'late_notice',
  'cause_explanation',
  'complaint_reply',
  'greeting',
  'farewell',
  'follow_up',
  'progress_update',
] as const;
const CHANNELS = ['sms', 'email', 'phone', 'note'] as const;

type Fields = {
  code: string;
  nameZh: string;
  nameEn: string;
  purpose: string;
  channel: string;
  variables: string[];
  bodyZh: string;
  bodyEn: string;
};
const FIELD_NAMES = [
  'code',
  'nameZh',
  'nameEn',
  'purpose',
  'channel',
  'variables',
  'bodyZh',
  'bodyEn',
] as const;

/** The drawer that creates a template; `onCreated` runs after the server accepted it. */
export function TemplateCreateDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const { form, errors, busy, run } = useServerForm<Fields>(FIELD_NAMES);
  const variables = useQuery({
    queryKey: templateKeys.variablesAll,
    queryFn: () => api<{ items: { name: string; label: string }[] }>('GET', '/api/v1/templates/variables'),
    enabled: open,
  });
  const create = run(async (v) => {
    await api('POST', '/api/v1/templates', { ...v, variables: v.variables ?? [] });
    form.resetFields();
    onCreated();
  });
  return (
    <Drawer open={open} width={640} title={t('wording.templates.new')} onClose={onClose} destroyOnClose>
      <FormErrors errors={errors} />
      <Form
        form={form}
        layout="vertical"
        name="template-new"
        onFinish={create}
        initialValues={{ purpose: 'greeting', channel: 'sms', variables: [] }}
      >
        <Form.Item
          name="code"
          label={t('wording.templates.code')}
          extra={t('wording.templates.codeHint')}
          rules={[{ required: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="nameZh" label={t('wording.templates.nameZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('wording.templates.nameEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="purpose" label={t('wording.templates.purpose')}>
          <Select
            options={PURPOSES.map((p) => ({ value: p, label: t(`wording.templates.purposes.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('wording.templates.channel')}>
          <Select
            options={CHANNELS.map((c) => ({ value: c, label: t(`wording.templates.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="variables" label={t('wording.templates.variables')}>
          <Select
            mode="multiple"
            loading={variables.isLoading}
            options={(variables.data?.items ?? []).map((v) => ({
              value: v.name,
              label: `${v.label} {${v.name}}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="bodyZh" label={t('wording.templates.bodyZh')} rules={[{ required: true }]}>
          <WordingTextArea rows={4} />
        </Form.Item>
        <Form.Item name="bodyEn" label={t('wording.templates.bodyEn')} rules={[{ required: true }]}>
          <WordingTextArea rows={4} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('wording.templates.create')}
        </Button>
      </Form>
    </Drawer>
  );
}
