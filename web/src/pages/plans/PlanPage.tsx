/** The dispatcher's daily plan (DP-2): build for a region and day, review on map and timeline, adjust, publish. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, List, Progress, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type ApiError, api, qs } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { planKeys } from '../../queries/plans.ts';
import { regionTree, useRegions } from '../../regions.ts';
import { useMe } from '../../session.ts';
import { PlanMap } from './PlanMap.tsx';
import { type MoveRequest, PlanTimeline } from './PlanTimeline.tsx';

export interface PlanStop {
  orderId: string;
  number: string;
  severity: string;
  lat: number;
  lng: number;
  arrival: string;
  start: string;
  end: string;
  windowStart: string | null;
  windowEnd: string | null;
  deadline: string | null;
  lateMinutes: number;
  missesWindow: boolean;
  notQualified: boolean;
  locked: boolean;
}

export interface Plan {
  id: string;
  regionId: string;
  day: string;
  state: string;
  progress: number;
  version: number;
  error: string | null;
  timeZone: string;
  engineers: { personId: string; name: string; lat: number; lng: number }[];
  routes: {
    personId: string;
    name: string;
    shiftStart: string;
    shiftEnd: string;
    back: string;
    overtimeMinutes: number;
    km: number;
    stops: PlanStop[];
  }[];
  unplaced: { orderId: string; number: string; reason: string; label: string }[];
  figures: { engineers: number; km: number; lateMinutes: number; overtimeMinutes: number };
}

interface PlanItem {
  id: string;
  regionName: string;
  day: string;
  state: string;
  createdAt: string;
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

export default function PlanPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const qc = useQueryClient();
  const regions = useRegions();
  const tree = useMemo(
    () => regionTree(regions.data?.items ?? [], i18n.language),
    [regions.data, i18n.language],
  );
  const [regionId, setRegionId] = useState<string | undefined>();
  const [day, setDay] = useState(tomorrow());
  const [params] = useSearchParams();
  const [planId, setPlanId] = useState<string | undefined>(params.get('id') ?? undefined);
  const [errors, setErrors] = useState<string[]>([]);
  const mayManage = !!me.data?.permissions.includes('plans.manage');

  const list = useQuery({
    queryKey: planKeys.day(day),
    queryFn: () => api<{ items: PlanItem[] }>('GET', `/api/v1/plans${qs({ day })}`),
  });
  const plan = useQuery({
    queryKey: planKeys.detail(planId),
    enabled: !!planId,
    queryFn: () => api<Plan>('GET', `/api/v1/plans/${planId}`),
    refetchInterval: (q) => (q.state.data?.state === 'building' ? 700 : false),
  });
  const show = (p: Plan) => {
    qc.setQueryData(planKeys.detail(p.id), p);
    void qc.invalidateQueries({ queryKey: planKeys.all });
  };
  const fail = (e: ApiError) => setErrors(e.details?.length ? e.details.map((d) => d.message) : [e.message]);
  const act = useMutation({
    mutationFn: (a: { path: string; body: Record<string, unknown> }) => api<Plan>('POST', a.path, a.body),
    onSuccess: (p, a) => {
      setErrors([]);
      setPlanId(p.id);
      show(p);
      if (a.path.endsWith('/moves')) message.success(t('plans.moved'));
      if (a.path.endsWith('/publish')) message.success(t('plans.published'));
    },
    onError: fail,
  });
  const p = plan.data;
  const editable = mayManage && p?.state === 'ready';
  const move = (m: MoveRequest) =>
    p && act.mutate({ path: `/api/v1/plans/${p.id}/moves`, body: { ...m, version: p.version } });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <h1 style={{ fontSize: 18, margin: 0 }}>{t('plans.title')}</h1>
      <Card size="small">
        <Space wrap>
          <TreeSelect
            aria-label={t('plans.region')}
            placeholder={t('plans.region')}
            style={{ width: 220 }}
            treeData={tree}
            treeDefaultExpandAll
            value={regionId}
            onChange={(v: string) => setRegionId(v)}
          />
          <Input
            type="date"
            aria-label={t('plans.day')}
            value={day}
            onChange={(e) => setDay(e.target.value)}
            style={{ width: 160 }}
          />
          {mayManage && (
            <Button
              type="primary"
              disabled={!regionId || !day}
              loading={act.isPending}
              onClick={() => act.mutate({ path: '/api/v1/plans', body: { regionId, day, seconds: 3 } })}
            >
              {t('plans.build')}
            </Button>
          )}
          <Select
            aria-label={t('plans.list')}
            placeholder={t('plans.list')}
            style={{ width: 300 }}
            value={planId}
            onChange={(v: string) => setPlanId(v)}
            options={(list.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.regionName} ${x.day} · ${t(`plans.state.${x.state}`)}`,
            }))}
          />
        </Space>
      </Card>
      {errors.length > 0 && <FormErrors errors={errors} />}
      {p && (
        <Card
          size="small"
          title={
            <Space>
              <Tag color={p.state === 'published' ? 'green' : p.state === 'failed' ? 'red' : 'blue'}>
                {t(`plans.state.${p.state}`)}
              </Tag>
              <span>
                {t('plans.figures', {
                  engineers: p.figures.engineers,
                  km: p.figures.km,
                  late: p.figures.lateMinutes,
                  overtime: p.figures.overtimeMinutes,
                })}
              </span>
            </Space>
          }
          extra={
            editable && (
              <Space>
                <Button
                  onClick={() =>
                    act.mutate({
                      path: `/api/v1/plans/${p.id}/reoptimise`,
                      body: { version: p.version, seconds: 3 },
                    })
                  }
                >
                  {t('plans.reoptimise')}
                </Button>
                <Button
                  type="primary"
                  onClick={() =>
                    act.mutate({ path: `/api/v1/plans/${p.id}/publish`, body: { version: p.version } })
                  }
                >
                  {t('plans.publish')}
                </Button>
              </Space>
            )
          }
        >
          {p.state === 'building' && (
            <Progress
              percent={Math.round(p.progress * 100)}
              format={(n) => t('plans.building', { percent: n })}
            />
          )}
          {p.error && <FormErrors errors={[p.error]} />}
          <PlanMap plan={p} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('plans.timeline')}
          </Typography.Title>
          {editable && <Typography.Text type="secondary">{t('plans.dragHint')}</Typography.Text>}
          {p.engineers.length === 0 ? (
            <Typography.Paragraph>{t('plans.noEngineers')}</Typography.Paragraph>
          ) : (
            <PlanTimeline
              plan={p}
              editable={!!editable}
              onMove={move}
              onToggleLock={(s) =>
                act.mutate({
                  path: `/api/v1/plans/${p.id}/locks`,
                  body: { orderIds: [s.orderId], locked: !s.locked, version: p.version },
                })
              }
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('plans.unplaced')}
          </Typography.Title>
          <List
            size="small"
            dataSource={p.unplaced}
            locale={{ emptyText: t('plans.noUnplaced') }}
            renderItem={(u) => (
              <List.Item>
                <button
                  type="button"
                  draggable={!!editable}
                  onDragStart={(e) => e.dataTransfer.setData('text/plain', u.orderId)}
                  data-unplaced={u.number}
                >
                  {u.number}
                </button>
                <Typography.Text type="secondary">{u.label}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
