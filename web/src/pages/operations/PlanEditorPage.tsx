/**
 * The plan editor: a new operation, or the plan of one still open to change — window, steps with
 * expected results and rollback steps, rollback plan, risk and verification (MO-1 … MO-3). The
 * server decides: its refusals (a window outside the maintenance hours, a step without a rollback
 * step …) are shown under the fields they name.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
// The kinds are the server's own list (a pure module), so the form never offers one it refuses.
import { OPERATION_KINDS } from '../../../../src/modules/operations/operations.rules.ts';
import { ApiError, api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { operationKeys, useSoftwareVersions } from '../../queries/operations.ts';
import { ENGINEERS, RefSelect, SITES } from '../../refs.tsx';
import { has, useMe } from '../../session.ts';
import { currentTimeZone } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import type { PlanVersionBody } from './planDiff.ts';

interface EditorValues {
  title: string;
  kind: string;
  siteIds: string[];
  leadId: string;
  product: string;
  versionId?: string | null;
  windowStart: string;
  windowEnd: string;
  observationDays: number;
  steps: {
    title: string;
    expectedResult: string;
    rollbackStep: string;
    modifying: boolean;
    tableTransfer: boolean;
  }[];
  rollbackPlan: string;
  risk: { impact: string; affectedServices: string; affectedSubscribers: number; likelihood: string };
  verificationSteps: string;
}

interface Existing {
  id: string;
  title: string;
  kind: string;
  state: string;
  product: string;
  leadId: string;
  siteIds: string[];
  versionId: string | null;
  windowStart: string;
  windowEnd: string;
  observationDays: number;
  planVersion: number;
  plans: { version: number; plan: PlanVersionBody }[];
}

const STEP_FIELDS = Array.from({ length: 200 }, (_, i) =>
  ['title', 'expectedResult', 'rollbackStep'].map((k) => `steps.${i}.${k}`),
).flat();
const FIELDS = [
  'title',
  'kind',
  'siteIds',
  'leadId',
  'product',
  'versionId',
  'windowStart',
  'windowEnd',
  'observationDays',
  'stepsProblem',
  ...STEP_FIELDS,
  'rollbackPlan',
  'riskProblem',
  'risk.impact',
  'risk.affectedServices',
  'risk.affectedSubscribers',
  'risk.likelihood',
  'verificationSteps',
];

/**
 * Problems found at submission name `plan.<field>`, those of a save `<field>`: both land on this
 * form's fields; the whole step list and the whole risk assessment have a line of their own.
 */
function onFormFields(e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  const field = (f: string) => {
    const bare = f.replace(/^plan\./, '');
    return bare === 'steps' ? 'stepsProblem' : bare === 'risk' ? 'riskProblem' : bare;
  };
  return new ApiError(
    e.status,
    e.code,
    e.message,
    e.details.map((d) => ({ ...d, field: field(d.field) })),
  );
}

/** The form's values for an operation and its current plan, times in the console's zone. */
function formValues(op: Existing, tz: string): Partial<EditorValues> {
  const local = (iso: string) => dayjs.utc(iso).tz(tz).format('YYYY-MM-DDTHH:mm');
  const plan = op.plans.find((p) => p.version === op.planVersion)?.plan;
  return {
    title: op.title,
    kind: op.kind,
    siteIds: op.siteIds,
    leadId: op.leadId,
    product: op.product,
    versionId: op.versionId,
    windowStart: local(op.windowStart),
    windowEnd: local(op.windowEnd),
    observationDays: op.observationDays,
    ...(plan
      ? {
          steps: plan.steps.map((s) => ({ modifying: false, tableTransfer: false, ...s })),
          rollbackPlan: plan.rollbackPlan,
          risk: plan.risk,
          verificationSteps: plan.verificationSteps.join('\n'),
        }
      : {}),
  };
}

