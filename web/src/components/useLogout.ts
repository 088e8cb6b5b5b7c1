/** Signing out, the same from the console's frame and the field app's. */
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { clearSnapshots } from '../offline/store.ts';

/** Ends the session, forgets this person's data in the page and on the phone, and opens the login page. */
export function useLogout(): () => Promise<void> {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async () => {
    try {
      await api('POST', '/api/v1/auth/logout');
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
      return;
    }
    queryClient.clear();
    // The pages kept for working offline are this person's: the next one on the phone must not see them.
    await clearSnapshots().catch(() => undefined);
    navigate('/login', { replace: true });
  };
}
