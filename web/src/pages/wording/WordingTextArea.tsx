/**
 * A text box for anything a customer will read (CW-1, CW-2): as the person types, the server's
 * wording check runs and each finding is shown under the box — the words highlighted, their
 * category, the suggested phrasing and one click to apply it. Works as an antd form control.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { wordingKeys } from '../../queries/wording.ts';

export interface Finding {
  start: number;
  end: number;
  text: string;
  category: string;
  categoryLabel: string;
  severity: 'block' | 'warn';
  suggestion: string;
  replacement: string;
}

export interface CheckResult {
  verdict: 'block' | 'warn' | 'clean';
  findings: Finding[];
}

/** The check of a text, asked for once the person pauses typing. */
export function useWordingCheck(text: string, delayMs = 250) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  const q = useQuery({
    queryKey: wordingKeys.check(settled),
    enabled: settled.trim().length > 0,
    queryFn: () => api<CheckResult>('POST', '/api/v1/wording/check', { text: settled }),
    staleTime: 60_000,
  });
  const current = settled === text && q.data ? q.data : null;
  return { result: current, checking: text.trim().length > 0 && (settled !== text || q.isFetching) };
}

/** The text with one finding's replacement put in (the server gives offsets into the same text). */
export function applyFinding(text: string, f: Pick<Finding, 'start' | 'end' | 'replacement'>): string {
  return text.slice(0, f.start) + f.replacement + text.slice(f.end);
}

/** The text with each finding's words marked. */
function Highlighted({ text, findings }: { text: string; findings: Finding[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const f of findings) {
    if (f.start > at) parts.push(text.slice(at, f.start));
    parts.push(
      <mark
        key={f.start}
        data-testid="wording-mark"
        style={{ background: f.severity === 'block' ? '#ffccc7' : '#fff1b8', padding: 0 }}
      >
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return (
    <Typography.Paragraph style={{ marginBottom: 8, whiteSpace: 'pre-wrap' }}>{parts}</Typography.Paragraph>
  );
}

/** The findings of a text and their one-click fixes. */
export function WordingFindings({
  text,
  result,
  checking,
  onApply,
}: {
  text: string;
  result: CheckResult | null;
  checking: boolean;
  onApply: (next: string) => void;
}) {
  const { t } = useTranslation();
  if (!text.trim()) return null;
  if (checking && !result) return <Typography.Text type="secondary">{t('wording.checking')}</Typography.Text>;
  if (!result) return null;
  if (result.findings.length === 0)
    return (
      <Typography.Text type="success" data-testid="wording-clean">
        {t('wording.clean')}
      </Typography.Text>
    );
  return (
    <div data-testid="wording-findings" style={{ marginTop: 4 }}>
      <Highlighted text={text} findings={result.findings} />
      <Space direction="vertical" style={{ width: '100%' }} size={4}>
        {result.findings.map((f) => (
          <Alert
            key={`${f.start}-${f.end}`}
            data-testid="wording-finding"
            type={f.severity === 'block' ? 'error' : 'warning'}
            showIcon
            message={
              <Space wrap>
                <Tag color={f.severity === 'block' ? 'red' : 'gold'}>
                  {f.severity === 'block' ? t('wording.block') : t('wording.warn')}
                </Tag>
                <Tag>{f.categoryLabel}</Tag>
                <Typography.Text delete>{f.text}</Typography.Text>
                {f.replacement && <Typography.Text strong>→ {f.replacement}</Typography.Text>}
              </Space>
            }
            description={t('wording.suggestion', { text: f.suggestion })}
            action={
              <Button size="small" onClick={() => onApply(applyFinding(text, f))}>
                {f.replacement ? t('wording.apply') : t('wording.remove')}
              </Button>
            }
          />
        ))}
      </Space>
    </div>
  );
}

/** A text area with the wording check under it; `value`/`onChange` as an antd form control. */
export function WordingTextArea({
  value = '',
  onChange,
  rows = 3,
  placeholder,
  id,
  onVerdict,
}: {
  value?: string;
  onChange?: (v: string) => void;
  rows?: number;
  placeholder?: string;
  id?: string;
  /** Told the verdict of the current text (null while checking), e.g. to disable sending. */
  onVerdict?: (v: CheckResult['verdict'] | null) => void;
}) {
  const { result, checking } = useWordingCheck(value);
  const verdict = value.trim() ? (result?.verdict ?? null) : 'clean';
  useEffect(() => onVerdict?.(verdict), [verdict, onVerdict]);
  return (
    <div>
      <Input.TextArea
        id={id}
        rows={rows}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange?.(e.target.value)}
        data-testid="wording-input"
      />
      <WordingFindings
        text={value}
        result={result}
        checking={checking}
        onApply={(next) => onChange?.(next)}
      />
    </div>
  );
}
