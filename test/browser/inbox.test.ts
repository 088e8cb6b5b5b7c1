/**
 * Inbox, deadline boards and dashboard charts in a real browser: a critical order taken by a
 * call-center agent reaches the director's inbox live (SL-3) and the director acknowledges its
 * escalation (SL-2); the at-risk / breached boards and the dashboard charts render; once in English.
 * Any console error, page error, failed request or 5xx fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';

/** The page's document, as much of it as the checks below use (the test files type-check without the DOM library). */
type PageDocument = {
  querySelector(s: string): { getAttribute(name: string): string | null } | null;
  querySelectorAll(s: string): { length: number };
};

/**
 * The badge's count, checked inside the page. A function with an argument, not a string: the
 * content security policy forbids evaluating strings as script, and Playwright would have to.
 */
const badgeIs = (op: 'gt0' | 'eq', n = 0) =>
  [
    (arg: { op: 'gt0' | 'eq'; n: number }) => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const v = Number(doc.querySelector('[data-testid="inbox-badge"]')?.getAttribute('data-unread'));
      return arg.op === 'gt0' ? v > 0 : v === arg.n;
    },
    { op, n },
  ] as const;

import { sweepOnce } from '../../src/jobs/timers.ts';
import { TEST_PASSWORD } from '../harness.ts';
import {
  type BrowserSession,
  type LiveServer,
  login,
  openBrowser,
  seedKunming,
  startLiveServer,
} from './browser.ts';

let server: LiveServer;

before(async () => {
  server = await startLiveServer();
  const { ctx } = server.app;
  await seedKunming(ctx);
  await server.app.personWith(['call_center'], { username: 'agent', displayName: '受理员王' });
  await server.app.personWith(['after_sales_director'], { username: 'director', displayName: '售后总监钱' });
});

after(async () => {
  await server?.close();
});

function assertClean(s: BrowserSession, expected4xx: string[]) {
  assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
  assert.deepEqual(s.clientErrors, expected4xx);
}

/** The unread count the header badge shows. */
async function unread(page: Page): Promise<number> {
  return Number(await page.getByTestId('inbox-badge').getAttribute('data-unread'));
}

