/**
 * Group robots in a real browser: an administrator registers a WeCom group robot (a bad address is
 * refused under its field), sends a test message that a stand-in WeCom endpoint receives, and
 * then sees a critical order's post delivered in the robot's record. Any console error, page
 * error, failed request or 5xx fails.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sweepOnce } from '../../src/jobs/timers.ts';
import { json, TEST_PASSWORD } from '../harness.ts';
import { type LiveServer, login, openBrowser, seedKunming, startLiveServer } from './browser.ts';

let server: LiveServer;
let world: Awaited<ReturnType<typeof seedKunming>>;
const posts: { content: string }[] = [];
let standIn: http.Server;
let standInUrl = '';

before(async () => {
  standIn = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      posts.push({ content: (JSON.parse(data) as { text: { content: string } }).text.content });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => standIn.listen(0, '127.0.0.1', r));
  standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/cgi-bin/webhook/send?key=robot-key-12345678`;
  server = await startLiveServer();
  world = await seedKunming(server.app.ctx);
  await server.app.personWith(['admin'], { username: 'robotadmin', displayName: '管理员周' });
});

after(async () => {
  await server?.close();
  await new Promise<void>((r) => standIn.close(() => r()));
});

describe('group robots settings', () => {
  test('zh-CN: register a WeCom robot, try it, and see a critical order posted to the group', async () => {
    const s = await openBrowser(server.baseUrl);
    const { page } = s;
    const dialog = page.locator('.ant-modal:visible');
    const drawer = page.locator('.ant-drawer-content:visible');
    try {
      await page.goto('/login');
      await login(s, 'robotadmin', TEST_PASSWORD);
      await page.getByRole('navigation', { name: '主导航' }).getByText('群机器人').click();
      await page.waitForURL('**/admin/group-robots');
      await page.getByRole('heading', { level: 1, name: '群机器人' }).waitFor();
      await page.getByRole('button', { name: /^新\s*建$/ }).click();
      await dialog.getByLabel('名称').fill('昆明抢修群');
      await dialog.getByLabel('平台').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: '企业微信' })
        .click();
      await dialog.getByLabel('机器人地址（Webhook）').fill('ftp://nowhere');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.locator('.ant-form-item-explain-error').filter({ hasText: '机器人地址' }).waitFor();
      await dialog.getByLabel('机器人地址（Webhook）').fill(standInUrl);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The key is never shown again, only its last four characters.
      await drawer.getByText(/\*\*\*\*5678/).waitFor();
      assert.equal(await page.getByText('robot-key-12345678').count(), 0);

      await drawer.getByRole('tab', { name: '推送记录' }).click();
      await drawer.getByRole('button', { name: '发送测试消息' }).click();
      await page.getByText('测试消息已送达群聊').waitFor();
      assert.ok(posts.some((p) => p.content.includes('测试消息')));
      await drawer.getByRole('row').filter({ hasText: '测试消息' }).getByText('已送达').waitFor();
      await s.shot('robots-zh-test-sent');

      // A critical order: the group hears of it at once, and the robot's record says delivered.
      const agent = await server.app.personWith(['call_center']);
      const equipment = await server.app.ctx.db
        .selectFrom('equipment')
        .select('id')
        .executeTakeFirstOrThrow();
      const res = await server.app.request({
        method: 'POST',
        url: '/api/v1/work-orders',
        as: agent,
        payload: {
          type: 'fault_repair',
          channel: 'customer_call',
          severity: 'critical',
          customerId: world.customer.id,
          contactName: '刘工',
          contactPhone: '13800000001',
          siteId: world.site.id,
          equipmentId: equipment.id,
          occurredAt: new Date(Date.now() - 600_000).toISOString(),
          symptom: '核心交换机整机掉电，全网中断',
          alarms: 'POWER_FAIL',
          suspectedCause: '电源模块故障',
          foundHow: '网管告警',
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      const number = json<{ number: string }>(res).number;
      await sweepOnce(server.app.ctx);
      assert.ok(posts.some((p) => p.content.startsWith('【关键】') && p.content.includes(number)));
      await drawer.locator('.ant-drawer-close').click();
      await page
        .getByRole('row')
        .filter({ hasText: '昆明抢修群' })
        .getByRole('button', { name: /详\s*情/ })
        .click();
      await drawer.getByRole('tab', { name: '推送记录' }).click();
      await drawer.getByRole('row').filter({ hasText: number }).getByText('已送达').waitFor();
      await s.shot('robots-zh-critical-delivered');
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors, ['422 POST /api/v1/group-robots'], 'only the refused address');
    } finally {
      await s.close();
    }
  });
});
