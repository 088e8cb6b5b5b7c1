/**
 * The web console in a real browser against a real server: each role's flows in zh-CN, and
 * once in English. Any console error, page error, failed request or 5xx fails the test; every
 * 4xx must be one the flow provoked on purpose (wrong password, a field error).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { addCertification, upsertEngineerProfile } from '../../src/modules/people/people.service.ts';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
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
let seeded: { customerId: string; siteId: string; engineerId: string };
const system = { system: 'browser-test' };

before(async () => {
  server = await startLiveServer();
  const { ctx } = server.app;
  const { province, km, customer, site } = await seedKunming(ctx);
  await createRegion(ctx, system, {
    code: 'YN-KM-WH',
    name: '五华区',
    nameEn: 'Wuhua',
    level: 'county',
    parentId: km.id,
  });
  await createRegion(ctx, system, {
    code: 'YN-QJ',
    name: '曲靖市',
    nameEn: 'Qujing',
    level: 'prefecture',
    parentId: province.id,
  });
  const engineer = await server.app.personWith(['engineer'], {
    username: 'eng.li',
    displayName: '李工',
    regionIds: [km.id],
  });
  // An engineer covering no region: never eligible, so the dispatch panel folds him away.
  await server.app.personWith(['engineer'], { username: 'eng.zhou', displayName: '周工' });
  seeded = { customerId: customer.id, siteId: site.id, engineerId: engineer.personId };
  await upsertEngineerProfile(ctx, system, engineer.personId, { employment: 'own', skills: ['OLT'] });
  await addCertification(ctx, system, engineer.personId, { product: 'OLT', expiresOn: '2031-12-31' });
  await server.app.personWith(['call_center'], { username: 'agent', displayName: '受理员王' });
  await server.app.personWith(['area_service_manager'], { username: 'manager', displayName: '区域经理赵' });
  await server.app.personWith(['admin'], { username: 'admin', displayName: '管理员甲' });
  await server.app.personWith(['admin'], { username: 'orgadmin', displayName: '组织管理员' });
  await server.app.personWith(['dispatcher'], { username: 'dispatch', displayName: 'Dispatcher Li' });
});

after(async () => {
  await server?.close();
});

/** The server's own message for a request, in a language, to compare with what the page shows. */
async function serverMessage(url: string, body: unknown, lang: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { error: { message: string } };
  return json.error.message;
}

function assertClean(s: BrowserSession, expected4xx: string[]) {
  assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
  assert.deepEqual(s.clientErrors, expected4xx);
}

/** Opens the select (or tree select) labelled `label` inside `scope` and picks the option with `text`. */
async function choose(page: Page, scope: Page | Locator, label: string | RegExp, text: string) {
  await scope.getByLabel(label, { exact: typeof label === 'string' }).click();
  await page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: text })
    .first()
    .click();
}

/** Draws a zig-zag signature on a signature pad with the mouse. */
async function drawSignature(page: Page, pad: Locator) {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 20 + i * 22, box.y + box.height / 2 + (i % 2 ? -20 : 20));
  }
  await page.mouse.up();
}

/** The error text antd shows under the form field with this label. */
async function fieldError(page: Page, label: RegExp): Promise<string> {
  const item = page.locator('.ant-form-item').filter({ has: page.getByLabel(label) });
  const explain = item.locator('.ant-form-item-explain-error');
  await explain.first().waitFor();
  return (await explain.allInnerTexts()).join(' ');
}

