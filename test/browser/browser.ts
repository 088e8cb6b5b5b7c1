/**
 * Browser-test harness: a real Onsite server (in-process, port 0, fresh SQLite, serving the
 * built web/dist) and Chromium driven by playwright-core. Every page is watched: a console error,
 * an uncaught exception, a failed request or a 5xx answer fails the test, and every 4xx answer
 * must be one the test expected.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { AppContext } from '../../src/app/context.ts';
import { createCustomer } from '../../src/modules/customers/customers.service.ts';
import { createEquipment } from '../../src/modules/equipment/equipment.service.ts';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
import { createSite } from '../../src/modules/sites/sites.service.ts';
import { ManualClock } from '../../src/shared/clock.ts';
import { startTestApp, type TestApp } from '../harness.ts';

export const WEB_DIST = path.resolve('web/dist');
export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running server reachable over HTTP. */
export interface LiveServer {
  app: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the server on a fresh SQLite database, serving the built console. A test that moves the
 * server's clock by days asks for sessions that last that long.
 */
export async function startLiveServer(opts: { sessionTtlHours?: number } = {}): Promise<LiveServer> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` before the browser tests');
  }
  // The browser keeps real time for cookie expiry, so the server's clock starts at the real now.
  const app = await startTestApp('sqlite', {
    clock: new ManualClock(new Date()),
    configure: (c) => ({
      ...c,
      webDist: WEB_DIST,
      sessionTtlHours: opts.sessionTtlHours ?? c.sessionTtlHours,
    }),
  });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A browser session with its own profile, and what its pages did wrong. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors, failed requests and 5xx answers: must stay empty. */
  problems: string[];
  /** "401 GET /api/v1/auth/me" for each 4xx answer, in order. */
  clientErrors: string[];
  /** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens Chromium with a fresh user-data-dir in the given language and viewport. */
export async function openBrowser(
  baseUrl: string,
  opts: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<BrowserSession> {
  const profile = mkdtempSync(path.join(tmpdir(), 'onsite-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: baseUrl,
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const clientErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every 4xx fetch as a console error; those are checked via clientErrors instead.
    if (/the server responded with a status of 4\d\d/.test(m.text())) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The live notice stream never ends by itself: leaving the page or logging out aborts it.
    if (r.url().includes('/api/v1/notifications/stream') && r.failure()?.errorText === 'net::ERR_ABORTED')
      return;
    problems.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    const status = r.status();
    const where = `${r.request().method()} ${new URL(r.url()).pathname}`;
    if (process.env.ONSITE_BROWSER_DEBUG) console.log('response', status, r.request().method(), r.url());
    if (status >= 500) problems.push(`${status} ${where}`);
    else if (status >= 400) clientErrors.push(`${status} ${where}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    problems,
    clientErrors,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form and waits for the signed-in frame. */
export async function login(s: BrowserSession, username: string, password: string): Promise<void> {
  const { page } = s;
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.getByTestId('account-menu').waitFor();
}

/** Opens the sign-in page, switches it to English, and signs in. */
export async function loginInEnglish(s: BrowserSession, username: string, password: string): Promise<void> {
  const { page } = s;
  await page.goto('/login');
  await page.getByTestId('language-switch').click();
  await page.getByTitle('English').click();
  await page.getByLabel('Username').waitFor();
  await login(s, username, password);
}

/** A drag as the browser delivers it: dragstart on `source`, then dragover and drop on `target`. */
export async function dragOnto(page: Page, source: Locator, target: Locator): Promise<void> {
  await target.waitFor();
  const data = await page.evaluateHandle(
    () => new (globalThis as unknown as { DataTransfer: new () => unknown }).DataTransfer(),
  );
  await source.dispatchEvent('dragstart', { dataTransfer: data });
  await target.dispatchEvent('dragover', { dataTransfer: data });
  await target.dispatchEvent('drop', { dataTransfer: data });
}

/**
 * Opens a select inside a modal and picks `text`. A modal that is still zooming in moves under
 * the pointer, so the page's animations are let finish before each click, and the click is
 * repeated if the dropdown did not open. The wait is a function, not a string: a string predicate
 * is evaluated with eval, which the page's CSP refuses.
 */
export async function chooseInModal(page: Page, select: Locator, text: string): Promise<void> {
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text })
    .first();
  for (let attempt = 0; ; attempt++) {
    await page.waitForFunction(() =>
      (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document
        .getAnimations()
        .every((a) => a.playState !== 'running'),
    );
    await select.click({ force: true });
    try {
      await option.waitFor({ timeout: 4_000 });
      break;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
  await option.click();
}

/** The small Kunming world the browser tests share: a province, a prefecture, one operator
 * customer with one urban site and one OLT. Tests add their own people and extra regions. */
export async function seedKunming(ctx: AppContext) {
  const system = { system: 'browser-test' };
  const province = await createRegion(ctx, system, {
    code: 'YN',
    name: '云南省',
    nameEn: 'Yunnan',
    level: 'province',
  });
  const km = await createRegion(ctx, system, {
    code: 'YN-KM',
    name: '昆明市',
    nameEn: 'Kunming',
    level: 'prefecture',
    parentId: province.id,
  });
  const customer = await createCustomer(ctx, system, {
    code: 'CM-YN',
    name: '云南移动',
    kind: 'operator',
    regionId: km.id,
  });
  const site = await createSite(ctx, system, {
    code: 'S-KM-01',
    customerId: customer.id,
    name: '昆明核心机房',
    address: '昆明市盘龙区北京路 100 号',
    regionId: km.id,
    areaClass: 'urban',
  });
  await createEquipment(ctx, system, {
    siteId: site.id,
    product: 'OLT',
    model: 'MA5800-X17',
    serialNo: 'SN-0001',
  });
  return { province, km, customer, site };
}

/** Draws a zig-zag signature on a signature pad with the mouse, as a finger would on a phone. */
export async function drawSignature(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? -20 : 20));
  await page.mouse.up();
}
