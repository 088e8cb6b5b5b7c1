/**
 * Business calendars (SL-1): working hours per weekday, and per year the public holidays and
 * make-up working days (调休) that deadlines skip or count. The server checks every interval
 * and date; the page shows a calendar's week and edits a year's days as one list.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { settingsKeys } from '../../queries/settings.ts';
import { has, useMe } from '../../session.ts';
import { useServerForm } from '../../useServerForm.ts';
import { useCalendars } from './DeadlinePoliciesPage.tsx';

interface Day {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}
interface CalendarDetail {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  mode: '24x7' | 'business';
  timeZone: string;
  week: string[][];
  makeupHours: string[];
  days: Day[];
}

/** Editable rows of a year's days: a date picker value while editing. */
type DayRow = { key: number; date: Dayjs | null; kind: Day['kind']; name: string };

function useYearDays(calendar: CalendarDetail) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<DayRow[]>([]);
  const [problem, setProblem] = useState<string[]>([]);
  useEffect(() => {
    setRows(calendar.days.map((d, i) => ({ key: i, date: dayjs(d.date), kind: d.kind, name: d.name })));
    setProblem([]);
  }, [calendar]);
  const save = useMutation({
    mutationFn: (target: number) =>
      api('PUT', `/api/v1/calendars/${calendar.id}/years/${target}`, {
        days: rows.map((r) => ({
          date: r.date?.format('YYYY-MM-DD') ?? '',
          kind: r.kind,
          name: r.name.trim(),
        })),
      }),
    onSuccess: (_, target) => {
      message.success(t('settings.calendars.yearSaved', { year: target }));
      void queryClient.invalidateQueries({ queryKey: settingsKeys.calendarAll(calendar.id) });
    },
    // A refused day is named by its row, the way the person sees the list.
    onError: (e) =>
      setProblem(
        e instanceof ApiError && e.details.length
          ? e.details.map((d) => {
              const row = /^days\.(\d+)/.exec(d.field);
              return row
                ? t('settings.calendars.row', { n: Number(row[1]) + 1, message: d.message })
                : d.message;
            })
          : [e.message],
      ),
  });
  const update = (key: number, patch: Partial<DayRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return { rows, setRows, update, save, problem };
}

