/**
 * Capacity and inspections in a real browser: a dispatcher sees each county's shortfall against
 * the staffing ratios, with the bar chart, in zh-CN; an English-speaking dispatcher sees the
 * inspection plans, the inspection due and the month's completion. Any console error, page
 * error, failed request or 5xx fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sweepOnce } from '../../src/jobs/timers.ts';
import { importFile } from '../../src/modules/ledger/ledger.service.ts';
import { buildWorld, PRODUCT, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { TEST_PASSWORD } from '../harness.ts';
import { type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
let w: World;

async function* ledger() {
  yield ['电路编号', '业务类型', '区县', '客户名称', '装机地址', '带宽', '状态'];
  for (let i = 0; i < 450; i++) yield [`H${i}`, '家庭宽带', '南明区', `用户${i}`, '地址', '100M', '在用'];
}

before(async () => {
  server = await startLiveServer();
  const app = server.app;
  w = await buildWorld(app);
  await importFile(
    app.ctx,
    { system: 'test' },
    {
      partnerId: w.partnerId,
      target: 'ledger',
      fileName: 'ledger.csv',
      sha256: 'x',
      records: ledger(),
    },
  );
  await app.personWith(['dispatcher'], { username: 'capzh', displayName: '调度周' });
  await app.personWith(['dispatcher'], { username: 'capen', displayName: 'Dispatcher Lee' });
  const admin = await app.personWith(['admin']);
  const put = await app.request({
    method: 'PUT',
    url: '/api/v1/inspection-checklists',
    as: admin,
    payload: { equipmentClass: PRODUCT, items: [{ key: 'power', label: '光功率' }] },
  });
  assert.equal(put.statusCode, 200, put.body);
  const plan = await app.request({
    method: 'POST',
    url: '/api/v1/inspection-plans',
    as: w.dispatcher,
    payload: {
      name: 'Nanming monthly',
      target: 'site',
      siteId: w.siteA1,
      equipmentClass: PRODUCT,
      recurrence: 'monthly',
    },
  });
  assert.equal(plan.statusCode, 201, plan.body);
  // The plan's first occurrence, made by its timer as a running server would.
  await sweepOnce({ ...app.ctx, clock: { now: () => new Date('2026-12-01T01:00:00.000Z') } });
});

after(async () => {
  await server?.close();
});

describe('capacity and inspections', () => {
  test('zh-CN: the capacity page shows 南明区 short of maintainers, with the chart', async () => {
    const s = await openBrowser(server.baseUrl);
    const { page } = s;
    try {
      await page.goto('/login');
      await login(s, 'capzh', TEST_PASSWORD);
      await page.getByRole('navigation', { name: '主导航' }).getByText('人力与车辆配置').click();
      await page.waitForURL('**/capacity');
      await page.getByRole('heading', { level: 1, name: '人力、车辆与热线配置' }).waitFor();
      await page.getByText('每 300 户家宽配 1 名维护人员', { exact: false }).waitFor();
      const row = page.getByRole('row').filter({ hasText: '南明区' });
      // 450 subscribers need two maintainers; the partner has one there.
      await row.getByText('缺 1').first().waitFor();
      await page.getByRole('img', { name: '各地市维护人员与车辆缺口（负数为缺口）' }).waitFor();
      assert.deepEqual(s.problems, []);
    } finally {
      await s.shot('resources-capacity-zh');
      await s.close();
    }
  });

  test('en: inspection plans, the inspection due and this month’s completion', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en' });
    const { page } = s;
    try {
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await page.getByLabel('Username').waitFor();
      await login(s, 'capen', TEST_PASSWORD);
      await page.goto('/inspections');
      await page.getByRole('heading', { level: 1, name: 'Inspection plans' }).waitFor();
      await page.getByRole('cell', { name: 'Nanming monthly' }).waitFor();
      await page.getByRole('cell', { name: 'Monthly', exact: true }).waitFor();
      await page.getByText('Inspections due soon').waitFor();
      await page.getByText('Inspection completion this month').waitFor();
      assert.deepEqual(s.problems, []);
    } finally {
      await s.shot('resources-inspections-en');
      await s.close();
    }
  });
});
