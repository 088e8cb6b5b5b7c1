/**
 * Capacity, inspections and acceptance in a real browser: a dispatcher sees each county's
 * shortfall against the staffing ratios, with the bar chart, in zh-CN; an English-speaking
 * dispatcher sees the inspection plans, the inspection due and the month's completion; on the
 * phone, an engineer on site at an engineering order fills its acceptance record (measured test
 * items, a leftover issue) and has the customer sign it, in zh-CN and once in English, where the
 * server's refusal to sign over a failed item is shown in English first. Any console error, page
 * error, failed request or 5xx fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sweepOnce } from '../../src/jobs/timers.ts';
import { importFile } from '../../src/modules/ledger/ledger.service.ts';
import { enRoute } from '../../src/modules/onsite/onsite.fixtures.ts';
import { addCertification, upsertEngineerProfile } from '../../src/modules/people/people.service.ts';
import { buildWorld, PRODUCT, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, TEST_PASSWORD } from '../harness.ts';
import { drawSignature, type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
let w: World;
/** An engineering order per language, with its engineer checked in on site. */
const onSite: Record<'zh' | 'en', { orderId: string; number: string; engineer: Session }> = {} as never;

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
  for (const lang of ['zh', 'en'] as const) {
    const engineer = await app.personWith(['engineer'], {
      username: `acc${lang}`,
      displayName: lang === 'zh' ? '验收工程师' : 'Engineer Wu',
      regionIds: [w.regions.prefA],
    });
    const sys = { system: 'browser-test' };
    await upsertEngineerProfile(app.ctx, sys, engineer.personId, { employment: 'own' });
    await addCertification(app.ctx, sys, engineer.personId, { product: PRODUCT, expiresOn: '2031-12-31' });
    const o = await enRoute(
      app,
      w,
      { type: 'eng_installation', symptom: '新建 OLT 安装', severity: 'minor' },
      { lead: engineer },
    );
    const ci = await app.request({
      method: 'POST',
      url: `/api/v1/work-orders/${o.id}/check-in`,
      as: engineer,
      payload: { lat: 26.5647, lng: 106.7135 },
    });
    assert.equal(ci.statusCode, 201, ci.body);
    onSite[lang] = { orderId: o.id, number: o.number, engineer };
  }
});

/** The acceptance record as the server keeps it. */
async function acceptanceOf(lang: 'zh' | 'en') {
  const res = await server.app.request({
    method: 'GET',
    url: `/api/v1/work-orders/${onSite[lang].orderId}/acceptance`,
    as: w.dispatcher,
  });
  return json<{
    state: string;
    signerName: string | null;
    tests: { item: string; measured: string; unit: string | null; passed: boolean }[];
    memos: { description: string; dueOn: string }[];
    documents: { title: string; fileName: string }[];
  }>(res);
}

after(async () => {
  await server?.close();
});

