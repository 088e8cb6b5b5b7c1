/**
 * Importing a file into the subscriber ledger: the vendor's own ledger, or an EOMS export that
 * is reconciled against it. Upload progress shows while the file goes out, then the comparison;
 * the report lists every refused row with its reasons.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors } from '../../components/FormErrors.tsx';
import { resourceKeys } from '../../queries/resources.ts';
import { useServerForm } from '../../useServerForm.ts';
import { fileBase64, postWithProgress } from './upload.ts';

export interface ImportReport {
  id: string;
  target: 'eoms' | 'ledger';
  fileName: string;
  rowsRead: number;
  rowsRejected: number;
  itemsOpened: number;
  itemsClosed: number;
  createdAt: string;
  rejected: {
    rowNo: number;
    problems: { field: string; message: string | { 'zh-CN': string; en: string } }[];
  }[];
}

/** The refused rows of one import, one line each. */
export function RejectedRows({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const text = (m: ImportReport['rejected'][number]['problems'][number]['message']) =>
    typeof m === 'string' ? m : i18n.language === 'en' ? m.en : m['zh-CN'];
  return (
    <Table
      rowKey="rowNo"
      size="small"
      aria-label={t('resources.ledger.rejected')}
      dataSource={report.rejected}
      pagination={{ pageSize: 10 }}
      locale={{ emptyText: t('resources.ledger.noRejected') }}
      columns={[
        { title: t('resources.ledger.rowNo'), dataIndex: 'rowNo', width: 80 },
        {
          title: t('resources.ledger.problems'),
          dataIndex: 'problems',
          render: (ps: ImportReport['rejected'][number]['problems']) =>
            ps.map((p) => `${p.field}：${text(p.message)}`).join('；'),
        },
      ]}
    />
  );
}

export function LedgerImport({ partnerId }: { partnerId: string | undefined }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { form, errors, busy, run } = useServerForm<{ target: 'eoms' | 'ledger' }>([
    'target',
    'fileName',
    'contentBase64',
    'partnerId',
  ]);
  const submit = run(async (v) => {
    setReport(null);
    setSent(0);
    try {
      const body = {
        partnerId: partnerId ?? '',
        target: v.target,
        fileName: file?.name ?? '',
        contentBase64: file ? await fileBase64(file) : '',
      };
      const r = await postWithProgress<ImportReport>('/api/v1/ledger-imports', body, setSent);
      setReport(r);
      await queryClient.invalidateQueries({ queryKey: resourceKeys.ledgerAll });
    } finally {
      setSent(null);
    }
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <FormErrors errors={errors} />
      <Form
        form={form}
        layout="inline"
        name="ledger-import"
        onFinish={submit}
        initialValues={{ target: 'eoms' }}
      >
        <Form.Item name="target" label={t('resources.ledger.target')}>
          <Radio.Group
            options={(['eoms', 'ledger'] as const).map((k) => ({
              value: k,
              label: t(`resources.ledger.targets.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="fileName"
          label={t('resources.ledger.file')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}
        >
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button>{t('resources.ledger.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('resources.ledger.import')}
          </Button>
        </Form.Item>
      </Form>
      {sent !== null && (
        <div aria-live="polite">
          <Progress percent={Math.round(sent * 100)} status="active" />
          <Typography.Text type="secondary">
            {sent < 1
              ? t('resources.ledger.uploading', { percent: Math.round(sent * 100) })
              : t('resources.ledger.reconciling')}
          </Typography.Text>
        </div>
      )}
      {report && (
        <>
          <Alert
            type={report.rowsRejected ? 'warning' : 'success'}
            showIcon
            message={t('resources.ledger.imported', {
              read: report.rowsRead,
              rejected: report.rowsRejected,
              opened: report.itemsOpened,
              closed: report.itemsClosed,
            })}
          />
          {report.rejected.length > 0 && <RejectedRows report={report} />}
        </>
      )}
    </Space>
  );
}
