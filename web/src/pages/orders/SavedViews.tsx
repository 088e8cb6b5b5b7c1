/** A person's saved views of the order list (kept on the server), and the Excel export of the list as filtered. */
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popover, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiLanguage, qs } from '../../api.ts';
import { FormErrors } from '../../components/FormErrors.tsx';

interface SavedView {
  id: string;
  name: string;
  query: string;
}

const KEY = ['saved-views', 'orders'];

export function SavedViews({ current, onOpen }: { current: string; onOpen: (query: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const views = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ items: SavedView[] }>('GET', '/api/v1/saved-views?page=orders'),
  });
  const save = useMutation({
    mutationFn: () => api<SavedView>('POST', '/api/v1/saved-views', { page: 'orders', name, query: current }),
    onSuccess: (v) => {
      message.success(t('lists.views.saved', { name: v.name }));
      setNaming(false);
      setName('');
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (v: SavedView) => api('DELETE', `/api/v1/saved-views/${v.id}`).then(() => v),
    onSuccess: (v) => {
      message.success(t('lists.views.removed', { name: v.name }));
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const items = views.data?.items ?? [];
  // Names are unique per person and page; as option values they keep ids out of what screen readers hear.
  const selected = items.find((v) => v.query === current)?.name;
  return (
    <Space wrap>
      <Select
        aria-label={t('lists.views.label')}
        placeholder={t('lists.views.placeholder')}
        style={{ width: 200 }}
        value={selected}
        onChange={(name: string) => {
          const v = items.find((x) => x.name === name);
          if (v) onOpen(v.query);
        }}
        options={items.map((v) => ({ value: v.name, label: v.name }))}
        optionRender={(o) => {
          const v = items.find((x) => x.name === o.value);
          return (
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>{o.label}</span>
              {v && (
                <Button
                  size="small"
                  type="text"
                  aria-label={t('lists.views.remove', { name: v.name })}
                  icon={<DeleteOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    remove.mutate(v);
                  }}
                />
              )}
            </Space>
          );
        }}
      />
      <Popover
        open={naming}
        onOpenChange={setNaming}
        trigger="click"
        content={
          <Space direction="vertical">
            <Space.Compact>
              <Input
                aria-label={t('lists.views.name')}
                placeholder={t('lists.views.name')}
                value={name}
                maxLength={60}
                onChange={(e) => setName(e.target.value)}
                onPressEnter={() => save.mutate()}
              />
              <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
                {t('common.save')}
              </Button>
            </Space.Compact>
            {save.error && <FormErrors errors={[save.error.message]} />}
          </Space>
        }
      >
        <Button>{t('lists.views.save')}</Button>
      </Popover>
    </Space>
  );
}

/**
 * Downloads the list as filtered. Fetched (not a plain link) so the workbook comes in the
 * console's language, and a refusal (too many rows) is shown instead of a broken file.
 */
/** Downloads the list under its filters, or only the selected orders when `orderIds` is given. */
export function ExportButton({
  filters,
  orderIds,
  label,
}: {
  filters: Record<string, string | undefined>;
  orderIds?: string[];
  label?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const query = orderIds ? `?${new URLSearchParams(orderIds.map((id) => ['orderId', id]))}` : qs(filters);
      const res = await fetch(`/api/v1/exports/work-orders${query}`, {
        credentials: 'same-origin',
        headers: { 'Accept-Language': apiLanguage() },
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'work-orders.xlsx';
      a.click();
      URL.revokeObjectURL(url);
      message.success(t('lists.export.done', { file: a.download }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
      {label ?? t('lists.export.button')}
    </Button>
  );
}
