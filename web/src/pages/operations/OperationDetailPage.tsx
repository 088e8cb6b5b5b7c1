/**
 * One major operation: plan and its versions, approvals and notices, and the phone runbook
 * (steps, backup with the SHA-256 computed in the browser, emergency), verification, watch,
 * completion with leftovers and the report. Every button asks the server; a refusal is shown in
 * its own words on the spot.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Descriptions, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { operationKeys } from '../../queries/operations.ts';
import { has, useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';
import { type OperationRow, stateColor } from './OperationsPage.tsx';
import { PlanHistory } from './PlanHistory.tsx';
import type { PlanVersionBody } from './planDiff.ts';

/** States in which the plan may still change (the server refuses the others). */
const EDITABLE = ['draft', 'submitted', 'plan_reviewed', 'approved', 'notified', 'ready'];

interface Step {
  id: string;
  planStep: number | null;
  title: string;
  tableTransfer: boolean;
  recheckedAt: string | null;
  authorisedAt: string | null;
  state: string;
  result: string | null;
}
type PlanBody = PlanVersionBody;
interface Detail extends OperationRow {
  needsWatch: boolean;
  plans: { version: number; plan: PlanBody; createdAt: string }[];
  approvals: { role: string; planVersion: number; approvedAt: string }[];
  steps: Step[];
  records: { id: string; kind: string; body: { planVersion?: number; reason?: string } }[];
}
interface Leftover {
  id: string;
  description: string;
  ownerName: string;
  dueOn: string;
  /** When its deadline clock ran out while it was open (MO-13). */
  overdueAt: string | null;
  closedAt: string | null;
}

