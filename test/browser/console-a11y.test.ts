/**
 * Accessibility (issue 17 item 10): axe-core over every page of the console a person with the
 * widest roles reaches from the navigation, plus the order detail and the sign-in page, in zh-CN
 * with English on the order list in console-lists.test.ts; no serious or critical violation (contrast of secondary text included).
 * One server and one browser for the file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, TEST_PASSWORD } from '../harness.ts';
import { seriousViolations } from './axe.ts';
import { type BrowserSession, type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
let w: World;
let order: { id: string };
let s: BrowserSession;

before(async () => {
  server = await startLiveServer();
  w = await buildWorld(server.app);
  await server.app.personWith(
    ['admin', 'dispatcher', 'call_center', 'after_sales_director', 'engineering_manager', 'department_chief'],
    { username: 'a11y', displayName: '无障碍检查员' },
  );
  const res = await server.app.request({
    method: 'POST',
    url: '/api/v1/work-orders',
    as: w.callCenter,
    payload: phoneIntake(w),
  });
  assert.equal(res.statusCode, 201, res.body);
  order = json(res);
  s = await openBrowser(server.baseUrl);
});

after(async () => {
  await s?.close();
  await server?.close();
});

/** Opens each page from the navigation (and the order detail) and collects axe's serious findings. */
async function sweep(language: 'zh-CN' | 'en'): Promise<string[]> {
  const p = s.page;
  const found: string[] = [];
  const paths = await p
    .locator('nav [data-menu-id]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-menu-id') ?? ''));
  const pages = [
    ...new Set(paths.map((x) => x.replace(/^.*?-(\/.*)$/, '$1')).filter((x) => x.startsWith('/'))),
  ];
  assert.ok(pages.length >= 10, `only ${pages.length} pages in the navigation: ${pages.join(', ')}`);
  for (const path of [...pages, `/orders/${order.id}`]) {
    if (process.env.A11Y_DEBUG) console.log('a11y', language, path, new Date().toISOString());
    await p.goto(path);
    await p.getByRole('heading', { level: 1 }).first().waitFor();
    // Let the page's queries settle (names replace ids, tables fill) before axe reads it.
    await p
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => {});
    for (const v of await seriousViolations(p)) {
      found.push(`${language} ${path}: ${v}`);
      if (process.env.A11Y_DEBUG) console.log('violation', path, v);
    }
  }
  return found;
}

describe('accessibility: axe on every page', () => {
  test('zh-CN: no serious or critical violation on any page', async () => {
    const p = s.page;
    await p.goto('/login');
    assert.deepEqual(await seriousViolations(p), [], 'sign-in page');
    await login(s, 'a11y', TEST_PASSWORD);
    // Every page in Chinese; English is checked on the order list (console-lists.test.ts), as
    // a full second sweep would double the file's time for the same layouts.
    assert.deepEqual(await sweep('zh-CN'), []);
    assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
  });
});
