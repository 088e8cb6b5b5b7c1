/**
 * CW-1 lexicon administration: the expressions the wording check looks for, by language and
 * category; add one after trying it on sample texts; take one out of use (never deleted, the
 * change and its reason are kept in history).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListPage, qs } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { wordingKeys } from '../../queries/wording.ts';
import { useServerForm } from '../../useServerForm.ts';

interface Expression {
  id: string;
  locale: string;
  expression: string;
  category: string;
  severity: string;
  suggestion: string;
  replacement: string;
  active: boolean;
  version: number;
}
type Fields = Pick<
  Expression,
  'locale' | 'expression' | 'category' | 'severity' | 'suggestion' | 'replacement'
> & {
  texts?: string;
};
interface Tried {
  text: string;
  matchedByCandidate: boolean;
}

const CATEGORIES = [
  'irresponsible',
  'blame_company',
  'accuse_customer',
  'deflect',
  'vague',
  'impatient',
  'address',
];

/** The lexicon page. */
export default function LexiconPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [category, setCategory] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: wordingKeys.lexicon(category, q),
    queryFn: () =>
      api<ListPage<Expression>>('GET', `/api/v1/wording/expressions${qs({ limit: 500, category, q })}`),
  });
  const [tried, setTried] = useState<Tried[] | null>(null);
  const { form, errors, busy, run } = useServerForm<Fields>([
    'locale',
    'expression',
    'category',
    'severity',
    'suggestion',
    'replacement',
  ]);
  const body = (v: Fields) => ({
    locale: v.locale,
    expression: v.expression,
    category: v.category,
    severity: v.severity,
    suggestion: v.suggestion,
    replacement: v.replacement ?? '',
  });
  const tryIt = run(async () => {
    const v = await form.validateFields();
    const texts = (v.texts ?? '').split('\n').filter((x) => x.trim());
    if (texts.length === 0) return;
    setTried(
      (await api<{ items: Tried[] }>('POST', '/api/v1/wording/expressions/try', { ...body(v), texts })).items,
    );
  });
  const add = run(async (v) => {
    await api('POST', '/api/v1/wording/expressions', body(v));
    message.success(t('common.saved'));
    form.resetFields();
    setTried(null);
    void queryClient.invalidateQueries({ queryKey: wordingKeys.lexiconAll });
  });
  const toggle = async (e: Expression, active: boolean) => {
    await api('PATCH', `/api/v1/wording/expressions/${e.id}`, { active });
    void queryClient.invalidateQueries({ queryKey: wordingKeys.lexiconAll });
  };
  const opts = (prefix: string, values: string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('wording.lexicon.title')}
          </Typography.Title>
          <Space>
            <Input.Search
              allowClear
              placeholder={t('common.search')}
              onSearch={setQ}
              style={{ width: 200 }}
            />
            <Select
              allowClear
              aria-label={t('wording.lexicon.category')}
              style={{ width: 200 }}
              placeholder={t('wording.lexicon.category')}
              value={category}
              onChange={setCategory}
              options={opts('wording.lexicon.categories', CATEGORIES)}
            />
          </Space>
        </Space>
        <Table<Expression>
          rowKey="id"
          size="small"
          style={{ marginTop: 16 }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: t('wording.lexicon.expression'), dataIndex: 'expression' },
            {
              title: t('wording.lexicon.locale'),
              render: (_, e) => t(`wording.lexicon.locales.${e.locale}`),
            },
            {
              title: t('wording.lexicon.category'),
              render: (_, e) => t(`wording.lexicon.categories.${e.category}`),
            },
            {
              title: t('wording.lexicon.severity'),
              render: (_, e) => (
                <Tag color={e.severity === 'block' ? 'red' : 'gold'}>
                  {t(`wording.lexicon.severities.${e.severity}`)}
                </Tag>
              ),
            },
            { title: t('wording.lexicon.suggestion'), dataIndex: 'suggestion' },
            {
              title: t('wording.lexicon.active'),
              render: (_, e) => (
                <Switch
                  aria-label={`${t('wording.lexicon.active')}: ${e.expression}`}
                  checked={e.active}
                  onChange={(on) => void toggle(e, on)}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('wording.lexicon.add')}>
        <FormErrors errors={errors} />
        <Form
          form={form}
          layout="vertical"
          name="expression"
          onFinish={add}
          initialValues={{ locale: 'zh-CN', severity: 'block' }}
        >
          <Space wrap>
            <Form.Item name="locale" label={t('wording.lexicon.locale')}>
              <Select style={{ width: 120 }} options={opts('wording.lexicon.locales', ['zh-CN', 'en'])} />
            </Form.Item>
            <Form.Item
              name="expression"
              label={t('wording.lexicon.expression')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="category" label={t('wording.lexicon.category')} rules={[{ required: true }]}>
              <Select style={{ width: 180 }} options={opts('wording.lexicon.categories', CATEGORIES)} />
            </Form.Item>
            <Form.Item name="severity" label={t('wording.lexicon.severity')}>
              <Select
                style={{ width: 140 }}
                options={opts('wording.lexicon.severities', ['block', 'warn'])}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="suggestion"
            label={t('wording.lexicon.suggestion')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="replacement" label={t('wording.lexicon.replacement')}>
            <Input />
          </Form.Item>
          <Form.Item name="texts" label={t('wording.lexicon.tryTexts')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space>
            <Button onClick={() => void tryIt({} as Fields)}>{t('wording.lexicon.try')}</Button>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Space>
        </Form>
        {tried && (
          <Space direction="vertical" style={{ marginTop: 12 }} data-testid="lexicon-tried">
            {tried.map((x) => (
              <span key={x.text}>
                <Tag color={x.matchedByCandidate ? 'red' : 'default'}>
                  {x.matchedByCandidate ? t('wording.lexicon.matched') : t('wording.lexicon.notMatched')}
                </Tag>
                {x.text}
              </span>
            ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}
