/**
 * Escalation ladders (SL-2): per region, who is told how many minutes after an order misses a
 * deadline. A region without its own ladder uses its nearest ancestor's or the default; the
 * page shows the ladder in force, lets a manager of deadlines change it, and shows who each
 * level would reach today.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, List, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';
import { settingsKeys } from '../../queries/settings.ts';
import { RegionSelect } from '../../resource.tsx';
import { has, useMe } from '../../session.ts';
import { useServerForm } from '../../useServerForm.ts';

interface Step {
  role: string;
  afterMinutes: number;
}
interface RoleRef {
  role: string;
  label: { 'zh-CN': string; en: string };
  customerSide: boolean;
}
interface ContactLevel {
  level: number;
  role: string;
  roleName: string;
  contacts: { name: string; phone: string | null }[];
}

/** The ladders page. */
export default function LaddersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const canManage = has(me.data, 'deadlines.manage');
  const [regionId, setRegionId] = useState<string | null>(null);
  const ladder = useQuery({
    queryKey: settingsKeys.ladder(regionId),
    queryFn: () =>
      api<{ steps: Step[] }>('GET', `/api/v1/escalation-ladders${regionId ? `?regionId=${regionId}` : ''}`),
  });
  const roles = useQuery({
    queryKey: settingsKeys.roles,
    queryFn: () => api<{ items: RoleRef[] }>('GET', '/api/v1/reference/roles'),
  });
  const contacts = useQuery({
    queryKey: settingsKeys.escalationContacts(regionId),
    enabled: !!regionId && has(me.data, 'escalation.contacts'),
    queryFn: () => api<{ levels: ContactLevel[] }>('GET', `/api/v1/escalation-contacts?regionId=${regionId}`),
  });
  const { form, errors, busy, run } = useServerForm<{ steps: Step[] }>(['steps', 'regionId']);
  useEffect(() => {
    if (ladder.data) form.setFieldsValue({ steps: ladder.data.steps });
  }, [ladder.data, form]);
  const save = run(async (v) => {
    await api('PUT', '/api/v1/escalation-ladders', { regionId, steps: v.steps });
    message.success(t('settings.ladders.saved'));
    await queryClient.invalidateQueries({ queryKey: settingsKeys.laddersAll });
    await queryClient.invalidateQueries({ queryKey: settingsKeys.escalationContactsAll });
  });
  const roleOptions = [
    { value: 'owner', label: t('settings.ladders.owner') },
    ...(roles.data?.items ?? [])
      .filter((r) => !r.customerSide)
      .map((r) => ({ value: r.role, label: i18n.language === 'en' ? r.label.en : r.label['zh-CN'] })),
  ];
  return (
    <Card title={<h1 style={{ margin: 0, fontSize: 20 }}>{t('settings.ladders.nav')}</h1>}>
      <Typography.Paragraph type="secondary">{t('settings.ladders.help')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>{t('settings.ladders.region')}</Typography.Text>
        <RegionSelect
          ariaLabel={t('settings.ladders.region')}
          value={regionId ?? undefined}
          onChange={(v) => setRegionId((v as string | undefined) ?? null)}
        />
        {!regionId && (
          <Typography.Text type="secondary">{t('settings.ladders.defaultLadder')}</Typography.Text>
        )}
      </Space>
      <FormErrors errors={errors} />
      <Form form={form} layout="vertical" onFinish={save} disabled={!canManage}>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap data-testid="ladder-step">
                  <Typography.Text strong>{t('settings.ladders.level', { level: i + 1 })}</Typography.Text>
                  <Form.Item
                    name={[f.name, 'role']}
                    label={t('settings.ladders.role')}
                    rules={[{ required: true }]}
                  >
                    <Select style={{ width: 200 }} options={roleOptions} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'afterMinutes']}
                    label={t('settings.ladders.afterMinutes')}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={0} precision={0} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t('settings.ladders.removeStep')}</Button>
                </Space>
              ))}
              <Space>
                <Button onClick={() => add({ role: 'owner', afterMinutes: 0 })}>
                  {t('settings.ladders.addStep')}
                </Button>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('settings.ladders.save')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
      {contacts.data && (
        <Card size="small" title={t('settings.ladders.contacts')} style={{ marginTop: 16 }}>
          <List
            dataSource={contacts.data.levels}
            renderItem={(l) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{t('settings.ladders.level', { level: l.level })}</Typography.Text>
                  <span>{l.roleName}</span>
                  <Typography.Text type={l.contacts.length ? undefined : 'warning'}>
                    {l.contacts.length
                      ? l.contacts.map((c) => `${c.name}${c.phone ? ` ${c.phone}` : ''}`).join('、')
                      : t('settings.ladders.nobody')}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Card>
  );
}
