/**
 * The unread badge in the header. It follows the server's live stream of new notices
 * (/api/v1/notifications/stream), reconnects after a drop, and closes when the signed-in frame
 * unmounts (logout, session end).
 */
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, apiLanguage } from '../api.ts';
import { inboxKeys } from '../queries/inbox.ts';
import { ME_KEY } from '../session.ts';

export const UNREAD_KEY = inboxKeys.unread;

/** A notice as the stream and the list send it. */
export interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  subjectType: string | null;
  subjectId: string | null;
  escalationId: string | null;
  critical: boolean;
  createdAt: string;
  readAt: string | null;
  /** The escalation level announced (0: the first notice); null when not an escalation. */
  escalationLevel: number | null;
  /** In the grouped inbox: how many notices this live item stands for, how many unread. */
  groupCount: number;
  groupUnread: number;
}

/** The longest wait between two reconnection attempts. */
const MAX_BACKOFF_MS = 30_000;

/** Keeps the unread count live through server-sent events; call once, in the signed-in frame. */
function useInboxStream() {
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  useEffect(() => {
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1_000;
    let stopped = false;
    const showCritical = async (id: string) => {
      try {
        const page = await api<{ items: Notice[] }>('GET', '/api/v1/notifications?unread=true&limit=20');
        const n = page.items.find((i) => i.id === id);
        if (n && !stopped)
          notification.warning({ message: n.title, description: n.body, placement: 'bottomRight' });
      } catch {
        // The badge and the inbox already show the notice; the pop-up is a courtesy.
      }
    };
    const connect = () => {
      if (stopped) return;
      // EventSource cannot send Accept-Language, so the chosen language travels in the query.
      es = new EventSource(`/api/v1/notifications/stream?lang=${encodeURIComponent(apiLanguage())}`, {
        withCredentials: true,
      });
      es.addEventListener('unread', (e) => {
        const { unread } = JSON.parse((e as MessageEvent<string>).data) as { unread: number };
        queryClient.setQueryData(UNREAD_KEY, { unread });
      });
      es.addEventListener('notification', (e) => {
        const n = JSON.parse((e as MessageEvent<string>).data) as Notice;
        void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
        void queryClient.invalidateQueries({ queryKey: inboxKeys.escalationsAll });
        // The stream speaks the browser's language (EventSource sends no chosen Accept-Language),
        // so the text shown is read again through api(), in the console's language.
        if (n.critical) void showCritical(n.id);
      });
      es.addEventListener('ready', () => {
        backoff = 1_000;
      });
      es.onerror = () => {
        // The browser retries by itself unless the stream was refused; then we retry with backoff.
        if (es?.readyState !== EventSource.CLOSED) return;
        es.close();
        timer = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        // A refused stream may mean the session ended; asking who is signed in sends them to login.
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
        void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      es?.close();
    };
  }, [queryClient, notification]);
}

/** The bell with the unread count; opens the inbox. */
export function InboxBadge() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useInboxStream();
  const q = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => api<{ unread: number }>('GET', '/api/v1/notifications/unread-count'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const unread = q.data?.unread ?? 0;
  return (
    <Badge count={unread} overflowCount={99} size="small">
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={t('inbox.badge', { count: unread })}
        data-testid="inbox-badge"
        data-unread={unread}
        onClick={() => navigate('/inbox')}
      />
    </Badge>
  );
}
