/**
 * Settings pages in a real browser (SL-1, SL-2, WO-6): an administrator sets a deadline rule, adds
 * a holiday to the standard calendar (a day without a name is refused on its row), adds a rung to
 * the default escalation ladder and a checklist item — each saved by the server and seen again
 * after a reload. Any console error, page error, failed request or 5xx fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_PASSWORD } from '../harness.ts';
import { chooseInModal as choose, type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;

before(async () => {
  server = await startLiveServer();
  await server.app.personWith(['admin'], { username: 'settingsadmin', displayName: '管理员郑' });
  await server.app.personWith(['admin'], {
    username: 'settingsadmin-en',
    displayName: 'Admin Zheng',
    locale: 'en',
  });
});

after(async () => {
  await server?.close();
});

describe('settings pages', () => {
  test('zh-CN: deadline rule, holiday, ladder rung and checklist item, each kept by the server', async () => {
    const s = await openBrowser(server.baseUrl);
    const { page } = s;
    const nav = page.getByRole('navigation', { name: '主导航' });
    const dialog = page.locator('.ant-modal:visible');
    try {
      await page.goto('/login');
      await login(s, 'settingsadmin', TEST_PASSWORD);

      // Deadline rule: minor faults in rural areas get 3 days (4,320 minutes) to resolve.
      await nav.getByText('时限规则').click();
      await page.getByRole('heading', { level: 1, name: '时限规则' }).waitFor();
      await page.getByRole('button', { name: '设置时限' }).click();
      await choose(page, dialog.getByLabel('严重程度'), '一般');
      await choose(page, dialog.getByLabel('区域类别'), '农村');
      await choose(page, dialog.getByLabel('时限类型'), '解决');
      await dialog.getByLabel('时限（分钟）').fill('4320');
      await dialog.getByText('即 72 小时 00 分').waitFor();
      await choose(page, dialog.getByLabel('工作日历'), '标准工作日');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('时限已保存').waitFor();
      const policies = await server.app.ctx.db
        .selectFrom('deadline_policies')
        .selectAll()
        .where('area_class', '=', 'rural')
        .where('kind', '=', 'resolve')
        .execute();
      assert.ok(
        policies.some((p) => p.minutes === 4320 && p.severity === 'minor'),
        JSON.stringify(policies),
      );
      await s.shot('settings-policies-zh');

      // Calendar: a day without a name is refused on its row; with a name it is kept.
      await nav.getByText('工作日历').click();
      await page.getByRole('heading', { level: 1, name: '工作日历' }).waitFor();
      await choose(page, page.getByRole('combobox', { name: '工作日历' }), '标准工作日');
      await page.getByLabel('年份').fill('2027');
      await page.getByText('这一年还没有节假日').waitFor();
      await page.getByRole('button', { name: '添加一天' }).click();
      await page.getByLabel('日期').last().fill('2027-10-01');
      await page.getByLabel('日期').last().press('Enter');
      await page.getByRole('button', { name: '保存本年' }).click();
      await page.getByText(/第 1 行：/).waitFor();
      await page.getByLabel('名称', { exact: true }).last().fill('国庆节');
      await page.getByRole('button', { name: '保存本年' }).click();
      await page.getByText('2027 年的节假日已保存').waitFor();
      const days = await server.app.ctx.db
        .selectFrom('calendar_days')
        .selectAll()
        .where('day', '=', '2027-10-01')
        .execute();
      assert.equal(days.length, 1);
      assert.equal(days[0]?.name, '国庆节');
      await s.shot('settings-calendar-zh');

      // Default ladder: one more rung for the after-sales director after 8 hours.
      await nav.getByText('升级阶梯').click();
      await page.getByRole('heading', { level: 1, name: '升级阶梯' }).waitFor();
      await page.getByTestId('ladder-step').first().waitFor();
      const before = await page.getByTestId('ladder-step').count();
      await page.getByRole('button', { name: '添加一级' }).click();
      const last = page.getByTestId('ladder-step').last();
      await choose(page, last.getByLabel('通知对象'), '售后总监');
      await last.getByLabel('超时后（分钟）').fill('480');
      await page.getByRole('button', { name: '保存阶梯' }).click();
      await page.getByText('升级阶梯已保存').waitFor();
      await page.reload();
      await page.getByTestId('ladder-step').nth(before).waitFor();
      assert.equal(await page.getByTestId('ladder-step').count(), before + 1);
      await s.shot('settings-ladder-zh');

      // Checklist: a new item for fault repairs.
      await nav.getByText('检查清单').click();
      await page.getByRole('heading', { level: 1, name: '检查清单' }).waitFor();
      // The list loads the person's permissions first; the form opens once the button is live.
      await page.getByRole('button', { name: /^新\s*建$/ }).click();
      await dialog.getByLabel('适用工单类型').waitFor({ timeout: 20_000 });
      await choose(page, dialog.getByLabel('适用工单类型'), '故障');
      await dialog.getByLabel('编码').fill('fiber_label');
      await dialog.getByLabel('检查项（中文）').fill('核对尾纤标签');
      await dialog.getByLabel('检查项（英文）').fill('Check the pigtail labels');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.reload();
      await page.getByRole('cell', { name: '核对尾纤标签' }).waitFor();
      await s.shot('settings-checklist-zh');

      assert.deepEqual(s.problems, []);
      // The one refusal was the nameless holiday.
      assert.equal(s.clientErrors.length, 1, s.clientErrors.join('\n'));
      assert.match(s.clientErrors[0] ?? '', /^422 PUT \/api\/v1\/calendars\/[^/]+\/years\/2027$/);
    } finally {
      await s.close();
    }
  });

  test('en: the settings pages speak English, with no raw codes in the deadline rules', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en-US' });
    const { page } = s;
    try {
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await login(s, 'settingsadmin-en', TEST_PASSWORD);
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      await nav.getByText('Deadline rules').click();
      await page.getByRole('heading', { level: 1, name: 'Deadline rules' }).waitFor();
      await page.getByRole('cell', { name: 'Any' }).first().waitFor();
      const table = ((await page.locator('.ant-table').textContent()) ?? '').toLowerCase();
      for (const raw of ['follow_up', 'fault_repair', '*']) assert.ok(!table.includes(raw), raw);
      await nav.getByText('Escalation ladders').click();
      await page.getByRole('heading', { level: 1, name: 'Escalation ladders' }).waitFor();
      await page.getByTestId('ladder-step').first().waitFor();
      await s.shot('settings-ladder-en');
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });
});