describe('inbox, deadline boards and dashboard charts', () => {
  test('zh-CN: a critical order reaches the director live; acknowledge; at-risk and breached boards; charts', async () => {
    const director = await openBrowser(server.baseUrl);
    const agent = await openBrowser(server.baseUrl);
    try {
      const d = director.page;
      await d.goto('/login');
      const streamOpen = d.waitForResponse((r) => r.url().includes('/api/v1/notifications/stream?lang='));
      await login(director, 'director', TEST_PASSWORD);
      await d.waitForURL('**/dashboard');
      await streamOpen;
      assert.equal(await unread(d), 0);
      // Keyboard: the bell is a labelled button that opens the inbox.
      await d.getByRole('button', { name: '收件箱，0 条未读' }).focus();
      await d.keyboard.press('Enter');
      await d.getByRole('heading', { level: 1, name: '收件箱' }).waitFor();
      await d.getByText('没有通知').waitFor();

      // The agent takes a critical order (a service interruption) through the intake form.
      const a = agent.page;
      await a.goto('/login');
      await login(agent, 'agent', TEST_PASSWORD);
      await a.waitForURL('**/orders');
      await a.getByRole('navigation', { name: '主导航' }).getByText('受理新工单').click();
      await a.getByRole('heading', { level: 1, name: '受理新工单' }).waitFor();
      const pick = async (label: string, text: string) => {
        await a.getByLabel(label, { exact: true }).click();
        await a
          .locator('.ant-select-dropdown:visible')
          .locator('.ant-select-item-option')
          .filter({ hasText: text })
          .first()
          .click();
      };
      await pick('工单类型', '故障处理');
      await pick('客户', '云南移动');
      await a.getByLabel('联系人').fill('王工');
      await a.getByLabel('联系电话').fill('13800000000');
      await pick('站点', '昆明核心机房');
      await a.getByLabel('发生时间').fill('2026-11-20T09:30');
      await a.getByLabel('现象').fill('OLT 上联口闪断，全部宽带用户掉线');
      await a.getByLabel('业务中断').check();
      await a.getByRole('button', { name: '提交工单' }).click();
      await a.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      const orderPath = new URL(a.url()).pathname;
      const orderNumber = ((await a.getByRole('heading', { level: 1, name: /^工单 / }).textContent()) ?? '')
        .replace('工单 ', '')
        .trim();
      assertClean(agent, []);

      // No reload: the badge climbs and the critical notice appears, marked critical.
      await d.waitForFunction(...badgeIs('gt0'));
      const critical = d.locator('[data-testid="notice"][data-critical="true"]').first();
      await critical.waitFor();
      assert.match((await critical.textContent()) ?? '', /紧急/);
      assert.match((await critical.textContent()) ?? '', new RegExp(orderNumber));
      await director.shot('h9-01-inbox-live-zh');

      // Acknowledge the escalation: it leaves the open list and the server records who did it.
      await d.getByRole('tab', { name: '升级' }).click();
      const ack = d.getByRole('button', { name: /^确认升级「/ }).first();
      await ack.waitFor();
      await ack.click();
      await d.getByText('已确认，升级停止').waitFor();
      await d.getByText('没有升级').waitFor();
      const escalations = await server.app.ctx.db.selectFrom('escalations').selectAll().execute();
      const mine = escalations.filter((e) => e.subject_id === orderPath.split('/').pop());
      assert.ok(mine.length >= 1 && mine.every((e) => e.acknowledged_at !== null), JSON.stringify(mine));

      // Mark one read, then all read: the badge follows to zero.
      await d.getByRole('tab', { name: '通知' }).click();
      const before = await unread(d);
      await d
        .getByRole('button', { name: /^将「.*」标为已读$/ })
        .first()
        .click();
      await d.waitForFunction(...badgeIs('eq', before - 1));
      // The badge may have been read before every notice of this order arrived (the live stream
      // and the list refresh race), so "all read" is used whenever anything is still unread.
      if (before > 1 || (await d.locator('[data-testid="notice"][data-read="false"]').count()) > 0) {
        await d.getByRole('button', { name: '全部标为已读' }).click();
        await d.waitForFunction(...badgeIs('eq', 0));
      }
      await d.waitForFunction(
        () =>
          (globalThis as unknown as { document: PageDocument }).document.querySelectorAll(
            '[data-testid="notice"][data-read="false"]',
          ).length === 0,
      );

      // 12 of the 15 respond minutes pass: the order is at risk, linked, coloured by risk.
      server.app.clock.advanceMinutes(12);
      await d.getByRole('navigation', { name: '主导航' }).getByText('时限预警').click();
      await d.getByRole('heading', { level: 1, name: '时限预警' }).waitFor();
      const atRisk = d.locator('[data-testid="clock-at-risk"]').filter({ hasText: orderNumber }).first();
      await atRisk.waitFor();
      assert.notEqual(await atRisk.getAttribute('data-risk'), 'green');
      await atRisk
        .getByText(/剩余 \d+ 分/)
        .first()
        .waitFor();
      await director.shot('h9-02-at-risk-zh');

      // Past the deadline and swept: the breached board shows it overdue, in red.
      server.app.clock.advanceMinutes(10);
      await sweepOnce(server.app.ctx);
      await d.getByRole('tab', { name: '已超时' }).click();
      const breached = d.locator('[data-testid="clock-breached"]').filter({ hasText: orderNumber }).first();
      await breached.waitFor();
      assert.equal(await breached.getAttribute('data-risk'), 'red');
      await breached.getByText(/已超/).first().waitFor();
      await director.shot('h9-03-breached-zh');
      await breached.getByRole('link', { name: orderNumber }).click();
      await d.waitForURL(`**${orderPath}`);
      await d.getByRole('tab', { name: '时限' }).click();
      await d.locator('[data-testid="order-clock"]').first().waitFor();
      // SL-1: pause while the customer is away, with a reason, then resume.
      await d.getByRole('button', { name: '暂停计时' }).click();
      const modal = d.locator('.ant-modal:visible');
      await modal.getByLabel('暂停原因').click();
      await d.locator('.ant-select-dropdown:visible').getByText('客户不在', { exact: true }).click();
      await modal.getByLabel('备注').fill('客户机房无人');
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await d.getByRole('button', { name: '恢复计时' }).waitFor();
      await d.getByText(/客户不在 · .* → 进行中 · 客户机房无人/).waitFor();
      await director.shot('h9-04-order-clocks-zh');
      await d.getByRole('button', { name: '恢复计时' }).click();
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await d.getByRole('button', { name: '暂停计时' }).waitFor();

      // The dashboard: compliance by partner and region (the breached respond clock) and satisfaction.
      await d.getByRole('navigation', { name: '主导航' }).getByText('管理看板').click();
      await d.getByRole('img', { name: '按合作方的时限达成率' }).locator('canvas').waitFor();
      await d.getByRole('img', { name: '按区域的时限达成率' }).locator('canvas').waitFor();
      await d.getByRole('img', { name: '满意度评分分布' }).locator('canvas').waitFor();
      await director.shot('h9-05-dashboard-zh');

      // Logout closes the stream; the login page shows.
      await d.getByTestId('account-menu').hover();
      await d.getByRole('menuitem', { name: '退出登录' }).click();
      await d.waitForURL('**/login');
      assertClean(director, []);
    } catch (err) {
      await director.shot(`h9-failed-director-${Date.now()}`);
      await agent.shot(`h9-failed-agent-${Date.now()}`);
      throw err;
    } finally {
      await agent.close();
      await director.close();
    }
  });

  test('English: inbox, deadline watch and dashboard charts', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en-US' });
    const { page } = s;
    try {
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await login(s, 'director', TEST_PASSWORD);
      await page.waitForURL('**/dashboard');
      await page.getByRole('img', { name: 'Deadline compliance by partner' }).locator('canvas').waitFor();
      await page.getByRole('img', { name: 'Deadline compliance by region' }).locator('canvas').waitFor();
      await page.getByRole('img', { name: 'Satisfaction scores' }).locator('canvas').waitFor();
      await s.shot('h9-10-dashboard-en');
      await page.getByRole('button', { name: /^Inbox, \d+ unread$/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      await page
        .locator('[data-testid="notice"][data-critical="true"]')
        .first()
        .getByText('Critical', { exact: true })
        .waitFor();
      // The breached respond clock started its own escalation (SL-2); it is acknowledged here.
      await page.getByRole('tab', { name: 'Escalations' }).click();
      await page
        .getByRole('button', { name: /^Acknowledge escalation “/ })
        .first()
        .click();
      await page.getByText('Acknowledged; the escalation stops climbing').waitFor();
      await s.shot('h9-11-inbox-en');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByText('Deadline watch').click();
      await page.getByRole('tab', { name: 'Breached' }).click();
      await page
        .locator('[data-testid="clock-breached"]')
        .first()
        .getByText(/overdue/)
        .first()
        .waitFor();
      await s.shot('h9-12-breached-en');
      assertClean(s, []);
    } catch (err) {
      await s.shot(`h9-failed-en-${Date.now()}`);
      throw err;
    } finally {
      await s.close();
    }
  });
});
