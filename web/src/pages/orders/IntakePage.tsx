/** Call-center intake (WO-1/WO-2): a form that walks the 5W1H and shows the server's missing fields. */
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type ListPage } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { KnowledgeSuggestions, OpenOrdersAtSite } from '../../components/IntakeHints.tsx';
import { orderKeys } from '../../queries/workOrders.ts';
import { CUSTOMERS, RefSelect } from '../../refs.tsx';
import { regionTree, useRegions } from '../../regions.ts';
import { currentTimeZone, dayjs } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';
import { CHANNELS, SEVERITIES, WORK_ORDER_TYPES, type WorkOrder } from '../../workOrders.ts';

interface IntakeForm {
  type?: string;
  channel?: string;
  severity?: string;
  impacts?: string[];
  customerId?: string;
  customerName?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  siteId?: string;
  address?: string;
  regionId?: string;
  equipmentId?: string;
  product?: string;
  occurredAt?: string;
  symptom?: string;
  alarms?: string;
  suspectedCause?: string;
  foundHow?: string;
  externalRef?: string;
}

const FIELDS = [
  'type',
  'channel',
  'severity',
  'impacts',
  'customerId',
  'customerName',
  'contactName',
  'contactPhone',
  'contactEmail',
  'siteId',
  'address',
  'regionId',
  'equipmentId',
  'product',
  'occurredAt',
  'symptom',
  'alarms',
  'suspectedCause',
  'foundHow',
  'externalRef',
];

interface Site {
  id: string;
  name: string;
  code: string;
  regionId: string;
  address: string;
  timeZone: string;
}
interface Equipment {
  id: string;
  product: string;
  model: string;
  serialNo: string | null;
}

function text(v: string | undefined): string | undefined {
  return v?.trim() ? v.trim() : undefined;
}

