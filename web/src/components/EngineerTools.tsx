/**
 * The engineer's phone tools beside the on-site record: the late notice before an appointment
 * (WO-5), the customer's consents for devices (WO-6) and photos taken with the phone's camera.
 * The server decides every rule; these panels show what it recorded or why it refused.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { fieldKeys } from '../fieldKeys.ts';
import { useSendSiteWork } from '../offline/send.ts';
import { cachedGet } from '../offline/store.ts';
import { formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';
import { FormErrors } from './FormErrors.tsx';

/** An appointment as GET /work-orders/:id/appointments returns it (the parts the phone uses). */
export interface EngineerAppointment {
  id: string;
  windowStart: string;
  windowEnd: string;
  state: string;
  lateNoticeAt: string | null;
  lateNoticeInTime: boolean | null;
  missed: boolean;
}

/** The appointment still in force: the latest proposed or confirmed one, if any. */
export function currentAppointment(items: EngineerAppointment[]): EngineerAppointment | null {
  const live = items.filter((a) => a.state === 'confirmed' || a.state === 'proposed');
  live.sort((a, b) => b.windowStart.localeCompare(a.windowStart));
  return live[0] ?? null;
}

function messages(err: unknown): string[] {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => d.message)];
  return [err instanceof Error ? err.message : String(err)];
}

