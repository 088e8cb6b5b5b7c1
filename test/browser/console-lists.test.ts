/**
 * Lists people can work in (issue 17 item 3), in a real browser: the header's search ("/" or
 * Ctrl+K) finds an order by its caller's phone; the filters live in the URL and survive a
 * reload; a saved view brings them back after leaving; the Excel export downloads the list as
 * filtered and reads back with exceljs, headed in the console's language; axe finds no serious
 * violation on the page — in zh-CN and in English. Any console error, page error, failed request
 * or 5xx fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, TEST_PASSWORD } from '../harness.ts';
import { seriousViolations } from './axe.ts';
import { dragOnto, type LiveServer, login, loginInEnglish, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
let w: World;
let a: { id: string; number: string };
let b: { id: string; number: string };
let c: { id: string; number: string };

before(async () => {
  server = await startLiveServer();
  w = await buildWorld(server.app);
  await server.app.personWith(['dispatcher'], { username: 'lists', displayName: '调度员钱' });
  const intake = async (extra: Record<string, unknown>) => {
    const res = await server.app.request({
      method: 'POST',
      url: '/api/v1/work-orders',
      as: w.callCenter,
      payload: phoneIntake(w, extra),
    });
    assert.equal(res.statusCode, 201, res.body);
    return json<{ id: string; number: string }>(res);
  };
  a = await intake({ contactPhone: '13912345678' });
  b = await intake({ contactPhone: '13787654321', severity: 'minor' });
  // An accepted order, ready to be dispatched by dragging it onto an engineer.
  c = await intake({ contactPhone: '13600000003' });
  const accepted = await server.app.request({
    method: 'POST',
    url: `/api/v1/work-orders/${c.id}/transitions`,
    as: w.callCenter,
    payload: { to: 'accepted' },
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
});

after(async () => {
  await server?.close();
});

/** The order numbers the list shows once it settles on `expected` (the list refetches after each change). */
async function numbersShown(p: Page, expected: string[]): Promise<string[]> {
  const want = [...expected].sort();
  let seen: string[] = [];
  for (let i = 0; i < 50; i++) {
    seen = (await p.getByTestId('order-list').locator('tbody tr.ant-table-row a').allTextContents()).sort();
    if (JSON.stringify(seen) === JSON.stringify(want)) break;
    await p.waitForTimeout(100);
  }
  return seen;
}

