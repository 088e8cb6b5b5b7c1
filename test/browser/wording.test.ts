/**
 * CW-1/CW-2 in a real browser: an agent types 「这不是我的事，你找运营商吧」 into a customer
 * notice, sees each finding with its category and suggestion as she types, applies them with one
 * click and sends; once in English. Any console error, page error, failed request or 5xx fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, TEST_PASSWORD } from '../harness.ts';
import { type LiveServer, login, openBrowser, seedKunming, startLiveServer } from './browser.ts';

let server: LiveServer;
const orders: string[] = [];
const numbers: string[] = [];

before(async () => {
  server = await startLiveServer();
  const world = await seedKunming(server.app.ctx);
  const agent = await server.app.personWith(['call_center'], { username: 'agent', displayName: '受理员王' });
  await server.app.personWith(['call_center'], {
    username: 'agent-en',
    displayName: 'Agent Wang',
    locale: 'en',
  });
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
      const first = await findings.first().innerText();
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
      assert.match(await finding.first().innerText(), /impatient/);
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
});
