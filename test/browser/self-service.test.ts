/**
 * Self-service in a real browser (issue 17 item 7): a subscriber signs in to their own orders
 * only (another customer's order is not there), reports a fault in plain words — which site,
 * what happened, since when, whether service is down — and follows it as the call center takes
 * it on. In zh-CN, and once in English by a customer escort. Any console error, page error,
 * failed request or 5xx fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCustomer } from '../../src/modules/customers/customers.service.ts';
import { createSite } from '../../src/modules/sites/sites.service.ts';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, TEST_PASSWORD } from '../harness.ts';
import {
  type BrowserSession,
  type LiveServer,
  login,
  loginInEnglish,
  openBrowser,
  startLiveServer,
} from './browser.ts';

let server: LiveServer;
let w: World;
let mine: { id: string; number: string };
let theirs: { id: string; number: string };

async function call(as: Session, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const res = await server.app.request({ method, url, as, ...(payload ? { payload } : {}) });
  assert.ok([200, 201].includes(res.statusCode), `${method} ${url} → ${res.statusCode} ${res.body}`);
  return res;
}

before(async () => {
  server = await startLiveServer();
  const t = server.app;
  w = await buildWorld(t);
  await t.personWith(['end_customer'], {
    username: 'subscriber1',
    customerId: w.customerId,
    displayName: '用户小陈',
    phone: '13900001111',
  });
  await t.personWith(['customer_escort'], {
    username: 'escort1',
    customerId: w.customerId,
    displayName: '随工小王',
    phone: '13900002222',
  });
  const sys = { system: 'test' };
  const other = await createCustomer(t.ctx, sys, {
    code: 'OTHERB',
    name: '另一家客户',
    kind: 'operator',
    regionId: w.regions.countyA1,
  });
  const otherSite = await createSite(t.ctx, sys, {
    code: 'OSB',
    customerId: other.id,
    name: '另一家机房',
    address: '贵阳市南明区 2 号',
    areaClass: 'urban',
    regionId: w.regions.countyA1,
  });
  mine = json(await call(w.callCenter, 'POST', '/api/v1/work-orders', phoneIntake(w)));
  theirs = json(
    await call(
      w.callCenter,
      'POST',
      '/api/v1/work-orders',
      phoneIntake(w, { customerId: other.id, siteId: otherSite.id, equipmentId: undefined, product: 'OLT' }),
    ),
  );
});

after(async () => {
  await server?.close();
});

/** An hour ago on the site's clock, as the date picker takes it. */
function anHourAgo(): string {
  const at = new Date(server.app.clock.now().getTime() - 3_600_000 + 8 * 3_600_000);
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** Reports a fault through the page and answers the order number the page gives back. */
async function report(s: BrowserSession, words: { site: string; symptom: string; sent: RegExp }) {
  const p = s.page;
  const form = p.locator('form[id="report-fault"]');
  await form.locator('#report-fault_siteId').click();
  await p.locator('.ant-select-item-option', { hasText: words.site }).first().click();
  await form.locator('#report-fault_symptom').fill(words.symptom);
  const when = form.locator('#report-fault_occurredAt');
  await when.click();
  await when.fill(anHourAgo());
  // The picker's own confirm button takes the typed time (Enter would also submit the form).
  await p.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
  await form.locator('#report-fault_serviceDown').click();
  await form.getByRole('button', { name: /提\s*交报障|Send the report/ }).click();
  const done = p.getByRole('alert').filter({ hasText: words.sent });
  await done.waitFor();
  const number = /WO-\d{8}-\d{4}/.exec((await done.textContent()) ?? '')?.[0];
  assert.ok(number, 'the page gives the new order’s number');
  return number;
}

/** Opens an order from the list and answers the progress sentence the drawer shows. */
async function follow(s: BrowserSession, number: string) {
  const p = s.page;
  await p.getByRole('button', { name: number, exact: true }).click();
  const progress = p.getByTestId('my-order-progress');
  await progress.waitFor();
  const text = (await progress.textContent()) ?? '';
  await p.keyboard.press('Escape');
  await progress.waitFor({ state: 'detached' });
  return text;
}

describe('self-service: a customer signs in to their own orders, reports a fault and follows it', () => {
  test('zh-CN: a subscriber sees only their orders, reports in plain words, and sees it taken on', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const p = s.page;
      await p.goto('/login');
      await login(s, 'subscriber1', TEST_PASSWORD);
      await p.getByRole('menuitem', { name: /我的工单|My orders/ }).click();
      await p.getByRole('button', { name: mine.number, exact: true }).waitFor();
      assert.equal(await p.getByText(theirs.number).count(), 0, 'another customer’s order is not shown');
      // Labels, not codes: the state reads in Chinese.
      const row = p.locator('tr', { has: p.getByRole('button', { name: mine.number, exact: true }) });
      assert.match((await row.textContent()) ?? '', /已受理|已接单|待/);
      assert.doesNotMatch((await row.textContent()) ?? '', /received|fault_repair/);

      const number = await report(s, {
        site: '南明汇聚机房',
        symptom: '家里宽带从早上开始上不了网，光猫 LOS 灯闪红',
        sent: /已收到您的报障/,
      });
      await p.getByRole('button', { name: number, exact: true }).waitFor();
      assert.equal(await follow(s, number), '我们已收到您的报障，正在安排处理。');
      await s.shot('h17-my-orders-reported-zh');

      // The call center takes it on: following it again says someone looks after it.
      const made = await server.app.ctx.db
        .selectFrom('work_orders')
        .select(['id', 'contact_phone', 'channel'])
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      assert.equal(made.contact_phone, '13900001111', 'the account’s phone is the contact');
      assert.equal(made.channel, 'customer_call');
      await call(w.callCenter, 'POST', `/api/v1/work-orders/${made.id}/transitions`, { to: 'accepted' });
      // Nothing in flight when the page reloads, so no request is cut off.
      await p.waitForLoadState('networkidle');
      await p.reload();
      await p.getByRole('button', { name: number, exact: true }).waitFor();
      assert.equal(await follow(s, number), '已有专人负责您的报障。');
      assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });

  test('en: a customer escort reports a fault and follows it in English', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en' });
    try {
      const p = s.page;
      await loginInEnglish(s, 'escort1', TEST_PASSWORD);
      await p.getByRole('menuitem', { name: /我的工单|My orders/ }).click();
      await p.getByRole('button', { name: mine.number, exact: true }).waitFor();
      assert.equal(await p.getByText(theirs.number).count(), 0);
      const number = await report(s, {
        site: '南明汇聚机房',
        symptom: 'A transmission board shows a steady red light; some base stations drop in and out',
        sent: /We have your report/,
      });
      await p.getByRole('button', { name: number, exact: true }).waitFor();
      assert.equal(await follow(s, number), 'We have your report and are arranging the work.');
      await s.shot('h17-my-orders-reported-en');
      assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });
});
