/**
 * Handovers waiting for the engineer (WO-4), as a phone list: each with its order, reason and
 * time, accepted with one tap or declined with a reason typed in place (no table, no dialog).
 */
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormErrors } from '../components/FormErrors.tsx';
import { usePendingHandovers } from '../components/handovers.ts';
import { formatTime } from '../time.ts';

export function FieldHandovers() {
  const { t } = useTranslation();
  const { items, loadError, errors, decide, declining, setDeclining, note, setNote, decline } =
    usePendingHandovers();
  if (loadError) return <FormErrors errors={[loadError.message]} />;
  if (items.length === 0) return errors.length ? <FormErrors errors={errors} /> : null;
  return (
    <section aria-labelledby="field-handovers" className="field-card">
      <h2 id="field-handovers" className="field-subtitle">
        {t('owner.pending')}
      </h2>
      <FormErrors errors={errors} />
      <ul className="field-list">
        {items.map((h) => (
          <li key={h.id}>
            <div>{h.reason}</div>
            <div className="field-secondary">
              {t('owner.requestedAt')} {formatTime(h.requestedAt)} ·{' '}
              <Link to={`/orders/${h.orderId}`}>{t('owner.openOrder')}</Link>
            </div>
            {declining?.id === h.id ? (
              <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
                <label htmlFor={`decline-${h.id}`}>{t('owner.declineNote')}</label>
                <textarea
                  id={`decline-${h.id}`}
                  className="field-input"
                  rows={2}
                  maxLength={1000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
                <Space>
                  <Button danger disabled={!note.trim()} onClick={() => void decline(h)}>
                    {t('owner.decline')}
                  </Button>
                  <Button onClick={() => setDeclining(null)}>{t('common.cancel')}</Button>
                </Space>
              </Space>
            ) : (
              <Space style={{ marginTop: 8 }}>
                <Button type="primary" onClick={() => void decide(h, 'accept')}>
                  {t('owner.accept')}
                </Button>
                <Button onClick={() => setDeclining(h)}>{t('owner.decline')}</Button>
              </Space>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
