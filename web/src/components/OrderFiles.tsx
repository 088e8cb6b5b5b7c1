/**
 * An order's files and reports (RC-3, WO-9): every attachment with a thumbnail for images, its
 * size and SHA-256, and the generated reports as PDF downloads, with a form to generate the
 * report the order's type needs once the work is resolved.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { fieldKeys } from '../fieldKeys.ts';
import { formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';
import type { State } from '../workOrders.ts';
import { FormErrors } from './FormErrors.tsx';

interface Attachment {
  id: string;
  kind: 'photo' | 'document' | 'report' | 'signature';
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  caption: string | null;
  createdAt: string;
  contentUrl: string;
}

type ReportType = 'field_service' | 'upgrade_summary' | 'inspection_summary';

interface Report {
  id: string;
  reportType: ReportType;
  title: string;
  generatedAt: string;
  generatedBy: string | null;
  attachment: Attachment;
}

/** The parts of GET …/report-draft the form prefills. */
interface ReportDraft {
  workDone: string;
  cause: string | null;
}

interface ReportForm {
  workDone?: string;
  cause?: string;
  leftovers?: string;
  fromVersion?: string;
  toVersion?: string;
  verification?: string;
  inspection?: string;
}

/** The states in which the server lets a report be generated. */
const REPORTABLE: readonly State[] = ['resolved', 'signed_off'];

/** A size people read at a glance. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function text(v: string | undefined): string | undefined {
  return v?.trim() ? v.trim() : undefined;
}

/** "item | result | note" lines as inspection rows; a line without a result is sent as typed so the server names it. */
function inspectionRows(
  v: string | undefined,
): { item: string; result: string; note?: string }[] | undefined {
  const rows = (v ?? '')
    .split('\n')
    .map((line) => line.split('|').map((p) => p.trim()))
    .filter((parts) => parts.some((p) => p.length > 0))
    .map(([item = '', result = '', note = '']) => ({ item, result, ...(note ? { note } : {}) }));
  return rows.length ? rows : undefined;
}

