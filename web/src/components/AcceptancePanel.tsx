/**
 * The acceptance record of an engineering order on the engineer's phone (RS-6): test items with
 * expected and measured values and pass or fail, leftover issues with a due date, the as-built
 * documents handed over (uploaded as files of the order), and the customer's signature, after which the server keeps the record unchanged (the forms go away).
 * Loaded only for engineering orders, as its own chunk, so the phone page stays small.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input, List, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { ApiOk } from '../contract/index.ts';
import { fileBase64 } from '../pages/resources/upload.ts';
import { formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';
import { FormErrors } from './FormErrors.tsx';
import { SignaturePad } from './SignaturePad.tsx';

type AcceptanceRecord = ApiOk<'/api/v1/work-orders/{id}/acceptance', 'get'>;

export default function AcceptancePanel({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['acceptance', orderId];
  const record = useQuery({
    queryKey: key,
    queryFn: () => api<AcceptanceRecord>('GET', `/api/v1/work-orders/${orderId}/acceptance`),
  });
  const [signature, setSignature] = useState<string | null>(null);
  const test = useServerForm<{
    item: string;
    expected: string;
    measured: string;
    unit?: string;
    passed: boolean;
  }>(['item', 'expected', 'measured', 'unit', 'passed']);
  const memo = useServerForm<{ description: string; dueOn: string }>(['description', 'dueOn']);
  const sign = useServerForm<{ signerName: string }>(['signerName', 'signaturePngBase64']);
  const doc = useServerForm<{ title: string }>([
    'title',
    'attachmentId',
    'fileName',
    'mimeType',
    'contentBase64',
  ]);
  const [file, setFile] = useState<File | null>(null);
  // Every write answers with the whole record as it now stands.
  const write = async (path: string, body: unknown) => {
    const next = await api<AcceptanceRecord>(
      'POST',
      `/api/v1/work-orders/${orderId}/acceptance/${path}`,
      body,
    );
    queryClient.setQueryData(key, next);
  };
  const saveTest = test.run(async (v) => {
    await write('tests', { ...v, unit: v.unit?.trim() ? v.unit : undefined });
    test.form.resetFields();
  });
  const saveMemo = memo.run(async (v) => {
    await write('memos', v);
    memo.form.resetFields();
  });
  // The file becomes an attachment of the order first; the record then names it as handed over.
  const saveDoc = doc.run(async (v) => {
    if (!file) {
      doc.setErrors([t('acceptance.chooseFile')]);
      return;
    }
    const up = await api<{ id: string }>('POST', '/api/v1/attachments', {
      ownerType: 'work_order',
      ownerId: orderId,
      kind: 'document',
      fileName: file.name,
      mimeType: file.type || 'application/octet-stream',
      contentBase64: await fileBase64(file),
    });
    await write('documents', { attachmentId: up.id, title: v.title });
    doc.form.resetFields();
    setFile(null);
  });
  const saveSign = sign.run(async (v) => {
    if (!signature) {
      sign.setErrors([t('customer.signFirst')]);
      return;
    }
    await write('sign', { signerName: v.signerName, signaturePngBase64: signature });
  });
  const r = record.data;
  if (record.error) return <Alert type="error" message={record.error.message} />;
  if (!r) return null;
  const draft = r.state === 'draft';
  return (
    <section aria-label={t('acceptance.title')} style={{ width: '100%' }} data-testid="acceptance">
      <Divider orientation="left" plain>
        {t('acceptance.title')}
      </Divider>
      {!draft && (
        <Alert
          type="success"
          showIcon
          message={t('acceptance.signed', { name: r.signerName ?? '—', time: formatTime(r.signedAt) })}
        />
      )}
      <Typography.Text strong>{t('acceptance.tests')}</Typography.Text>
      <List
        size="small"
        locale={{ emptyText: t('acceptance.noTests') }}
        dataSource={r.tests}
        renderItem={(x) => (
          <List.Item>
            {t('acceptance.entry', {
              item: x.item,
              expected: x.expected,
              measured: x.measured,
              unit: x.unit ? ` ${x.unit}` : '',
            })}{' '}
            <Tag color={x.passed ? 'green' : 'red'}>
              {t(x.passed ? 'acceptance.pass' : 'acceptance.fail')}
            </Tag>
          </List.Item>
        )}
      />
      {draft && (
        <Form form={test.form} layout="vertical" onFinish={saveTest} name={`acceptance-test-${orderId}`}>
          <Form.Item name="item" label={t('acceptance.item')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="expected" label={t('acceptance.expected')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="measured" label={t('acceptance.measured')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="unit" label={t('acceptance.unit')}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="passed" label={t('acceptance.result')} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio.Button value={true}>{t('acceptance.pass')}</Radio.Button>
              <Radio.Button value={false}>{t('acceptance.fail')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <FormErrors errors={test.errors} />
          <Button htmlType="submit" loading={test.busy}>
            {t('acceptance.addTest')}
          </Button>
        </Form>
      )}
      <Divider plain />
      <Typography.Text strong>{t('acceptance.memos')}</Typography.Text>
      <List
        size="small"
        locale={{ emptyText: t('acceptance.noMemos') }}
        dataSource={r.memos}
        renderItem={(m) => (
          <List.Item>
            {`${m.description} · ${t('acceptance.dueOn')} ${m.dueOn}`}{' '}
            {m.state === 'closed' && <Tag color="green">{t('acceptance.closed')}</Tag>}
          </List.Item>
        )}
      />
      {draft && (
        <Form form={memo.form} layout="vertical" onFinish={saveMemo} name={`acceptance-memo-${orderId}`}>
          <Form.Item name="description" label={t('acceptance.memo')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('acceptance.dueOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <FormErrors errors={memo.errors} />
          <Button htmlType="submit" loading={memo.busy}>
            {t('acceptance.addMemo')}
          </Button>
        </Form>
      )}
      <Divider plain />
      <Typography.Text strong>{t('acceptance.documents')}</Typography.Text>
      <List
        size="small"
        locale={{ emptyText: t('acceptance.noDocuments') }}
        dataSource={r.documents}
        renderItem={(d) => (
          <List.Item>
            <a href={`/api/v1/attachments/${d.attachmentId}/content`} target="_blank" rel="noreferrer">
              {`${d.title} · ${d.fileName}`}
            </a>
          </List.Item>
        )}
      />
      {draft && (
        <Form form={doc.form} layout="vertical" onFinish={saveDoc} name={`acceptance-doc-${orderId}`}>
          <Form.Item name="title" label={t('acceptance.documentTitle')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('acceptance.file')} required>
            <input
              type="file"
              aria-label={t('acceptance.file')}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Form.Item>
          <FormErrors errors={doc.errors} />
          <Button htmlType="submit" loading={doc.busy}>
            {t('acceptance.addDocument')}
          </Button>
        </Form>
      )}
      {draft && (
        <>
          <Divider plain />
          <Typography.Paragraph type="secondary">{t('acceptance.signHint')}</Typography.Paragraph>
          <Form form={sign.form} layout="vertical" onFinish={saveSign} name={`acceptance-sign-${orderId}`}>
            <Form.Item name="signerName" label={t('acceptance.signerName')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item label={t('acceptance.signature')} required>
              <SignaturePad onChange={setSignature} label={t('acceptance.signature')} />
            </Form.Item>
            <FormErrors errors={sign.errors} />
            <Button type="primary" htmlType="submit" loading={sign.busy}>
              {t('acceptance.sign')}
            </Button>
          </Form>
        </>
      )}
      <Divider plain />
      <Button href={`/api/v1/work-orders/${orderId}/acceptance/pdf`} target="_blank">
        {t('acceptance.pdf')}
      </Button>
    </section>
  );
}
