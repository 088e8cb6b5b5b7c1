/**
 * The customer's page behind the token link (/c/:token): progress, the appointment (confirm or
 * ask to move), sign-off with a drawn signature, and the satisfaction rating (WO-5, WO-9, CS-2).
 * No login: the token opens exactly this one order.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Rate, Result, Space, Spin, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api.ts';
import { FormErrors } from '../components/FormErrors.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { SignaturePad } from '../components/SignaturePad.tsx';
import { selfServiceKeys } from '../queries/selfService.ts';
import { currentTimeZone, dayjs, formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';
import { CustomerComplaintCard } from './complaints/CustomerComplaintCard.tsx';

interface Closing {
  canSignOff: boolean;
  canRate: boolean;
  signOff: { signerName: string; opinion: string; signedAt: string } | null;
  satisfaction: { score: number | null; refused: boolean } | null;
  reports: { id: string; title: string; generatedAt: string }[];
}

interface CustomerView {
  number: string;
  typeLabel: string;
  state: string;
  stateLabel: string;
  receivedAt: string;
  progress: { state: string; stateLabel: string; at: string }[];
  engineer: { name: string } | null;
  notices: { kind: string; text: string; at: string }[];
  appointment: {
    id: string;
    windowStart: string;
    windowEnd: string;
    state: string;
    canChange: boolean;
  } | null;
  sections: { closing?: Closing };
}

/** The customer page. */
export default function CustomerPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const base = `/api/v1/customer/orders/${encodeURIComponent(token)}`;
  const view = useQuery({
    queryKey: selfServiceKeys.customerView(token, i18n.language),
    queryFn: () => api<CustomerView>('GET', base),
  });
  const [signature, setSignature] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const move = useServerForm<{ reason: string; preferredStart?: string }>([
    'reason',
    'preferredStart',
    'preferredEnd',
  ]);
  const sign = useServerForm<{ signerName: string; opinion: string }>([
    'signerName',
    'opinion',
    'signaturePngBase64',
  ]);
  const rate = useServerForm<{ score?: number; comment?: string }>(['score', 'comment', 'refused']);
  const [refusing, setRefusing] = useState(false);
  const [confirmErrors, setConfirmErrors] = useState<string[]>([]);

  const reload = () => queryClient.invalidateQueries({ queryKey: selfServiceKeys.customerViewAll(token) });

  if (view.isPending) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (view.error) {
    return (
      <main style={{ maxWidth: 640, margin: '0 auto', padding: 16 }}>
        <div style={{ textAlign: 'right' }}>
          <LanguageSwitch />
        </div>
        <Result status="warning" title={view.error.message} />
      </main>
    );
  }
  const v = view.data;
  const closing = v.sections.closing;
  const current = Math.max(0, v.progress.length - 1);

  const confirmAppointment = async () => {
    if (!v.appointment) return;
    setConfirmErrors([]);
    try {
      await api('POST', `${base}/appointment/confirm`, { appointmentId: v.appointment.id });
      setDone(t('customer.confirmed'));
      await reload();
    } catch (err) {
      setConfirmErrors([err instanceof Error ? err.message : String(err)]);
    }
  };
  const askToMove = move.run(async (f) => {
    await api('POST', `${base}/appointment/move`, {
      reason: f.reason,
      ...(f.preferredStart
        ? { preferredStart: dayjs.tz(f.preferredStart, currentTimeZone()).toISOString() }
        : {}),
    });
    move.form.resetFields();
    setDone(t('customer.moveAsked'));
    await reload();
  });
  const signOff = sign.run(async (f) => {
    if (!signature) {
      sign.setErrors([t('customer.signFirst')]);
      return;
    }
    await api('POST', `${base}/sign-off`, {
      signerName: f.signerName,
      opinion: f.opinion,
      signaturePngBase64: signature,
    });
    setDone(t('customer.signedOff'));
    await reload();
  });
  const submitRating = rate.run(async (f) => {
    await api(
      'POST',
      `${base}/satisfaction`,
      refusing
        ? { refused: true, comment: f.comment ?? '' }
        : { score: f.score, ...(f.comment?.trim() ? { comment: f.comment.trim() } : {}) },
    );
    setDone(t('customer.thanks'));
    await reload();
  });

  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        {done && <Alert type="success" showIcon message={done} />}
        <Card
          title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('customer.title', { number: v.number })}</h1>}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text>{v.typeLabel}</Typography.Text>
              <Tag color="processing">{v.stateLabel}</Tag>
            </Space>
            <Typography.Text type="secondary">
              {t('customer.received', { time: formatTime(v.receivedAt) })}
            </Typography.Text>
            {v.engineer && (
              <Typography.Text>{t('customer.engineer', { name: v.engineer.name })}</Typography.Text>
            )}
            <Steps
              direction="vertical"
              size="small"
              current={current}
              items={v.progress.map((p) => ({ title: p.stateLabel, description: formatTime(p.at) }))}
            />
          </Space>
        </Card>

        {v.appointment && (
          <Card title={t('customer.appointment')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>
                {formatTime(v.appointment.windowStart)} – {formatTime(v.appointment.windowEnd).slice(11)}
              </Typography.Text>
              <Tag>
                {t(`customer.appointmentStates.${v.appointment.state}`, {
                  defaultValue: v.appointment.state,
                })}
              </Tag>
              <FormErrors errors={confirmErrors} />
              {v.appointment.canChange && v.appointment.state === 'proposed' && (
                <Button type="primary" onClick={() => void confirmAppointment()}>
                  {t('customer.confirm')}
                </Button>
              )}
              <FormErrors errors={move.errors} />
              {v.appointment.canChange && (
                <Form form={move.form} layout="vertical" onFinish={askToMove} name="move">
                  <Form.Item
                    name="reason"
                    label={t('customer.moveReason')}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <Input.TextArea rows={2} />
                  </Form.Item>
                  <Form.Item name="preferredStart" label={t('customer.preferredStart')}>
                    <Input type="datetime-local" style={{ maxWidth: 260 }} />
                  </Form.Item>
                  <Button htmlType="submit" loading={move.busy}>
                    {t('customer.askToMove')}
                  </Button>
                </Form>
              )}
            </Space>
          </Card>
        )}

        {v.notices.length > 0 && (
          <Card title={t('customer.notices')}>
            <ul style={{ paddingInlineStart: 18, margin: 0 }}>
              {v.notices.map((n) => (
                <li key={`${n.at}-${n.kind}`}>
                  <Typography.Text type="secondary">{formatTime(n.at)}</Typography.Text> {n.text}
                </li>
              ))}
            </ul>
          </Card>
        )}

        {closing?.canSignOff && (
          <Card title={t('customer.signOff')}>
            <FormErrors errors={sign.errors} />
            <Form form={sign.form} layout="vertical" onFinish={signOff} name="sign-off">
              <Form.Item
                name="signerName"
                label={t('customer.signerName')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name="opinion"
                label={t('customer.opinion')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item label={t('customer.signature')} required>
                <SignaturePad onChange={setSignature} label={t('customer.signature')} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={sign.busy}>
                {t('customer.submitSignOff')}
              </Button>
            </Form>
          </Card>
        )}
        {closing?.signOff && (
          <Card title={t('customer.signOff')}>
            <Typography.Text>
              {t('customer.signedBy', {
                name: closing.signOff.signerName,
                time: formatTime(closing.signOff.signedAt),
              })}
            </Typography.Text>
            <div>{closing.signOff.opinion}</div>
          </Card>
        )}

        {closing?.canRate && (
          <Card title={t('customer.rating')}>
            <FormErrors errors={rate.errors} />
            <Form form={rate.form} layout="vertical" onFinish={submitRating} name="rating">
              {!refusing && (
                <Form.Item
                  name="score"
                  label={t('customer.score')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Rate aria-label={t('customer.score')} />
                </Form.Item>
              )}
              <Form.Item
                name="comment"
                label={t('customer.comment')}
                rules={refusing ? [{ required: true, message: t('common.required') }] : []}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={rate.busy}>
                  {refusing ? t('customer.submitRefusal') : t('customer.submitRating')}
                </Button>
                <Button type="link" onClick={() => setRefusing((r) => !r)}>
                  {refusing ? t('customer.rateInstead') : t('customer.refuse')}
                </Button>
              </Space>
            </Form>
          </Card>
        )}
        {closing?.satisfaction && (
          <Card title={t('customer.rating')}>
            {closing.satisfaction.refused ? (
              t('customer.refused')
            ) : (
              <Rate disabled value={closing.satisfaction.score ?? 0} />
            )}
          </Card>
        )}
        {closing && closing.reports.length > 0 && (
          <Card title={t('customer.reports')}>
            <ul style={{ paddingInlineStart: 18, margin: 0 }}>
              {closing.reports.map((r) => (
                <li key={r.id}>
                  <a href={`${base}/reports/${r.id}`}>{r.title}</a> · {formatTime(r.generatedAt)}
                </li>
              ))}
            </ul>
          </Card>
        )}
        <CustomerComplaintCard base={base} />
      </Space>
    </main>
  );
}
