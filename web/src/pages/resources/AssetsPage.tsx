/**
 * Instruments, vehicles and tool kits (RS-2): who carries each, and where each instrument's
 * calibration stands — lapsed ones marked red, those due within the warning window orange. A
 * manager records a new calibration date from the row; the server refuses what it must.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { listKeys } from '../../queries/lists.ts';
import { resourceKeys } from '../../queries/resources.ts';
import { regionName, useRegions } from '../../regions.ts';
import { has, useMe } from '../../session.ts';
import { useServerForm } from '../../useServerForm.ts';

const KINDS = ['instrument', 'vehicle', 'tool_kit'] as const;
type Calibration = 'none' | 'valid' | 'due_soon' | 'lapsed';
const CALIBRATION_COLOR: Record<Calibration, string> = {
  none: 'default',
  valid: 'green',
  due_soon: 'orange',
  lapsed: 'red',
};

interface Asset {
  id: string;
  kind: (typeof KINDS)[number];
  type: string;
  name: string;
  serialNo: string;
  regionId: string;
  personId: string | null;
  calibrationDue: string | null;
  calibration: Calibration;
  status: 'in_service' | 'retired';
}

function CalibrationModal({ asset, onClose }: { asset: Asset | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { form, errors, busy, run } = useServerForm<{ calibrationDue?: Dayjs }>(['calibrationDue']);
  const save = run(async (v) => {
    if (!asset) return;
    await api('PATCH', `/api/v1/assets/${asset.id}`, {
      calibrationDue: v.calibrationDue?.format('YYYY-MM-DD'),
    });
    await queryClient.invalidateQueries({ queryKey: resourceKeys.assetsAll });
    message.success(t('resources.assets.saved'));
    onClose();
  });
  return (
    <Modal
      open={asset !== null}
      title={`${t('resources.assets.recordCalibration')} · ${asset?.name ?? ''}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <FormErrors errors={errors} />
      <Form form={form} layout="vertical" name="calibration" onFinish={save}>
        <Form.Item name="calibrationDue" label={t('resources.assets.calibrationDue')} required>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The asset list with calibration marks. */
export default function AssetsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const regions = useRegions();
  const [kind, setKind] = useState<string | undefined>();
  const [editing, setEditing] = useState<Asset | null>(null);
  const assets = useQuery({
    queryKey: resourceKeys.assets(kind),
    queryFn: () => api<{ items: Asset[] }>('GET', `/api/v1/assets${qs({ kind, limit: 500 })}`),
  });
  const people = useQuery({
    queryKey: listKeys.ref('/api/v1/people?role=engineer&limit=500'),
    queryFn: () =>
      api<{ items: { id: string; displayName: string }[] }>('GET', '/api/v1/people?role=engineer&limit=500'),
  });
  // Seed 004 asks for a kit per person: whoever carries none is named above the list.
  const kits = useQuery({
    queryKey: resourceKeys.allToolKits,
    queryFn: () => api<{ items: Asset[] }>('GET', '/api/v1/assets?kind=tool_kit&limit=500'),
  });
  const items = assets.data?.items ?? [];
  const withKit = new Set(
    (kits.data?.items ?? []).filter((k) => k.status === 'in_service').map((k) => k.personId),
  );
  const withoutKit = kits.data ? (people.data?.items ?? []).filter((p) => !withKit.has(p.id)) : [];
  const personName = (id: string | null) =>
    id ? (people.data?.items.find((p) => p.id === id)?.displayName ?? '—') : t('resources.assets.team');
  const regionLabel = (id: string) => {
    const r = regions.data?.items.find((x) => x.id === id);
    return r ? regionName(r, i18n.language) : '—';
  };
  const counts = useMemo(
    () => ({
      lapsed: items.filter((a) => a.calibration === 'lapsed' && a.status === 'in_service').length,
      dueSoon: items.filter((a) => a.calibration === 'due_soon' && a.status === 'in_service').length,
    }),
    [items],
  );
  const canManage = has(me.data, 'assets.manage');
  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('resources.assets.nav')}</h1>}
      extra={
        <Select
          aria-label={t('resources.assets.kind')}
          allowClear
          placeholder={t('resources.assets.allKinds')}
          style={{ width: 180 }}
          value={kind}
          onChange={setKind}
          options={KINDS.map((k) => ({ value: k, label: t(`resources.assets.kinds.${k}`) }))}
        />
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {counts.lapsed > 0 && (
          <Alert
            type="error"
            showIcon
            message={t('resources.assets.lapsedCount', { count: counts.lapsed })}
          />
        )}
        {withoutKit.length > 0 && (
          <Alert
            type="warning"
            showIcon
            message={t('resources.assets.noKit', { names: withoutKit.map((p) => p.displayName).join('、') })}
          />
        )}
        {counts.dueSoon > 0 && (
          <Alert
            type="warning"
            showIcon
            message={t('resources.assets.dueSoonCount', { count: counts.dueSoon })}
          />
        )}
      </Space>
      <Table<Asset>
        rowKey="id"
        size="middle"
        loading={assets.isPending}
        dataSource={items}
        pagination={{ pageSize: 20 }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('resources.assets.kind'),
            dataIndex: 'kind',
            render: (v: string) => t(`resources.assets.kinds.${v}`),
          },
          { title: t('resources.assets.name'), dataIndex: 'name' },
          { title: t('resources.assets.serialNo'), dataIndex: 'serialNo' },
          { title: t('resources.assets.carrier'), dataIndex: 'personId', render: personName },
          { title: t('resources.assets.region'), dataIndex: 'regionId', render: regionLabel },
          {
            title: t('resources.assets.calibrationDue'),
            dataIndex: 'calibrationDue',
            render: (v) => v ?? '—',
          },
          {
            title: t('resources.assets.calibration'),
            dataIndex: 'calibration',
            render: (v: Calibration) => (
              <Tag color={CALIBRATION_COLOR[v]}>{t(`resources.assets.states.${v}`)}</Tag>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, a) =>
              canManage && a.kind === 'instrument' && a.status === 'in_service' ? (
                <Button size="small" onClick={() => setEditing(a)}>
                  {t('resources.assets.recordCalibration')}
                </Button>
              ) : null,
          },
        ]}
      />
      <CalibrationModal asset={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
