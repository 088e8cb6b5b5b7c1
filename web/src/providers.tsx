/**
 * What both shells wrap their routes in: the antd theme and language, the query client, the
 * router, and the fallback shown while a page's code loads.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; only transient server trouble is retried.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      staleTime: 5_000,
      refetchOnWindowFocus: false,
    },
  },
});

/** While a page's code or data loads: a plain spinner (styles in contrast.css), no library component. */
export function PageFallback() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-label={t('common.loading')}>
      <span className="page-spinner" />
    </div>
  );
}

/**
 * An address the other shell owns, reached by a link inside this one: the router has already
 * moved to it, so loading the page again lets the entry start the right shell.
 */
export function OtherShell() {
  useEffect(() => {
    window.location.reload();
  }, []);
  return <PageFallback />;
}

/** Theme, language, queries and router around a shell's routes. */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#1f5fbf',
          // Links and secondary text at 4.5:1 or more on white (WCAG AA); the defaults fall short.
          colorLink: '#1f5fbf',
          colorError: '#cf1322',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense fallback={<PageFallback />}>{children}</Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
