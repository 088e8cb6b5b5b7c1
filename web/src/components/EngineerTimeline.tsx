/** The dispatcher's day per engineer (WO-5): appointment windows as blocks on a site-time day, so free engineers stand out. */
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type DragEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../api.ts';
import { boardKeys } from '../queries/board.ts';
import { DEFAULT_TIME_ZONE, dayjs } from '../time.ts';
import { FormErrors } from './FormErrors.tsx';

/** An appointment in force on the chosen day, with the engineers assigned to its order. */
interface DayAppointment {
  id: string;
  orderId: string;
  orderNumber: string;
  orderState: string;
  state: string;
  windowStart: string;
  windowEnd: string;
  engineers: { personId: string; name: string; role: string }[];
}

interface Person {
  id: string;
  displayName: string;
}

const HOURS = [0, 3, 6, 9, 12, 15, 18, 21];
const DAY_MS = 86_400_000;

/** Engineers of the region (or all in scope) as rows; each row's appointment windows for the day as blocks. */
export function EngineerTimeline({
  regionId,
  drop,
}: {
  regionId?: string | undefined;
  /** Rows accept dropped orders (drag-to-dispatch); `below(personId)` shows a refusal under its row. */
  drop?: {
    over: (e: DragEvent) => void;
    onDrop: (e: DragEvent, person: { id: string; name: string }) => void;
    below: (personId: string) => ReactNode;
    hint: string;
    rowLabel: (name: string) => string;
  };
}) {
  const { t } = useTranslation();
  // The day is a calendar day in the site's zone, whatever zone the browser runs in.
  const [day, setDay] = useState(() => dayjs().tz(DEFAULT_TIME_ZONE).format('YYYY-MM-DD'));
  const start = useMemo(() => dayjs.tz(`${day} 00:00`, DEFAULT_TIME_ZONE), [day]);
  const from = start.toISOString();
  const to = start.add(1, 'day').toISOString();
  const people = useQuery({
    queryKey: boardKeys.timelineEngineers(regionId),
    queryFn: () =>
      api<{ items: Person[] }>(
        'GET',
        `/api/v1/people${qs({ role: 'engineer', active: 'true', regionId, limit: 500 })}`,
      ),
  });
  const appts = useQuery({
    queryKey: boardKeys.timelineAppointments(from, to, regionId),
    refetchInterval: 60_000,
    queryFn: () =>
      api<{ items: DayAppointment[] }>('GET', `/api/v1/appointments${qs({ from, to, regionId })}`),
  });
  const rows = useMemo(() => {
    const byPerson = new Map<string, { name: string; items: DayAppointment[] }>();
    for (const p of people.data?.items ?? []) byPerson.set(p.id, { name: p.displayName, items: [] });
    for (const a of appts.data?.items ?? [])
      for (const e of a.engineers) {
        const row = byPerson.get(e.personId) ?? { name: e.name, items: [] };
        row.items.push(a);
        byPerson.set(e.personId, row);
      }
    return [...byPerson.entries()]
      .map(([id, r]) => ({ id, ...r }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [people.data, appts.data]);
  const dayStart = start.valueOf();
  const pct = (iso: string) => Math.min(100, Math.max(0, ((Date.parse(iso) - dayStart) / DAY_MS) * 100));

  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('timeline.title')}</h2>}
      extra={
        <DatePicker
          aria-label={t('timeline.day')}
          allowClear={false}
          value={dayjs(day)}
          onChange={(d: Dayjs | null) => d && setDay(d.format('YYYY-MM-DD'))}
        />
      }
      style={{ marginTop: 16 }}
      data-testid="engineer-timeline"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('timeline.hint')}
        {drop && ` ${drop.hint}`}
      </Typography.Paragraph>
      {(people.error || appts.error) && (
        <FormErrors errors={[people.error?.message, appts.error?.message].filter((m): m is string => !!m)} />
      )}
      {rows.length === 0 && !people.isPending ? (
        <Empty description={t('timeline.none')} />
      ) : (
        <div style={{ minWidth: 600, overflowX: 'auto' }}>
          <div style={{ display: 'flex', marginLeft: 160, position: 'relative', height: 18 }}>
            {HOURS.map((h) => (
              <span
                key={h}
                style={{ position: 'absolute', left: `${(h / 24) * 100}%`, fontSize: 11, color: '#595959' }}
              >
                {String(h).padStart(2, '0')}:00
              </span>
            ))}
          </div>
          {rows.map((r) => (
            <div key={r.id}>
              {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the dispatch button on each order is the keyboard way */}
              <div
                data-testid={`timeline-row-${r.id}`}
                title={drop ? drop.rowLabel(r.name) : undefined}
                onDragOver={drop?.over}
                onDrop={drop ? (e) => drop.onDrop(e, { id: r.id, name: r.name }) : undefined}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  borderTop: '1px solid #f0f0f0',
                  minHeight: 34,
                }}
              >
                <div style={{ width: 160, flex: 'none', paddingRight: 8 }}>
                  <Space size={4} direction="vertical" style={{ lineHeight: 1.2 }}>
                    <span>{r.name}</span>
                    <span style={{ fontSize: 11, color: r.items.length ? '#595959' : '#237804' }}>
                      {r.items.length ? t('timeline.busy', { count: r.items.length }) : t('timeline.free')}
                    </span>
                  </Space>
                </div>
                <div style={{ position: 'relative', flex: 1, height: 28, background: '#fafafa' }}>
                  {HOURS.map((h) => (
                    <span
                      key={h}
                      style={{
                        position: 'absolute',
                        left: `${(h / 24) * 100}%`,
                        top: 0,
                        bottom: 0,
                        borderLeft: '1px dashed #e8e8e8',
                      }}
                    />
                  ))}
                  {r.items.map((a) => {
                    const left = pct(a.windowStart);
                    const width = Math.max(1.5, pct(a.windowEnd) - left);
                    const span = `${dayjs.utc(a.windowStart).tz(DEFAULT_TIME_ZONE).format('HH:mm')}–${dayjs
                      .utc(a.windowEnd)
                      .tz(DEFAULT_TIME_ZONE)
                      .format('HH:mm')}`;
                    return (
                      <Tooltip
                        key={a.id}
                        title={`${a.orderNumber} · ${span} · ${t(`appointments.states.${a.state}`)} · ${t(`wo.states.${a.orderState}`)}`}
                      >
                        <Link
                          to={`/orders/${a.orderId}`}
                          data-testid="timeline-block"
                          data-state={a.state}
                          style={{
                            position: 'absolute',
                            left: `${left}%`,
                            width: `${width}%`,
                            top: 2,
                            bottom: 2,
                            overflow: 'hidden',
                            whiteSpace: 'nowrap',
                          }}
                        >
                          <Tag
                            color={a.state === 'confirmed' ? 'blue' : 'gold'}
                            style={{
                              width: '100%',
                              height: '100%',
                              margin: 0,
                              fontSize: 11,
                              lineHeight: '22px',
                            }}
                          >
                            {a.orderNumber} · {t(`appointments.states.${a.state}`)}
                          </Tag>
                        </Link>
                      </Tooltip>
                    );
                  })}
                </div>
              </div>
              {drop?.below(r.id)}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
