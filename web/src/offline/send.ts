/**
 * How a panel records site work. On the engineer's phone the page provides the queue (the
 * work is kept on the phone and sent in order); elsewhere (the order page at a desk) work goes
 * straight to the server and its refusal shows in the form.
 */
import { createContext, useContext } from 'react';
import { api } from '../api.ts';
import type { QueuedWork } from './store.ts';

export type SiteWork = Pick<QueuedWork, 'kind' | 'method' | 'url' | 'body' | 'what'>;

/** Records site work; resolves once it is kept (queue) or accepted (direct). */
export type SendSiteWork = (work: SiteWork) => Promise<void>;

export const SiteWorkContext = createContext<SendSiteWork | null>(null);

/** The sender of the nearest provider, or a direct call to the server. */
export function useSendSiteWork(): { send: SendSiteWork; queued: boolean } {
  const queue = useContext(SiteWorkContext);
  if (queue) return { send: queue, queued: true };
  return {
    send: async (w) => {
      await api(w.method, w.url, w.body);
    },
    queued: false,
  };
}
