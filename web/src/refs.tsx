/**
 * Reference fields: a select that searches the referenced list on the server as the person types,
 * and labels that look a record up by its id. Neither loads a whole list, so a province's ten
 * thousand customers label and choose as quickly as ten.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListPage } from './api.ts';
import { listKeys } from './queries/lists.ts';

/** A record as list endpoints return it: at least an id. */
export type Row = { id: string } & Record<string, unknown>;

/** Where a reference field takes its choices from: a list endpoint (with fixed filters) and a label. */
export interface RefSource {
  url: string;
  label: (item: Row) => string;
}

/** How many matches a reference select offers at once; typing narrows them on the server. */
const MATCHES = 50;

export const CUSTOMERS: RefSource = {
  url: '/api/v1/customers',
  label: (r) => `${String(r.name)} (${String(r.code)})`,
};
export const SITES: RefSource = {
  url: '/api/v1/sites',
  label: (r) => `${String(r.name)} (${String(r.code)})`,
};
export const PARTNERS: RefSource = {
  url: '/api/v1/partners',
  label: (r) => `${String(r.name)} (${String(r.code)})`,
};

/** Active engineers, by name. */
export const ENGINEERS: RefSource = {
  url: '/api/v1/people?role=engineer&active=true',
  label: (p) => String(p.displayName),
};

/** The record URL of `id` under a list endpoint (its fixed filters dropped). */
function recordUrl(source: RefSource, id: string): string {
  return `${source.url.split('?')[0]}/${encodeURIComponent(id)}`;
}

/** One referenced record, looked up by id and cached. */
function oneQuery(source: RefSource | undefined, id: string) {
  return {
    queryKey: listKeys.refOne(source?.url.split('?')[0], id),
    enabled: !!source,
    staleTime: 60_000,
    queryFn: () => api<Row>('GET', recordUrl(source!, id)),
  };
}

/**
 * Options of a reference select: the server's matches for `search`, plus the records in
 * `selected` (looked up by id) so a chosen value always shows its label.
 */
export function useRefOptions(
  source: RefSource | undefined,
  opts: { search?: string; selected?: readonly string[] } = {},
) {
  const search = opts.search?.trim() ?? '';
  const list = useQuery({
    queryKey: listKeys.refSearch(source?.url, search),
    enabled: !!source,
    placeholderData: (previous) => previous,
    queryFn: async () => {
      const sep = source!.url.includes('?') ? '&' : '?';
      const q = search ? `&q=${encodeURIComponent(search)}` : '';
      return (await api<ListPage<Row>>('GET', `${source!.url}${sep}limit=${MATCHES}${q}`)).items;
    },
  });
  const listed = new Set((list.data ?? []).map((r) => r.id));
  const missing = (opts.selected ?? []).filter((id) => id && !listed.has(id));
  const looked = useQueries({ queries: missing.map((id) => oneQuery(source, id)) });
  const rows = [...(list.data ?? []), ...looked.flatMap((q) => (q.data ? [q.data] : []))];
  return {
    data: source ? rows.map((r) => ({ value: r.id, label: source.label(r) })) : undefined,
    isPending: list.isPending,
  };
}

/** The label of a referenced record (a customer's name for a customerId, say), looked up by id. */
export function RefLabel({ source, id }: { source: RefSource; id: unknown }) {
  const one = useQuery(oneQuery(typeof id === 'string' ? source : undefined, String(id)));
  if (typeof id !== 'string') return <>—</>;
  return <>{one.data ? source.label(one.data) : '…'}</>;
}

/** A select of referenced records, searched on the server as the person types. */
export function RefSelect(props: {
  source: RefSource;
  multiple?: boolean;
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
  ariaLabel?: string;
  width?: number;
  placeholder?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const search = useDeferredValue(typed);
  const selected = Array.isArray(props.value)
    ? props.value.filter((v): v is string => typeof v === 'string')
    : typeof props.value === 'string'
      ? [props.value]
      : [];
  const opts = useRefOptions(props.source, { search, selected });
  return (
    <Select
      id={props.id}
      aria-label={props.ariaLabel}
      style={props.width || props.ariaLabel ? { width: props.width ?? 220 } : undefined}
      mode={props.multiple ? 'multiple' : undefined}
      disabled={props.disabled}
      showSearch
      allowClear
      // The server already matched the text; filtering again here would hide its matches.
      filterOption={false}
      onSearch={setTyped}
      loading={opts.isPending}
      options={opts.data ?? []}
      value={props.value}
      onChange={(v) => {
        setTyped('');
        props.onChange?.(v);
      }}
      placeholder={props.placeholder ?? t('common.choose')}
    />
  );
}
