/** Guards the signed-in part of the console: unknown visitors go to the login page. */
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api.ts';
import { useMe } from '../session.ts';
import { AppLayout } from './AppLayout.tsx';

/** Renders the layout with the current page, or sends the visitor to /login. */
export function RequireMe() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    return <Result status="error" title={t('common.loadFailed')} subTitle={me.error.message} />;
  }
  return <AppLayout me={me.data} />;
}
