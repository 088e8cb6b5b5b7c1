/** Sign-in with username and password; the server's message is shown in the chosen language. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, type Me } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { applyServerErrors } from '../forms.ts';
import { navFor } from '../nav.ts';
import { keepCopy } from '../offline/store.ts';
import { ME_KEY } from '../session.ts';
import { isFieldPath } from '../shells.ts';
import { setUserTimeZone } from '../time.ts';

interface LoginForm {
  username: string;
  password: string;
}

/** The login page. */
export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const from = (location.state as { from?: string } | null)?.from;

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setErrors([]);
    try {
      const me = await api<Me>('POST', '/api/v1/auth/login', values);
      setUserTimeZone(me.timeZone);
      queryClient.setQueryData(ME_KEY, me);
      // The engineer's phone opens with no network from this copy (web/src/offline).
      const kept = keepCopy('/api/v1/auth/me', me);
      const to = from && from !== '/login' ? from : (navFor(me)[0]?.path ?? '/');
      // The field app is a shell of its own: load it straight away rather than start the console's frame.
      if (isFieldPath(to)) {
        // The copy must be on the phone before this page goes away.
        await kept;
        window.location.replace(to);
      } else {
        void kept;
        navigate(to, { replace: true });
      }
    } catch (err) {
      setErrors(applyServerErrors(form, err, ['username', 'password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: '#f0f2f5',
        padding: 16,
      }}
    >
      <main style={{ width: '100%', maxWidth: 380 }}>
        <Card>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.name')}
              </Typography.Title>
              <LanguageSwitch />
            </div>
            <Typography.Text type="secondary">{t('auth.loginTitle')}</Typography.Text>
            {errors.length > 0 && (
              <Alert
                type="error"
                showIcon
                message={errors[0]}
                description={errors.slice(1).join('; ') || undefined}
                role="alert"
              />
            )}
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} name="login">
              <Form.Item
                name="username"
                label={t('auth.username')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('auth.password')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('auth.login')}
              </Button>
            </Form>
          </Space>
        </Card>
      </main>
    </div>
  );
}
