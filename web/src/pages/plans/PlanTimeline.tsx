/**
 * Each engineer's day as a row from 06:00 to 22:00 (the plan's local time): stops as blocks from
 * service start to end, the shift shaded. A stop is dragged to another row or time; the drop
 * becomes a move (engineer + position) that the server re-checks.
 */
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROUTE_COLOURS } from './PlanMap.tsx';
import type { Plan, PlanStop } from './PlanPage.tsx';

const FIRST = 6 * 60;
const SPAN = 16 * 60;

export interface MoveRequest {
  orderId: string;
  personId: string;
  index: number;
}

export function PlanTimeline({
  plan,
  editable,
  onMove,
  onToggleLock,
}: {
  plan: Plan;
  editable: boolean;
  onMove: (m: MoveRequest) => void;
  onToggleLock: (s: PlanStop) => void;
}) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState<string | null>(null);
  const minute = (iso: string) => {
    const d = dayjs.utc(iso).tz(plan.timeZone);
    return d.hour() * 60 + d.minute();
  };
  const left = (iso: string) => `${Math.max(0, Math.min(100, ((minute(iso) - FIRST) / SPAN) * 100))}%`;
  const width = (a: string, b: string) => `${Math.max(0.8, ((minute(b) - minute(a)) / SPAN) * 100)}%`;
  const hhmm = (iso: string) => dayjs.utc(iso).tz(plan.timeZone).format('HH:mm');

  const drop = (e: DragEvent<HTMLUListElement>, personId: string) => {
    e.preventDefault();
    const orderId = e.dataTransfer.getData('text/plain') || dragging;
    setDragging(null);
    if (!orderId) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const at = FIRST + ((e.clientX - rect.left) / rect.width) * SPAN;
    const stops = plan.routes.find((r) => r.personId === personId)?.stops ?? [];
    const index = stops.filter((s) => s.orderId !== orderId && minute(s.start) < at).length;
    onMove({ orderId, personId, index });
  };

  const rows = plan.engineers.map((e) => ({
    engineer: e,
    route: plan.routes.find((r) => r.personId === e.personId),
  }));
  return (
    <section aria-label={t('plans.timeline')}>
      <div style={{ display: 'flex', fontSize: 11, color: '#595959', marginLeft: 140 }}>
        {[6, 8, 10, 12, 14, 16, 18, 20].map((h) => (
          <div key={h} style={{ flex: 1 }}>{`${String(h).padStart(2, '0')}:00`}</div>
        ))}
      </div>
      {rows.map(({ engineer, route }, i) => (
        <div key={engineer.personId} style={{ display: 'flex', alignItems: 'center', margin: '6px 0' }}>
          <div style={{ width: 140, fontSize: 13 }}>
            <span
              style={{ color: ROUTE_COLOURS[plan.routes.indexOf(route as never) % ROUTE_COLOURS.length] }}
            >
              ●{' '}
            </span>
            {engineer.name}
            {route && route.overtimeMinutes > 0 && (
              <Tag color="red" style={{ marginLeft: 4 }}>
                {t('plans.overtime', { m: route.overtimeMinutes })}
              </Tag>
            )}
          </div>
          <ul
            data-row={engineer.personId}
            aria-label={engineer.name}
            onDragOver={(e) => editable && e.preventDefault()}
            onDrop={(e) => editable && drop(e, engineer.personId)}
            style={{
              position: 'relative',
              flex: 1,
              margin: 0,
              padding: 0,
              listStyle: 'none',
              height: 40,
              background: i % 2 ? '#fafafa' : '#f5f5f5',
              border: '1px solid #f0f0f0',
              borderRadius: 4,
            }}
          >
            {route && (
              <li
                title={t('plans.back', { time: hhmm(route.back) })}
                style={{
                  position: 'absolute',
                  left: left(route.shiftStart),
                  width: width(route.shiftStart, route.shiftEnd),
                  top: 0,
                  bottom: 0,
                  background: 'rgba(31,95,191,0.06)',
                }}
              />
            )}
            {route?.stops.map((s) => {
              const risky = s.lateMinutes > 0 || s.missesWindow || s.notQualified;
              return (
                <Tooltip
                  key={s.orderId}
                  title={`${s.number} ${hhmm(s.start)}–${hhmm(s.end)}${s.lateMinutes ? ` · ${t('plans.late', { m: s.lateMinutes })}` : ''}${s.missesWindow ? ` · ${t('plans.missesWindow')}` : ''}`}
                >
                  <li
                    data-stop={s.number}
                    aria-label={s.number}
                    draggable={editable && !s.locked}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', s.orderId);
                      setDragging(s.orderId);
                    }}
                    onDoubleClick={() => editable && onToggleLock(s)}
                    style={{
                      position: 'absolute',
                      left: left(s.start),
                      width: width(s.start, s.end),
                      top: 5,
                      height: 30,
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                      fontSize: 11,
                      lineHeight: '28px',
                      padding: '0 3px',
                      borderRadius: 4,
                      cursor: editable && !s.locked ? 'grab' : 'default',
                      color: '#fff',
                      background: risky ? '#cf1322' : s.severity === 'critical' ? '#d46b08' : '#1f5fbf',
                      outline: s.locked ? '2px dashed #262626' : undefined,
                    }}
                  >
                    {s.locked ? '🔒' : ''}
                    {s.number.slice(-6)}
                  </li>
                </Tooltip>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
