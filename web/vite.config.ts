/** Vite build and dev server for the Onsite web console. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { engineerRouteKeys, filesOf, readManifest } from './scripts/chunks.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// The dev server forwards API calls to a running Onsite server (npm run serve), so cookies
// and Accept-Language behave exactly as in production where one server serves both.
const apiTarget = process.env.ONSITE_API_URL || 'http://127.0.0.1:3000';

/**
 * The installable engineer app. The service worker keeps the page and everything the field app
 * can load (src/field: its shell, the site's forms, the QR encoder), not the whole console: a
 * phone on mobile data should not fetch the dashboard's charts to work offline; other pages'
 * files are kept as they are first used.
 * It is registered from a script file (src/offline/register.ts), so the CSP needs no inline script.
 */
const pwa = VitePWA({
  strategies: 'generateSW',
  injectRegister: false,
  registerType: 'autoUpdate',
  includeAssets: ['icon-192.png', 'icon-512.png'],
  manifest: {
    name: '现场 Onsite — 工程师',
    short_name: '现场',
    description: '工程师的今日工单，断网也能签到、勾选检查项和记录',
    lang: 'zh-CN',
    start_url: '/engineer',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1f5fbf',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    ],
  },
  workbox: {
    globPatterns: ['index.html', 'manifest.webmanifest', 'icon-*.png', 'assets/*.{js,css}'],
    manifestTransforms: [
      (entries) => {
        const manifest = readManifest(path.join(root, 'dist'));
        const wanted = new Set(filesOf(manifest, engineerRouteKeys(manifest)));
        return {
          manifest: entries.filter((e) => !e.url.startsWith('assets/') || wanted.has(e.url)),
          warnings: [],
        };
      },
    ],
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api\//],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [
      {
        // Built files carry their content hash in the name: a kept copy is never stale.
        urlPattern: ({ url }) => url.pathname.startsWith('/assets/'),
        handler: 'CacheFirst',
        options: { cacheName: 'onsite-assets', expiration: { maxEntries: 200 } },
      },
    ],
  },
});

export default defineConfig({
  root,
  plugins: [react(), pwa],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
