/**
 * One generic administration page for a record type: a searchable list, a create/edit form
 * whose fields show the server's field errors, and a detail drawer with the history timeline.
 * Each record type only declares its columns and fields (see admin/*.tsx).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  TreeSelect,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListPage, qs } from './api.ts';
import { FormErrors } from './components/FormErrors.tsx';
import { HistoryTimeline } from './components/HistoryTimeline.tsx';
import { listKeys } from './queries/lists.ts';
import { historyKeys } from './queries/workOrders.ts';
import { RefLabel, RefSelect, type RefSource, type Row } from './refs.tsx';
import { regionName, regionTree, useRegions } from './regions.ts';
import { has, useMe } from './session.ts';
import { formatTime } from './time.ts';
import { useServerForm } from './useServerForm.ts';

export { RefLabel, RefSelect, useRefOptions } from './refs.tsx';
export type { RefSource, Row };

/** One form field of a record type. */
export interface FieldSpec {
  name: string;
  /** i18n key of the label. */
  label: string;
  kind:
    | 'text'
    | 'textarea'
    | 'number'
    | 'date'
    | 'switch'
    | 'select'
    | 'multiselect'
    | 'region'
    | 'regions'
    | 'ref'
    | 'password';
  required?: boolean;
  /** Empty means null (the API accepts null to clear it). */
  nullable?: boolean;
  options?: { value: string; label: string }[];
  ref?: RefSource;
  createOnly?: boolean;
  editOnly?: boolean;
  /** Not part of the PATCH body: sent to a separate endpoint after the main save. */
  separate?: { method: 'PUT' | 'POST'; url: (id: string) => string; key: string };
  help?: string;
}

/** One column of the list. */
export interface ColumnSpec {
  key: string;
  title: string;
  render?: (row: Row, tools: RenderTools) => ReactNode;
}

/** Helpers a column renderer may use. */
export interface RenderTools {
  regionLabel: (id: unknown) => string;
  lang: string;
}

/** What a record type declares. */
export interface ResourceSpec {
  title: string;
  base: string;
  columns: ColumnSpec[];
  fields: FieldSpec[];
  /** Extra list filters as query parameters. */
  filters?: FieldSpec[];
  managePermission: string;
  readPermission: string;
  /** The zone the record's times are shown in (a site's own zone, say). */
  timeZoneOf?: (row: Row) => string | null | undefined;
  /** Extra tabs in the detail drawer (contacts, certifications …); labels are i18n keys. */
  detailTabs?: (row: Row, canManage: boolean) => { key: string; label: string; children: ReactNode }[];
  /** Shape the form values before they are sent (e.g. split a text into a list). */
  toBody?: (values: Record<string, unknown>, mode: 'create' | 'edit') => Record<string, unknown>;
  /** Shape a record into form values for editing. */
  toForm?: (row: Row) => Record<string, unknown>;
}

export function RegionSelect(props: {
  multiple?: boolean;
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
  ariaLabel?: string;
}) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const tree = useMemo(
    () => regionTree(regions.data?.items ?? [], i18n.language),
    [regions.data, i18n.language],
  );
  return (
    <TreeSelect
      id={props.id}
      aria-label={props.ariaLabel}
      style={props.ariaLabel ? { width: 220 } : undefined}
      treeData={tree}
      multiple={props.multiple}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      allowClear
      value={props.value}
      onChange={props.onChange}
      placeholder={t('common.choose')}
    />
  );
}

/** The input control for one field, with its label (antd links label and control by id). */
export function FieldInput({ spec }: { spec: FieldSpec }) {
  const { t } = useTranslation();
  const rules = spec.required ? [{ required: true, message: t('common.required') }] : [];
  let control: ReactNode;
  switch (spec.kind) {
    case 'text':
      control = <Input />;
      break;
    case 'password':
      control = <Input.Password autoComplete="new-password" />;
      break;
    case 'textarea':
      control = <Input.TextArea rows={3} />;
      break;
    case 'number':
      control = <InputNumber style={{ width: '100%' }} />;
      break;
    case 'date':
      control = <Input type="date" />;
      break;
    case 'switch':
      return (
        <Form.Item
          name={spec.name}
          label={t(spec.label)}
          valuePropName="checked"
          extra={spec.help && t(spec.help)}
        >
          <Switch />
        </Form.Item>
      );
    case 'select':
    case 'multiselect':
      control = (
        <Select
          mode={spec.kind === 'multiselect' ? 'multiple' : undefined}
          allowClear={!spec.required}
          options={(spec.options ?? []).map((o) => ({ value: o.value, label: t(o.label) }))}
          placeholder={t('common.choose')}
        />
      );
      break;
    case 'region':
      control = <RegionSelect />;
      break;
    case 'regions':
      control = <RegionSelect multiple />;
      break;
    case 'ref':
      control = <RefSelect source={spec.ref!} />;
      break;
    default: {
      const never: never = spec.kind;
      return never;
    }
  }
  return (
    <Form.Item name={spec.name} label={t(spec.label)} rules={rules} extra={spec.help && t(spec.help)}>
      {control}
    </Form.Item>
  );
}

