/** An order's nearest running deadline as a coloured tag (SL-1): kind, then time left or overdue. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Clock, minutesText, riskColor } from '../DeadlinesPage.tsx';

export function ClockTag({ clock }: { clock: Clock | null | undefined }) {
  const { t } = useTranslation();
  if (!clock || clock.remainingMinutes === null) return <>—</>;
  const m = clock.remainingMinutes;
  const colour = riskColor(clock);
  return (
    <Tag color={colour} data-testid="order-clock" data-risk={colour}>
      {t(`clocks.kinds.${clock.kind}`)} ·{' '}
      {m <= 0
        ? t('clocks.overdueBy', { time: minutesText(t, m) })
        : t('clocks.left', { time: minutesText(t, m) })}
    </Tag>
  );
}
