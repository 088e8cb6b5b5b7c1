/** People, their roles and regions; engineers also have a profile and product certifications (RS-3). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Divider, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { settingsKeys } from '../../queries/settings.ts';
import { CUSTOMERS, PARTNERS } from '../../refs.tsx';
import { ResourcePage, type ResourceSpec, type Row } from '../../resource.tsx';
import { formatTime } from '../../time.ts';
import { useServerForm } from '../../useServerForm.ts';

const ROLES = [
  'call_center',
  'dispatcher',
  'engineer',
  'area_service_manager',
  'project_manager',
  'office_manager',
  'department_chief',
  'engineering_manager',
  'after_sales_director',
  'customer_escort',
  'network_monitoring',
  'end_customer',
  'auditor',
  'admin',
];

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: `roles.${r}` }));
interface Profile {
  employment: 'own' | 'partner';
  workCardNo: string | null;
  workCardExpiresOn: string | null;
  workCardValid: boolean;
  skills: string[];
  vehicle: string | null;
  lastSeenAt: string | null;
}

interface Certification {
  id: string;
  product: string;
  level: string | null;
  certificateNo: string | null;
  expiresOn: string;
  revokedAt: string | null;
  valid: boolean;
}

interface ProfileForm {
  employment: 'own' | 'partner';
  workCardNo?: string;
  workCardExpiresOn?: string;
  skills?: string[];
  vehicle?: string;
}

interface CertForm {
  product: string;
  level?: string;
  certificateNo?: string;
  expiresOn: string;
}

function orNull(v: string | undefined): string | null {
  return v?.trim() ? v.trim() : null;
}

/** An engineer's profile (work card, skills, vehicle) and certifications, with edit forms for admins. */
function EngineerPanel({ person, canManage }: { person: Row; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = person.id;
  const profile = useQuery({
    queryKey: settingsKeys.profile(id),
    // No profile yet is an answer, not a failure: the form below creates it.
    queryFn: async () => {
      try {
        return await api<Profile>('GET', `/api/v1/people/${id}/engineer-profile`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
  const certs = useQuery({
    queryKey: settingsKeys.certifications(id),
    queryFn: () => api<{ items: Certification[] }>('GET', `/api/v1/people/${id}/certifications`),
  });
  const [editingProfile, setEditingProfile] = useState(false);
  const [addingCert, setAddingCert] = useState(false);
  const pf = useServerForm<ProfileForm>([
    'employment',
    'workCardNo',
    'workCardExpiresOn',
    'skills',
    'vehicle',
  ]);
  const cf = useServerForm<CertForm>(['product', 'level', 'certificateNo', 'expiresOn']);

  const saveProfile = pf.run(async (v) => {
    await api('PUT', `/api/v1/people/${id}/engineer-profile`, {
      employment: v.employment,
      workCardNo: orNull(v.workCardNo),
      workCardExpiresOn: orNull(v.workCardExpiresOn),
      skills: v.skills ?? [],
      vehicle: orNull(v.vehicle),
    });
    await queryClient.invalidateQueries({ queryKey: settingsKeys.profile(id) });
    setEditingProfile(false);
  });
  const saveCert = cf.run(async (v) => {
    await api('POST', `/api/v1/people/${id}/certifications`, {
      product: v.product,
      level: orNull(v.level),
      certificateNo: orNull(v.certificateNo),
      expiresOn: v.expiresOn,
    });
    await queryClient.invalidateQueries({ queryKey: settingsKeys.certifications(id) });
    setAddingCert(false);
  });
  const revoke = async (certId: string) => {
    await api('POST', `/api/v1/certifications/${certId}/revoke`, {});
    await queryClient.invalidateQueries({ queryKey: settingsKeys.certifications(id) });
  };

  const p = profile.data;
  return (
    <section aria-label={t('people.engineer')}>
      <Space style={{ marginBottom: 12 }}>
        {canManage && (
          <Button
            onClick={() => {
              pf.setErrors([]);
              pf.form.resetFields();
              pf.form.setFieldsValue(
                p
                  ? {
                      employment: p.employment,
                      workCardNo: p.workCardNo ?? '',
                      workCardExpiresOn: p.workCardExpiresOn ?? '',
                      skills: p.skills,
                      vehicle: p.vehicle ?? '',
                    }
                  : { employment: person.partnerId ? 'partner' : 'own' },
              );
              setEditingProfile(true);
            }}
          >
            {p ? t('people.editProfile') : t('people.createProfile')}
          </Button>
        )}
      </Space>
      {p ? (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('fields.employment')}>
            {t(`enums.employment.${p.employment}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.workCardNo')}>
            {p.workCardNo ?? '—'}{' '}
            {p.employment === 'partner' &&
              (p.workCardValid ? (
                <Tag color="green">{t('people.valid')}</Tag>
              ) : (
                <Tag color="red">{t('people.invalid')}</Tag>
              ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.workCardExpiresOn')}>
            {p.workCardExpiresOn ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.skills')}>{p.skills.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.vehicle')}>{p.vehicle ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('people.lastSeen')}>{formatTime(p.lastSeenAt)}</Descriptions.Item>
        </Descriptions>
      ) : (
        !profile.isPending && <p>{t('people.noProfile')}</p>
      )}
      <Divider orientation="left">{t('people.certifications')}</Divider>
      {canManage && (
        <Button
          style={{ marginBottom: 12 }}
          onClick={() => {
            cf.setErrors([]);
            cf.form.resetFields();
            setAddingCert(true);
          }}
        >
          {t('people.addCertification')}
        </Button>
      )}
      <Table<Certification>
        rowKey="id"
        size="small"
        pagination={false}
        loading={certs.isPending}
        dataSource={certs.data?.items ?? []}
        columns={[
          { key: 'product', title: t('fields.product'), render: (_, c) => c.product },
          { key: 'level', title: t('fields.level'), render: (_, c) => c.level ?? '—' },
          { key: 'no', title: t('fields.certificateNo'), render: (_, c) => c.certificateNo ?? '—' },
          { key: 'exp', title: t('fields.expiresOn'), render: (_, c) => c.expiresOn },
          {
            key: 'state',
            title: '',
            render: (_, c) =>
              c.revokedAt ? (
                <Tag>{t('people.revoked')}</Tag>
              ) : c.valid ? (
                <Tag color="green">{t('people.valid')}</Tag>
              ) : (
                <Tag color="red">{t('people.expired')}</Tag>
              ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) =>
              canManage && !c.revokedAt ? (
                <Button size="small" danger onClick={() => void revoke(c.id)}>
                  {t('people.revoke')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={editingProfile}
        title={t('people.engineer')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={pf.busy}
        onOk={() => pf.form.submit()}
        onCancel={() => setEditingProfile(false)}
        forceRender
      >
        <FormErrors errors={pf.errors} />
        <Form form={pf.form} layout="vertical" onFinish={saveProfile} name="engineer-profile">
          <Form.Item
            name="employment"
            label={t('fields.employment')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              options={[
                { value: 'own', label: t('enums.employment.own') },
                { value: 'partner', label: t('enums.employment.partner') },
              ]}
            />
          </Form.Item>
          <Form.Item name="workCardNo" label={t('fields.workCardNo')}>
            <Input />
          </Form.Item>
          <Form.Item name="workCardExpiresOn" label={t('fields.workCardExpiresOn')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="skills" label={t('fields.skills')}>
            <Select mode="tags" tokenSeparators={[',', '，']} />
          </Form.Item>
          <Form.Item name="vehicle" label={t('fields.vehicle')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={addingCert}
        title={t('people.addCertification')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={cf.busy}
        onOk={() => cf.form.submit()}
        onCancel={() => setAddingCert(false)}
        forceRender
      >
        <FormErrors errors={cf.errors} />
        <Form form={cf.form} layout="vertical" onFinish={saveCert} name="certification">
          <Form.Item
            name="product"
            label={t('fields.product')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="level" label={t('fields.level')}>
            <Input />
          </Form.Item>
          <Form.Item name="certificateNo" label={t('fields.certificateNo')}>
            <Input />
          </Form.Item>
          <Form.Item
            name="expiresOn"
            label={t('fields.expiresOn')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input type="date" />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

function RoleTags({ roles }: { roles: unknown }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {(roles as string[]).map((r) => (
        <Tag key={r}>{t(`roles.${r}`)}</Tag>
      ))}
    </Space>
  );
}

const spec: ResourceSpec = {
  title: 'nav.people',
  base: '/api/v1/people',
  readPermission: 'people.read',
  managePermission: 'people.manage',
  timeZoneOf: (row) => row.timeZone as string | null,
  columns: [
    { key: 'username', title: 'fields.username' },
    { key: 'displayName', title: 'fields.displayName' },
    { key: 'roles', title: 'fields.roles', render: (row) => <RoleTags roles={row.roles} /> },
    { key: 'phone', title: 'fields.phone' },
    { key: 'active', title: 'fields.active' },
  ],
  fields: [
    { name: 'username', label: 'fields.username', kind: 'text', required: true, createOnly: true },
    { name: 'displayName', label: 'fields.displayName', kind: 'text', required: true },
    { name: 'roles', label: 'fields.roles', kind: 'multiselect', required: true, options: ROLE_OPTIONS },
    { name: 'password', label: 'fields.password', kind: 'password', createOnly: true },
    { name: 'phone', label: 'fields.phone', kind: 'text', nullable: true },
    { name: 'email', label: 'fields.email', kind: 'text', nullable: true },
    { name: 'partnerId', label: 'fields.partnerId', kind: 'ref', ref: PARTNERS, createOnly: true },
    { name: 'customerId', label: 'fields.customerId', kind: 'ref', ref: CUSTOMERS, createOnly: true },
    { name: 'regionIds', label: 'fields.regionIds', kind: 'regions' },
    {
      name: 'locale',
      label: 'fields.locale',
      kind: 'select',
      options: [
        { value: 'zh-CN', label: 'people.zh' },
        { value: 'en', label: 'people.en' },
      ],
    },
    { name: 'timeZone', label: 'fields.timeZone', kind: 'text', nullable: true },
    { name: 'active', label: 'fields.active', kind: 'switch', editOnly: true },
  ],
  filters: [
    { name: 'role', label: 'fields.roles', kind: 'select', options: ROLE_OPTIONS },
    { name: 'partnerId', label: 'fields.partnerId', kind: 'ref', ref: PARTNERS },
    { name: 'regionId', label: 'fields.regionId', kind: 'region' },
  ],
  detailTabs: (row, canManage) =>
    (row.roles as string[]).includes('engineer')
      ? [
          {
            key: 'engineer',
            label: 'people.engineer',
            children: <EngineerPanel person={row} canManage={canManage} />,
          },
        ]
      : [],
};

/** The people page. */
export default function PeoplePage() {
  return <ResourcePage spec={spec} />;
}
