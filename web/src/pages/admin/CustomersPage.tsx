/** Customers and the people to call there (contacts; escorts sign off on-site work). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { HistoryTimeline } from '../../components/HistoryTimeline.tsx';
import { settingsKeys } from '../../queries/settings.ts';
import { historyKeys } from '../../queries/workOrders.ts';
import { ResourcePage, type ResourceSpec, type Row } from '../../resource.tsx';
import { useServerForm } from '../../useServerForm.ts';

/** The kinds of customer, for selects. */
export const CUSTOMER_KIND_OPTIONS = [
  { value: 'operator', label: 'enums.customerKind.operator' },
  { value: 'enterprise', label: 'enums.customerKind.enterprise' },
  { value: 'household', label: 'enums.customerKind.household' },
];

interface Contact {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  title: string | null;
  isEscort: boolean;
  active: boolean;
}

interface ContactForm {
  name: string;
  phone?: string;
  email?: string;
  title?: string;
  isEscort?: boolean;
  active?: boolean;
  reason?: string;
}

const CONTACT_FIELDS = ['name', 'phone', 'email', 'title', 'isEscort', 'active', 'reason'];

function orNull(v: string | undefined): string | null {
  return v?.trim() ? v.trim() : null;
}

/** A customer's contacts: list, add, change, retire, and each one's history. */
function ContactsPanel({ customerId, canManage }: { customerId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = settingsKeys.contacts(customerId);
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      api<{ items: Contact[] }>('GET', `/api/v1/customers/${customerId}/contacts?includeInactive=true`),
  });
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const { form, errors, setErrors, busy, run } = useServerForm<ContactForm>(CONTACT_FIELDS);

  const open = (c: Contact | 'new') => {
    setErrors([]);
    form.resetFields();
    if (c !== 'new')
      form.setFieldsValue({ ...c, phone: c.phone ?? '', email: c.email ?? '', title: c.title ?? '' });
    setEditing(c);
  };
  const save = run(async (v) => {
    const body = {
      name: v.name,
      phone: orNull(v.phone),
      email: orNull(v.email),
      title: orNull(v.title),
      isEscort: v.isEscort ?? false,
    };
    if (editing === 'new') await api('POST', `/api/v1/customers/${customerId}/contacts`, body);
    else if (editing) {
      await api('PATCH', `/api/v1/contacts/${editing.id}`, {
        ...body,
        active: v.active ?? true,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
    }
    await queryClient.invalidateQueries({ queryKey: key });
    await queryClient.invalidateQueries({ queryKey: historyKeys.all });
    setEditing(null);
  });

  return (
    <section aria-label={t('customers.contacts')}>
      {canManage && (
        <Button style={{ marginBottom: 12 }} onClick={() => open('new')}>
          {t('customers.addContact')}
        </Button>
      )}
      <Table<Contact>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={[
          { key: 'name', title: t('fields.name'), render: (_, c) => c.name },
          { key: 'phone', title: t('fields.phone'), render: (_, c) => c.phone ?? '—' },
          { key: 'title', title: t('fields.title'), render: (_, c) => c.title ?? '—' },
          {
            key: 'flags',
            title: '',
            render: (_, c) => (
              <Space>
                {c.isEscort && <Tag color="blue">{t('fields.isEscort')}</Tag>}
                {!c.active && <Tag>{t('common.inactive')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => setHistoryOf(c.id)}>
                  {t('history.title')}
                </Button>
                {canManage && (
                  <Button size="small" onClick={() => open(c)}>
                    {t('common.edit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {historyOf && <HistoryTimeline url={`/api/v1/contacts/${historyOf}/history`} />}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('customers.addContact') : t('common.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        forceRender
      >
        <FormErrors errors={errors} />
        <Form form={form} layout="vertical" onFinish={save} name="contact">
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('fields.phone')}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('fields.email')}>
            <Input />
          </Form.Item>
          <Form.Item name="title" label={t('fields.title')}>
            <Input />
          </Form.Item>
          <Form.Item name="isEscort" label={t('fields.isEscort')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {editing !== 'new' && (
            <>
              <Form.Item name="active" label={t('fields.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="reason" label={t('fields.reason')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </section>
  );
}

const spec: ResourceSpec = {
  title: 'nav.customers',
  base: '/api/v1/customers',
  readPermission: 'customers.read',
  managePermission: 'reference.manage',
  columns: [
    { key: 'code', title: 'fields.code' },
    { key: 'name', title: 'fields.name' },
    { key: 'kind', title: 'fields.kind', render: (row) => <KindLabel kind={row.kind} /> },
    { key: 'regionId', title: 'fields.regionId', render: (row, tools) => tools.regionLabel(row.regionId) },
  ],
  fields: [
    { name: 'code', label: 'fields.code', kind: 'text', required: true },
    { name: 'name', label: 'fields.name', kind: 'text', required: true },
    { name: 'kind', label: 'fields.kind', kind: 'select', required: true, options: CUSTOMER_KIND_OPTIONS },
    { name: 'regionId', label: 'fields.regionId', kind: 'region', required: true },
  ],
  filters: [
    { name: 'kind', label: 'fields.kind', kind: 'select', options: CUSTOMER_KIND_OPTIONS },
    { name: 'regionId', label: 'fields.regionId', kind: 'region' },
  ],
  detailTabs: (row: Row, canManage: boolean) => [
    {
      key: 'contacts',
      label: 'customers.contacts',
      children: <ContactsPanel customerId={row.id} canManage={canManage} />,
    },
  ],
};

function KindLabel({ kind }: { kind: unknown }) {
  const { t } = useTranslation();
  return <>{t(`enums.customerKind.${String(kind)}`)}</>;
}

/** The customers page. */
export default function CustomersPage() {
  return <ResourcePage spec={spec} />;
}
