/** Guards the signed-in part of a shell: unknown visitors go to the login page. */
import { Alert } from 'antd';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ApiError, type Me } from '../api.ts';
import { PageFallback } from '../providers.tsx';
import { useMe } from '../session.ts';

/**
 * Renders the shell's layout (which holds the current page), or sends the visitor to /login.
 * The layout is passed in so the field app does not load the console's frame.
 */
export function RequireMe({ layout: Layout }: { layout: ComponentType<{ me: Me }> }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return <PageFallback />;
  }
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    // An alert rather than a result page: the result's pictures would weigh on the phone's first load.
    return (
      <Alert
        style={{ margin: 24 }}
        type="error"
        showIcon
        role="alert"
        message={t('common.loadFailed')}
        description={me.error.message}
      />
    );
  }
  return <Layout me={me.data} />;
}