/** Form values → API body: trims text, turns empty optional values into null or leaves them out. */
export function bodyFrom(fields: FieldSpec[], values: Record<string, unknown>, mode: 'create' | 'edit') {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.separate) continue;
    if (mode === 'edit' && f.createOnly) continue;
    if (mode === 'create' && f.editOnly) continue;
    let v = values[f.name];
    if (typeof v === 'string') v = v.trim();
    const empty =
      v === undefined ||
      v === null ||
      v === '' ||
      (Array.isArray(v) && v.length === 0 && f.kind !== 'regions' && f.kind !== 'multiselect');
    if (empty) {
      if (f.nullable && mode === 'edit') body[f.name] = null;
      continue;
    }
    body[f.name] = v;
  }
  return body;
}

type Editing = { mode: 'create' } | { mode: 'edit'; row: Row } | null;

/** The generic administration page. */
export function ResourcePage({ spec }: { spec: ResourceSpec }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Editing>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const pageSize = 20;
  const fieldNames = [...spec.fields.map((f) => f.name), 'reason'];
  const { form, errors, setErrors, busy, run } = useServerForm<Record<string, unknown>>(fieldNames);
  const canManage = has(me.data, spec.managePermission);
  const canHistory = has(me.data, 'history.read');

  const list = useQuery({
    queryKey: listKeys.page(spec.base, q, filters, page),
    queryFn: () =>
      api<ListPage<Row>>(
        'GET',
        `${spec.base}${qs({ q, ...filters, limit: pageSize, offset: (page - 1) * pageSize })}`,
      ),
  });
  const detail = list.data?.items.find((r) => r.id === detailId) ?? null;

  const tools: RenderTools = {
    lang: i18n.language,
    regionLabel: (id) => {
      const r = regions.data?.items.find((x) => x.id === id);
      return r ? regionName(r, i18n.language) : typeof id === 'string' ? id.slice(0, 8) : '—';
    },
  };

  const open = (e: Editing) => {
    setErrors([]);
    form.resetFields();
    if (e?.mode === 'edit')
      form.setFieldsValue(
        (spec.toForm ? spec.toForm(e.row) : e.row) as Parameters<typeof form.setFieldsValue>[0],
      );
    setEditing(e);
  };

  const save = run(async (values) => {
    if (!editing) return;
    const shaped = spec.toBody ? spec.toBody(values, editing.mode) : values;
    const body = bodyFrom(spec.fields, shaped, editing.mode);
    let id: string;
    if (editing.mode === 'create') {
      for (const f of spec.fields)
        if (f.separate && shaped[f.name] !== undefined) body[f.name] = shaped[f.name];
      id = (await api<Row>('POST', spec.base, body)).id;
    } else {
      id = editing.row.id;
      const reason =
        typeof values.reason === 'string' && values.reason.trim() ? values.reason.trim() : undefined;
      await api<Row>('PATCH', `${spec.base}/${id}`, { ...body, ...(reason ? { reason } : {}) });
      for (const f of spec.fields) {
        if (!f.separate) continue;
        const before = JSON.stringify(editing.row[f.name] ?? null);
        const after = JSON.stringify(shaped[f.name] ?? null);
        if (before !== after) {
          await api(f.separate.method, f.separate.url(id), {
            [f.separate.key]: shaped[f.name] ?? [],
            ...(reason ? { reason } : {}),
          });
        }
      }
    }
    await queryClient.invalidateQueries({ queryKey: listKeys.base(spec.base) });
    await queryClient.invalidateQueries({ queryKey: historyKeys.all });
    await queryClient.invalidateQueries({ queryKey: listKeys.refAll });
    setEditing(null);
    setDetailId(id);
  });

  const columns = [
    ...spec.columns.map((c) => ({
      key: c.key,
      title: t(c.title),
      render: (_: unknown, row: Row) => (c.render ? c.render(row, tools) : displayValue(row[c.key], t)),
    })),
    {
      key: '_actions',
      title: t('common.actions'),
      render: (_: unknown, row: Row) => (
        <Space>
          <Button size="small" onClick={() => setDetailId(row.id)}>
            {t('common.details')}
          </Button>
          {canManage && (
            <Button size="small" onClick={() => open({ mode: 'edit', row })}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const visibleFields = spec.fields.filter((f) =>
    editing?.mode === 'edit' ? !f.createOnly : editing?.mode === 'create' ? !f.editOnly : true,
  );

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t(spec.title)}</h1>}
      extra={
        canManage && (
          <Button type="primary" onClick={() => open({ mode: 'create' })}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('common.search')}
          placeholder={t('common.search')}
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 240 }}
        />
        {(spec.filters ?? []).map((f) => (
          <FilterControl
            key={f.name}
            spec={f}
            value={filters[f.name]}
            onChange={(v) => {
              setFilters((old) => ({ ...old, [f.name]: v }));
              setPage(1);
            }}
          />
        ))}
      </Space>
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { count: n }),
        }}
      />
      {list.error && <FormErrors errors={[list.error.message]} />}
      <Modal
        open={editing !== null}
        title={
          editing?.mode === 'edit'
            ? `${t('common.edit')} · ${t(spec.title)}`
            : `${t('common.create')} · ${t(spec.title)}`
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        // A stray click beside the form must not throw away what was typed.
        maskClosable={false}
        destroyOnHidden
        forceRender
        width={640}
      >
        <FormErrors errors={errors} />
        <Form form={form} layout="vertical" onFinish={save} name={spec.base.split('/').pop()}>
          {visibleFields.map((f) => (
            <FieldInput key={f.name} spec={f} />
          ))}
          {editing?.mode === 'edit' && (
            <Form.Item name="reason" label={t('fields.reason')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Drawer
        open={detail !== null}
        onClose={() => setDetailId(null)}
        width={Math.min(720, typeof window === 'undefined' ? 720 : window.innerWidth)}
        title={detail ? String(detail.name ?? detail.displayName ?? detail.code ?? '') : ''}
      >
        {detail && (
          <Tabs
            items={[
              {
                key: 'details',
                label: t('common.details'),
                children: (
                  <Descriptions column={1} size="small" bordered>
                    {spec.fields
                      .filter((f) => f.kind !== 'password')
                      .map((f) => (
                        <Descriptions.Item key={f.name} label={t(f.label)}>
                          {detailValue(f, detail[f.name], tools, t)}
                        </Descriptions.Item>
                      ))}
                    <Descriptions.Item label={t('fields.updatedAt')}>
                      {formatTime(detail.updatedAt as string | undefined, spec.timeZoneOf?.(detail))}
                    </Descriptions.Item>
                  </Descriptions>
                ),
              },
              ...(spec.detailTabs ? spec.detailTabs(detail, canManage) : []).map((tab) => ({
                ...tab,
                label: t(tab.label),
              })),
              ...(canHistory
                ? [
                    {
                      key: 'history',
                      label: t('history.title'),
                      children: (
                        <HistoryTimeline
                          url={`${spec.base}/${detail.id}/history`}
                          timeZone={spec.timeZoneOf?.(detail)}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Drawer>
    </Card>
  );
}

function FilterControl(props: {
  spec: FieldSpec;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const { spec } = props;
  const label = t(spec.label);
  if (spec.kind === 'region') {
    return (
      <RegionSelect
        ariaLabel={label}
        value={props.value}
        onChange={(v) => props.onChange((v as string | undefined) ?? undefined)}
      />
    );
  }
  if (spec.kind === 'ref' && spec.ref) {
    return (
      <RefSelect
        ariaLabel={label}
        source={spec.ref}
        value={props.value}
        onChange={(v) => props.onChange((v as string | undefined) ?? undefined)}
      />
    );
  }
  return (
    <Select
      aria-label={label}
      allowClear
      placeholder={label}
      style={{ width: 180 }}
      value={props.value}
      onChange={(v: string | undefined) => props.onChange(v)}
      options={(spec.options ?? []).map((o) => ({ value: o.value, label: t(o.label) }))}
    />
  );
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** A plain value as text. */
export function displayValue(v: unknown, t: T): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean')
    return v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>;
  if (Array.isArray(v)) return v.join(', ') || '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function detailValue(f: FieldSpec, v: unknown, tools: RenderTools, t: T): ReactNode {
  if (f.kind === 'ref' && f.ref) return <RefLabel source={f.ref} id={v} />;
  if (f.kind === 'region') return tools.regionLabel(v);
  if (f.kind === 'regions' && Array.isArray(v)) return v.map((id) => tools.regionLabel(id)).join('、') || '—';
  if ((f.kind === 'select' || f.kind === 'multiselect') && f.options) {
    const label = (x: unknown) => {
      const o = f.options?.find((o) => o.value === x);
      return o ? t(o.label) : String(x);
    };
    if (Array.isArray(v)) return v.map(label).join('、') || '—';
    if (v !== null && v !== undefined) return label(v);
  }
  return displayValue(v, t);
}
