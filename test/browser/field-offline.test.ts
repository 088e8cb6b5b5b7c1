/**
 * The engineer's phone without a network (issue 17, item 2): with the browser offline the
 * engineer checks in and ticks the checklist; the queue shows each item waiting; a reload with
 * no network still shows the order and the queue (service worker + IndexedDB); back online the
 * queue is sent once, and the server holds exactly one check-in (with the GPS position and its
 * accuracy) and one mark per item. A check-out queued before the day's log is refused on replay,
 * and the refusal shows in Chinese with what to do. Then once in English.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addCertification, upsertEngineerProfile } from '../../src/modules/people/people.service.ts';
import { type Session, TEST_PASSWORD } from '../harness.ts';
import {
  type BrowserSession,
  type LiveServer,
  login,
  openBrowser,
  seedKunming,
  startLiveServer,
} from './browser.ts';

let server: LiveServer;
let desk: Session;
let engineer: Session;
let seeded: { customerId: string; siteId: string };
const SITE = { latitude: 25.0435, longitude: 102.7102 };

before(async () => {
  server = await startLiveServer();
  const { ctx } = server.app;
  const { km, customer, site } = await seedKunming(ctx);
  await ctx.db
    .updateTable('sites')
    .set({ lat: SITE.latitude, lng: SITE.longitude })
    .where('id', '=', site.id)
    .execute();
  engineer = await server.app.personWith(['engineer'], {
    username: 'eng.field',
    displayName: '李工',
    regionIds: [km.id],
  });
  const system = { system: 'browser-test' };
  await upsertEngineerProfile(ctx, system, engineer.personId, { employment: 'own', skills: ['OLT'] });
  await addCertification(ctx, system, engineer.personId, { product: 'OLT', expiresOn: '2031-12-31' });
  desk = await server.app.personWith(['dispatcher'], { username: 'desk.field', displayName: '调度周' });
  seeded = { customerId: customer.id, siteId: site.id };
});

after(async () => {
  await server?.close();
});

async function call<T>(as: Session, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
  const res = await server.app.request({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    as,
  });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
  return JSON.parse(res.body) as T;
}

/**
 * An order dispatched to the engineer, who has set off: a critical one at once; a major one
 * after a confirmed appointment (WO-5), so leaving the site is not held by an unrestored critical fault.
 */
async function orderEnRoute(symptom: string, severity: 'critical' | 'major') {
  const order = await call<{ id: string; number: string }>(desk, 'POST', '/api/v1/work-orders', {
    type: 'fault_repair',
    channel: 'customer_call',
    customerId: seeded.customerId,
    contactName: '赵工',
    contactPhone: '138 0000 0002',
    siteId: seeded.siteId,
    product: 'OLT',
    severity,
    ...(severity === 'critical' ? { impacts: { serviceInterruption: true } } : {}),
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    symptom,
  });
  await call(desk, 'POST', `/api/v1/work-orders/${order.id}/transitions`, { to: 'accepted' });
  await call(desk, 'POST', `/api/v1/work-orders/${order.id}/assignments`, {
    leadEngineerId: engineer.personId,
  });
  if (severity !== 'critical') {
    const { windows } = await call<{ windows: { start: string; end: string }[] }>(
      desk,
      'GET',
      `/api/v1/work-orders/${order.id}/appointment-windows`,
    );
    const w = windows[0];
    assert.ok(w, 'a free window');
    const a = await call<{ id: string }>(desk, 'POST', `/api/v1/work-orders/${order.id}/appointments`, {
      windowStart: w.start,
      windowEnd: w.end,
    });
    await call(desk, 'POST', `/api/v1/appointments/${a.id}/confirm`);
  }
  await call(engineer, 'POST', `/api/v1/work-orders/${order.id}/transitions`, { to: 'en_route' });
  return order;
}

/** Page trouble other than what having no network causes on purpose. */
function realProblems(s: BrowserSession): string[] {
  return s.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p));
}

async function historyOf(orderId: string) {
  const { items } = await call<{ items: { action: string; changes: Record<string, unknown> }[] }>(
    desk,
    'GET',
    `/api/v1/work-orders/${orderId}/history?limit=200`,
  );
  return items;
}

