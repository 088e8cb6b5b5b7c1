/**
 * Resource pages in a real browser (issue 14 item 7): a depot's stock with a part below its
 * minimum marked, a transfer the server refuses on its quantity and then records; instruments
 * with a lapsed calibration marked; an EOMS export imported from the page with its refused row
 * listed, a difference explained, and the differences downloaded as xlsx. Then once in English.
 * Any console error, page error, failed request or 5xx fails.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createAsset } from '../../src/modules/assets/assets.service.ts';
import { importFile } from '../../src/modules/ledger/ledger.service.ts';
import { createPartner } from '../../src/modules/partners/partners.service.ts';
import {
  createDepot,
  createPart,
  recordMovement,
  setMinimum,
} from '../../src/modules/parts/parts.service.ts';
import { TEST_PASSWORD } from '../harness.ts';
import {
  chooseInModal as choose,
  type LiveServer,
  login,
  openBrowser,
  seedKunming,
  startLiveServer,
} from './browser.ts';

let server: LiveServer;
const HEADER = '电路编号,业务类型,区县,客户名称,装机地址,带宽,状态';
const LEDGER = [
  'KM001,家庭宽带,五华区,张三,五华区某路 1 号,300M,在用',
  'KM002,集团专线,盘龙区,某医院,盘龙区某路 2 号,100M,在用',
];
const EOMS = [
  'KM001,家庭宽带,五华区,张三,五华区某路 1 号,500M,在用',
  'KM002,集团专线,盘龙区,某医院,盘龙区某路 2 号,100M,在用',
  'KM003,卫星,盘龙区,某人,某处,1M,在用',
];
const csv = (rows: string[]) => Buffer.from(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`);

before(async () => {
  server = await startLiveServer();
  const { ctx } = server.app;
  const world = await seedKunming(ctx);
  const system = { system: 'browser-test' };
  await server.app.personWith(['admin'], { username: 'resadmin', displayName: '管理员吴' });
  await server.app.personWith(['admin'], { username: 'resadmin-en', displayName: 'Admin Wu' });
  const engineer = await server.app.personWith(['engineer'], { displayName: '工程师李' });
  const depot = await createDepot(ctx, system, {
    code: 'KM-A',
    name: '昆明一号备件库',
    regionId: world.km.id,
  });
  await createDepot(ctx, system, { code: 'KM-B', name: '昆明二号备件库', regionId: world.km.id });
  const board = await createPart(ctx, system, { code: 'GPBD', name: 'GPON 业务板', unit: '块' });
  const sfp = await createPart(ctx, system, { code: 'SFP-1G', name: '光模块', unit: '个' });
  await recordMovement(ctx, system, depot.id, { kind: 'receive', partId: board.id, qty: 5 });
  await recordMovement(ctx, system, depot.id, { kind: 'receive', partId: sfp.id, qty: 30 });
  await setMinimum(ctx, system, depot.id, board.id, 8);
  const base = { regionId: world.km.id, personId: engineer.personId };
  await createAsset(ctx, system, {
    ...base,
    kind: 'instrument',
    type: 'OTDR',
    name: 'OTDR 光时域反射仪',
    serialNo: 'OTDR-0001',
    calibrationDue: '2020-01-31',
  });
  await createAsset(ctx, system, {
    ...base,
    kind: 'instrument',
    type: 'OPM',
    name: '光功率计',
    serialNo: 'OPM-0001',
    calibrationDue: '2099-12-31',
  });
  const partner = await createPartner(ctx, system, {
    code: 'KMV',
    name: '滇通代维',
    regionIds: [world.km.id],
  });
  await importFile(ctx, system, {
    partnerId: partner.id,
    target: 'ledger',
    fileName: '台账.csv',
    sha256: 'browser-ledger',
    records: (async function* () {
      for (const line of [HEADER, ...LEDGER]) yield line.split(',');
    })(),
  });
});

after(async () => {
  await server?.close();
});

describe('resource pages', () => {
  test('zh-CN: depot stock and a refused transfer, lapsed calibration, an EOMS export reconciled', async () => {
    const s = await openBrowser(server.baseUrl);
    const { page } = s;
    const nav = page.getByRole('navigation', { name: '主导航' });
    const dialog = page.locator('.ant-modal:visible');
    try {
      await page.goto('/login');
      await login(s, 'resadmin', TEST_PASSWORD);

      await nav.getByText('备件库存').click();
      await page.getByRole('heading', { level: 1, name: '备件库存' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'GPON 业务板' }).getByText('低于最低库存').waitFor();
      await page.getByText('1 种备件低于最低库存').waitFor();
      assert.equal(
        await page.getByRole('row').filter({ hasText: '光模块' }).getByText('低于最低库存').count(),
        0,
      );
      await page.getByRole('button', { name: '登记出入库' }).click();
      await choose(page, dialog.getByLabel('类型', { exact: true }), '调拨');
      await choose(page, dialog.getByLabel('备件', { exact: true }), 'GPON 业务板');
      await dialog.getByLabel('数量', { exact: true }).fill('100');
      await choose(page, dialog.getByLabel('调入备件库', { exact: true }), '昆明二号备件库');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      // The server refuses more than is available, under the quantity.
      await dialog
        .locator('.ant-form-item', { has: page.getByLabel('数量', { exact: true }) })
        .locator('.ant-form-item-explain-error')
        .filter({ hasText: '可用库存不足：仅剩 5 件可用' })
        .waitFor();
      await dialog.getByLabel('数量', { exact: true }).fill('2');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page
        .getByRole('row')
        .filter({ hasText: 'GPON 业务板' })
        .getByRole('cell', { name: '3', exact: true })
        .first()
        .waitFor();
      await page.getByRole('tab', { name: '出入库记录' }).click();
      await page.getByRole('row').filter({ hasText: '调拨' }).filter({ hasText: '昆明二号备件库' }).waitFor();
      await s.shot('resources-zh-depot');

      await nav.getByText('仪表与车辆').click();
      await page.getByRole('heading', { level: 1, name: '仪表与车辆' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'OTDR-0001' }).getByText('已过期').waitFor();
      await page.getByRole('row').filter({ hasText: 'OPM-0001' }).getByText('有效').waitFor();
      await page.getByText('1 台仪表校准已过期').waitFor();
      await page.getByText('尚未配发工具包的工程师：工程师李').waitFor();
      await page.getByRole('row').filter({ hasText: 'OTDR-0001' }).getByText('工程师李').waitFor();
      await s.shot('resources-zh-assets');

      await nav.getByText('用户台账对账').click();
      await page.getByRole('heading', { level: 1, name: '用户台账对账' }).waitFor();
      await page.locator('input[type=file]').setInputFiles({
        name: 'EOMS导出.csv',
        mimeType: 'text/csv',
        buffer: csv(EOMS),
      });
      await page.getByRole('button', { name: /导入文件/ }).click();
      await page.getByText('已读取 3 行，拒收 1 行').waitFor();
      await page.getByRole('table', { name: '拒收的行' }).getByText('无法识别的业务类型“卫星”').waitFor();
      await choose(page, page.getByRole('combobox', { name: '差异类型' }), '字段不一致');
      const row = page.getByRole('row').filter({ hasText: 'KM001' });
      await row.getByText('500M').waitFor();
      await row.getByRole('button', { name: /处\s*理/ }).click();
      await dialog.getByLabel('说明差异原因').check();
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      // Explaining needs its explanation: the server names the note.
      await dialog.locator('.ant-form-item-explain-error').first().waitFor();
      await dialog.getByLabel('说明', { exact: true }).fill('用户已申请提速，台账待更新');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await choose(page, page.getByRole('combobox', { name: '处理状态' }), '已说明');
      await page.getByRole('row').filter({ hasText: 'KM001' }).getByText('用户已申请提速').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /导出 xlsx/ }).click(),
      ]);
      const bytes = readFileSync((await download.path()) as string);
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');
      await s.shot('resources-zh-ledger');
      assert.deepEqual(s.problems, []);
      assert.equal(s.clientErrors.length, 2, s.clientErrors.join('; '));
      assert.match(s.clientErrors[0] ?? '', /^409 POST \/api\/v1\/depots\/[^/]+\/movements$/);
      assert.match(s.clientErrors[1] ?? '', /^422 POST \/api\/v1\/ledger-items\/[^/]+\/resolve$/);
    } finally {
      await s.close();
    }
  });

  test('en: the three pages speak English, with no raw codes', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en-US' });
    const { page } = s;
    try {
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await login(s, 'resadmin-en', TEST_PASSWORD);
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      await nav.getByText('Spare parts').click();
      await page.getByRole('heading', { level: 1, name: 'Spare parts' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'GPON' }).getByText('Below minimum').waitFor();
      await nav.getByText('Instruments and vehicles').click();
      await page.getByRole('row').filter({ hasText: 'OTDR-0001' }).getByText('Lapsed').waitFor();
      await nav.getByText('Subscriber ledger').click();
      await page.getByRole('heading', { level: 1, name: 'Subscriber ledger' }).waitFor();
      await choose(page, page.getByRole('combobox', { name: 'State' }), 'Explained');
      await page.getByRole('cell', { name: 'Field differs' }).first().waitFor();
      const text = (await page.locator('main').last().textContent()) ?? '';
      for (const raw of ['only_eoms', 'only_ledger', 'bandwidth', 'explained'])
        assert.ok(!text.includes(raw), raw);
      await s.shot('resources-en-ledger');
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });
});