/** The intake page. */
export default function IntakePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { form, errors, busy, run } = useServerForm<IntakeForm>(FIELDS);
  const customerId = Form.useWatch('customerId', form);
  const siteId = Form.useWatch('siteId', form);
  const impacts = Form.useWatch('impacts', form);
  const symptom = Form.useWatch('symptom', form);
  const sites = useQuery({
    queryKey: orderKeys.intakeSites(customerId),
    enabled: !!customerId,
    queryFn: () => api<ListPage<Site>>('GET', `/api/v1/sites?customerId=${customerId}&limit=500`),
  });
  const equipment = useQuery({
    queryKey: orderKeys.intakeEquipment(siteId),
    enabled: !!siteId,
    queryFn: () => api<ListPage<Equipment>>('GET', `/api/v1/equipment?siteId=${siteId}&limit=500`),
  });
  const regions = useRegions();
  const tree = useMemo(
    () => regionTree(regions.data?.items ?? [], i18n.language),
    [regions.data, i18n.language],
  );
  const site = sites.data?.items.find((s) => s.id === siteId);
  const critical = (impacts ?? []).length > 0;

  const submit = run(async (v) => {
    const zone = site?.timeZone ?? currentTimeZone();
    const flags = new Set(v.impacts ?? []);
    const order = await api<WorkOrder>('POST', '/api/v1/work-orders', {
      type: v.type,
      channel: v.channel,
      severity: v.severity,
      impacts: {
        serviceInterruption: flags.has('serviceInterruption'),
        kpiDegradation: flags.has('kpiDegradation'),
        billing: flags.has('billing'),
      },
      customerId: v.customerId,
      customerName: text(v.customerName),
      contactName: text(v.contactName),
      contactPhone: text(v.contactPhone),
      contactEmail: text(v.contactEmail),
      siteId: v.siteId,
      address: text(v.address),
      regionId: v.regionId,
      equipmentId: v.equipmentId,
      product: text(v.product),
      // The time typed is the site's local time (or the agent's when no site is chosen).
      occurredAt: v.occurredAt ? dayjs.tz(v.occurredAt, zone).toISOString() : undefined,
      symptom: text(v.symptom),
      alarms: text(v.alarms),
      suspectedCause: text(v.suspectedCause),
      foundHow: text(v.foundHow),
      externalRef: text(v.externalRef),
    });
    navigate(`/orders/${order.id}`);
  });

  const opt = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('nav.intake')}</h1>}>
      <FormErrors errors={errors} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        name="intake"
        initialValues={{ channel: 'call_center', severity: 'minor' }}
      >
        <Typography.Title level={5}>{t('intake.how')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={t('wo.fields.type')}>
              <Select options={opt('wo.types', WORK_ORDER_TYPES)} placeholder={t('common.choose')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="channel" label={t('wo.fields.channel')}>
              <Select options={opt('wo.channels', CHANNELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="severity" label={t('wo.fields.severity')}>
              <Select options={opt('wo.severities', SEVERITIES)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="impacts" label={t('wo.fields.impacts')} extra={t('intake.impactsHelp')}>
          <Checkbox.Group
            options={[
              { value: 'serviceInterruption', label: t('wo.impacts.serviceInterruption') },
              { value: 'kpiDegradation', label: t('wo.impacts.kpiDegradation') },
              { value: 'billing', label: t('wo.impacts.billing') },
            ]}
          />
        </Form.Item>
        {critical && (
          <Alert type="warning" showIcon message={t('intake.criticalNotice')} style={{ marginBottom: 16 }} />
        )}

        <Typography.Title level={5}>{t('intake.who')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="customerId" label={t('fields.customerId')}>
              <RefSelect
                source={CUSTOMERS}
                onChange={() => form.setFieldsValue({ siteId: undefined, equipmentId: undefined })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customerName" label={t('wo.fields.customerName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactName" label={t('fields.contactName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactPhone" label={t('fields.contactPhone')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactEmail" label={t('fields.email')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('intake.where')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="siteId" label={t('fields.siteId')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                disabled={!customerId}
                options={(sites.data?.items ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.name} (${s.code})`,
                }))}
                placeholder={customerId ? t('common.choose') : t('intake.pickCustomerFirst')}
                onChange={() => form.setFieldsValue({ equipmentId: undefined })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="address" label={t('fields.address')}>
              <Input placeholder={site?.address} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="regionId" label={t('fields.regionId')}>
              <TreeSelect
                treeData={tree}
                treeDefaultExpandAll
                showSearch
                treeNodeFilterProp="title"
                allowClear
                placeholder={t('common.choose')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="equipmentId" label={t('wo.fields.equipmentId')}>
              <Select
                allowClear
                disabled={!siteId}
                options={(equipment.data?.items ?? []).map((e) => ({
                  value: e.id,
                  label: `${e.product} ${e.model}${e.serialNo ? ` · ${e.serialNo}` : ''}`,
                }))}
                placeholder={t('common.choose')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="product" label={t('fields.product')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <OpenOrdersAtSite siteId={siteId} timeZone={site?.timeZone} />

        <Typography.Title level={5}>{t('intake.whenWhat')}</Typography.Title>
        <Form.Item
          name="occurredAt"
          label={t('wo.fields.occurredAt')}
          extra={t('intake.timeZoneHelp', { zone: site?.timeZone ?? currentTimeZone() })}
        >
          <Input type="datetime-local" style={{ maxWidth: 260 }} />
        </Form.Item>
        <Form.Item name="symptom" label={t('wo.fields.symptom')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <KnowledgeSuggestions symptom={symptom} />
        <Form.Item name="alarms" label={t('wo.fields.alarms')}>
          <Input.TextArea rows={2} />
        </Form.Item>

        <Typography.Title level={5}>{t('intake.why')}</Typography.Title>
        <Form.Item name="suspectedCause" label={t('wo.fields.suspectedCause')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="foundHow" label={t('wo.fields.foundHow')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="externalRef" label={t('wo.fields.externalRef')}>
          <Input style={{ maxWidth: 260 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('intake.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
