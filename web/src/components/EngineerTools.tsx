/**
 * The engineer's phone tools beside the on-site record: the late-notice form before an
 * appointment (WO-5), the customer's consents for devices (WO-6) and photos taken with the
 * phone's camera. The field app loads them only when they are shown (src/field/OnsiteWork.tsx).
 * The server decides every rule; these panels show what it recorded or why it refused.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input, Select, Space } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import type { EngineerAppointment } from '../field/appointments.ts';
import { fieldKeys } from '../fieldKeys.ts';
import { useSendSiteWork } from '../offline/send.ts';
import { cachedGet } from '../offline/store.ts';
import { formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';
import { FormErrors } from './FormErrors.tsx';

function messages(err: unknown): string[] {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => d.message)];
  return [err instanceof Error ? err.message : String(err)];
}

/**
 * WO-5: the late-notice form (the field app loads it when the engineer opens it); only a notice
 * before the window counts as in time, which the server decides.
 */
export function LateNoticeForm({
  orderId,
  appointment,
  onDone,
}: {
  orderId: string;
  appointment: EngineerAppointment;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const f = useServerForm<{ message: string; expectedArrival?: string }>(['message', 'expectedArrival']);
  const send = f.run(async (v) => {
    const arrival = v.expectedArrival ? new Date(v.expectedArrival) : null;
    await api('POST', `/api/v1/appointments/${appointment.id}/late-notice`, {
      message: v.message,
      ...(arrival && !Number.isNaN(arrival.getTime()) ? { expectedArrival: arrival.toISOString() } : {}),
    });
    await queryClient.invalidateQueries({ queryKey: fieldKeys.appointments(orderId) });
    f.form.resetFields();
    onDone();
  });
  return (
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
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
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
        <ul className="field-list" data-testid="consents">
          {consents.map((c) => (
            <li key={c.id}>
              <strong>{t(`engineer.consentItems.${c.item}`, { defaultValue: c.item })}</strong>
              <div>{c.description}</div>
              <div className="field-secondary">
                {t('engineer.consentedBy', { name: c.consentedBy, time: formatTime(c.recordedAt) })}
              </div>
            </li>
          ))}
        </ul>
      )}
      {!signed ? (
        <span className="field-secondary">{t('engineer.consentNeedsRequest')}</span>
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
              <div style={{ minWidth: 0 }}>
                <div
                  style={{
                    maxWidth: 220,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                  }}
                >
                  {p.caption ?? p.fileName}
                </div>
                <div className="field-secondary">
                  {size(p.sizeBytes)} · {formatTime(p.createdAt)}
                </div>
                <code className="field-secondary" title={p.sha256}>
                  {t('engineer.checksum', { sha: p.sha256.slice(0, 12) })}
                </code>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