/** WO-5: tell the customer the engineer will be late; only a notice before the window counts as in time. */
export function LateNoticePanel({
  orderId,
  appointment,
}: {
  orderId: string;
  appointment: EngineerAppointment;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const f = useServerForm<{ message: string; expectedArrival?: string }>(['message', 'expectedArrival']);
  const send = f.run(async (v) => {
    const arrival = v.expectedArrival ? new Date(v.expectedArrival) : null;
    await api('POST', `/api/v1/appointments/${appointment.id}/late-notice`, {
      message: v.message,
      ...(arrival && !Number.isNaN(arrival.getTime()) ? { expectedArrival: arrival.toISOString() } : {}),
    });
    await queryClient.invalidateQueries({ queryKey: fieldKeys.appointments(orderId) });
    f.form.resetFields();
    setOpen(false);
  });
  return (
    <section aria-label={t('engineer.lateNotice')} style={{ width: '100%' }}>
      <Typography.Text>
        {t('engineer.appointmentWindow', {
          start: formatTime(appointment.windowStart),
          end: formatTime(appointment.windowEnd),
        })}{' '}
        <Tag>{t(`appointments.states.${appointment.state}`, { defaultValue: appointment.state })}</Tag>
      </Typography.Text>
      {appointment.lateNoticeAt && (
        <Alert
          style={{ marginTop: 8 }}
          type={appointment.lateNoticeInTime ? 'info' : 'warning'}
          showIcon
          data-testid="late-notice-recorded"
          message={
            appointment.lateNoticeInTime
              ? t('engineer.lateNoticeInTime', { time: formatTime(appointment.lateNoticeAt) })
              : t('engineer.lateNoticeTooLate', { time: formatTime(appointment.lateNoticeAt) })
          }
        />
      )}
      {!open ? (
        <Button style={{ marginTop: 8 }} onClick={() => setOpen(true)}>
          {t('engineer.lateNotice')}
        </Button>
      ) : (
        <div style={{ marginTop: 8 }}>
          <FormErrors errors={f.errors} />
          <Form form={f.form} layout="vertical" onFinish={send} name={`late-notice-${orderId}`}>
            <Form.Item
              name="message"
              label={t('engineer.lateMessage')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="expectedArrival" label={t('engineer.expectedArrival')}>
              <Input type="datetime-local" />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={f.busy}>
                {t('engineer.sendLateNotice')}
              </Button>
              <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        </div>
      )}
    </section>
  );
}

/** A consent as the on-site record lists it. */
export interface Consent {
  id: string;
  item: string;
  description: string;
  consentedBy: string;
  recordedAt: string;
}

const CONSENT_ITEMS = ['customer_pc', 'usb_disk', 'phone', 'tools'] as const;

/** WO-6: the customer's consent for each device used, recorded once the service request is signed. */
export function ConsentsPanel({
  orderId,
  consents,
  signed,
}: {
  orderId: string;
  consents: Consent[];
  signed: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const f = useServerForm<{ item: string; description: string; consentedBy: string }>([
    'item',
    'description',
    'consentedBy',
  ]);
  const save = f.run(async (v) => {
    await api('POST', `/api/v1/work-orders/${orderId}/consents`, v);
    await queryClient.invalidateQueries({ queryKey: fieldKeys.onsite(orderId) });
    f.form.resetFields();
  });
  return (
    <section aria-label={t('engineer.consents')} style={{ width: '100%' }}>
      <Divider orientation="left" plain>
        {t('engineer.consents')}
      </Divider>
      {consents.length > 0 && (
        <List
          size="small"
          data-testid="consents"
          dataSource={consents}
          renderItem={(c) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {t(`engineer.consentItems.${c.item}`, { defaultValue: c.item })}
                </Typography.Text>
                <Typography.Text>{c.description}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('engineer.consentedBy', { name: c.consentedBy, time: formatTime(c.recordedAt) })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {!signed ? (
        <Typography.Text type="secondary">{t('engineer.consentNeedsRequest')}</Typography.Text>
      ) : (
        <>
          <FormErrors errors={f.errors} />
          <Form form={f.form} layout="vertical" onFinish={save} name={`consent-${orderId}`}>
            <Form.Item
              name="item"
              label={t('engineer.consentItem')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select
                options={CONSENT_ITEMS.map((i) => ({ value: i, label: t(`engineer.consentItems.${i}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('engineer.consentDescription')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item
              name="consentedBy"
              label={t('engineer.consentedByLabel')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Button htmlType="submit" loading={f.busy}>
              {t('engineer.saveConsent')}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}

interface Attachment {
  id: string;
  kind: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  caption: string | null;
  createdAt: string;
  contentUrl: string;
}

function toBase64(bytes: Uint8Array): string {
  // Chunks keep String.fromCharCode's argument list small enough for phone browsers.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

async function sha256Hex(bytes: Uint8Array): Promise<string | null> {
  // SubtleCrypto exists only in secure contexts; the server computes the checksum either way.
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function size(bytes: number): string {
  return bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Photos of the order: taken with the back camera, uploaded as base64 JSON, shown with size and checksum. */
export function PhotosPanel({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const { send } = useSendSiteWork();
  const list = useQuery({
    queryKey: fieldKeys.orderFiles(orderId),
    networkMode: 'always',
    queryFn: () =>
      cachedGet<{ items: Attachment[] }>(`/api/v1/attachments?ownerType=work_order&ownerId=${orderId}`),
  });
  const photos = (list.data?.items ?? []).filter((a) => a.kind === 'photo');
  const upload = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    setErrors([]);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sha256 = await sha256Hex(bytes);
      await send({
        kind: 'photo',
        method: 'POST',
        url: '/api/v1/attachments',
        body: {
          ownerType: 'work_order',
          ownerId: orderId,
          kind: 'photo',
          fileName: file.name || 'photo.jpg',
          mimeType: file.type || 'application/octet-stream',
          ...(caption.trim() ? { caption: caption.trim() } : {}),
          ...(sha256 ? { sha256 } : {}),
          contentBase64: toBase64(bytes),
        },
        what: caption.trim() ? { zh: caption.trim(), en: caption.trim() } : undefined,
      });
      setCaption('');
      await queryClient.invalidateQueries({ queryKey: fieldKeys.orderFiles(orderId) });
    } catch (err) {
      setErrors(messages(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <section aria-label={t('engineer.photos')} style={{ width: '100%' }}>
      <Divider orientation="left" plain>
        {t('engineer.photos')}
      </Divider>
      <FormErrors errors={errors} />
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor={`${inputId}-caption`}>{t('engineer.photoCaption')}</label>
        <Input
          id={`${inputId}-caption`}
          value={caption}
          maxLength={500}
          onChange={(e) => setCaption(e.target.value)}
        />
        <input
          ref={input}
          id={inputId}
          type="file"
          accept="image/*"
          capture="environment"
          aria-label={t('engineer.takePhoto')}
          style={{ display: 'none' }}
          onChange={(e) => void upload(e.target.files)}
        />
        <Button size="large" loading={busy} onClick={() => input.current?.click()}>
          {t('engineer.takePhoto')}
        </Button>
      </Space>
      {photos.length > 0 && (
        <ul
          data-testid="photos"
          style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 8, marginTop: 8 }}
        >
          {photos.map((p) => (
            <li key={p.id} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
              <a href={`${p.contentUrl}?inline=1`} target="_blank" rel="noreferrer">
                <img
                  src={`${p.contentUrl}?inline=1`}
                  alt={p.caption ?? p.fileName}
                  width={72}
                  height={72}
                  style={{ objectFit: 'cover', borderRadius: 4, background: '#f0f0f0' }}
                />
              </a>
              <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                  {p.caption ?? p.fileName}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {size(p.sizeBytes)} · {formatTime(p.createdAt)}
                </Typography.Text>
                <Typography.Text type="secondary" code title={p.sha256}>
                  {t('engineer.checksum', { sha: p.sha256.slice(0, 12) })}
                </Typography.Text>
              </Space>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
