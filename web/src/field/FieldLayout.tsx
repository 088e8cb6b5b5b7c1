/**
 * The field app's frame: one header line that fits a 390 px phone (the app's name, the unread
 * notices, the language and signing out) above the page. No menus: the console's other pages
 * stay in the console, one link away for those who have any (a lead engineer's major operations).
 */
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import type { Me } from '../api.ts';
import { InboxBadge } from '../components/InboxBadge.tsx';
import { useLogout } from '../components/useLogout.ts';
import { navFor } from '../nav.ts';

/** Switches between the two languages with one tap; the choice persists (i18n.ts). */
function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <Button
      type="text"
      size="small"
      lang={english ? 'zh-CN' : 'en'}
      title={t('common.language')}
      data-testid="field-language"
      onClick={() => void i18n.changeLanguage(english ? 'zh-CN' : 'en')}
    >
      {english ? '中文' : 'English'}
    </Button>
  );
}

export function FieldLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  // A plain link, not the router's: the console is the other shell, started by loading its page.
  const elsewhere = navFor(me).find((n) => n.path !== '/engineer');
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 4,
          padding: '6px 8px 6px 12px',
          background: '#fff',
          borderBottom: '1px solid #e5e5e5',
        }}
      >
        <span
          style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        >
          <strong>{t('app.name')}</strong>{' '}
          <span className="field-secondary" data-testid="account-menu">
            {me.displayName}
          </span>
        </span>
        {elsewhere && (
          <a href={elsewhere.path} style={{ padding: '0 4px', whiteSpace: 'nowrap' }}>
            {t('field.toConsole')}
          </a>
        )}
        {me.permissions.includes('notifications.read') && <InboxBadge />}
        <LanguageToggle />
        <Button type="text" size="small" onClick={() => void logout()}>
          {t('auth.logout')}
        </Button>
      </header>
      <main style={{ padding: 12 }}>
        <Outlet />
      </main>
    </div>
  );
}
