/**
 * CW-1/CW-2 in a real browser: an agent types 「这不是我的事，你找运营商吧」 into a customer
 * notice, sees each finding with its category and suggestion as she types, applies them with one
 * click and sends; once in English. Any console error, page error, failed request or 5xx fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { json, TEST_PASSWORD } from '../harness.ts';
import { type LiveServer, login, openBrowser, seedKunming, startLiveServer } from './browser.ts';

let server: LiveServer;

/** Opens the select labelled `label` inside `scope` and picks the option with `text`. */
async function choose(page: Page, scope: Locator, label: string, text: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}
const orders: string[] = [];
const numbers: string[] = [];
let linkToken = '';

before(async () => {
  server = await startLiveServer();
  const world = await seedKunming(server.app.ctx);
  const agent = await server.app.personWith(['call_center'], { username: 'agent', displayName: '受理员王' });
  await server.app.personWith(['call_center'], {
    username: 'agent-en',
    displayName: 'Agent Wang',
    locale: 'en',
  });
  await server.app.personWith(['after_sales_director'], { username: 'director', displayName: '售后总监钱' });
  const equipment = await server.app.ctx.db.selectFrom('equipment').select('id').executeTakeFirstOrThrow();
  for (let i = 0; i < 2; i++) {
    const res = await server.app.request({
      method: 'POST',
      url: '/api/v1/work-orders',
      as: agent,
      payload: {
        type: 'fault_repair',
        channel: 'customer_call',
        severity: 'major',
        customerId: world.customer.id,
        contactName: '刘工',
        contactPhone: '13800000001',
        siteId: world.site.id,
        equipmentId: equipment.id,
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        symptom: 'OLT 上联口频繁闪断，部分用户掉线',
        alarms: 'ETH_LOS',
        suspectedCause: '光模块老化',
        foundHow: '客户来电',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    orders.push(json<{ id: string }>(res).id);
    if (i === 0) {
      const link = await server.app.request({
        method: 'POST',
        url: `/api/v1/work-orders/${orders[0]}/customer-links`,
        as: agent,
        payload: {},
      });
      assert.equal(link.statusCode, 201, link.body);
      linkToken = json<{ token: string }>(link).token;
    }
    numbers.push(json<{ number: string }>(res).number);
  }
});

after(async () => {
  await server?.close();
});

describe('wording check as the agent types', () => {
  test('zh-CN: the finding shows with its suggestion, one click applies it, and the notice is sent', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const { page } = s;
      await page.goto('/login');
      await login(s, 'agent', TEST_PASSWORD);
      // From the order list, as the agent would.
      await page.waitForURL('**/orders');
      await page.getByRole('link', { name: numbers[0] }).click();
      await page.waitForURL(`**/orders/${orders[0]}`);
      await page.getByRole('tab', { name: '客户通知' }).click();
      await page.getByTestId('wording-input').fill('这不是我的事，你找运营商吧');
      const findings = page.getByTestId('wording-finding');
      await findings.first().waitFor();
      assert.equal(await findings.count(), 2);
      const first = (await findings.first().textContent()) ?? '';
      assert.match(first, /推脱语言/);
      assert.match(first, /这个问题我来帮您协调/);
      assert.equal(
        await page.getByRole('button', { name: '发 送' }).isDisabled(),
        true,
        'a blocked text cannot be sent',
      );
      await s.shot('wording-zh-findings');
      // Apply the first suggestion; the text is checked again and the second finding remains.
      await findings.first().getByRole('button', { name: '采用建议' }).click();
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
          ).document.querySelectorAll('[data-testid="wording-finding"]').length === 1,
      );
      await findings.first().getByRole('button', { name: '采用建议' }).click();
      await page.getByTestId('wording-clean').waitFor();
      assert.equal(
        await page.getByTestId('wording-input').inputValue(),
        '这个问题我来帮您协调，我来帮您联系运营商',
      );
      await page.getByRole('button', { name: '发 送' }).click();
      await page.getByTestId('customer-notice').filter({ hasText: '我来帮您联系运营商' }).waitFor();
      await s.shot('wording-zh-sent');
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });

  test('en: the same check and one-click fix in English', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en-US' });
    try {
      const { page } = s;
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await login(s, 'agent-en', TEST_PASSWORD);
      await page.waitForURL('**/orders');
      await page.getByRole('link', { name: numbers[1] }).click();
      await page.waitForURL(`**/orders/${orders[1]}`);
      await page.getByRole('tab', { name: 'Customer notices' }).click();
      await page.getByTestId('wording-input').fill('Calm down, the engineer comes at 3 pm.');
      const finding = page.getByTestId('wording-finding');
      await finding.first().waitFor();
      assert.match((await finding.first().textContent()) ?? '', /impatient/);
      await finding.first().getByRole('button', { name: 'Apply' }).click();
      await page.getByTestId('wording-clean').waitFor();
      assert.equal(
        await page.getByTestId('wording-input').inputValue(),
        'I understand how you feel, the engineer comes at 3 pm.',
      );
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByTestId('customer-notice').filter({ hasText: 'I understand how you feel' }).waitFor();
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });

  test('zh-CN: the director records a complaint, answers through a template with the check, and sees the satisfaction charts and templates', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const { page } = s;
      await page.goto('/login');
      await login(s, 'director', TEST_PASSWORD);
      await page.waitForURL('**/dashboard');
      await page.waitForLoadState('networkidle');
      await page.getByRole('menuitem', { name: '投诉受理' }).click();
      await page.getByRole('heading', { level: 1, name: '投诉' }).waitFor();
      await page.getByRole('button', { name: '登记投诉' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, dialog, '工单', numbers[0]!);
      await choose(page, dialog, '类别', '服务意识与沟通');
      await dialog.getByLabel('投诉内容').fill('工程师说这不是他的事，让我们自己找运营商');
      await dialog.getByRole('button', { name: '保 存' }).click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByText('受理时限').waitFor();
      // The reply goes through a template; the resolution is checked as it is typed.
      const resolution = drawer.getByTestId('wording-input');
      await resolution.fill('这不是我们的事');
      await drawer.getByTestId('wording-finding').first().waitFor();
      await resolution.fill('我们已安排主管上门致歉，并完成了故障处理');
      await drawer.getByTestId('wording-clean').waitFor();
      await drawer.getByRole('button', { name: '答复客户' }).click();
      await drawer.getByText('刘工您好，关于您的投诉').waitFor();
      await drawer.getByText('已答复').waitFor();
      await s.shot('complaint-desk');
      await page.keyboard.press('Escape');
      await page.getByRole('menuitem', { name: '满意度' }).click();
      await page.getByRole('img', { name: '按月趋势' }).locator('canvas').waitFor();
      await page.getByRole('img', { name: '代维单位排名' }).locator('canvas').waitFor();
      await page.getByRole('menuitem', { name: '消息模板' }).click();
      await page.getByRole('cell', { name: '迟到通知', exact: true }).first().click();
      await page.getByRole('button', { name: '预 览' }).click();
      await page.getByTestId('template-preview').getByText('王先生您好，非常抱歉').waitFor();
      await s.shot('templates');
      // A new template: its body is checked as it is typed, and created once clean.
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: '新建模板' }).click();
      const tpl = page.locator('form#template-new');
      await tpl.getByLabel('编号').fill('greeting.evening');
      await tpl.getByLabel('中文名称').fill('晚间问候');
      await tpl.getByLabel('英文名称').fill('Evening greeting');
      const bodyZh = tpl.getByTestId('wording-input').nth(0);
      await bodyZh.fill('这不是我的事，你找运营商吧');
      await tpl.getByTestId('wording-finding').first().waitFor();
      await bodyZh.fill('您好，晚上打扰了，我们会尽快为您处理');
      await tpl.getByTestId('wording-clean').first().waitFor();
      await tpl.getByTestId('wording-input').nth(1).fill('Good evening, we will take care of it shortly.');
      await tpl.getByRole('button', { name: '创建模板' }).click();
      await page.getByRole('cell', { name: '晚间问候', exact: true }).waitFor();
      // The lexicon is data: the director tries a new expression on sample texts, then adds it.
      await page.keyboard.press('Escape');
      await page.getByRole('menuitem', { name: '用语规范' }).click();
      await page.getByRole('heading', { level: 1, name: '用语检查词库' }).waitFor();
      const add = page.locator('form#expression');
      await add.getByLabel('用语', { exact: true }).fill('太low了');
      await choose(page, add, '类别', '指责用户的话');
      await add.getByLabel('建议说法').fill('客观说明情况');
      await add.getByLabel('试用文本（每行一句）').fill('您这个问题太low了\n网络已恢复');
      await add.getByRole('button', { name: '试 用' }).click();
      await page.getByTestId('lexicon-tried').getByText('命中新用语').waitFor();
      await add.getByRole('button', { name: '保 存' }).click();
      await page.getByPlaceholder('搜索').fill('太low');
      await page.getByPlaceholder('搜索').press('Enter');
      await page.getByRole('cell', { name: '太low了', exact: true }).waitFor();
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });

  test('zh-CN: the customer raises a complaint from the order link', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const { page } = s;
      await page.goto(`/c/${linkToken}`);
      const card = page.locator('form#customer-complaint');
      await choose(page, card, '类别', '响应处理时长');
      await card.getByLabel('投诉内容').fill('约好上午来，到下午还没人来');
      await card.getByRole('button', { name: '提交投诉' }).click();
      await page.getByText(/您的投诉已受理，编号 TS-/).waitFor();
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });
});