describe('lists: search, URL filters, saved views, Excel export', () => {
  test('zh-CN: drag an order onto an engineer — the dispatch rules refuse one on the spot and accept another (DP-1)', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const p = s.page;
      await p.goto('/login');
      await login(s, 'lists', TEST_PASSWORD);
      await p.waitForURL('**/orders');
      const row = p
        .getByTestId('order-list')
        .locator('tr', { has: p.getByRole('link', { name: c.number, exact: true }) });
      const timeline = p.getByTestId('engineer-timeline');
      // The drag as the browser delivers it: dragstart on the row, dragover and drop on the target.
      const dragToEngineer = (personId: string) =>
        dragOnto(p, row, timeline.getByTestId(`timeline-row-${personId}`));
      // The engineer without the product's certification is refused, with the reason under the row.
      await dragToEngineer(w.engNoCert.personId);
      const refusal = timeline.getByTestId('drop-refusal');
      await refusal.waitFor();
      const text = (await refusal.textContent()) ?? '';
      assert.match(text, new RegExp(`${c.number} 不能派给无证工程师`));
      assert.match(text, /认证|资质|证书/);
      // The near engineer may take it: the order is dispatched and the refusal goes away.
      await dragToEngineer(w.engNear.personId);
      await p.getByText(`已把 ${c.number} 派给近工程师`).waitFor();
      await row.getByText('已派工').waitFor();
      assert.equal(await refusal.count(), 0);
      const order = json<{ assignments: { personId: string; role: string }[] }>(
        await server.app.request({ method: 'GET', url: `/api/v1/work-orders/${c.id}`, as: w.dispatcher }),
      );
      assert.deepEqual(
        order.assignments.map((x) => [x.personId, x.role]),
        [[w.engNear.personId, 'lead']],
      );
      await s.shot('h17-drag-dispatch-zh');
      assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
      assert.deepEqual(s.clientErrors, [`422 POST /api/v1/work-orders/${c.id}/assignments`]);
    } finally {
      await s.close();
    }
  });

  test('zh-CN: search by phone from the header, reload, save and reopen the view, export', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const p = s.page;
      await p.goto('/login');
      await login(s, 'lists', TEST_PASSWORD);
      await p.waitForURL('**/orders');
      await p.getByTestId('order-list').getByRole('link', { name: b.number, exact: true }).waitFor();
      assert.deepEqual(await seriousViolations(p), [], 'axe on the order list');

      // "/" from the page puts the cursor in the header's search; Enter opens the list with it.
      await p.locator('body').press('/');
      const search = p.getByRole('searchbox', { name: '搜索工单' });
      assert.ok(
        await search.evaluate((el) => el.ownerDocument.activeElement === el),
        'the search has the cursor',
      );
      await search.fill('13912345678');
      await search.press('Enter');
      await p.waitForURL(/q=13912345678/);
      await p.getByTestId('order-list').getByRole('link', { name: a.number, exact: true }).waitFor();
      assert.deepEqual(await numbersShown(p, [a.number]), [a.number]);

      // The filters are in the URL: a reload shows the same list.
      await p.reload();
      await p.getByTestId('order-list').getByRole('link', { name: a.number, exact: true }).waitFor();
      assert.deepEqual(await numbersShown(p, [a.number]), [a.number]);

      // Saved as a view, then reopened from a plain list.
      await p.getByRole('button', { name: '保存当前视图' }).click();
      await p.getByLabel('视图名称').fill('按电话查找');
      await p.getByRole('button', { name: /^保\s*存$/ }).click();
      await p.getByText('已保存视图“按电话查找”').waitFor();
      await p.goto('/orders');
      await p.getByTestId('order-list').getByRole('link', { name: b.number, exact: true }).waitFor();
      assert.deepEqual(
        await numbersShown(p, [a.number, b.number, c.number].sort()),
        [a.number, b.number, c.number].sort(),
      );
      await p.reload();
      await p.locator('.ant-select', { has: p.getByRole('combobox', { name: '保存的视图' }) }).click();
      await p.locator('.ant-select-item-option', { hasText: '按电话查找' }).click();
      await p.waitForURL(/q=13912345678/);
      await p.locator('tbody tr.ant-table-row').first().waitFor();
      assert.deepEqual(await numbersShown(p, [a.number]), [a.number]);

      // The export holds the list as filtered, with Chinese headers and labels.
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      const rows = await readWorkbook(await download.path());
      assert.deepEqual(rows[0]?.slice(0, 4), ['工单号', '类型', '严重程度', '状态']);
      assert.deepEqual(
        rows.slice(1).map((r) => [r[0], r[1], r[7]]),
        [[a.number, '故障处理', '13912345678']],
      );
      await s.shot('h17-lists-zh');
      assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });

  test('en: Ctrl+K search finds an order by phone; the export is headed in English; axe passes', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en' });
    try {
      const p = s.page;
      await loginInEnglish(s, 'lists', TEST_PASSWORD);
      await p.waitForURL('**/orders');
      await p.locator('tbody tr.ant-table-row').first().waitFor();
      await p.keyboard.press('Control+k');
      const search = p.getByRole('searchbox', { name: 'Search orders' });
      await search.fill('87654321');
      await search.press('Enter');
      await p.waitForURL(/q=87654321/);
      await p.getByTestId('order-list').getByRole('link', { name: b.number, exact: true }).waitFor();
      assert.deepEqual(await numbersShown(p, [b.number]), [b.number]);
      assert.deepEqual(await seriousViolations(p), [], 'axe on the order list (en)');
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.getByRole('button', { name: 'Export to Excel' }).click(),
      ]);
      const rows = await readWorkbook(await download.path());
      assert.deepEqual(rows[0]?.slice(0, 2), ['Order number', 'Type']);
      assert.deepEqual(
        rows.slice(1).map((r) => [r[0], r[2]]),
        [[b.number, 'Minor']],
      );
      assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });
});

async function readWorkbook(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}