describe('capacity and inspections', () => {
  test('zh-CN on the phone: the engineer fills the acceptance record and the customer signs it', async () => {
    const s = await openBrowser(server.baseUrl, { viewport: { width: 390, height: 844 } });
    const { page } = s;
    try {
      await page.goto('/login');
      await login(s, 'acczh', TEST_PASSWORD);
      await page.waitForURL('**/engineer');
      const card = page.getByTestId('engineer-order').filter({ hasText: onSite.zh.number });
      const record = card.getByTestId('acceptance');
      await record.getByText('验收记录', { exact: true }).waitFor();
      await record.getByText('尚未登记测试项').waitFor();
      await record.getByLabel('测试项目').fill('光功率');
      await record.getByLabel('标准值').fill('≥ -25');
      await record.getByLabel('实测值').fill('-18.2');
      await record.getByLabel('单位').fill('dBm');
      await record.getByText('合格', { exact: true }).click();
      await record.getByRole('button', { name: '登记测试项' }).click();
      await record.getByText('光功率：标准 ≥ -25，实测 -18.2 dBm').waitFor();
      await record.getByLabel('遗留问题', { exact: true }).fill('机柜标签待补');
      await record.getByLabel('完成期限').fill('2030-12-31');
      await record.getByRole('button', { name: '登记遗留问题' }).click();
      await record.getByText('机柜标签待补 · 完成期限 2030-12-31').waitFor();
      // An as-built document: uploaded as a file of the order, then handed over on the record.
      await record.getByLabel('资料名称').fill('竣工图纸');
      await record.getByLabel('文件', { exact: true }).setInputFiles({
        name: 'as-built.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      });
      await record.getByRole('button', { name: '移交竣工资料' }).click();
      await record.getByRole('link', { name: '竣工图纸 · as-built.pdf' }).waitFor();
      await record.getByLabel('客户签字人').fill('王主任');
      await drawSignature(page, record.getByTestId('signature-pad'));
      await s.shot('acceptance-phone-zh');
      await record.getByRole('button', { name: '客户签字确认验收' }).click();
      await record.getByText(/已由 王主任 于 .* 签字验收，记录不再更改/).waitFor();
      assert.equal(
        await record.getByRole('button', { name: '登记测试项' }).count(),
        0,
        'signed: no more forms',
      );
      const kept = await acceptanceOf('zh');
      assert.equal(kept.state, 'signed');
      assert.equal(kept.signerName, '王主任');
      assert.deepEqual(
        kept.tests.map((x) => [x.item, x.measured, x.unit, x.passed]),
        [['光功率', '-18.2', 'dBm', true]],
      );
      assert.deepEqual(
        kept.memos.map((m) => [m.description, m.dueOn]),
        [['机柜标签待补', '2030-12-31']],
      );
      assert.deepEqual(
        kept.documents.map((d) => [d.title, d.fileName]),
        [['竣工图纸', 'as-built.pdf']],
      );
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.shot('acceptance-signed-zh');
      await s.close();
    }
  });

  test('en on the phone: signing over a failed item is refused in English; measured again, it is signed', async () => {
    const s = await openBrowser(server.baseUrl, { locale: 'en', viewport: { width: 390, height: 844 } });
    const { page } = s;
    try {
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await page.getByLabel('Username').waitFor();
      await login(s, 'accen', TEST_PASSWORD);
      await page.waitForURL('**/engineer');
      const card = page.getByTestId('engineer-order').filter({ hasText: onSite.en.number });
      const record = card.getByTestId('acceptance');
      await record.getByText('Acceptance record', { exact: true }).waitFor();
      const measure = async (measured: string, result: 'Pass' | 'Fail') => {
        await record.getByLabel('Test item').fill('Optical power');
        await record.getByLabel('Expected value').fill('≥ -25');
        await record.getByLabel('Measured value').fill(measured);
        await record.getByLabel('Unit').fill('dBm');
        await record.getByText(result, { exact: true }).click();
        await record.getByRole('button', { name: 'Record the test item' }).click();
        await record.getByText(`Optical power: expected ≥ -25, measured ${measured} dBm`).waitFor();
      };
      await measure('-28.5', 'Fail');
      await record.getByLabel('Signed by (customer staff)').fill('Director Wang');
      await drawSignature(page, record.getByTestId('signature-pad'));
      await record.getByRole('button', { name: 'Customer signs for acceptance' }).click();
      await record
        .getByText(/these items did not pass; measure them again once fixed before signing: Optical power/)
        .waitFor();
      await s.shot('acceptance-refused-en');
      // Measured again a minute later: the latest measurement of the item stands.
      server.app.clock.advanceMinutes(1);
      await measure('-19.0', 'Pass');
      await record.getByRole('button', { name: 'Customer signs for acceptance' }).click();
      await record
        .getByText(/Signed for acceptance by Director Wang at .*; the record no longer changes/)
        .waitFor();
      const kept = await acceptanceOf('en');
      assert.equal(kept.state, 'signed');
      assert.deepEqual(
        kept.tests.map((x) => [x.measured, x.passed]),
        [
          ['-28.5', false],
          ['-19.0', true],
        ],
      );
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.clientErrors.length, 1, 'the refused signature is the only 4xx');
      assert.match(s.clientErrors[0] ?? '', /^409 POST .*\/acceptance\/sign$/);
    } finally {
      await s.shot('acceptance-signed-en');
      await s.close();
    }
  });

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
