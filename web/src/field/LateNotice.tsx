/**
 * The appointment on the engineer's card and the late notice already sent (WO-5). The form to
 * send one loads when the engineer opens it, so the card's first load carries no form library.
 */
import { Alert, Button, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageFallback } from '../providers.tsx';
import { formatTime } from '../time.ts';
import type { EngineerAppointment } from './appointments.ts';

const LateNoticeForm = lazy(() =>
  import('../components/EngineerTools.tsx').then((m) => ({ default: m.LateNoticeForm })),
);

export function LateNoticePanel({
  orderId,
  appointment,
}: {
  orderId: string;
  appointment: EngineerAppointment;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section aria-label={t('engineer.lateNotice')} style={{ width: '100%' }}>
      <span>
        {t('engineer.appointmentWindow', {
          start: formatTime(appointment.windowStart),
          end: formatTime(appointment.windowEnd),
        })}{' '}
        <Tag>{t(`appointments.states.${appointment.state}`, { defaultValue: appointment.state })}</Tag>
      </span>
      {appointment.lateNoticeAt && (
        <Alert
          style={{ marginTop: 8 }}
          type={appointment.lateNoticeInTime ? 'info' : 'warning'}
          showIcon
          data-testid="late-notice-recorded"
          message={
            appointment.lateNoticeInTime
              ? t('engineer.lateNoticeInTime', { time: formatTime(appointment.lateNoticeAt) })
              : t('engineer.lateNoticeTooLate', { time: formatTime(appointment.lateNoticeAt) })
          }
        />
      )}
      {!open ? (
        <Button style={{ marginTop: 8 }} onClick={() => setOpen(true)}>
          {t('engineer.lateNotice')}
        </Button>
      ) : (
        <Suspense fallback={<PageFallback />}>
          <LateNoticeForm orderId={orderId} appointment={appointment} onDone={() => setOpen(false)} />
        </Suspense>
      )}
    </section>
  );
}
