/**
 * The header's search over work orders (number, phone, customer, site, equipment serial): "/"
 * or Ctrl+K from anywhere puts the cursor in it, Enter opens the order list with the search,
 * over open and finished orders alike.
 */
import { Input, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Whether a key press was typed into a field, where "/" is just a character. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<InputRef>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      if (ctrlK || (e.key === '/' && !typing(e.target))) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Input.Search
      ref={input}
      role="searchbox"
      aria-label={t('lists.search.label')}
      aria-keyshortcuts="/ Control+K"
      title={t('lists.search.shortcut')}
      placeholder={t('lists.search.placeholder')}
      allowClear
      style={{ maxWidth: 320, flex: '1 1 200px' }}
      onSearch={(v) => {
        const q = v.trim();
        if (q) navigate(`/orders?${new URLSearchParams({ q, open: 'all' })}`);
      }}
    />
  );
}