/** The business calendars page. */
export default function CalendarsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const canManage = has(me.data, 'deadlines.manage');
  const calendars = useCalendars();
  const [id, setId] = useState<string | undefined>();
  const [year, setYear] = useState(new Date().getFullYear());
  const [creating, setCreating] = useState(false);
  const chosen = id ?? calendars.data?.items[0]?.id;
  const detail = useQuery({
    queryKey: settingsKeys.calendar(chosen, year),
    enabled: !!chosen,
    queryFn: () => api<CalendarDetail>('GET', `/api/v1/calendars/${chosen}?year=${year}`),
  });
  const weekdays = t('settings.calendars.weekdays', { returnObjects: true }) as string[];
  const { form, errors, busy, run } = useServerForm<Record<string, unknown>>([
    'code',
    'name',
    'nameEn',
    'mode',
    'timeZone',
    'week',
    'makeupHours',
  ]);
  const create = run(async (v) => {
    const split = (s: unknown) =>
      String(s ?? '')
        .split(/[,，\s]+/)
        .filter(Boolean);
    const made = await api<{ id: string }>('POST', '/api/v1/calendars', {
      code: v.code,
      name: v.name,
      ...(v.nameEn ? { nameEn: v.nameEn } : {}),
      mode: v.mode,
      timeZone: v.timeZone,
      ...(v.mode === 'business'
        ? { week: weekdays.map((_, i) => split(v[`day${i}`])), makeupHours: split(v.makeupHours) }
        : {}),
    });
    setCreating(false);
    await queryClient.invalidateQueries({ queryKey: settingsKeys.calendars });
    setId(made.id);
  });
  const name = (c: { name: string; nameEn: string | null }) =>
    i18n.language === 'en' && c.nameEn ? c.nameEn : c.name;
  return (
    <Card
      title={<h1 style={{ margin: 0, fontSize: 20 }}>{t('settings.calendars.nav')}</h1>}
      extra={
        canManage && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('settings.calendars.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('settings.calendars.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('settings.calendars.nav')}
          style={{ width: 320 }}
          value={chosen}
          onChange={setId}
          options={(calendars.data?.items ?? []).map((c) => ({ value: c.id, label: name(c) }))}
        />
        <InputNumber
          aria-label={t('settings.calendars.year')}
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
        />
      </Space>
      {detail.data && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('settings.calendars.mode')}>
              {t(`settings.calendars.modes.${detail.data.mode}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.calendars.timeZone')}>
              {detail.data.timeZone}
            </Descriptions.Item>
            {detail.data.mode === 'business' &&
              detail.data.week.map((hours, i) => (
                <Descriptions.Item key={weekdays[i]} label={weekdays[i]}>
                  {hours.length ? hours.join('，') : t('settings.calendars.closed')}
                </Descriptions.Item>
              ))}
          </Descriptions>
          <DaysEditor calendar={detail.data} year={year} canManage={canManage} />
        </>
      )}
      <Modal
        open={creating}
        title={t('settings.calendars.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <FormErrors errors={errors} />
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{ mode: 'business', timeZone: 'Asia/Shanghai' }}
        >
          <Form.Item name="code" label={t('settings.calendars.code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('settings.calendars.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('settings.calendars.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="mode" label={t('settings.calendars.mode')}>
            <Select
              options={(['business', '24x7'] as const).map((m) => ({
                value: m,
                label: t(`settings.calendars.modes.${m}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="timeZone" label={t('settings.calendars.timeZone')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Typography.Text type="secondary">{t('settings.calendars.weekHelp')}</Typography.Text>
          {weekdays.map((d, i) => (
            <Form.Item key={d} name={`day${i}`} label={d}>
              <Input placeholder={i === 0 || i === 6 ? '' : '09:00-12:00, 13:30-18:00'} />
            </Form.Item>
          ))}
          <Form.Item name="makeupHours" label={t('settings.calendars.makeupHours')}>
            <Input placeholder="09:00-12:00, 13:30-18:00" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** A year's holidays and make-up working days, edited as one list and saved together. */
function DaysEditor({
  calendar,
  year,
  canManage,
}: {
  calendar: CalendarDetail;
  year: number;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const { rows, setRows, update, save, problem } = useYearDays(calendar);
  return (
    <Card size="small" title={`${t('settings.calendars.days')} · ${year}`}>
      <FormErrors errors={problem} />
      <Table<DayRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('settings.calendars.noDays')} /> }}
        columns={[
          {
            title: t('settings.calendars.date'),
            render: (_, r) => (
              <DatePicker
                aria-label={t('settings.calendars.date')}
                disabled={!canManage}
                value={r.date}
                onChange={(v) => update(r.key, { date: v })}
              />
            ),
          },
          {
            title: t('settings.calendars.kind'),
            render: (_, r) => (
              <Select
                aria-label={t('settings.calendars.kind')}
                disabled={!canManage}
                style={{ width: 140 }}
                value={r.kind}
                onChange={(v) => update(r.key, { kind: v })}
                options={(['holiday', 'workday'] as const).map((k) => ({
                  value: k,
                  label: t(`settings.calendars.kinds.${k}`),
                }))}
              />
            ),
          },
          {
            title: t('settings.calendars.dayName'),
            render: (_, r) => (
              <Input
                aria-label={t('settings.calendars.dayName')}
                disabled={!canManage}
                value={r.name}
                onChange={(e) => update(r.key, { name: e.target.value })}
              />
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, r: DayRow) => (
                    <Button
                      size="small"
                      danger
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    >
                      {t('settings.calendars.removeDay')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <Space style={{ marginTop: 12 }}>
          <Button
            onClick={() =>
              setRows((rs) => [
                ...rs,
                { key: Math.max(0, ...rs.map((r) => r.key)) + 1, date: null, kind: 'holiday', name: '' },
              ])
            }
          >
            {t('settings.calendars.addDay')}
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate(year)}>
            {t('settings.calendars.saveYear')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
