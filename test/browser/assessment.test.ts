/**
 * VA-2 in a real browser: a manager opens October's scorecard on the hand-computed month
 * (assessment.fixtures.ts), sees the ranking, the twelve-month trend drawn, and opens the orders
 * behind the partner's response-deadline figure; once in English. Any console error, page error,
 * failed request or 5xx fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedOctober } from '../../src/modules/assessment/assessment.fixtures.ts';
import { buildWorld } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { TEST_PASSWORD } from '../harness.ts';
import { type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;

before(async () => {
  server = await startLiveServer();
  const w = await buildWorld(server.app);
  await seedOctober(server.app, w);
  await server.app.personWith(['after_sales_director'], { username: 'va-boss', displayName: '售后总监钱' });
  await server.app.personWith(['after_sales_director'], {
    username: 'va-boss-en',
    displayName: 'Director Qian',
    locale: 'en',
  });
});

after(async () => {
  await server?.close();
});

describe('vendor assessment scorecard', () => {
  test('zh-CN: ranking, a trend and a drill-down from a figure to its orders', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const { page } = s;
      await page.goto('/login');
      await login(s, 'va-boss', TEST_PASSWORD);
      await page.getByRole('menuitem', { name: '代维考核', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '代维考核' }).waitFor();
      // The month the fixture holds, chosen as a manager would (no reload).
      await page
        .locator('.ant-select')
        .filter({ has: page.getByRole('combobox', { name: '月份' }) })
        .click();
      await page
        .locator('.ant-select-dropdown:visible')
        .locator('.ant-select-item-option')
        .filter({ hasText: '2026-10' })
        .first()
        .click();
      await page.getByRole('cell', { name: '代维甲', exact: true }).first().waitFor();
      await page
        .getByRole('img', { name: /近十二个月趋势/ })
        .locator('canvas')
        .waitFor();
      // 代维甲's response deadlines: 50 % met of four; the number opens the four orders.
      const row = page.getByRole('row').filter({ hasText: '响应及时率' });
      await row.getByRole('button', { name: '50%' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('代维甲 · 响应及时率 对应的工单').waitFor();
      await dialog.getByRole('cell', { name: '超时' }).first().waitFor();
      assert.equal(await dialog.getByRole('cell', { name: '超时' }).count(), 2);
      assert.equal(await dialog.getByRole('cell', { name: '达标' }).count(), 2);
      await s.shot('assessment-drill-zh');
      await dialog.getByRole('button', { name: /关闭|Close/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The heat map of the indicator chosen for the trend, partner × prefecture.
      await page
        .getByRole('img', { name: /分区热力图/ })
        .locator('canvas')
        .first()
        .waitFor();
      await page.getByText('颜色为该指标在考核方案目标区间中的得分').waitFor();
      await page.getByRole('menuitem', { name: '考核指标说明' }).click();
      await page.getByRole('heading', { level: 1, name: '考核指标说明' }).waitFor();
      await page.getByText('千单投诉量').waitFor();
      // The scheme: a weight that breaks the total of 100 is refused by the server, named.
      await page.getByRole('menuitem', { name: '考核方案' }).click();
      await page.getByRole('heading', { level: 1, name: '考核方案' }).waitFor();
      await page.getByTestId('weight-total').getByText('权重合计 100 / 100').waitFor();
      const weight = page.getByRole('spinbutton', { name: '一次修复率 权重', exact: true });
      await weight.fill('20');
      await page.getByTestId('weight-total').getByText('权重合计 105 / 100').waitFor();
      await page.getByRole('button', { name: '保存方案' }).click();
      await page.getByRole('alert').getByText('各项权重之和须为 100，现为 105').waitFor();
      const respond = page.getByRole('spinbutton', { name: '响应及时率 权重', exact: true });
      await respond.fill('10');
      await page.getByRole('button', { name: '保存方案' }).click();
      await page.getByText('考核方案已保存').waitFor();
      await page.getByTestId('scheme-history').getByText('一次修复率：15 (95 / 80) → 20 (95 / 80)').waitFor();
      await s.shot('assessment-scheme-zh');
      assert.deepEqual(s.problems, []);
      // The one refusal is the scheme whose weights added up to 105.
      assert.deepEqual(s.clientErrors, ['422 PUT /api/v1/assessment/scheme']);
    } finally {
      await s.close();
    }
  });

  test('en: the same scorecard, trend and drill-down in English', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en-US' });
    try {
      const { page } = s;
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await login(s, 'va-boss-en', TEST_PASSWORD);
      // The landing page's chunks finish loading first: a navigation would abort them mid-flight.
      await page.getByRole('menuitem', { name: 'Vendor assessment', exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.goto('/assessment?month=2026-10');
      await page.getByRole('heading', { level: 1, name: 'Vendor assessment' }).waitFor();
      await page
        .getByRole('img', { name: /Trend over twelve months/ })
        .locator('canvas')
        .waitFor();
      const row = page.getByRole('row').filter({ hasText: /Respon\w* deadlines met/ });
      await row.getByRole('button', { name: '50%' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('cell', { name: 'late' }).first().waitFor();
      assert.equal(await dialog.getByRole('cell', { name: 'on time' }).count(), 2);
      await s.shot('assessment-drill-en');
      await dialog.getByRole('button', { name: /关闭|Close/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page
        .getByRole('img', { name: /Heat map by prefecture/ })
        .locator('canvas')
        .first()
        .waitFor();
      await page.getByRole('menuitem', { name: 'Assessment scheme' }).click();
      await page.getByRole('heading', { level: 1, name: 'Assessment scheme' }).waitFor();
      await page
        .getByTestId('scheme-history')
        .getByText(/First-time fix: 15 \(95 \/ 80\) → 20/)
        .waitFor();
      // A chunk preload cut short by the client-side move to the scheme page is not a fault.
      assert.deepEqual(
        s.problems.filter((p) => !(p.includes('/assets/') && p.includes('net::ERR_ABORTED'))),
        [],
      );
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });
});
