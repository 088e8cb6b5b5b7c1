/**
 * Every saved version of the plan, newest first, with what changed from the one before, who
 * approved which version and the refusals with their reasons (MO-3, MO-4).
 */
import { Card, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../time.ts';
import { type PlanChange, type PlanVersionBody, planDiff } from './planDiff.ts';

interface Props {
  plans: { version: number; plan: PlanVersionBody; createdAt: string }[];
  approvals: { role: string; planVersion: number; approvedAt: string }[];
  refusals: { planVersion: number; reason: string }[];
}

const windowText = (w: { start: string; end: string }) => `${formatTime(w.start)} – ${formatTime(w.end)}`;

function Change({ c }: { c: PlanChange }) {
  const { t } = useTranslation();
  const label =
    c.what === 'step' || c.what === 'stepAdded' || c.what === 'stepRemoved'
      ? `${t('operations.history.step', { n: c.step })}${c.what === 'stepAdded' ? `（${t('operations.history.added')}）` : c.what === 'stepRemoved' ? `（${t('operations.history.removed')}）` : ''}`
      : t(`operations.history.${c.what}`);
  return (
    <div data-testid="plan-change">
      <Typography.Text strong>{label}：</Typography.Text>
      {c.before && <Typography.Text delete>{c.before}</Typography.Text>}
      {c.before && c.after && ' → '}
      {c.after && <Typography.Text mark>{c.after}</Typography.Text>}
    </div>
  );
}

export function PlanHistory({ plans, approvals, refusals }: Props) {
  const { t } = useTranslation();
  if (plans.length === 0) return null;
  const ordered = [...plans].sort((a, b) => b.version - a.version);
  return (
    <Card title={t('operations.history.title')}>
      <Timeline
        items={ordered.map((p) => {
          const prev = plans.find((x) => x.version === p.version - 1);
          const changes = prev ? planDiff(prev.plan, p.plan, windowText) : [];
          return {
            key: p.version,
            children: (
              <div data-testid={`plan-version-${p.version}`}>
                <Typography.Text strong>{t('operations.history.version', { n: p.version })}</Typography.Text>{' '}
                <Typography.Text type="secondary">{formatTime(p.createdAt)}</Typography.Text>
                <div>
                  {!prev && t('operations.history.first')}
                  {prev && changes.length === 0 && t('operations.history.unchanged')}
                  {prev && changes.length > 0 && (
                    <Typography.Text type="secondary">
                      {t('operations.history.changed', { n: prev.version })}
                    </Typography.Text>
                  )}
                  {changes.map((c) => (
                    <Change key={`${c.what}-${c.step ?? ''}`} c={c} />
                  ))}
                </div>
                <div>
                  {approvals
                    .filter((a) => a.planVersion === p.version)
                    .map((a) => (
                      <Tag key={a.role} color="green">
                        {t('operations.history.approvedBy')} ·{' '}
                        {t(`operations.inbox.role.${a.role}`, { defaultValue: a.role })}
                      </Tag>
                    ))}
                  {refusals
                    .filter((r) => r.planVersion === p.version)
                    .map((r) => (
                      <Tag key={r.reason} color="red">
                        {t('operations.history.refused', { reason: r.reason })}
                      </Tag>
                    ))}
                </div>
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
