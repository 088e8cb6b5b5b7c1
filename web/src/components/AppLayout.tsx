/** The frame around every signed-in page: role-aware navigation, language, account menu. */
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from '../api.ts';
import { navFor } from '../nav.ts';
import { GlobalSearch } from './GlobalSearch.tsx';
import { InboxBadge } from './InboxBadge.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useLogout } from './useLogout.ts';

const { Header, Sider, Content } = Layout;

/** Layout with the navigation this person's permissions allow. */
export function AppLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const items = navFor(me);
  const groups = (['work', 'admin', 'account'] as const)
    .map((g) => ({
      key: g,
      type: 'group' as const,
      label: t(`nav.group.${g}`),
      children: items.filter((i) => i.group === g).map((i) => ({ key: i.path, label: t(i.label) })),
    }))
    .filter((g) => g.children.length > 0);
  // The longest matching entry wins, so /orders/new selects "new order" rather than "orders".
  const selected = items
    .map((i) => i.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} theme="light" width={208}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 18 }}>{t('app.name')}</div>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            items={groups}
            onClick={(e) => navigate(e.key)}
            style={{ borderInlineEnd: 'none' }}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 12,
          }}
        >
          {items.some((i) => i.path === '/orders') && <GlobalSearch />}
          {me.permissions.includes('notifications.read') && <InboxBadge />}
          <LanguageSwitch />
          <Dropdown
            menu={{
              items: [
                { key: 'password', label: t('nav.password') },
                { key: 'logout', label: t('auth.logout') },
              ],
              onClick: (e) => {
                if (e.key === 'password') navigate('/account/password');
                else void logout();
              },
            }}
          >
            <Button type="text" title={t('auth.accountMenu')} data-testid="account-menu">
              <Space>
                <Typography.Text strong>{me.displayName}</Typography.Text>
                <Typography.Text type="secondary">
                  {me.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(' · ')}
                </Typography.Text>
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: 16 }}>
          <main>
            <Outlet />
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
