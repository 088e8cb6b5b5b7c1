/**
 * The engineer's unsent work for one order, with its state: waiting, sending, or refused by
 * the server with the server's own words and what to do next (send again, or drop it).
 */
import { Alert, Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { drop, retry } from '../offline/queue.ts';
import type { QueuedWork } from '../offline/store.ts';
import { formatTime } from '../time.ts';

const stateColor = { waiting: 'gold', sending: 'blue', refused: 'red' } as const;

/** What one item is, in the reader's language. */
function useDescribe() {
  const { t, i18n } = useTranslation();
  return (w: QueuedWork) => {
    const what = w.what ? (i18n.language === 'en' ? w.what.en : w.what.zh) : null;
    if (w.kind === 'transition') {
      const to = (w.body as { to: string }).to;
      return t('field.kinds.transition', { state: t(`wo.states.${to}`) });
    }
    const kind = t(`field.kinds.${w.kind}`);
    if (!what) return kind;
    return i18n.language === 'en' ? `${kind}: ${what}` : `${kind}：${what}`;
  };
}

/** The queue of one order (nothing when empty). */
export function FieldQueue({ items }: { items: QueuedWork[] }) {
  const { t } = useTranslation();
  const describe = useDescribe();
  if (items.length === 0) return null;
  return (
    <section aria-label={t('field.queueTitle', { count: items.length })} data-testid="field-queue">
      <strong>{t('field.queueTitle', { count: items.length })}</strong>
      <ul className="field-list">
        {items.map((w) => (
          <li key={w.key} data-testid="queued-work" data-state={w.state}>
            <Space wrap>
              <Tag color={stateColor[w.state]}>{t(`field.states.${w.state}`)}</Tag>
              <span>{describe(w)}</span>
              <span className="field-secondary">
                {t('field.recordedAt', { time: formatTime(w.recordedAt) })}
              </span>
            </Space>
            {w.state === 'refused' && w.refusal && (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginTop: 6 }}
                message={w.refusal.message}
                description={
                  <>
                    {w.refusal.details.length > 0 && <div>{w.refusal.details.join('；')}</div>}
                    <div>{t('field.refusedHelp')}</div>
                    <Space style={{ marginTop: 6 }}>
                      <Button size="small" type="primary" onClick={() => void retry(w)}>
                        {t('field.retry')}
                      </Button>
                      <Button size="small" danger onClick={() => void drop(w)}>
                        {t('field.drop')}
                      </Button>
                    </Space>
                  </>
                }
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