describe('web console', () => {
  test('administrator in zh-CN: login errors, region tree, field errors, history, password, logout', async () => {
    const s = await openBrowser(server.baseUrl);
    const { page } = s;
    try {
      await page.goto('/');
      await page.waitForURL('**/login');
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      await s.shot('01-login-zh');

      const expected = await serverMessage(
        '/api/v1/auth/login',
        { username: 'nobody', password: 'wrong-pass1' },
        'zh-CN',
      );
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel(/^密码$/).fill('wrong-pass1');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('alert').filter({ hasText: expected }).waitFor();
      await s.shot('02-login-error-zh');

      await page.getByLabel(/^密码$/).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL('**/orders');
      await page.getByRole('heading', { level: 1, name: '工单' }).waitFor();
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByText('区域').click();
      await page.waitForURL('**/admin/regions');
      await page.getByRole('tree').getByText('五华区 (YN-KM-WH)').waitFor();
      await s.shot('03-regions-zh');

      // A code the server refuses: its message appears under the code field.
      await page.getByRole('button', { name: '新建省' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('编码').fill('bad code!');
      await dialog.getByLabel(/^名称$/).fill('贵州省');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      const codeError = await fieldError(page, /^编码$/);
      assert.match(codeError, /[\u4e00-\u9fff]/, `field error should be Chinese: ${codeError}`);
      await s.shot('04-region-field-error-zh');

      await dialog.getByLabel('编码').fill('GZ');
      await dialog.getByLabel('英文名称').fill('Guizhou');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('tree').getByText('贵州省 (GZ)').waitFor();

      // Edit with a reason, then read both entries in the history timeline.
      await page.getByRole('button', { name: /编\s*辑/ }).click();
      await dialog.getByLabel(/^名称$/).fill('贵州');
      await dialog.getByLabel('修改原因').fill('简称统一');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('tab', { name: '历史记录' }).click();
      const entries = page.getByTestId('history-entry');
      await entries.nth(1).waitFor();
      assert.equal(await entries.count(), 2);
      assert.match(
        (await entries.first().textContent()) ?? '',
        /修改[\s\S]*原因：简称统一[\s\S]*名称: 贵州省 → 贵州/,
      );
      await s.shot('05-region-history-zh');

      // Password: a wrong current password is refused, then a good change succeeds.
      await page.getByTestId('account-menu').hover();
      await page.getByRole('menuitem', { name: '修改密码' }).click();
      await page.waitForURL('**/account/password');
      await page.getByLabel('当前密码').fill('not-my-password1');
      await page.getByLabel(/^新密码$/).fill('Another#Pass2');
      await page.getByLabel('确认新密码').fill('Another#Pass2');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByRole('alert').waitFor();
      await s.shot('06-password-error-zh');
      await page.getByLabel('当前密码').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('密码已修改').waitFor();

      await page.getByTestId('account-menu').hover();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
      await s.shot('07-logged-out-zh');

      const codeCall = s.clientErrors.find((e) => e.startsWith('422 POST /api/v1/regions'));
      assert.ok(codeCall, 'the bad code was refused by the server');
      const pw = s.clientErrors.filter((e) => e.includes('/api/v1/auth/password'));
      assert.equal(pw.length, 1);
      assertClean(s, ['401 GET /api/v1/auth/me', '401 POST /api/v1/auth/login', codeCall, pw[0]!]);
    } catch (err) {
      await s.shot(`failed-${Date.now()}`);
      throw err;
    } finally {
      await s.close();
    }
  });

  test('dispatcher in English: switch persists, server errors in English, read-only regions', async () => {
    const s = await openBrowser(server.baseUrl);
    const { page } = s;
    const languages: string[] = [];
    page.on('request', (r) => {
      // EventSource cannot set headers; the console reads notice texts through api() instead.
      if (r.url().includes('/api/') && !r.url().includes('/notifications/stream?lang='))
        languages.push(r.headers()['accept-language'] ?? '');
    });
    try {
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await page.getByLabel('Username').waitFor();
      await page.reload();
      await page.getByLabel('Username').waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');

      const expected = await serverMessage(
        '/api/v1/auth/login',
        { username: 'nobody', password: 'wrong-pass1' },
        'en',
      );
      await page.getByLabel('Username').fill('dispatch');
      await page.getByLabel(/^Password$/).fill('wrong-pass1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: expected }).waitFor();
      assert.doesNotMatch(expected, /[\u4e00-\u9fff]/);
      await s.shot('10-login-error-en');

      // Keyboard only: the username field has focus, Tab moves to the password, Enter signs in.
      await page.getByLabel('Username').fill('');
      await page.getByLabel('Username').focus();
      await page.keyboard.type('dispatch');
      await page.keyboard.press('Tab');
      await page.keyboard.type(TEST_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL('**/orders');
      await page.getByRole('heading', { level: 1, name: 'Work orders' }).waitFor();
      await page.getByRole('navigation', { name: 'Main navigation' }).getByText('Regions').click();
      await page.waitForURL('**/admin/regions');
      await page.getByRole('tree').getByText('Kunming (YN-KM)').waitFor();
      assert.equal(await page.getByRole('button', { name: 'New province' }).count(), 0);
      await page.getByRole('tree').getByText('Kunming (YN-KM)').click();
      await page.getByText('Asia/Shanghai').first().waitFor();
      assert.equal(await page.getByRole('button', { name: 'Edit' }).count(), 0);
      await s.shot('11-regions-en');

      assert.ok(languages.length > 0);
      assert.deepEqual([...new Set(languages)], ['en']);
      assertClean(s, ['401 POST /api/v1/auth/login']);
    } catch (err) {
      await s.shot(`failed-${Date.now()}`);
      throw err;
    } finally {
      await s.close();
    }
  });

  test('administrator in zh-CN: partners, customers and contacts, sites, equipment, engineers', async () => {
    const s = await openBrowser(server.baseUrl);
    const { page } = s;
    // The open modal form; drawers are dialogs too, and a closing modal lingers during its animation.
    const dialog = page.locator('.ant-modal:visible');
    const save = () => dialog.getByRole('button', { name: /保\s*存/ }).click();
    // After a save the console opens the record's drawer.
    const drawer = page.locator('.ant-drawer-content:visible');
    const closeDrawer = async () => {
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    };
    try {
      await page.goto('/login');
      await login(s, 'orgadmin', TEST_PASSWORD);
      const nav = page.getByRole('navigation', { name: '主导航' });

      // Partners: a bad phone number is refused and shown under its field.
      await nav.getByText('合作方').click();
      await page.waitForURL('**/admin/partners');
      await page.getByRole('heading', { level: 1, name: '合作方' }).waitFor();
      await page.getByRole('button', { name: /^新\s*建$/ }).click();
      await dialog.getByLabel('编码').fill('P-YT');
      await dialog.getByLabel(/^名称$/).fill('云通代维');
      await dialog.getByLabel('联系电话').fill('call me');
      await save();
      assert.match(await fieldError(page, /^联系电话$/), /[\u4e00-\u9fff]/);
      await s.shot('20-partner-field-error-zh');
      await dialog.getByLabel('联系电话').fill('0871-6512345');
      await choose(page, dialog, '覆盖区域', '昆明市');
      await dialog.locator('.ant-modal-title').click();
      await save();
      await dialog.waitFor({ state: 'hidden' });
      await drawer.getByText('0871-6512345').waitFor();
      await drawer.getByRole('tab', { name: '历史记录' }).click();
      await drawer.getByTestId('history-entry').first().waitFor();
      await s.shot('21-partner-history-zh');
      await closeDrawer();
      await page.getByRole('row').filter({ hasText: '云通代维' }).getByText('昆明市').waitFor();

      // Customers: add a contact to the seeded customer.
      await nav.getByText('客户').click();
      await page.waitForURL('**/admin/customers');
      await page.getByRole('heading', { level: 1, name: '客户' }).waitFor();
      const customerRow = page.getByRole('row').filter({ hasText: '云南移动' });
      await customerRow.getByText('运营商').waitFor();
      await customerRow.getByRole('button', { name: /详\s*情/ }).click();
      await page.getByRole('tab', { name: '联系人' }).click();
      await page.getByRole('button', { name: '新增联系人' }).click();
      await dialog.getByLabel(/^名称$/).fill('王工');
      await dialog.getByLabel('电子邮件').fill('not-an-address');
      await save();
      assert.ok((await fieldError(page, /^电子邮件$/)).length > 0);
      await dialog.getByLabel('电子邮件').fill('wang@example.cn');
      await dialog.getByLabel('随工人员').click();
      await save();
      await dialog.waitFor({ state: 'hidden' });
      await drawer.getByRole('cell', { name: '王工' }).waitFor();
      await s.shot('22-customer-contacts-zh');
      await closeDrawer();

      // Sites: reference and region selects.
      await nav.getByText('站点').click();
      await page.waitForURL('**/admin/sites');
      await page.getByRole('heading', { level: 1, name: '站点' }).waitFor();
      await page.getByRole('button', { name: /^新\s*建$/ }).click();
      await dialog.getByLabel('编码').fill('S-WH-01');
      await choose(page, dialog, '客户', '云南移动');
      await dialog.getByLabel(/^名称$/).fill('五华汇聚机房');
      await dialog.getByLabel('地址').fill('昆明市五华区人民中路 1 号');
      await choose(page, dialog, '区域', '五华区');
      await choose(page, dialog, '区域类别', '城区');
      await save();
      await dialog.waitFor({ state: 'hidden' });
      await drawer.getByText('昆明市五华区人民中路 1 号').waitFor();
      await closeDrawer();
      await page.getByRole('row').filter({ hasText: '五华汇聚机房' }).getByText('Asia/Shanghai').waitFor();
      await s.shot('23-sites-zh');

      // Equipment at the new site, with a contract end date.
      await nav.getByText('设备').click();
      await page.waitForURL('**/admin/equipment');
      await page.getByRole('heading', { level: 1, name: '设备' }).waitFor();
      await page.getByRole('button', { name: /^新\s*建$/ }).click();
      await choose(page, dialog, '站点', '五华汇聚机房');
      await dialog.getByLabel('产品').fill('OLT');
      await dialog.getByLabel('型号').fill('MA5800-X7');
      await dialog.getByLabel('维保合同截止日').fill('2030-12-31');
      await save();
      await dialog.waitFor({ state: 'hidden' });
      await drawer.getByText('MA5800-X7').waitFor();
      await closeDrawer();
      await page.getByRole('row').filter({ hasText: 'MA5800-X7' }).getByText('2030-12-31').waitFor();
      await s.shot('24-equipment-zh');

      // People: an engineer with a profile and a certification (RS-3).
      await nav.getByText('人员').click();
      await page.waitForURL('**/admin/people');
      await page.getByRole('heading', { level: 1, name: '人员' }).waitFor();
      await page.getByRole('button', { name: /^新\s*建$/ }).click();
      await dialog.getByLabel('用户名').fill('eng.zhang');
      await dialog.getByLabel('姓名').fill('张工');
      await choose(page, dialog, '角色', '工程师');
      await dialog.locator('.ant-modal-title').click();
      await dialog.getByLabel('初始密码').fill('Engineer#2026');
      await save();
      await dialog.waitFor({ state: 'hidden' });
      await drawer.getByRole('tab', { name: '工程师档案' }).click();
      await page.getByText('尚未建立工程师档案').waitFor();
      await page.getByRole('button', { name: '建立档案' }).click();
      await dialog.getByLabel('车辆').fill('云A·12345');
      await save();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('云A·12345').waitFor();
      await page.getByRole('button', { name: '新增认证' }).click();
      await dialog.getByLabel('产品').fill('OLT');
      await dialog.getByLabel('有效期至').fill('2030-06-30');
      await save();
      await dialog.waitFor({ state: 'hidden' });
      await drawer.getByRole('cell', { name: '2030-06-30' }).waitFor();
      await drawer.getByText('有效', { exact: true }).waitFor();
      await s.shot('25-engineer-zh');

      assertClean(s, [
        '422 POST /api/v1/partners',
        '422 POST /api/v1/customers/' +
          s.clientErrors.find((e) => e.includes('/contacts'))?.split('/customers/')[1],
        s.clientErrors.find((e) => e.startsWith('404 GET /api/v1/people/')) ??
          'the 404 of a missing engineer profile',
      ]);
    } catch (err) {
      await s.shot(`failed-${Date.now()}`);
      throw err;
    } finally {
      await s.close();
    }
  });

  test('the core loop in zh-CN: intake with 5W1H errors, accept, dispatch with candidates, engineer on a phone, dashboard', async () => {
    let orderUrl = '';
    let orderNumber = '';
    {
      // Call-center agent: the empty form names every missing 5W1H field beside it.
      const s = await openBrowser(server.baseUrl);
      const { page } = s;
      try {
        await page.goto('/login');
        await login(s, 'agent', TEST_PASSWORD);
        await page.waitForURL('**/orders');
        await page.getByRole('navigation', { name: '主导航' }).getByText('受理新工单').click();
        await page.getByRole('heading', { level: 1, name: '受理新工单' }).waitFor();
        await page.getByRole('button', { name: '提交工单' }).click();
        assert.match(await fieldError(page, /^工单类型$/), /工单类型/);
        assert.match(await fieldError(page, /^现象$/), /现象/);
        assert.match(await fieldError(page, /^联系人$/), /联系人/);
        assert.match(await fieldError(page, /^发生时间$/), /发生时间/);
        await page.getByRole('alert').filter({ hasText: '5W1H' }).waitFor();
        await s.shot('30-intake-errors-zh');

        await choose(page, page, '工单类型', '故障处理');
        await choose(page, page, '客户', '云南移动');
        await page.getByLabel('联系人').fill('王工');
        await page.getByLabel('联系电话').fill('13800000000');
        await choose(page, page, '站点', '昆明核心机房');
        await choose(page, page, '设备', 'MA5800-X17');
        await page.getByLabel('发生时间').fill('2026-11-20T09:30');
        await page.getByLabel('现象').fill('OLT 上联口闪断，部分宽带用户掉线');
        // WO-2: an interruption makes it critical whatever was reported; SL-3 notice is announced.
        await page.getByLabel('业务中断').check();
        await page.getByText('此工单将按“关键”受理').waitFor();
        await page.getByRole('button', { name: '提交工单' }).click();
        await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
        orderUrl = new URL(page.url()).pathname;
        const heading = page.getByRole('heading', { level: 1, name: /^工单 / });
        orderNumber = ((await heading.textContent()) ?? '').replace('工单 ', '').trim();
        // The time typed in the site's zone comes back in that zone.
        await page.getByText('2026-11-20 09:30 (Asia/Shanghai)').waitFor();
        await page.getByRole('button', { name: /^接\s*单$/ }).click();
        await page
          .locator('.ant-modal:visible')
          .getByRole('button', { name: /确\s*认/ })
          .click();
        await page
          .locator('.ant-tag')
          .filter({ hasText: /^已接单$/ })
          .waitFor();
        await page
          .locator('.ant-tag')
          .filter({ hasText: /^关键$/ })
          .waitFor();
        await page.getByRole('tab', { name: '历史记录' }).click();
        await page.getByTestId('history-entry').first().waitFor();
        await s.shot('31-order-accepted-zh');
        assertClean(s, ['422 POST /api/v1/work-orders']);
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
    {
      // Dispatcher: ranked candidates with reasons; the eligible engineer becomes the lead.
      const s = await openBrowser(server.baseUrl);
      const { page } = s;
      try {
        await page.goto('/login');
        await login(s, 'dispatch', TEST_PASSWORD);
        await page.waitForURL('**/orders');
        const row = page.getByRole('row').filter({ hasText: orderNumber });
        await row.getByText('已接单').waitFor();
        await row.getByRole('button', { name: /派\s*工/ }).click();
        const drawer = page.locator('.ant-drawer-content:visible');
        await drawer.getByRole('heading', { name: '符合条件的工程师（1 名）' }).waitFor();
        const candidate = drawer.getByRole('row').filter({ hasText: '李工' });
        await candidate.waitFor();
        // The action sits above the list, not after dozens of rows.
        const action = drawer.getByRole('button', { name: /^派\s*工$/ });
        const actionBox = await action.boundingBox();
        const rowBox = await candidate.boundingBox();
        assert.ok(
          actionBox && rowBox && actionBox.y < rowBox.y,
          'the dispatch action is above the candidates',
        );
        // An engineer without region or certification is folded away, with the reasons in words.
        const folded = drawer.getByRole('button', { name: /不符合条件的工程师（\d+ 名）/ });
        assert.equal(await folded.getAttribute('aria-expanded'), 'false');
        assert.equal(await drawer.getByRole('row').filter({ hasText: '周工' }).count(), 0);
        await folded.click();
        await drawer.getByRole('row').filter({ hasText: '周工' }).getByText('不负责该站点所在区域').waitFor();
        await s.shot('32-dispatch-candidates-zh');
        await drawer.getByLabel('主办 李工').check();
        await drawer.getByRole('button', { name: /^派\s*工$/ }).click();
        await drawer.waitFor({ state: 'hidden' });
        await row.getByText('已派工').waitFor();
        await row.getByRole('link', { name: orderNumber }).click();
        await page.waitForURL(`**${orderUrl}`);
        await page.getByText('李工 · 主办').waitFor();
        await s.shot('33-order-dispatched-zh');
        assertClean(s, []);
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
    {
      // Engineer on a phone (390×844): set off, check in, and the order is on site.
      const s = await openBrowser(server.baseUrl, { viewport: { width: 390, height: 844 } });
      const { page } = s;
      try {
        await page.goto('/login');
        await login(s, 'eng.li', TEST_PASSWORD);
        await page.waitForURL('**/engineer');
        const card = page.getByTestId('engineer-order').filter({ hasText: orderNumber });
        await card.getByText('昆明核心机房').or(card.getByText('王工')).first().waitFor();
        await s.shot('34-engineer-today-zh');
        await card.getByRole('button', { name: /^出\s*发$/ }).click();
        await card.getByText('在途', { exact: true }).waitFor();
        await card.getByRole('button', { name: '签到（到场）' }).click();
        await card.getByText('已到场').waitFor();
        await card.getByText(/起在现场/).waitFor();
        // WO-6: the customer's responsible person signs the service request; the checklist is done.
        await card.getByLabel('服务内容').fill('OLT 上联光模块更换');
        await card.getByLabel('客户负责人姓名').fill('王工');
        await drawSignature(page, card.getByTestId('signature-pad'));
        await card.getByRole('button', { name: '保存服务申请' }).click();
        await card.getByText('王工 已签字').waitFor();
        const boxes = card.getByRole('checkbox');
        const n = await boxes.count();
        assert.ok(n > 0, 'the checklist has items');
        for (let i = 0; i < n; i++) {
          // Each mark is saved and read back before the next, so the list never races itself.
          await boxes.nth(i).click();
          await card.locator('.ant-checkbox-wrapper-checked').nth(i).waitFor();
        }
        await card.getByLabel('今日完成的工作').fill('更换上联光模块，业务恢复');
        await card.getByRole('button', { name: '保存记录' }).click();
        await card
          .getByText(/更换上联光模块，业务恢复/)
          .first()
          .waitFor();
        await s.shot('35-engineer-on-site-zh');
        // WO-7: restored first, then resolved.
        await card.getByRole('button', { name: '业务已恢复' }).click();
        await card.getByText('业务已恢复', { exact: true }).waitFor();
        await card.getByRole('button', { name: '已解决' }).click();
        await card.getByText('已解决', { exact: true }).waitFor();
        await s.shot('35b-engineer-resolved-zh');
        assertClean(s, []);
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
    let customerUrl = '';
    {
      // Dispatcher issues the customer's link from the order page.
      const s = await openBrowser(server.baseUrl);
      const { page } = s;
      try {
        await page.goto('/login');
        await login(s, 'dispatch', TEST_PASSWORD);
        await page.waitForURL('**/orders');
        await page.getByRole('link', { name: orderNumber }).click();
        await page.waitForURL(`**${orderUrl}`);
        await page.getByRole('button', { name: '生成客户链接' }).click();
        const link = page.getByTestId('customer-link');
        await link.waitFor();
        customerUrl = new URL(((await link.textContent()) ?? '').match(/https?:\/\/\S+/)?.[0] ?? '').pathname;
        assert.match(customerUrl, /^\/c\/\S+$/);
        assertClean(s, []);
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
    {
      // The customer, on a phone and without an account: progress, signature, rating (WO-9, CS-2).
      const s = await openBrowser(server.baseUrl, { viewport: { width: 390, height: 844 } });
      const { page } = s;
      try {
        await page.goto(customerUrl);
        await page.getByRole('heading', { level: 1, name: `您的工单 ${orderNumber}` }).waitFor();
        await page.getByText('负责工程师：李工').waitFor();
        await page.getByLabel('签字人姓名').fill('王工');
        await page.getByLabel('您的意见').fill('故障已排除，业务恢复正常。');
        await drawSignature(page, page.getByTestId('signature-pad'));
        await s.shot('37-customer-signing-zh');
        await page.getByRole('button', { name: '提交签字' }).click();
        await page.getByText('签字已提交，谢谢！').waitFor();
        await page.getByText(/王工 于 .* 签字确认/).waitFor();
        await page.getByRole('radio').nth(4).click();
        await page.getByRole('button', { name: '提交评价' }).click();
        await page.getByText('感谢您的评价！').waitFor();
        await s.shot('38-customer-rated-zh');
        assertClean(s, []);
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
    {
      // Area service manager: the dashboard charts the orders.
      const s = await openBrowser(server.baseUrl);
      const { page } = s;
      try {
        await page.goto('/login');
        await login(s, 'manager', TEST_PASSWORD);
        await page.waitForURL('**/dashboard');
        await page.getByRole('img', { name: '各状态工单数' }).locator('canvas').waitFor();
        await page.getByRole('img', { name: '未完成工单的严重程度' }).locator('canvas').waitFor();
        await s.shot('36-dashboard-zh');
        assertClean(s, []);
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
  });

  test('English: a dispatcher proposes an appointment, the customer confirms it through the link (WO-5)', async () => {
    // A minor order, accepted and dispatched through the API, so this flow starts at the appointment.
    const desk = await server.app.personWith(['dispatcher'], {
      username: 'dispatch.en',
      displayName: 'Dispatcher Ma',
    });
    const call = async (method: 'POST', url: string, payload: unknown) => {
      const res = await server.app.request({
        method,
        url,
        payload: payload as Record<string, unknown>,
        as: desk,
      });
      assert.ok(res.statusCode < 300, `${url}: ${res.body}`);
      return JSON.parse(res.body) as { id: string; number: string };
    };
    const order = await call('POST', '/api/v1/work-orders', {
      type: 'fault_repair',
      channel: 'customer_call',
      customerId: seeded.customerId,
      contactName: 'Mr Wang',
      contactPhone: '13800000001',
      siteId: seeded.siteId,
      product: 'OLT',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      symptom: 'Slow broadband in building 3',
    });
    await call('POST', `/api/v1/work-orders/${order.id}/transitions`, { to: 'accepted' });
    await call('POST', `/api/v1/work-orders/${order.id}/assignments`, { leadEngineerId: seeded.engineerId });

    let customerUrl = '';
    {
      const s = await openBrowser(server.baseUrl, { locale: 'en-US' });
      const { page } = s;
      try {
        await page.goto('/login');
        await page.getByTestId('language-switch').click();
        await page.getByTitle('English').click();
        await login(s, 'dispatch.en', TEST_PASSWORD);
        await page.waitForURL('**/orders');
        await page.getByRole('link', { name: order.number }).click();
        await page.getByRole('heading', { level: 1, name: `Order ${order.number}` }).waitFor();
        await page.getByRole('tab', { name: 'Appointment' }).click();
        await page.getByText(/Customer’s working hours/).waitFor();
        await page
          .getByRole('button', { name: /^Propose / })
          .first()
          .click();
        await page.getByRole('cell', { name: 'Awaiting the customer' }).waitFor();
        await s.shot('40-appointment-proposed-en');
        // WO-4: hand the order to another dispatcher; it stays with this owner until accepted.
        await page.getByRole('tab', { name: 'Owner and handovers' }).click();
        await page.getByRole('button', { name: 'Request handover' }).click();
        const modal = page.locator('.ant-modal:visible');
        await choose(page, modal, 'Receiver', 'Dispatcher Li');
        await modal.getByLabel('Reason for the change').fill('Going on leave tomorrow');
        await modal.getByRole('button', { name: 'Save' }).click();
        await modal.waitFor({ state: 'hidden' });
        await page.getByRole('cell', { name: 'Waiting' }).waitFor();
        await page.getByRole('button', { name: 'Customer link' }).click();
        const link = page.getByTestId('customer-link');
        await link.waitFor();
        customerUrl = new URL(((await link.textContent()) ?? '').match(/https?:\/\/\S+/)?.[0] ?? '').pathname;
        assertClean(s, []);
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
    {
      const s = await openBrowser(server.baseUrl, { viewport: { width: 390, height: 844 }, locale: 'en-US' });
      const { page } = s;
      try {
        // A wrong or withdrawn link says so in the customer's language, and nothing else opens.
        await page.goto('/c/not-a-real-token');
        await page.getByTestId('language-switch').click();
        await page.getByTitle('English').click();
        await page
          .locator('.ant-result-title')
          .filter({ hasText: /[A-Za-z]/ })
          .waitFor();
        assert.doesNotMatch((await page.locator('.ant-result-title').textContent()) ?? '', /[\u4e00-\u9fff]/);
        await s.shot('41a-customer-bad-link-en');
        await page.goto(customerUrl);
        await page.getByRole('heading', { level: 1, name: `Your order ${order.number}` }).waitFor();
        // Labels that come from the server follow the chosen language too.
        await page.getByText('Fault repair', { exact: true }).waitFor();
        await page.getByText('Waiting for you').waitFor();
        await page.getByRole('button', { name: 'Confirm this time' }).click();
        await page.getByText('Appointment confirmed, thank you!').waitFor();
        await page.getByText('Confirmed', { exact: true }).waitFor();
        await s.shot('41-customer-appointment-en');
        const bad = s.clientErrors.filter((e) => e.endsWith('/api/v1/customer/orders/not-a-real-token'));
        assert.ok(bad.length >= 1 && bad.every((e) => /^4\d\d GET /.test(e)), s.clientErrors.join('\n'));
        assertClean(
          s,
          s.clientErrors.filter((e) => e.endsWith('/not-a-real-token')),
        );
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
    {
      // The receiver (zh-CN) accepts the handover from the orders board.
      const s = await openBrowser(server.baseUrl);
      const { page } = s;
      try {
        await page.goto('/login');
        await login(s, 'dispatch', TEST_PASSWORD);
        await page.waitForURL('**/orders');
        const pending = page.getByRole('region', { name: '等待我接收的移交' });
        await pending.getByRole('cell', { name: 'Going on leave tomorrow' }).waitFor();
        await s.shot('42-handover-pending-zh');
        await pending.getByRole('button', { name: /^接\s*收$/ }).click();
        await pending.waitFor({ state: 'hidden' });
        assertClean(s, []);
      } catch (err) {
        await s.shot(`failed-${Date.now()}`);
        throw err;
      } finally {
        await s.close();
      }
    }
  });
});
