/**
 * The web console in a real browser against a real server: each role's flows in zh-CN, and
 * once in English. Any console error, page error, failed request or 5xx fails the test; every
 * 4xx must be one the flow provoked on purpose (wrong password, a field error).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
import { TEST_PASSWORD } from '../harness.ts';
import { type BrowserSession, type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
const system = { system: 'browser-test' };

before(async () => {
  server = await startLiveServer();
  const { ctx } = server.app;
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
  await server.app.personWith(['admin'], { username: 'admin', displayName: '管理员甲' });
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
      await page.waitForURL('**/admin/regions');
      await page.getByRole('tree').getByText('五华区 (YN-KM-WH)').waitFor();
      const nav = page.getByRole('navigation', { name: '主导航' });
      assert.ok(await nav.getByText('区域').isVisible());
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
    } finally {
      await s.close();
    }
  });

  test('dispatcher in English: switch persists, server errors in English, read-only regions', async () => {
    const s = await openBrowser(server.baseUrl);
    const { page } = s;
    const languages: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) languages.push(r.headers()['accept-language'] ?? '');
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

      await login(s, 'dispatch', TEST_PASSWORD);
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
    } finally {
      await s.close();
    }
  });
});