export default function PlanEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const tz = currentTimeZone();
  const f = useServerForm<EditorValues>(FIELDS);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const { data: op } = useQuery({
    queryKey: operationKeys.detail(id),
    enabled: !!id,
    queryFn: () => api<Existing>('GET', `/api/v1/operations/${id}`),
  });
  const product = Form.useWatch('product', f.form);
  const { data: versions } = useSoftwareVersions();
  const toIso = (v: string) => (v ? dayjs.tz(v, tz).toISOString() : v);

  const form = f.form;
  useEffect(() => {
    if (op) form.setFieldsValue(formValues(op, tz));
  }, [op, form, tz]);

  const save = (submit: boolean) =>
    f.run(async (v) => {
      try {
        await send(v, submit);
      } catch (err) {
        throw onFormFields(err);
      }
    });

  /** Creates the operation once (kept if the plan is refused, so a second try edits it). */
  const send = async (v: EditorValues, submit: boolean) => {
    const window = { windowStart: toIso(v.windowStart), windowEnd: toIso(v.windowEnd) };
    let opId = id ?? createdId;
    if (opId) {
      await api('PATCH', `/api/v1/operations/${opId}`, {
        title: v.title,
        observationDays: v.observationDays,
        ...window,
      });
    } else {
      const created = await api<{ id: string }>('POST', '/api/v1/operations', {
        kind: v.kind,
        title: v.title,
        siteIds: v.siteIds ?? [],
        leadId: v.leadId ?? me?.id,
        product: v.product,
        versionId: v.versionId ?? null,
        observationDays: v.observationDays,
        ...window,
      });
      opId = created.id;
      setCreatedId(opId);
    }
    const saved = await api<{ planVersion: number }>('PUT', `/api/v1/operations/${opId}/plan`, {
      steps: (v.steps ?? []).map((s) => ({
        title: s.title ?? '',
        expectedResult: s.expectedResult ?? '',
        rollbackStep: s.rollbackStep ?? '',
        modifying: !!s.modifying,
        tableTransfer: !!s.tableTransfer,
      })),
      rollbackPlan: v.rollbackPlan ?? '',
      risk: {
        impact: v.risk?.impact ?? '',
        affectedServices: v.risk?.affectedServices ?? '',
        affectedSubscribers: v.risk?.affectedSubscribers ?? 0,
        likelihood: v.risk?.likelihood ?? '',
      },
      verificationSteps: (v.verificationSteps ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    });
    await qc.invalidateQueries({ queryKey: operationKeys.detail(opId) });
    await qc.invalidateQueries({ queryKey: operationKeys.all });
    if (submit) await api('POST', `/api/v1/operations/${opId}/transitions`, { to: 'submitted' });
    message.success(t('operations.editor.saved', { n: saved.planVersion }));
    navigate(`/operations/${opId}`);
  };

  const e = (k: string) => t(`operations.editor.${k}`);
  const required = [{ required: true, message: t('common.required') }];
  const approvedOnce = op && !['draft', 'submitted'].includes(op.state);
  return (
    <Card title={id ? `${e('edit')} · ${op?.title ?? ''}` : e('new')}>
      <FormErrors errors={f.errors} />
      {approvedOnce && <Typography.Paragraph type="warning">{e('backToReview')}</Typography.Paragraph>}
      <Form
        form={f.form}
        layout="vertical"
        name="operation-plan"
        initialValues={{
          kind: 'restart',
          observationDays: 1,
          steps: [{ modifying: false, tableTransfer: false }],
          risk: { affectedSubscribers: 0 },
        }}
        onFinish={save(false)}
      >
        <Typography.Title level={5}>{e('basics')}</Typography.Title>
        <Form.Item name="title" label={e('title')} rules={required}>
          <Input />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="kind" label={e('kind')}>
            <Select
              disabled={!!id}
              style={{ minWidth: 200 }}
              options={OPERATION_KINDS.map((k) => ({ value: k, label: t(`operations.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="product" label={e('product')} rules={required}>
            <Input disabled={!!id} />
          </Form.Item>
          <Form.Item name="versionId" label={e('version')}>
            <Select
              allowClear
              disabled={!!id}
              style={{ minWidth: 220 }}
              options={(versions?.items ?? [])
                .filter((v) => v.status !== 'withdrawn' && (!product || v.product === product))
                .map((v) => ({ value: v.id, label: `${v.product} ${v.version}` }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="siteIds" label={e('sites')}>
          <RefSelect source={SITES} multiple disabled={!!id} />
        </Form.Item>
        {has(me, 'people.read') && !id && (
          <Form.Item name="leadId" label={e('lead')}>
            <RefSelect source={ENGINEERS} width={300} />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item
            name="windowStart"
            label={e('windowStart')}
            extra={t('operations.editor.windowHelp', { zone: tz })}
            rules={required}
          >
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="windowEnd" label={e('windowEnd')} rules={required}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="observationDays" label={e('observationDays')}>
            <InputNumber min={1} max={3} />
          </Form.Item>
        </Space>

        <Typography.Title level={5}>{e('steps')}</Typography.Title>
        <Form.Item name="stepsProblem" style={{ marginBottom: 8 }}>
          <span />
        </Form.Item>
        <Form.List name="steps">
          {(items, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {items.map((item, i) => (
                <Card
                  key={item.key}
                  size="small"
                  title={`${t('operations.step')} ${i + 1}`}
                  extra={
                    <Button size="small" onClick={() => remove(item.name)}>
                      {e('removeStep')}
                    </Button>
                  }
                >
                  <Form.Item name={[item.name, 'title']} label={t('operations.step')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[item.name, 'expectedResult']} label={t('operations.expected')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[item.name, 'rollbackStep']} label={t('operations.rollback')}>
                    <Input />
                  </Form.Item>
                  <Space>
                    <Form.Item name={[item.name, 'modifying']} valuePropName="checked" noStyle>
                      <Checkbox>{e('modifying')}</Checkbox>
                    </Form.Item>
                    <Form.Item name={[item.name, 'tableTransfer']} valuePropName="checked" noStyle>
                      <Checkbox>{e('tableTransfer')}</Checkbox>
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button onClick={() => add({ modifying: false, tableTransfer: false })}>{e('addStep')}</Button>
            </Space>
          )}
        </Form.List>

        <Form.Item name="rollbackPlan" label={e('rollbackPlan')} style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Typography.Title level={5}>{t('operations.risk')}</Typography.Title>
        <Form.Item name="riskProblem" style={{ marginBottom: 8 }}>
          <span />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name={['risk', 'impact']} label={e('impact')}>
            <Input />
          </Form.Item>
          <Form.Item name={['risk', 'affectedServices']} label={e('affectedServices')}>
            <Input />
          </Form.Item>
          <Form.Item name={['risk', 'affectedSubscribers']} label={e('affectedSubscribers')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name={['risk', 'likelihood']} label={e('likelihood')}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="verificationSteps" label={e('verificationSteps')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space>
          <Button htmlType="submit" loading={f.busy}>
            {e('save')}
          </Button>
          <Button type="primary" loading={f.busy} onClick={() => f.form.validateFields().then(save(true))}>
            {e('saveSubmit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
