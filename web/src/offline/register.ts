/**
 * Registers the service worker that keeps the console's shell and the engineer's route on the
 * phone (web/vite.config.ts builds it). Loaded as a module file, so the content security policy
 * needs no inline script. Not in the dev server, where files change under the worker.
 */
export function registerFieldWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
