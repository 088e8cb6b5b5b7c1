/**
 * Accessibility (issue 17 item 10): axe-core over every page a person reaches — the sign-in
 * page, every navigation entry of a person with the widest roles, an order's detail, the
 * customer's link page, a subscriber's own orders (/my), and the engineer's phone app at 390×844
 * with an order on site (so its forms are on screen) — with no serious or critical violation
 * (contrast of secondary text included), in zh-CN, then once in English on one page of each
 * layout (list, detail, dashboard, inbox, administration, link page, self-service, phone).
 * One server and one browser for the file; the pages are visited in sequence.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, TEST_PASSWORD } from '../harness.ts';
import { seriousViolations } from './axe.ts';
import { type BrowserSession, type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
let w: World;
let order: { id: string };
let linkPath: string;
let subscriber: Session;
let s: BrowserSession;

async function call<T>(as: Session, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
  const res = await server.app.request({
    method,
    url,
    as,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
  return json<T>(res);
}

before(async () => {
  server = await startLiveServer();
  w = await buildWorld(server.app);
  await server.app.personWith(
    ['admin', 'dispatcher', 'call_center', 'after_sales_director', 'engineering_manager', 'department_chief'],
    { username: 'a11y', displayName: '无障碍检查员' },
  );
  subscriber = await server.app.personWith(['end_customer'], {
    displayName: '客户值班员',
    customerId: w.customerId,
  });
  order = await call(w.callCenter, 'POST', '/api/v1/work-orders', phoneIntake(w));
  linkPath = (
    await call<{ path: string }>(w.dispatcher, 'POST', `/api/v1/work-orders/${order.id}/customer-links`, {})
  ).path;
  // A second order on the near engineer's phone, checked in, so the site's forms are on screen.
  const onSite = await call<{ id: string }>(w.callCenter, 'POST', '/api/v1/work-orders', {
    ...phoneIntake(w),
    severity: 'critical',
    impacts: { serviceInterruption: true },
  });
  await call(w.dispatcher, 'POST', `/api/v1/work-orders/${onSite.id}/transitions`, { to: 'accepted' });
  await call(w.dispatcher, 'POST', `/api/v1/work-orders/${onSite.id}/assignments`, {
    leadEngineerId: w.engNear.personId,
  });
  await call(w.engNear, 'POST', `/api/v1/work-orders/${onSite.id}/transitions`, { to: 'en_route' });
  await call(w.engNear, 'POST', `/api/v1/work-orders/${onSite.id}/check-in`, {});
  s = await openBrowser(server.baseUrl);
});

after(async () => {
  await s?.close();
  await server?.close();
});

/** Waits for the page's content and its queries to settle, then collects axe's serious findings. */
async function check(found: string[], language: string, path: string): Promise<void> {
  const p = s.page;
  if (process.env.A11Y_DEBUG) console.log('a11y', language, path, new Date().toISOString());
  await p.goto(path);
  // The page's own code has arrived when its main landmark holds more than the loading spinner.
  await p.locator('main :not(.page-spinner):not([role="status"])').first().waitFor({ timeout: 30_000 });
  // Let the page's queries settle (names replace ids, tables fill) before axe reads it.
  await p
    .locator('.ant-spin-spinning, .page-spinner')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
  for (const v of await seriousViolations(p)) found.push(`${language} ${path}: ${v}`);
}

/**
 * Page trouble since `from`, except reads cut off by leaving a page: the sweep moves on as soon as
 * axe has read a page, which may cancel a slow read of the page left behind (the dashboard's trend).
 */
function problemsSince(from: number): string[] {
  return s.problems
    .slice(from)
    .filter((p) => !/^requestfailed: GET \S+\/api\/v1\/\S+ net::ERR_ABORTED$/.test(p));
}

/** Signs out by forgetting the session cookie, so the next person can sign in on the same browser. */
async function signOut(): Promise<void> {
  await s.context.clearCookies();
}

/** Signs a test session in by its cookie (people made by the fixtures have no known username). */
async function signInAs(session: Session): Promise<void> {
  assert.ok('cookie' in session, 'a cookie session');
  const [name, ...value] = session.cookie.split(';')[0]?.split('=') ?? [];
  await s.context.addCookies([{ name: name ?? '', value: value.join('='), url: server.baseUrl }]);
}

/**
 * The pages in the browser's current language: every navigation entry, or with `only` the
 * entries listed there (English: one page of each layout, as the layouts are the same).
 */
async function sweep(language: 'zh-CN' | 'en', only?: string[]): Promise<string[]> {
  const p = s.page;
  const found: string[] = [];
  await p.setViewportSize({ width: 1366, height: 768 });
  await p.goto('/login');
  await p.getByTestId('language-switch').waitFor();
  for (const v of await seriousViolations(p)) found.push(`${language} /login: ${v}`);
  await login(s, 'a11y', TEST_PASSWORD);
  const paths = await p
    .locator('nav [data-menu-id]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-menu-id') ?? ''));
  const pages = [
    ...new Set(paths.map((x) => x.replace(/^.*?-(\/.*)$/, '$1')).filter((x) => x.startsWith('/'))),
  ];
  assert.ok(pages.length >= 10, `only ${pages.length} pages in the navigation: ${pages.join(', ')}`);
  const visit = only ? pages.filter((x) => only.includes(x)) : pages;
  if (only) assert.deepEqual(visit, only, 'the English pages are in the navigation');
  for (const path of [...visit, `/orders/${order.id}`]) await check(found, language, path);
  await signOut();
  await check(found, language, linkPath);
  await signInAs(subscriber);
  await check(found, language, '/my');
  await signOut();
  // The engineer's phone: the field app, with the order on site and its forms.
  await p.setViewportSize({ width: 390, height: 844 });
  await signInAs(w.engNear);
  await check(found, language, '/engineer');
  await p.getByTestId('engineer-order').getByRole('checkbox').first().waitFor();
  for (const v of await seriousViolations(p)) found.push(`${language} /engineer (on site): ${v}`);
  await signOut();
  return found;
}

describe('accessibility: axe on every page', () => {
  test('zh-CN: no serious or critical violation on any page', async () => {
    const from = s.problems.length;
    assert.deepEqual(await sweep('zh-CN'), []);
    assert.deepEqual(problemsSince(from), []);
  });

  test('English: no serious or critical violation on any page', async () => {
    const from = s.problems.length;
    await s.page.goto('/login');
    await s.page.getByTestId('language-switch').click();
    await s.page.getByTitle('English').click();
    await s.page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(await sweep('en', ['/dashboard', '/orders', '/inbox', '/admin/people']), []);
    assert.deepEqual(problemsSince(from), []);
  });
});
