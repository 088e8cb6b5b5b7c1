/**
 * Issue 10, defect 7: with the security headers on, the interactive API docs still load in a
 * real browser — Swagger UI starts from its own script file, and the content security policy
 * reports no violation and nothing answers 404 (any console error fails the test; the
 * browser's own request for `/favicon.ico` was one until the page named its icon).
 *
 * Swagger UI reads the whole document (over 200 operations) before it draws anything: on a
 * loaded two-core machine that took over half a minute, hence the long wait.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LiveServer, openBrowser, startLiveServer } from './browser.ts';

describe('API docs under the content security policy', () => {
  let server: LiveServer;
  before(async () => {
    server = await startLiveServer();
  });
  after(() => server.close());

  test('/api/docs renders the operations with no console error', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const res = await s.page.goto('/api/docs', { waitUntil: 'commit' });
      assert.match(String(res?.headers()['content-security-policy']), /script-src 'self'/);
      // The page opens with every tag folded; opening one draws its operations.
      await s.page.locator('.opblock-tag').first().waitFor({ timeout: 120_000 });
      assert.ok((await s.page.locator('.opblock-tag').count()) > 10);
      await s.page.locator('.opblock-tag').first().click();
      await s.page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      assert.deepEqual(s.problems, []);
    } finally {
      await s.close();
    }
  });
});
