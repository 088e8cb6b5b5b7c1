/**
 * Intake hints and order files in a real browser against a real server: typing a symptom shows
 * the matching knowledge entry (WO-12), choosing a site with an open order warns of a possible
 * duplicate and links to it (WO-1), and the order page shows the photo with its checksum and
 * generates and downloads the PDF report (WO-9). Any console error, page error, failed request,
 * 5xx or unexpected 4xx fails.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { signaturePng } from '../../src/modules/attachments/attachments.fixtures.ts';
import { api, completeSiteWork, enRoute, type OrderView } from '../../src/modules/onsite/onsite.fixtures.ts';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, TEST_PASSWORD } from '../harness.ts';
import { type BrowserSession, type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
let w: World;
let openOrder: { id: string; number: string };
let resolved: OrderView;
let photoSha: string;

before(async () => {
  server = await startLiveServer();
  const t = server.app;
  w = await buildWorld(t);
  const { post } = api(t);
  await t.personWith(['call_center', 'dispatcher'], { username: 'intake.desk', displayName: '受理台周' });

  const entry = await post(w.engNear, '/api/v1/knowledge', {
    symptom: '上联口频繁闪断，光功率偏低',
    cause: '光模块老化导致收光功率不足',
    fix: '更换同型号光模块并清洁尾纤端面',
    product: '华为 OLT MA5800',
  });
  assert.equal(entry.statusCode, 201, entry.body);

  const created = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w));
  assert.equal(created.statusCode, 201, created.body);
  openOrder = json<{ id: string; number: string }>(created);

  // A second order worked on site and resolved, with a photo, so its report can be generated.
  const o = await enRoute(t, w, { symptom: '机房空调故障导致设备过热告警' });
  assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
  await completeSiteWork(t, w.engNear, o.id);
  const restored = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, {
    to: 'service_restored',
  });
  assert.equal(restored.statusCode, 200, restored.body);
  t.clock.advanceMinutes(30);
  const done = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' });
  assert.equal(done.statusCode, 200, done.body);
  resolved = json<OrderView>(done);
  const photo = signaturePng(64, 48, 3);
  photoSha = createHash('sha256').update(photo).digest('hex');
  const up = await post(w.engNear, '/api/v1/attachments', {
    ownerType: 'work_order',
    ownerId: resolved.id,
    kind: 'photo',
    fileName: 'rack.png',
    mimeType: 'image/png',
    caption: '更换后的机柜照片',
    contentBase64: photo.toString('base64'),
  });
  assert.equal(up.statusCode, 201, up.body);
});

after(async () => {
  await server.close();
});

function assertClean(s: BrowserSession, expected4xx: string[] = []) {
  assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
  assert.deepEqual(s.clientErrors, expected4xx);
}

/** Opens an antd Select by its input id and picks the option whose label contains `label`. */
async function choose(s: BrowserSession, id: string, label: string) {
  const { page } = s;
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(label);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

describe('intake hints and order files (browser)', () => {
  test('typing a symptom shows knowledge; choosing a site with an open order warns of a duplicate', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const { page } = s;
      // Signing in from the intake address comes back to it.
      await page.goto('/orders/new');
      await page.waitForURL('**/login');
      await login(s, 'intake.desk', TEST_PASSWORD);
      await page.waitForURL('**/orders/new');
      await page.locator('#intake_symptom').fill('OLT 上联口频繁闪断');
      const hint = page.getByTestId('knowledge-suggestion');
      await hint.getByText('上联口频繁闪断，光功率偏低').waitFor();
      await hint.getByText('光模块老化导致收光功率不足').waitFor();
      await hint.getByText('更换同型号光模块并清洁尾纤端面').waitFor();

      // No site yet: no duplicate warning.
      assert.equal(await page.getByTestId('duplicate-warning').count(), 0);
      await choose(s, 'intake_customerId', '某运营商贵阳分公司');
      await choose(s, 'intake_siteId', '南明汇聚机房');
      const warning = page.getByTestId('duplicate-warning');
      await warning.waitFor();
      // Resolved is not closed yet: a repeated call about it matters as much as about a new one.
      await warning.getByText(/该站点有 2 张未完成的工单/).waitFor();
      for (const o of [openOrder, resolved]) {
        const link = warning.getByRole('link', { name: o.number });
        assert.equal(await link.getAttribute('href'), `/orders/${o.id}`);
      }
      await s.shot('intake-hints');
      // The only 4xx: the signed-out visit before signing in.
      assertClean(s, ['401 GET /api/v1/auth/me']);
    } finally {
      await s.close();
    }
  });

  test('the order page shows the photo with its checksum, generates the report and downloads the PDF', async () => {
    const s = await openBrowser(server.baseUrl);
    try {
      const { page } = s;
      await page.goto(`/orders/${resolved.id}`);
      await page.waitForURL('**/login');
      await login(s, 'intake.desk', TEST_PASSWORD);
      await page.waitForURL(`**/orders/${resolved.id}`);
      await page.getByRole('tab', { name: '附件与报告' }).click();
      const files = page.getByTestId('order-attachments');
      const img = files.getByRole('img', { name: '更换后的机柜照片' });
      await img.waitFor();
      await page.waitForFunction(
        (el) => {
          // Runs in the page: the thumbnail really decoded, at the PNG's own width.
          const image = el as unknown as { complete: boolean; naturalWidth: number } | null;
          return !!image && image.complete && image.naturalWidth === 64;
        },
        await img.elementHandle(),
      );
      await files.getByText(`${photoSha.slice(0, 16)}…`).waitFor();
      await files.getByText('rack.png').waitFor();

      const reports = page.getByTestId('order-reports');
      await reports.getByText('尚未生成报告').waitFor();
      await reports.getByRole('button', { name: '生成报告' }).click();
      const dialog = page.getByRole('dialog');
      // The server wants the work done; an empty form is stopped before it is sent.
      await dialog.getByRole('button', { name: '生成报告' }).click();
      await dialog.getByText('必填').first().waitFor();
      await page.locator('#report_workDone').fill('空调恢复制冷后设备温度回落，告警清除');
      await page.locator('#report_cause').fill('机房空调压缩机故障');
      await dialog.getByRole('button', { name: '生成报告' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const pdfLink = reports.getByRole('link', { name: /下载 PDF：现场技术服务报告/ });
      await pdfLink.waitFor();
      // The report's PDF is kept with the order's files too.
      await files.getByText(/现场技术服务报告\.pdf$/).waitFor();

      const href = await pdfLink.getAttribute('href');
      assert.ok(href);
      const res = await page.request.get(href);
      assert.equal(res.status(), 200);
      assert.equal(res.headers()['content-type'], 'application/pdf');
      const body = await res.body();
      assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');

      const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
      assert.match(download.suggestedFilename(), /\.pdf$/);
      await s.shot('order-files');
      // The only 4xx: the signed-out visit before signing in.
      assertClean(s, ['401 GET /api/v1/auth/me']);
    } finally {
      await s.close();
    }
  });
});