/** The order's attachments and reports. */
export function OrderFiles({
  orderId,
  state,
  canAct,
  timeZone,
}: {
  orderId: string;
  state: State;
  canAct: boolean;
  timeZone?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const files = useQuery({
    queryKey: fieldKeys.orderFiles(orderId),
    queryFn: () =>
      api<{ items: Attachment[] }>('GET', `/api/v1/attachments?ownerType=work_order&ownerId=${orderId}`),
  });
  const reports = useQuery({
    queryKey: fieldKeys.reports(orderId),
    queryFn: () =>
      api<{ items: Report[]; reportType: ReportType }>('GET', `/api/v1/work-orders/${orderId}/reports`),
  });
  const [generating, setGenerating] = useState(false);
  const { form, errors, setErrors, busy, run } = useServerForm<ReportForm>([
    'workDone',
    'cause',
    'leftovers',
    'inspection',
  ]);
  const type = reports.data?.reportType;

  const generate = run(async (v) => {
    await api('POST', `/api/v1/work-orders/${orderId}/reports`, {
      workDone: v.workDone?.trim() ?? '',
      cause: text(v.cause),
      leftovers: text(v.leftovers),
      ...(type === 'upgrade_summary'
        ? {
            upgrade: {
              fromVersion: v.fromVersion?.trim() ?? '',
              toVersion: v.toVersion?.trim() ?? '',
              verification: v.verification?.trim() ?? '',
            },
          }
        : {}),
      ...(type === 'inspection_summary' ? { inspection: inspectionRows(v.inspection) } : {}),
    });
    setGenerating(false);
    await queryClient.invalidateQueries({ queryKey: fieldKeys.reports(orderId) });
    await queryClient.invalidateQueries({ queryKey: fieldKeys.orderFiles(orderId) });
    await queryClient.invalidateQueries({ queryKey: ['history'] });
  });

  // WO-9: the report starts from what was recorded on site, so the dispatcher only edits it.
  const prefill = async () => {
    try {
      const d = await api<ReportDraft>('GET', `/api/v1/work-orders/${orderId}/report-draft`);
      // Only empty fields: a dispatcher who started typing keeps what they typed.
      const v = form.getFieldsValue();
      form.setFieldsValue({
        workDone: v.workDone?.trim() ? v.workDone : d.workDone,
        cause: v.cause?.trim() ? v.cause : (d.cause ?? ''),
      });
    } catch (e) {
      setErrors([e instanceof Error ? e.message : String(e)]);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  const items = files.data?.items ?? [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <section aria-label={t('files.reports')} data-testid="order-reports">
        <Typography.Title level={5}>{t('files.reports')}</Typography.Title>
        {reports.error && <Alert type="error" showIcon message={reports.error.message} />}
        {(reports.data?.items ?? []).length === 0 ? (
          <Typography.Text type="secondary">{t('files.noReports')}</Typography.Text>
        ) : (
          <ul style={{ paddingLeft: 18, margin: 0 }}>
            {(reports.data?.items ?? []).map((r) => (
              <li key={r.id} data-testid="report">
                <a href={r.attachment.contentUrl} download={r.attachment.fileName}>
                  {t('files.downloadPdf', { title: r.title })}
                </a>{' '}
                <Typography.Text type="secondary">
                  {formatTime(r.generatedAt, timeZone)} · {size(r.attachment.sizeBytes)}
                </Typography.Text>
              </li>
            ))}
          </ul>
        )}
        {canAct && type && (
          <div style={{ marginTop: 8 }}>
            <Button
              disabled={!REPORTABLE.includes(state)}
              onClick={() => {
                setErrors([]);
                form.resetFields();
                setGenerating(true);
                void prefill();
              }}
            >
              {t('files.generate')}
            </Button>
            {!REPORTABLE.includes(state) && (
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {t('files.generateWhenResolved')}
              </Typography.Text>
            )}
          </div>
        )}
      </section>
      <section aria-label={t('files.attachments')}>
        <Typography.Title level={5}>{t('files.attachments')}</Typography.Title>
        {files.error && <Alert type="error" showIcon message={files.error.message} />}
        {items.length === 0 && !files.isPending ? (
          <Empty description={t('files.none')} />
        ) : (
          <Table<Attachment>
            rowKey="id"
            size="small"
            pagination={false}
            loading={files.isPending}
            dataSource={items}
            data-testid="order-attachments"
            columns={[
              {
                key: 'preview',
                title: t('files.preview'),
                width: 96,
                render: (_, a) =>
                  a.mimeType.startsWith('image/') ? (
                    <a href={`${a.contentUrl}?inline=1`} target="_blank" rel="noreferrer">
                      <img
                        src={`${a.contentUrl}?inline=1`}
                        alt={a.caption ?? a.fileName}
                        width={72}
                        height={72}
                        style={{ objectFit: 'cover', borderRadius: 4, background: '#f0f0f0' }}
                      />
                    </a>
                  ) : (
                    <Tag>{a.mimeType === 'application/pdf' ? 'PDF' : t('files.file')}</Tag>
                  ),
              },
              {
                key: 'name',
                title: t('files.name'),
                render: (_, a) => (
                  <Space direction="vertical" size={0}>
                    <a href={a.contentUrl} download={a.fileName}>
                      {a.fileName}
                    </a>
                    {a.caption && <Typography.Text type="secondary">{a.caption}</Typography.Text>}
                  </Space>
                ),
              },
              {
                key: 'kind',
                title: t('files.kind'),
                render: (_, a) => t(`files.kinds.${a.kind}`),
              },
              { key: 'size', title: t('files.size'), render: (_, a) => size(a.sizeBytes) },
              {
                key: 'sha',
                title: 'SHA-256',
                render: (_, a) => (
                  <Typography.Text code copyable={{ text: a.sha256 }} title={a.sha256}>
                    {a.sha256.slice(0, 16)}…
                  </Typography.Text>
                ),
              },
              {
                key: 'at',
                title: t('files.uploadedAt'),
                render: (_, a) => formatTime(a.createdAt, timeZone),
              },
            ]}
          />
        )}
      </section>
      <Modal
        open={generating}
        title={t('files.generate')}
        okText={t('files.generate')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setGenerating(false)}
        forceRender
      >
        <FormErrors errors={errors} />
        <Form form={form} layout="vertical" onFinish={generate} name="report">
          <Form.Item name="workDone" label={t('files.workDone')} rules={required}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="cause" label={t('files.cause')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="leftovers" label={t('files.leftovers')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          {type === 'upgrade_summary' && (
            <>
              <Form.Item name="fromVersion" label={t('files.fromVersion')} rules={required}>
                <Input />
              </Form.Item>
              <Form.Item name="toVersion" label={t('files.toVersion')} rules={required}>
                <Input />
              </Form.Item>
              <Form.Item name="verification" label={t('files.verification')} rules={required}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {type === 'inspection_summary' && (
            <Form.Item
              name="inspection"
              label={t('files.inspection')}
              extra={t('files.inspectionHelp')}
              rules={required}
            >
              <Input.TextArea rows={4} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
