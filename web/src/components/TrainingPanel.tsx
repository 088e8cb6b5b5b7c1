/** The engineer records training given on site: what, to whom, signed by the customer's staff. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Divider, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useServerForm } from '../useServerForm.ts';
import { FormErrors } from './FormErrors.tsx';
import { SignaturePad } from './SignaturePad.tsx';

interface Training {
  id: string;
  topic: string;
  trainees: string;
  signerName: string;
}

export function TrainingPanel({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [signature, setSignature] = useState<string | null>(null);
  const key = ['trainings', orderId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: Training[] }>('GET', `/api/v1/work-orders/${orderId}/trainings`),
  });
  const form = useServerForm<{ topic: string; trainees: string; signerName: string }>([
    'topic',
    'trainees',
    'signerName',
    'signaturePngBase64',
  ]);
  const save = form.run(async (v) => {
    if (!signature) {
      form.setErrors([t('customer.signFirst')]);
      return;
    }
    await api('POST', `/api/v1/work-orders/${orderId}/trainings`, { ...v, signaturePngBase64: signature });
    form.form.resetFields();
    await queryClient.invalidateQueries({ queryKey: key });
  });

  return (
    <section aria-label={t('training.title')} style={{ width: '100%' }}>
      <Divider orientation="left" plain>
        {t('training.title')}
      </Divider>
      <ul className="field-list">
        {(list.data?.items ?? []).map((r) => (
          <li key={r.id}>
            {t('training.entry', { topic: r.topic, trainees: r.trainees, signer: r.signerName })}
          </li>
        ))}
        {list.data?.items.length === 0 && <li className="field-secondary">{t('training.none')}</li>}
      </ul>
      <Form form={form.form} layout="vertical" onFinish={save} name={`training-${orderId}`}>
        <Form.Item name="topic" label={t('training.topic')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="trainees" label={t('training.trainees')} rules={[{ required: true }]}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="signerName" label={t('training.signerName')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('training.signature')} required>
          <SignaturePad onChange={setSignature} label={t('training.signature')} />
        </Form.Item>
        <FormErrors errors={form.errors} />
        <Button htmlType="submit" loading={form.busy}>
          {t('training.save')}
        </Button>
      </Form>
    </section>
  );
}
