/**
 * Issue 10, defect 7: with the security headers on, the interactive API docs still load in a
 * real browser — Swagger UI starts from its own script file, and the content security policy
 * reports no violation (any console error fails the test).
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
      const res = await s.page.goto('/api/docs');
      assert.match(String(res?.headers()['content-security-policy']), /script-src 'self'/);
      // Swagger UI draws one block per operation once its start script has run.
      await s.page.locator('.opblock').first().waitFor();
      assert.ok((await s.page.locator('.opblock').count()) > 0);
      assert.deepEqual(s.problems, []);
    } finally {
      await s.close();
    }
  });
});
