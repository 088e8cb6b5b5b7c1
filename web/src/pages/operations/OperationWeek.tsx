/**
 * The week beside the month (MO-1, MO-2): seven days side by side, each a 24-hour strip in the
 * viewer's time zone showing the operations' windows as blocks, with the freezes that cover the
 * day and the operations listed under it, so a planner sees at a glance where work is booked.
 */
import { Badge, Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentTimeZone } from '../../time.ts';

export interface WeekOperation {
  id: string;
  title: string;
  state: string;
  windowStart: string;
  windowEnd: string;
}
export interface WeekFreeze {
  id: string;
  starts_at: string;
  ends_at: string;
  reason: string;
}

interface Props {
  start: Dayjs;
  onMove: (start: Dayjs) => void;
  operations: WeekOperation[];
  freezes: WeekFreeze[];
  color: (state: string) => string;
}

const DAY_MS = 86_400_000;

export function OperationWeek({ start, onMove, operations, freezes, color }: Props) {
  const { t } = useTranslation();
  const tz = currentTimeZone();
  const days = Array.from({ length: 7 }, (_, i) => start.add(i, 'day'));
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Button onClick={() => onMove(start.subtract(7, 'day'))}>{t('operations.prevWeek')}</Button>
        <Typography.Text strong>
          {days[0]!.format('YYYY-MM-DD')} – {days[6]!.format('YYYY-MM-DD')}
        </Typography.Text>
        <Button onClick={() => onMove(start.add(7, 'day'))}>{t('operations.nextWeek')}</Button>
      </Space>
      <div
        data-testid="operation-week"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(120px, 1fr))', gap: 4 }}
      >
        {days.map((d) => {
          const from = dayjs.tz(d.format('YYYY-MM-DD'), tz).valueOf();
          const to = from + DAY_MS;
          const overlaps = (a: string, b: string) => Date.parse(a) < to && Date.parse(b) > from;
          const dayOps = operations.filter((o) => overlaps(o.windowStart, o.windowEnd));
          const dayFreezes = freezes.filter((f) => overlaps(f.starts_at, f.ends_at));
          const pct = (ms: number) => `${Math.max(0, Math.min(100, ((ms - from) / DAY_MS) * 100))}%`;
          return (
            <div
              key={d.format('YYYY-MM-DD')}
              data-day={d.format('YYYY-MM-DD')}
              style={{ border: '1px solid #d9d9d9', borderRadius: 4, padding: 4, minHeight: 160 }}
            >
              <Typography.Text strong>{d.format('MM-DD ddd')}</Typography.Text>
              {/* The day's 24 hours: freezes in red, operation windows as blocks in their state's colour. */}
              <div
                aria-hidden
                style={{ position: 'relative', height: 14, background: '#f5f5f5', margin: '4px 0' }}
              >
                {dayFreezes.map((f) => (
                  <div
                    key={f.id}
                    style={{
                      position: 'absolute',
                      left: pct(Date.parse(f.starts_at)),
                      right: `calc(100% - ${pct(Date.parse(f.ends_at))})`,
                      top: 0,
                      bottom: 0,
                      background: '#ffccc7',
                    }}
                  />
                ))}
                {dayOps.map((o) => (
                  <div
                    key={o.id}
                    style={{
                      position: 'absolute',
                      left: pct(Date.parse(o.windowStart)),
                      right: `calc(100% - ${pct(Date.parse(o.windowEnd))})`,
                      top: 3,
                      bottom: 3,
                      minWidth: 3,
                      background: '#1677ff',
                    }}
                  />
                ))}
              </div>
              {dayFreezes.map((f) => (
                <div key={f.id}>
                  <Badge status="error" text={`${t('operations.freeze')}：${f.reason}`} />
                </div>
              ))}
              {dayOps.map((o) => (
                <div key={o.id}>
                  <Tooltip title={o.title}>
                    <Link to={`/operations/${o.id}`}>
                      <Tag color={color(o.state)} style={{ whiteSpace: 'normal' }}>
                        {dayjs.utc(o.windowStart).tz(tz).format('HH:mm')}–
                        {dayjs.utc(o.windowEnd).tz(tz).format('HH:mm')} {o.title}
                      </Tag>
                    </Link>
                  </Tooltip>
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
