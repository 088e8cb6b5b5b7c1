/**
 * What the engineer records on site (WO-6, WO-8): the customer-signed service request, the
 * checklist, and the day's log. The server refuses restoring, resolving or leaving without them.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Divider, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKeys } from '../fieldKeys.ts';
import { useSendSiteWork } from '../offline/send.ts';
import { useServerForm } from '../useServerForm.ts';
import { FormErrors } from './FormErrors.tsx';
import { SignaturePad } from './SignaturePad.tsx';

/** The on-site record as GET /work-orders/:id/onsite returns it (the parts this panel uses). */
export interface OnsiteRecord {
  visits: { id: string; personId: string; checkInAt: string; checkOutAt: string | null }[];
  serviceRequests: { id: string; signerName: string; signedAt: string }[];
  checklist: { item: { id: string; labelZh: string; labelEn: string; required: boolean }; done: boolean }[];
  dailyLogs: { id: string; personId: string; date: string; workDone: string }[];
}

/** The panel for one order. */
export function OnsitePanel({ orderId, record }: { orderId: string; record: OnsiteRecord }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [signature, setSignature] = useState<string | null>(null);
  const [checkErrors, setCheckErrors] = useState<string[]>([]);
  const sr = useServerForm<{ scopeOfWork: string; signerName: string; signerTitle?: string }>([
    'scopeOfWork',
    'signerName',
    'signerTitle',
    'signaturePngBase64',
  ]);
  const log = useServerForm<{ workDone: string; nextSteps?: string }>(['workDone', 'nextSteps']);
  const refresh = () => queryClient.invalidateQueries({ queryKey: fieldKeys.onsite(orderId) });
  // On the phone the work is kept and queued at once; at a desk it goes straight to the server.
  const { send } = useSendSiteWork();

  const saveRequest = sr.run(async (v) => {
    if (!signature) {
      sr.setErrors([t('customer.signFirst')]);
      return;
    }
    await send({
      kind: 'service_request',
      method: 'POST',
      url: `/api/v1/work-orders/${orderId}/service-requests`,
      body: {
        scopeOfWork: v.scopeOfWork,
        signerName: v.signerName,
        ...(v.signerTitle?.trim() ? { signerTitle: v.signerTitle.trim() } : {}),
        signaturePngBase64: signature,
      },
    });
    await refresh();
  });
  const saveLog = log.run(async (v) => {
    await send({
      kind: 'daily_log',
      method: 'PUT',
      url: `/api/v1/work-orders/${orderId}/daily-log`,
      body: { workDone: v.workDone, ...(v.nextSteps?.trim() ? { nextSteps: v.nextSteps.trim() } : {}) },
    });
    log.form.resetFields();
    await refresh();
  });
  const mark = async (item: OnsiteRecord['checklist'][number]['item'], done: boolean) => {
    setCheckErrors([]);
    try {
      await send({
        kind: 'checklist',
        method: 'PUT',
        url: `/api/v1/work-orders/${orderId}/checklist/${item.id}`,
        body: { done },
        what: { zh: item.labelZh, en: item.labelEn },
      });
      await refresh();
    } catch (err) {
      setCheckErrors([err instanceof Error ? err.message : String(err)]);
    }
  };
  const signed = record.serviceRequests[0];

  return (
    <section aria-label={t('onsite.title')} style={{ width: '100%' }}>
      <Divider orientation="left" plain>
        {t('onsite.serviceRequest')}
      </Divider>
      {signed ? (
        <Tag color="green">{t('onsite.signedBy', { name: signed.signerName })}</Tag>
      ) : (
        <>
          <FormErrors errors={sr.errors} />
          <Form form={sr.form} layout="vertical" onFinish={saveRequest} name={`service-request-${orderId}`}>
            <Form.Item
              name="scopeOfWork"
              label={t('onsite.scopeOfWork')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item
              name="signerName"
              label={t('onsite.signerName')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="signerTitle" label={t('onsite.signerTitle')}>
              <Input />
            </Form.Item>
            <Form.Item label={t('onsite.customerSignature')} required>
              <SignaturePad onChange={setSignature} label={t('onsite.customerSignature')} />
            </Form.Item>
            <Button htmlType="submit" loading={sr.busy}>
              {t('onsite.saveRequest')}
            </Button>
          </Form>
        </>
      )}
      <Divider orientation="left" plain>
        {t('onsite.checklist')}
      </Divider>
      <FormErrors errors={checkErrors} />
      <Space direction="vertical">
        {record.checklist.map((c) => (
          <Checkbox key={c.item.id} checked={c.done} onChange={(e) => void mark(c.item, e.target.checked)}>
            {i18n.language === 'en' ? c.item.labelEn : c.item.labelZh}
            {c.item.required && <span className="field-danger"> *</span>}
          </Checkbox>
        ))}
      </Space>
      <Divider orientation="left" plain>
        {t('onsite.dailyLog')}
      </Divider>
      {record.dailyLogs.length > 0 && (
        <ul style={{ paddingInlineStart: 18 }}>
          {record.dailyLogs.map((l) => (
            <li key={l.id}>
              {l.date}: {l.workDone}
            </li>
          ))}
        </ul>
      )}
      <FormErrors errors={log.errors} />
      <Form form={log.form} layout="vertical" onFinish={saveLog} name={`daily-log-${orderId}`}>
        <Form.Item
          name="workDone"
          label={t('onsite.workDone')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('onsite.nextSteps')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button htmlType="submit" loading={log.busy}>
          {t('onsite.saveLog')}
        </Button>
      </Form>
    </section>
  );
}
