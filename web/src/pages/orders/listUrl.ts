/**
 * The order list's filters, sort and page live in the URL, so a list can be shared as a link,
 * survives a reload and is what a saved view stores.
 */
import { useSearchParams } from 'react-router';

/** Keys a saved view keeps (the server checks the same list); the page number is not one of them. */
export const VIEW_KEYS = ['state', 'open', 'type', 'severity', 'regionId', 'q', 'sort'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

/** Open orders are the default list; "all" is written out so it survives a reload. */
const DEFAULTS: Partial<Record<ViewKey, string>> = { open: 'true' };

export function useListUrl() {
  const [params, setParams] = useSearchParams();
  const get = (k: ViewKey): string | undefined => params.get(k) ?? DEFAULTS[k];
  const page = Math.max(1, Number(params.get('page')) || 1);
  /** Sets one filter and goes back to the first page. */
  const set = (k: ViewKey) => (v: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
      next.delete('page');
      return next;
    });
  const setPage = (n: number) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (n <= 1) next.delete('page');
      else next.set('page', String(n));
      return next;
    });
  /** The view's part of the URL (no page), as saved views store it. */
  const viewQuery = () => {
    const out = new URLSearchParams();
    for (const k of VIEW_KEYS) {
      const v = params.get(k);
      if (v) out.set(k, v);
    }
    return out.toString();
  };
  const openView = (query: string) => setParams(new URLSearchParams(query));
  /** The filters as the order list API takes them ("all" is no filter). */
  const apiFilters = (): Record<string, string | undefined> => {
    const open = get('open');
    return {
      state: get('state'),
      open: open === 'all' ? undefined : open,
      type: get('type'),
      severity: get('severity'),
      regionId: get('regionId'),
      q: get('q'),
    };
  };
  return { get, set, page, setPage, viewQuery, openView, apiFilters };
}
