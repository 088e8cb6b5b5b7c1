/** CS-1 on the customer's link page: the customer raises a complaint about this order. */
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { formatTime } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import { CATEGORIES } from './complaints.ts';

/** The complaint card; `base` is the link's API path. */
export function CustomerComplaintCard({ base }: { base: string }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState<{ number: string; respondDue: string } | null>(null);
  const { form, errors, busy, run } = useServerForm<{ category: string; summary: string }>([
    'category',
    'summary',
  ]);
  const onFinish = run(async (v) => {
    setSent(await api<{ number: string; respondDue: string }>('POST', `${base}/complaints`, v));
    form.resetFields();
  });
  return (
    <Card title={t('wording.complaints.customerTitle')}>
      {sent && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('wording.complaints.customerSent', {
            number: sent.number,
            due: formatTime(sent.respondDue),
          })}
        />
      )}
      <FormErrors errors={errors} />
      <Form form={form} layout="vertical" name="customer-complaint" onFinish={onFinish}>
        <Form.Item
          name="category"
          label={t('wording.complaints.category')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            options={CATEGORIES.map((c) => ({ value: c, label: t(`wording.complaints.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('wording.complaints.summary')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('wording.complaints.customerSend')}
        </Button>
      </Form>
    </Card>
  );
}