/** Runs in the page: the service worker has taken control of it. */
const controlled = () =>
  (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker
    .controller !== null;

/** Opens the phone, signs in, and waits until the service worker controls the page. */
async function phone(lang: 'zh' | 'en') {
  const s = await openBrowser(server.baseUrl, {
    viewport: { width: 390, height: 844 },
    ...(lang === 'en' ? { locale: 'en-US' } : {}),
  });
  try {
    await s.context.grantPermissions(['geolocation'], { origin: server.baseUrl });
    // 40 m from the site's pin, with a 15 m fix.
    await s.context.setGeolocation({
      latitude: SITE.latitude + 0.00036,
      longitude: SITE.longitude,
      accuracy: 15,
    });
    await s.page.goto('/login');
    // The machine running the tests may be busy: the first load gets longer than the default wait.
    await s.page.getByTestId('language-switch').waitFor({ timeout: 30_000 });
    if (lang === 'en') {
      await s.page.getByTestId('language-switch').click();
      await s.page.getByTitle('English').click();
    }
    await login(s, 'eng.field', TEST_PASSWORD);
    await s.page.waitForURL('**/engineer');
    await s.page.waitForFunction(controlled, undefined, {
      timeout: 30_000,
    });
  } catch (err) {
    await s.shot(`failed-field-start-${lang}-${Date.now()}`);
    await s.close();
    throw err;
  }
  return s;
}

describe('engineer app offline', () => {
  test('zh-CN: offline check-in and ticks are queued, survive a reload, replay once; a refusal shows in Chinese', async () => {
    const order = await orderEnRoute('3 号楼宽带时断时续', 'major');
    const s = await phone('zh');
    const { page, context } = s;
    try {
      const card = page.getByTestId('engineer-order').filter({ hasText: order.number });
      await card.getByRole('button', { name: '签到（到场）' }).waitFor();
      await card.getByRole('link', { name: '导航到现场' }).waitFor();
      // Let the page keep its copy of the order before the network goes.
      await page.waitForLoadState('networkidle');

      await context.setOffline(true);
      await page
        .getByTestId('offline-banner')
        .getByText(/未联网/)
        .waitFor();
      await card.getByRole('button', { name: '签到（到场）' }).click();
      const queue = card.getByTestId('field-queue');
      await queue.getByText('签到', { exact: true }).waitFor();
      await card.getByText(/起在现场/).waitFor();
      const boxes = card.getByRole('checkbox');
      // The site's forms load on arrival, from the phone's cache (the network is off).
      await boxes.first().waitFor();
      const n = await boxes.count();
      assert.ok(n > 0, 'the checklist shows once checked in, before the server knows');
      for (let i = 0; i < n; i++) {
        await boxes.nth(i).click();
        await card.locator('.ant-checkbox-wrapper-checked').nth(i).waitFor();
      }
      const waiting = queue.locator('[data-testid="queued-work"][data-state="waiting"]');
      assert.equal(await waiting.count(), n + 1);
      await s.shot('60-field-offline-queue-zh');

      // A reload with no network: the shell from the service worker, the order and queue from the phone.
      await page.reload();
      await card.getByText(order.number).waitFor({ timeout: 20_000 });
      await page.getByTestId('offline-banner').waitFor();
      await card.locator('[data-testid="queued-work"]').nth(n).waitFor();
      assert.equal(await card.locator('[data-testid="queued-work"]').count(), n + 1);
      // The checklist loads with the site's forms, from the phone's cache.
      await card
        .locator('.ant-checkbox-wrapper-checked')
        .nth(n - 1)
        .waitFor();
      assert.equal(await card.locator('.ant-checkbox-wrapper-checked').count(), n);
      await s.shot('61-field-offline-reloaded-zh');

      // Back online: sent in order, once.
      const sent: string[] = [];
      page.on('response', (r) => {
        if (r.request().method() !== 'GET' && r.url().includes(order.id))
          sent.push(`${r.status()} ${new URL(r.url()).pathname}`);
      });
      await context.setOffline(false);
      await card.getByTestId('field-queue').waitFor({ state: 'detached', timeout: 20_000 });
      await card.getByText(/起在现场/).waitFor();
      assert.equal(sent.length, n + 1, sent.join('\n'));
      assert.match(sent[0] ?? '', /^201 .*\/check-in$/);

      const record = await call<{
        visits: { checkInAccuracyM: number | null; checkInDistanceM: number | null; checkInFar: boolean }[];
        checklist: { done: boolean }[];
      }>(desk, 'GET', `/api/v1/work-orders/${order.id}/onsite`);
      assert.equal(record.visits.length, 1);
      assert.equal(record.visits[0]?.checkInAccuracyM, 15);
      assert.ok((record.visits[0]?.checkInDistanceM ?? 999) < 100);
      assert.equal(record.visits[0]?.checkInFar, false);
      assert.ok(record.checklist.every((c) => c.done));
      const history = await historyOf(order.id);
      assert.equal(history.filter((h) => h.action === 'onsite:check_in').length, 1);
      assert.equal(history.filter((h) => h.action === 'onsite:checklist').length, n);

      // Check-out queued before the day's log: the server refuses it on replay, in Chinese, with what to do.
      await context.setOffline(true);
      await card.getByRole('button', { name: '签退（离场）' }).click();
      await card.getByTestId('field-queue').getByText('签退', { exact: true }).waitFor();
      await context.setOffline(false);
      const refusal = card.getByRole('alert').filter({ hasText: /签退前请填写 .+ 的现场工作日志/ });
      await refusal.waitFor({ timeout: 20_000 });
      await refusal.getByText(/服务器没有接受这条记录/).waitFor();
      await s.shot('62-field-refused-zh');
      // Doing what it asks, then sending again, clears it.
      await card.getByLabel('今日完成的工作').fill('更换 OLT 业务板，告警消除');
      await card.getByRole('button', { name: '保存记录' }).click();
      await refusal.getByRole('button', { name: '重新发送' }).click();
      await card.getByTestId('field-queue').waitFor({ state: 'detached', timeout: 20_000 });
      await card.getByText(/起在现场/).waitFor({ state: 'detached' });
      const after = await historyOf(order.id);
      assert.equal(after.filter((h) => h.action === 'onsite:check_out').length, 1);
      assert.deepEqual(realProblems(s), []);
    } catch (err) {
      await s.shot(`failed-field-zh-${Date.now()}`);
      throw err;
    } finally {
      await s.close();
    }
  });

  test('English: offline check-in replays once after a reload; the refusal reads in English', async () => {
    const order = await orderEnRoute('Uplink down at the core room', 'critical');
    const s = await phone('en');
    const { page, context } = s;
    try {
      const card = page.getByTestId('engineer-order').filter({ hasText: order.number });
      await card.getByRole('button', { name: /Check in/ }).waitFor();
      await page.waitForLoadState('networkidle');
      await context.setOffline(true);
      await page
        .getByTestId('offline-banner')
        .getByText(/No network/)
        .waitFor();
      await card.getByRole('button', { name: /Check in/ }).click();
      await card.getByTestId('field-queue').getByText('Check-in', { exact: true }).waitFor();
      await card.getByRole('button', { name: /Check out/ }).click();
      await card.getByTestId('field-queue').getByText('Check-out', { exact: true }).waitFor();
      await page.reload();
      await card.getByText(order.number).waitFor({ timeout: 20_000 });
      await card.locator('[data-testid="queued-work"]').nth(1).waitFor();
      assert.equal(await card.locator('[data-testid="queued-work"]').count(), 2);
      await context.setOffline(false);
      const refusal = card
        .getByRole('alert')
        .filter({ hasText: /write the site log for .+ before checking out/ });
      await refusal.waitFor({ timeout: 20_000 });
      await refusal.getByText(/The server did not accept this/).waitFor();
      await s.shot('63-field-refused-en');
      await refusal.getByRole('button', { name: 'Drop' }).click();
      await card.getByTestId('field-queue').waitFor({ state: 'detached' });
      const history = await historyOf(order.id);
      assert.equal(history.filter((h) => h.action === 'onsite:check_in').length, 1);
      assert.equal(history.filter((h) => h.action === 'onsite:check_out').length, 0);
      assert.deepEqual(realProblems(s), []);
    } catch (err) {
      await s.shot(`failed-field-en-${Date.now()}`);
      throw err;
    } finally {
      await s.close();
    }
  });
});