/** The SHA-256 of a file as lowercase hex, computed in the browser before upload (MO-5). */
async function sha256Of(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export default function OperationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [errors, setErrors] = useState<string[]>([]);
  const [text, setText] = useState<Record<string, string>>({});
  const [file, setFile] = useState<{
    name: string;
    type: string;
    size: number;
    sha: string;
    b64: string;
  } | null>(null);
  const [checked, setChecked] = useState(false);
  const [leftovers, setLeftovers] = useState<{ description: string; ownerId: string; dueOn: string }[]>([]);
  const { data: op } = useQuery({
    queryKey: operationKeys.detail(id),
    queryFn: () => api<Detail>('GET', `/api/v1/operations/${id}`),
    // Approvers, the duty roster and the engineer on site move an operation on from elsewhere:
    // opening it always asks the server again, rather than showing a copy from seconds ago.
    refetchOnMount: 'always',
  });
  const { data: left } = useQuery({
    queryKey: operationKeys.leftovers(id),
    queryFn: () => api<{ items: Leftover[] }>('GET', `/api/v1/operations/${id}/leftovers`),
  });
  const { data: report } = useQuery({
    queryKey: operationKeys.report(id),
    queryFn: () => api<{ attachmentId: string | null }>('GET', `/api/v1/operations/${id}/completion-report`),
  });
  const v = (k: string) => text[k] ?? '';
  const input = (k: string, label: string) => (
    <Input
      aria-label={label}
      placeholder={label}
      value={v(k)}
      onChange={(e) => setText({ ...text, [k]: e.target.value })}
    />
  );
  /** Sends one action; the server's refusal (with each field's problem) is shown above the page. */
  const act =
    (path: string, body: unknown = {}, done?: string) =>
    async () => {
      setErrors([]);
      try {
        await api('POST', `/api/v1/operations/${id}${path}`, body);
        message.success(done ?? t('operations.saved'));
        await qc.invalidateQueries({ queryKey: operationKeys.detail(id) });
        await qc.invalidateQueries({ queryKey: operationKeys.leftovers(id) });
        await qc.invalidateQueries({ queryKey: operationKeys.report(id) });
      } catch (e) {
        if (e instanceof ApiError) setErrors([e.message, ...e.details.map((d) => d.message)]);
        else throw e;
      }
    };
  if (!op) return null;
  const plan = op.plans.find((p) => p.version === op.planVersion)?.plan;
  const can = (p: string) => has(me, p);
  const pickFile = async (f: File | undefined) => {
    if (!f) return;
    message.info(t('operations.computing'));
    setFile({
      name: f.name,
      type: f.type || 'text/plain',
      size: f.size,
      sha: await sha256Of(f),
      b64: await base64Of(f),
    });
  };
  const recordBackup = async () => {
    setErrors([]);
    let attachmentId: string | null = null;
    try {
      if (file) {
        const up = await api<{ id: string }>('POST', '/api/v1/attachments', {
          ownerType: 'operation',
          ownerId: id,
          kind: 'document',
          fileName: file.name,
          mimeType: file.type,
          contentBase64: file.b64,
          sha256: file.sha,
        });
        attachmentId = up.id;
      }
    } catch (e) {
      if (e instanceof ApiError) return setErrors([e.message, ...e.details.map((d) => d.message)]);
      throw e;
    }
    await act('/backup', {
      what: v('what'),
      location: v('where'),
      fileName: file?.name ?? v('fileName'),
      sizeBytes: file?.size ?? 0,
      sha256: file?.sha ?? v('sha'),
      attachmentId,
      changeTableChecked: checked,
    })();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {op.title}
            <Tag color={stateColor(op.state)}>{t(`operations.state.${op.state}`)}</Tag>
            {op.freezeFlaggedAt && <Tag color="red">{t('operations.freezeFlagged')}</Tag>}
          </Space>
        }
        extra={
          <Button
            danger
            type="primary"
            onClick={act(
              '/emergency',
              { description: v('emergency') || t('operations.emergency') },
              t('operations.emergencySent'),
            )}
          >
            {t('operations.emergency')}
          </Button>
        }
      >
        <FormErrors errors={errors} />
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('operations.col.kind')}>
            {t(`operations.kind.${op.kind}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('operations.col.window')}>
            {formatTime(op.windowStart)} – {formatTime(op.windowEnd)}
          </Descriptions.Item>
          <Descriptions.Item label={t('operations.col.planVersion')}>{op.planVersion}</Descriptions.Item>
        </Descriptions>
        {can('operations.plan') && EDITABLE.includes(op.state) && (
          <Link to={`/operations/${op.id}/edit`}>{t('operations.editor.edit')}</Link>
        )}
        {input('emergency', t('operations.emergencyWhat'))}
      </Card>
      {plan && (
        <Card title={`${t('operations.plan')} · ${t('operations.planVersions', { n: op.planVersion })}`}>
          <Table
            rowKey="title"
            size="small"
            pagination={false}
            dataSource={plan.steps}
            columns={[
              { title: t('operations.step'), dataIndex: 'title' },
              { title: t('operations.expected'), dataIndex: 'expectedResult' },
              { title: t('operations.rollback'), dataIndex: 'rollbackStep' },
            ]}
          />
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('operations.rollbackPlan')}>{plan.rollbackPlan}</Descriptions.Item>
            <Descriptions.Item label={t('operations.risk')}>
              {plan.risk.impact} · {plan.risk.affectedServices} · {plan.risk.affectedSubscribers} ·{' '}
              {plan.risk.likelihood}
            </Descriptions.Item>
            <Descriptions.Item label={t('operations.verificationSteps')}>
              {plan.verificationSteps.join('、')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <PlanHistory
        plans={op.plans}
        approvals={op.approvals}
        refusals={op.records
          .filter((r) => r.kind === 'approval_refused')
          .map((r) => ({ planVersion: r.body.planVersion ?? 0, reason: r.body.reason ?? '' }))}
      />
      <Card title={t('operations.approvals')}>
        <List
          size="small"
          dataSource={op.approvals}
          locale={{ emptyText: t('operations.empty') }}
          renderItem={(a) => (
            <List.Item>{`${a.role} · v${a.planVersion} · ${formatTime(a.approvedAt)}`}</List.Item>
          )}
        />
        <Space wrap>
          {op.state === 'draft' && (
            <Button onClick={act('/transitions', { to: 'submitted' })}>{t('operations.submit')}</Button>
          )}
          {can('operations.review') && <Button onClick={act('/review')}>{t('operations.review')}</Button>}
          {can('operations.approve') && (
            <Button onClick={act('/approvals')}>{t('operations.approve')}</Button>
          )}
          {can('operations.run') && <Button onClick={act('/notices')}>{t('operations.notices')}</Button>}
          {can('operations.run') && (
            <Button onClick={act('/version-acknowledgement')}>{t('operations.ackVersion')}</Button>
          )}
          {can('operations.run') && (
            <Button onClick={act('/transitions', { to: 'ready' })}>{t('operations.toReady')}</Button>
          )}
          {can('operations.run') && (
            <Button type="primary" onClick={act('/start')}>
              {t('operations.start')}
            </Button>
          )}
        </Space>
      </Card>
      <Card title={t('operations.runbook')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('operations.backup')}</Typography.Text>
          {input('what', t('operations.backupWhat'))}
          {input('where', t('operations.backupWhere'))}
          <input
            type="file"
            aria-label={t('operations.backupFile')}
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
          {file && (
            <Typography.Text
              code
              data-testid="sha256"
            >{`${t('operations.checksum')}: ${file.sha}`}</Typography.Text>
          )}
          <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)}>
            {t('operations.changeTable')}
          </Checkbox>
          <Button onClick={() => void recordBackup()}>{t('operations.recordBackup')}</Button>
          <List
            dataSource={op.steps}
            renderItem={(s) => (
              <List.Item
                actions={[
                  s.tableTransfer && !s.recheckedAt && (
                    <Button key="r" size="small" onClick={act(`/steps/${s.id}/recheck`)}>
                      {t('operations.recheck')}
                    </Button>
                  ),
                  s.planStep === null && !s.authorisedAt && can('operations.approve') && (
                    <Button key="a" size="small" onClick={act(`/steps/${s.id}/authorise`)}>
                      {t('operations.authorise')}
                    </Button>
                  ),
                  s.state === 'pending' && (
                    <Button key="s" size="small" onClick={act(`/steps/${s.id}/start`)}>
                      {t('operations.startStep')}
                    </Button>
                  ),
                  s.state === 'running' && (
                    <Button
                      key="d"
                      size="small"
                      type="primary"
                      onClick={act('/finish-step', {
                        stepId: s.id,
                        outcome: 'done',
                        result: v(`r${s.id}`) || t('operations.done'),
                      })}
                    >
                      {t('operations.done')}
                    </Button>
                  ),
                ].filter(Boolean)}
              >
                <Space>
                  {s.planStep === null && <Tag color="orange">{t('operations.unplanned')}</Tag>}
                  {s.title}
                  <Tag>{t(`operations.stepState.${s.state}`)}</Tag>
                  {s.result}
                </Space>
              </List.Item>
            )}
          />
          <Button onClick={act('/finish-work')}>{t('operations.finishWork')}</Button>
        </Space>
      </Card>
      <Card title={t('operations.verify')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {input('callTests', t('operations.callTests'))}
          {input('billing', t('operations.billing'))}
          {input('callLoss', t('operations.callLoss'))}
          {input('alarms', t('operations.alarms'))}
          {input('performance', t('operations.performance'))}
          <Button
            onClick={act('/verification', {
              callTests: v('callTests'),
              billingRecords: v('billing'),
              callLoss: v('callLoss'),
              alarms: v('alarms'),
              performance: v('performance'),
              passed: true,
            })}
          >
            {t('operations.passed')}
          </Button>
        </Space>
      </Card>
      {op.needsWatch && (
        <Card title={t('operations.watch')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {input('dutyNames', t('operations.dutyNames'))}
            {input('dutyFrom', t('operations.from'))}
            {input('dutyTo', t('operations.to'))}
            <Button
              onClick={act('/duty', {
                names: v('dutyNames')
                  .split(/[,，、]/)
                  .map((s) => s.trim())
                  .filter(Boolean),
                from: v('dutyFrom'),
                to: v('dutyTo'),
              })}
            >
              {t('operations.addDuty')}
            </Button>
            {can('operations.monitor') && (
              <Button onClick={act('/monitor-agreement')}>{t('operations.agree')}</Button>
            )}
          </Space>
        </Card>
      )}
      <Card title={t('operations.leftovers')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <List
            dataSource={left?.items ?? []}
            locale={{ emptyText: t('operations.empty') }}
            renderItem={(l) => (
              <List.Item
                actions={[
                  l.closedAt ? (
                    <Tag key="c" color="green">
                      {t('operations.closed')}
                    </Tag>
                  ) : (
                    <Button
                      key="c"
                      size="small"
                      onClick={act(`/leftovers/${l.id}/close`, { note: v('closeNote') })}
                    >
                      {t('operations.closeLeftover')}
                    </Button>
                  ),
                ]}
              >
                {`${l.description} · ${t('operations.owner')} ${l.ownerName} · ${t('operations.due')} ${l.dueOn}`}
                {l.overdueAt && !l.closedAt && <Tag color="red">{t('operations.overdue')}</Tag>}
              </List.Item>
            )}
          />
          {input('closeNote', t('operations.closeNote'))}
          {['completed'].includes(op.state) || (
            <>
              {input('summary', t('operations.summary'))}
              {input('leftover', t('operations.leftover'))}
              {input('leftoverDue', t('operations.due'))}
              <Button
                onClick={() => {
                  if (!me) return;
                  setLeftovers([
                    ...leftovers,
                    { description: v('leftover'), ownerId: me.id, dueOn: v('leftoverDue') },
                  ]);
                }}
              >
                {t('operations.addLeftover')} ({leftovers.length})
              </Button>
              <Button type="primary" onClick={act('/completion', { summary: v('summary'), leftovers })}>
                {t('operations.complete')}
              </Button>
            </>
          )}
          {report?.attachmentId && (
            <a href={`/api/v1/attachments/${report.attachmentId}/content`} target="_blank" rel="noreferrer">
              {t('operations.report')}
            </a>
          )}
        </Space>
      </Card>
    </Space>
  );
}
