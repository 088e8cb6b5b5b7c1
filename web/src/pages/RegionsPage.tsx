/** Administration of the region tree: browse, create, edit with a reason, and read the history. */
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Tabs,
  Tree,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { FormErrors } from '../components/FormErrors.tsx';
import { HistoryTimeline } from '../components/HistoryTimeline.tsx';
import { settingsKeys } from '../queries/settings.ts';
import { historyKeys } from '../queries/workOrders.ts';
import { type Region, regionName, regionTree, useRegions } from '../regions.ts';
import { has, useMe } from '../session.ts';
import { formatTime } from '../time.ts';
import { useServerForm } from '../useServerForm.ts';

const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Europe/London',
  'UTC',
];
const CHILD_LEVEL = { province: 'prefecture', prefecture: 'county', county: null } as const;

interface RegionForm {
  code: string;
  name: string;
  nameEn?: string;
  timeZone?: string;
  reason?: string;
}

type Editing = { mode: 'create'; parent: Region | null } | { mode: 'edit'; region: Region } | null;

/** The regions page. */
export default function RegionsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const regions = useRegions();
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const fields = ['code', 'name', 'nameEn', 'timeZone', 'reason', 'parentId', 'level'];
  const { form, errors, setErrors, busy, run } = useServerForm<RegionForm>(fields);
  const canManage = has(me.data, 'reference.manage');
  const canHistory = has(me.data, 'history.read');
  const tree = useMemo(
    () => regionTree(regions.data?.items ?? [], i18n.language),
    [regions.data, i18n.language],
  );
  const selected = regions.data?.items.find((r) => r.id === selectedId) ?? null;

  const open = (e: Editing) => {
    setErrors([]);
    form.resetFields();
    if (e?.mode === 'edit') {
      form.setFieldsValue({
        code: e.region.code,
        name: e.region.name,
        nameEn: e.region.nameEn ?? '',
        timeZone: e.region.timeZone,
      });
    } else if (e?.mode === 'create') {
      form.setFieldsValue({ timeZone: e.parent?.timeZone ?? 'Asia/Shanghai' });
    }
    setEditing(e);
  };

  const save = run(async (v) => {
    if (!editing) return;
    const nameEn = v.nameEn?.trim() ? v.nameEn.trim() : null;
    if (editing.mode === 'create') {
      const level = editing.parent ? CHILD_LEVEL[editing.parent.level] : 'province';
      const created = await api<Region>('POST', '/api/v1/regions', {
        parentId: editing.parent?.id ?? null,
        level,
        code: v.code,
        name: v.name,
        nameEn,
        timeZone: v.timeZone,
      });
      setSelectedId(created.id);
    } else {
      await api<Region>('PATCH', `/api/v1/regions/${editing.region.id}`, {
        code: v.code,
        name: v.name,
        nameEn,
        timeZone: v.timeZone,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
    }
    await queryClient.invalidateQueries({ queryKey: settingsKeys.regions });
    await queryClient.invalidateQueries({ queryKey: historyKeys.all });
    setEditing(null);
  });

  const childLevel = selected ? CHILD_LEVEL[selected.level] : null;
  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Card
          title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('nav.regions')}</h1>}
          extra={
            canManage && (
              <Button onClick={() => open({ mode: 'create', parent: null })}>
                {t('regions.newProvince')}
              </Button>
            )
          }
        >
          {regions.isPending ? (
            <Spin />
          ) : tree.length === 0 ? (
            <Empty />
          ) : (
            <Tree
              treeData={tree}
              defaultExpandAll
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId((keys[0] as string | undefined) ?? null)}
              aria-label={t('nav.regions')}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14}>
        {selected ? (
          <Card
            title={regionName(selected, i18n.language)}
            extra={
              canManage && (
                <Space>
                  {childLevel && (
                    <Button onClick={() => open({ mode: 'create', parent: selected })}>
                      {t('regions.newChild', { level: t(`regions.levels.${childLevel}`) })}
                    </Button>
                  )}
                  <Button type="primary" onClick={() => open({ mode: 'edit', region: selected })}>
                    {t('common.edit')}
                  </Button>
                </Space>
              )
            }
          >
            <Tabs
              items={[
                {
                  key: 'details',
                  label: t('common.details'),
                  children: (
                    <Descriptions column={1} size="small" bordered>
                      <Descriptions.Item label={t('fields.code')}>{selected.code}</Descriptions.Item>
                      <Descriptions.Item label={t('fields.name')}>{selected.name}</Descriptions.Item>
                      <Descriptions.Item label={t('fields.nameEn')}>
                        {selected.nameEn ?? '—'}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('fields.level')}>
                        {t(`regions.levels.${selected.level}`)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('fields.timeZone')}>{selected.timeZone}</Descriptions.Item>
                      <Descriptions.Item label={t('fields.updatedAt')}>
                        {formatTime(selected.updatedAt, selected.timeZone)}
                      </Descriptions.Item>
                    </Descriptions>
                  ),
                },
                ...(canHistory
                  ? [
                      {
                        key: 'history',
                        label: t('history.title'),
                        children: (
                          <HistoryTimeline
                            url={`/api/v1/regions/${selected.id}/history`}
                            timeZone={selected.timeZone}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        ) : (
          <Card>
            <Empty description={t('regions.pick')} />
          </Card>
        )}
      </Col>
      <Modal
        open={editing !== null}
        title={
          editing?.mode === 'edit'
            ? t('regions.editTitle')
            : editing?.parent
              ? t('regions.newChild', {
                  level: t(`regions.levels.${CHILD_LEVEL[editing.parent.level] ?? 'county'}`),
                })
              : t('regions.newProvince')
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        forceRender
      >
        <FormErrors errors={errors} />
        <Form form={form} layout="vertical" onFinish={save} name="region">
          <Form.Item
            name="code"
            label={t('fields.code')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('fields.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="timeZone" label={t('fields.timeZone')}>
            <Select showSearch options={TIME_ZONES.map((z) => ({ value: z, label: z }))} />
          </Form.Item>
          {editing?.mode === 'edit' && (
            <Form.Item name="reason" label={t('fields.reason')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Row>
  );
}
