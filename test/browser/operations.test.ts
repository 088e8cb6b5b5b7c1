/**
 * Change control for a major operation in a real browser (MO-1 … MO-13): the plan is laid down
 * through the API, then the chief approves on the page, the lead sends the notices, is refused a
 * start before the window (the refusal shown on the spot), starts inside the window (the server's
 * clock set into the site's night window, computed from now in the site's own zone), records the
 * backup with a file whose SHA-256 the browser computes, runs every step, reports an emergency,
 * verifies, keeps the watch (an expansion: the duty roster over the first 24 hours, the network
 * monitoring's agreement, one day of observation, MO-8), completes with a leftover and opens the
 * completion report. Then the plan editor: a
 * daytime window and a plan without its rollback refused by the server on their fields, the
 * version history, the approval inbox where the chief refuses with a reason, and the week view.
 * Once more in English.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { json, type Session, TEST_PASSWORD } from '../harness.ts';
import { seriousViolations } from './axe.ts';
import { type LiveServer, login, openBrowser, seedKunming, startLiveServer } from './browser.ts';

let server: LiveServer;
let world: Awaited<ReturnType<typeof seedKunming>>;
const people: Record<string, Session> = {};

const PLAN = {
  steps: [
    {
      title: '备份数据',
      expectedResult: '备份文件生成',
      rollbackStep: '无',
      modifying: false,
      tableTransfer: false,
    },
    {
      title: '传表',
      expectedResult: '数据表同步',
      rollbackStep: '回传原表',
      modifying: true,
      tableTransfer: true,
    },
  ],
  rollbackPlan: '按步骤逆序回退，恢复备份',
  risk: { impact: '短时业务中断', affectedServices: '宽带', affectedSubscribers: 800, likelihood: '低' },
  verificationSteps: ['拨测', '话单核对'],
};

/** The next 01:00 in the site's zone at least two hours from now: inside the default 00:00–06:00 window. */
function nextNightWindow(timeZone: string): { windowStart: string; windowEnd: string } {
  let at = Math.ceil((Date.now() + 2 * 3_600_000) / 3_600_000) * 3_600_000;
  const hourIn = (ms: number) =>
    Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(ms));
  while (hourIn(at) !== 1) at += 3_600_000;
  return { windowStart: new Date(at).toISOString(), windowEnd: new Date(at + 2 * 3_600_000).toISOString() };
}

async function planOperation(title: string, kind: 'restart' | 'expansion' = 'restart') {
  const site = await server.app.ctx.db
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', world.site.id)
    .executeTakeFirstOrThrow();
  const window = nextNightWindow(site.time_zone);
  const post = (as: Session, url: string, payload: unknown, method: 'POST' | 'PUT' = 'POST') =>
    server.app.request({ method, url, as, payload: payload as Record<string, unknown> });
  const res = await post(people.lead!, '/api/v1/operations', {
    kind,
    title,
    siteIds: [world.site.id],
    leadId: people.lead!.personId,
    product: 'OLT',
    ...window,
  });
  assert.equal(res.statusCode, 201, res.body);
  const id = json<{ id: string }>(res).id;
  assert.equal((await post(people.lead!, `/api/v1/operations/${id}/plan`, PLAN, 'PUT')).statusCode, 200);
  return { id, window };
}

/** The customer escort and the project manager approve through the API; the chief does it on the page. */
async function approveByApi(id: string) {
  for (const who of [people.escort!, people.pm!]) {
    const r = await server.app.request({
      method: 'POST',
      url: `/api/v1/operations/${id}/approvals`,
      as: who,
      payload: {},
    });
    assert.equal(r.statusCode, 200, r.body);
  }
}

/** A time as the console's datetime-local input takes it, in the console's zone (Asia/Shanghai). */
function consoleLocal(iso: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(Date.parse(iso));
  return parts.replace(' ', 'T');
}

/** Opens the select labelled `label` and picks the option with `text`. */
async function choose(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

/** The error antd shows under the form field with this label. */
async function fieldError(page: Page, label: string): Promise<string> {
  const item = page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
  const explain = item.locator('.ant-form-item-explain-error');
  await explain.first().waitFor();
  return (await explain.allInnerTexts()).join(' ');
}

/** Fills the editor's operation part: name, product, the Kunming site and a window. */
async function fillBasics(
  page: Page,
  l: { title: string; product: string; sites: string; start: string; end: string },
  v: { title: string; start: string; end: string },
) {
  await page.getByLabel(l.title, { exact: true }).fill(v.title);
  await page.getByLabel(l.product, { exact: true }).fill('OLT');
  await choose(page, l.sites, '昆明核心机房');
  await page.keyboard.press('Escape');
  await page.getByLabel(l.start, { exact: true }).fill(v.start);
  await page.getByLabel(l.end, { exact: true }).fill(v.end);
}

before(async () => {
  // The watch moves the server's clock a day on; the sessions outlast it.
  server = await startLiveServer({ sessionTtlHours: 24 * 7 });
  world = await seedKunming(server.app.ctx);
  const region = { regionIds: [world.km.id] };
  people.lead = await server.app.personWith(['engineer'], {
    username: 'oplead',
    displayName: '工程师李',
    ...region,
  });
  await server.app.personWith(['engineer'], {
    username: 'opleaden',
    displayName: 'Engineer Li',
    locale: 'en',
    ...region,
  });
  people.escort = await server.app.personWith(['customer_escort'], {
    displayName: '随工刘',
    customerId: world.customer.id,
  });
  people.pm = await server.app.personWith(['project_manager'], {
    displayName: '项目经理周',
    email: 'pm@example.cn',
    ...region,
  });
  people.office = await server.app.personWith(['office_manager'], {
    displayName: '副经理钱',
    email: 'om@example.cn',
    ...region,
  });
  people.monitor = await server.app.personWith(['network_monitoring'], {
    displayName: '网监赵',
    customerId: world.customer.id,
  });
  people.chief = await server.app.personWith(['department_chief'], {
    username: 'opchief',
    displayName: '科长吴',
    ...region,
  });
});

after(async () => {
  await server?.close();
});

describe('major operations console', () => {
  test('zh-CN: approvals → notices → start in the window → steps with backup → emergency → verify → watch → completion report', async () => {
    const { id, window } = await planOperation('昆明核心机房 OLT 重启', 'expansion');
    // Everything before the start happens an hour before the window, so the sessions outlive the jump.
    server.app.clock.set(new Date(Date.parse(window.windowStart) - 60 * 60_000).toISOString());
    // The submit happens on the page: the lead is the planner.
    const lead = await openBrowser(server.baseUrl);
    const chief = await openBrowser(server.baseUrl);
    try {
      const { page } = lead;
      await page.goto('/login');
      await login(lead, 'oplead', TEST_PASSWORD);
      // An engineer lands in the field app; the console's pages are one link away.
      await page.getByRole('link', { name: '全部功能' }).click();
      await page.getByRole('navigation', { name: '主导航' }).getByText('重大操作').click();
      await page.getByRole('link', { name: '昆明核心机房 OLT 重启' }).click();
      await page.waitForURL(`**/operations/${id}`);
      await page.getByRole('button', { name: /^提\s*交$/ }).click();
      await page.getByText('已提交').first().waitFor();
      await approveByApi(id);

      // The chief approves on the page (escort and project manager approved through the API).
      await chief.page.goto('/login');
      await login(chief, 'opchief', TEST_PASSWORD);
      await chief.page.getByRole('navigation', { name: '主导航' }).getByText('重大操作').click();
      await chief.page.getByRole('link', { name: '昆明核心机房 OLT 重启' }).click();
      await chief.page.getByRole('button', { name: '审批通过' }).click();
      await chief.page.getByText('已审批').first().waitFor();

      await page.reload();
      await page.getByText('已审批').first().waitFor({ timeout: 30_000 });
      // Ready before the notices is refused in plain words on the spot (MO-4).
      await page.getByRole('button', { name: '确认就绪' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('button', { name: '发送书面通知' }).click();
      await page.getByText('已通知').first().waitFor();
      await page.getByRole('button', { name: '确认就绪' }).click();
      await page.getByText('就绪').first().waitFor();

      // Before the window the start is refused (MO-1); inside it the start succeeds.
      await page.getByRole('button', { name: '开始操作' }).click();
      await page.getByRole('alert').waitFor();
      server.app.clock.set(new Date(Date.parse(window.windowStart) + 5 * 60_000).toISOString());
      await page.getByRole('button', { name: '开始操作' }).click();
      await page.getByText('实施中').first().waitFor();

      // MO-5: the backup file's SHA-256 is computed in the browser and checked by the server.
      const content = `OLT config backup ${id}\n`;
      const file = path.join(tmpdir(), `onsite-backup-${id}.txt`);
      writeFileSync(file, content);
      await page.getByLabel('备份内容').fill('全量配置');
      await page.getByLabel('存放位置').fill('备份服务器 /backup');
      await page.getByLabel('备份文件').setInputFiles(file);
      const sha = createHash('sha256').update(content).digest('hex');
      await page.getByTestId('sha256').filter({ hasText: sha }).waitFor();
      await page.getByText('已核对变更表').click();
      await page.getByRole('button', { name: '登记备份' }).click();
      await page.getByText('已保存').first().waitFor();

      // The table transfer needs its re-check first (MO-6); then every step runs.
      await page
        .getByRole('button', { name: /^开\s*始$/ })
        .first()
        .click();
      await page
        .getByRole('button', { name: /^完\s*成$/ })
        .first()
        .click();
      await page
        .getByRole('button', { name: /^开\s*始$/ })
        .first()
        .click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('button', { name: '传表前复核' }).click();
      await page
        .getByRole('button', { name: /^开\s*始$/ })
        .first()
        .click();
      await page
        .getByRole('button', { name: /^完\s*成$/ })
        .first()
        .click();
      await page.getByRole('button', { name: /^开\s*始$/ }).waitFor({ state: 'detached' });

      // MO-9: the emergency button notifies at once.
      await page.getByLabel('发生了什么').fill('传表后个别用户掉线，已恢复');
      await page.getByRole('button', { name: '报告突发情况' }).click();
      await page.getByText('已立即通知科长和总工').waitFor();

      await page.getByRole('button', { name: '全部步骤完成，进入验证' }).click();
      await page.getByText('验证中').first().waitFor();
      await page.getByLabel('拨测').fill('本地长途拨测正常');
      await page.getByLabel('话单').fill('各方向话单正常');
      await page.getByLabel('异常掉话').fill('无');
      await page.getByLabel('告警').fill('无新增告警');
      await page.getByLabel('性能统计').fill('正常');
      await page.getByRole('button', { name: '验证通过' }).click();
      await page.getByText('值守观察').first().waitFor();

      // MO-8: the watch. Completing before it is kept is refused on the spot.
      await page.getByLabel('总结').fill('扩容完成，业务恢复');
      await page.getByRole('button', { name: '完成并生成报告' }).click();
      await page.getByRole('alert').filter({ hasText: '前 24 小时须全程有人值守' }).waitFor();
      const watchStart = Date.parse(window.windowStart) + 5 * 60_000;
      await page.getByLabel('值守人员').fill('工程师李，张三');
      await page.getByLabel('从', { exact: true }).fill(new Date(watchStart).toISOString());
      await page.getByLabel('到', { exact: true }).fill(new Date(watchStart + 25 * 3_600_000).toISOString());
      await page.getByRole('button', { name: '登记值守' }).click();
      await page.getByText('已保存').first().waitFor();
      // The customer's network monitoring agrees through its own account; a day of observation passes.
      const agreed = await server.app.request({
        method: 'POST',
        url: `/api/v1/operations/${id}/monitor-agreement`,
        as: people.monitor!,
        payload: { note: '网监确认业务正常' },
      });
      assert.equal(agreed.statusCode, 200, agreed.body);
      server.app.clock.set(new Date(watchStart + 24 * 3_600_000 + 10 * 60_000).toISOString());

      // MO-13: completion with a leftover; the report appears and is a PDF.
      await page.getByLabel('总结').fill('扩容完成，业务恢复');
      await page.getByLabel('问题', { exact: true }).fill('补充机房标签');
      const due = new Date(Date.parse(window.windowStart) + 7 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('完成期限').fill(due);
      await page.getByRole('button', { name: /添加遗留问题/ }).click();
      await page.getByRole('button', { name: '完成并生成报告' }).click();
      await page.getByText('已完成').first().waitFor();
      const link = page.getByRole('link', { name: '完成报告（PDF）' });
      await link.waitFor();
      const pdf = await page.request.get((await link.getAttribute('href')) ?? '');
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
      await page.getByText(`补充机房标签 · 责任人 工程师李 · 完成期限 ${due}`).waitFor();
      await lead.shot('operations-zh-completed');
      assert.deepEqual(lead.problems, []);
      assert.deepEqual(chief.problems, []);
    } finally {
      await lead.close();
      await chief.close();
    }
  });

  test('zh-CN: the plan editor with server refusals on their fields, version history, the approval inbox and the week view', async () => {
    server.app.clock.set(new Date().toISOString());
    const window = nextNightWindow('Asia/Shanghai');
    const title = '昆明核心机房交换机重启';
    const lead = await openBrowser(server.baseUrl);
    const chief = await openBrowser(server.baseUrl);
    // A shared machine answers slowly at times: waits here allow for it (no wait asserts time).
    for (const p of [lead.page, chief.page]) p.setDefaultTimeout(30_000);
    try {
      const { page } = lead;
      await page.goto('/login');
      await login(lead, 'oplead', TEST_PASSWORD);
      // An engineer lands in the field app; the console's pages are one link away.
      await page.getByRole('link', { name: '全部功能' }).click();
      await page.getByRole('navigation', { name: '主导航' }).getByText('重大操作').click();
      await page.getByRole('button', { name: '新建操作' }).click();
      await page.waitForURL('**/operations/new');
      // MO-1: an afternoon window is refused by the server, under the window's field.
      const afternoon = Date.parse(window.windowStart) + 13 * 3_600_000;
      const zh = { title: '操作名称', product: '产品', sites: '站点', start: '窗口开始', end: '窗口结束' };
      await fillBasics(page, zh, {
        title,
        start: consoleLocal(new Date(afternoon).toISOString()),
        end: consoleLocal(new Date(afternoon + 3_600_000).toISOString()),
      });
      await page.getByLabel('步骤', { exact: true }).fill('倒换到备用交换机');
      await page.getByLabel('预期结果', { exact: true }).fill('业务无中断');
      await page.getByLabel('回退步骤', { exact: true }).fill('倒回主用');
      await page.getByRole('button', { name: '保存并提交审批' }).click();
      assert.match(await fieldError(page, '窗口开始'), /不在维护窗口/);
      assert.deepEqual(await seriousViolations(page), [], 'the editor with its refusal');
      // MO-3: inside the night window the operation is created, but a plan without its rollback
      // plan, risk and verification cannot be submitted: each refusal lands on its field.
      await page.getByLabel('窗口开始', { exact: true }).fill(consoleLocal(window.windowStart));
      await page.getByLabel('窗口结束', { exact: true }).fill(consoleLocal(window.windowEnd));
      await page.getByRole('button', { name: '保存并提交审批' }).click();
      assert.match(await fieldError(page, '回退方案'), /缺少回退方案/);
      await page.getByLabel('回退方案', { exact: true }).fill('倒回主用交换机，恢复原配置');
      await page.getByLabel('影响', { exact: true }).fill('倒换瞬间短时中断');
      await page.getByLabel('受影响业务', { exact: true }).fill('宽带');
      await page.getByLabel('可能性', { exact: true }).fill('低');
      await page.getByLabel('测试验证步骤（每行一步）').fill('拨测\n话单核对');
      await page.getByRole('button', { name: '保存并提交审批' }).click();
      await page.waitForURL(/\/operations\/[0-9a-f-]+$/);
      await page.getByText('已提交').first().waitFor();
      const id = page.url().split('/').pop()!;
      // Both versions stay; the second says what changed from the first.
      const v2 = page.getByTestId('plan-version-2');
      await v2.getByText('与版本 1 相比').waitFor();
      await v2.getByText('倒回主用交换机，恢复原配置').waitFor();
      await page.getByTestId('plan-version-1').getByText('首个版本').waitFor();

      // MO-4: the chief finds it in the inbox; a refusal needs a reason, then goes back to draft.
      await chief.page.goto('/login');
      await login(chief, 'opchief', TEST_PASSWORD);
      await chief.page.getByRole('navigation', { name: '主导航' }).getByText('待我审批').click();
      const row = chief.page.getByRole('row').filter({ hasText: title });
      await row.getByText('审批', { exact: true }).waitFor();
      assert.deepEqual(await seriousViolations(chief.page), [], 'the approval inbox');
      await row.getByRole('button', { name: /^退\s*回$/ }).click();
      const dialog = chief.page.getByRole('dialog');
      await dialog.getByRole('button', { name: /退\s*回/ }).click();
      await dialog.locator('.ant-form-item-explain-error').first().waitFor();
      await dialog.getByLabel('退回原因').fill('回退方案没有写明所需时间');
      await dialog.getByRole('button', { name: /退\s*回/ }).click();
      await chief.page.getByText('没有等待您审批的操作').waitFor();
      await page.getByRole('navigation', { name: '主导航' }).getByText('重大操作').click();
      await page.getByRole('link', { name: title }).click();
      await page.getByText('退回：回退方案没有写明所需时间').waitFor({ timeout: 30_000 });
      await page.getByText('草稿').first().waitFor();

      // The week view shows the booked window on its day.
      await page.getByRole('navigation', { name: '主导航' }).getByText('重大操作').click();
      await page.getByRole('tab', { name: '操作日历' }).click();
      await page.getByText('周', { exact: true }).click();
      const day = consoleLocal(window.windowStart).slice(0, 10);
      const week = page.getByTestId('operation-week');
      await week.waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'the week view');
      if ((await week.locator(`[data-day="${day}"]`).count()) === 0)
        await page.getByRole('button', { name: '下一周' }).click();
      await week.locator(`[data-day="${day}"]`).getByText(title).waitFor();
      await lead.shot('operations-zh-week');
      assert.ok(id);
      assert.deepEqual(lead.problems, []);
      assert.deepEqual(chief.problems, []);
    } finally {
      await lead.close();
      await chief.close();
    }
  });

  test('en: the list, the calendar and a refusal in English', async () => {
    server.app.clock.set(new Date().toISOString());
    const { id } = await planOperation('Kunming OLT restart');
    const s = await openBrowser(server.baseUrl, { locale: 'en-US' });
    try {
      const { page } = s;
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await login(s, 'opleaden', TEST_PASSWORD);
      await page.getByRole('link', { name: 'All pages' }).click();
      await page.getByRole('navigation', { name: 'Main navigation' }).getByText('Major operations').click();
      await page.getByRole('link', { name: 'Kunming OLT restart' }).waitFor();
      await page.getByRole('tab', { name: 'Calendar' }).click();
      await page.getByText(/Allowed windows/).waitFor();
      await page.getByText('Week', { exact: true }).click();
      await page.getByTestId('operation-week').waitFor();
      await page.getByRole('button', { name: 'Next week' }).waitFor();
      await page.getByRole('tab', { name: 'Version catalog' }).click();
      await page.getByRole('tab', { name: 'Operations' }).click();
      await page.getByRole('link', { name: 'Kunming OLT restart' }).click();
      await page.waitForURL(`**/operations/${id}`);
      await page.getByRole('button', { name: 'Start the operation' }).click();
      await page.getByRole('alert').waitFor();
      assert.doesNotMatch(
        (await page.getByRole('alert').innerText()) ?? '',
        /[\u4e00-\u9fff]/,
        'the refusal is in English',
      );
      // The editor in English: an afternoon window refused under its field.
      await page.getByRole('navigation', { name: 'Main navigation' }).getByText('Major operations').click();
      await page.getByRole('button', { name: 'New operation' }).click();
      await page.getByLabel('Name', { exact: true }).waitFor({ timeout: 30_000 });
      const afternoon = Date.parse(nextNightWindow('Asia/Shanghai').windowStart) + 13 * 3_600_000;
      await fillBasics(
        page,
        { title: 'Name', product: 'Product', sites: 'Sites', start: 'Window start', end: 'Window end' },
        {
          title: 'Kunming switch restart',
          start: consoleLocal(new Date(afternoon).toISOString()),
          end: consoleLocal(new Date(afternoon + 3_600_000).toISOString()),
        },
      );
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      assert.match(await fieldError(page, 'Window start'), /outside its maintenance window/);
      await s.shot('operations-en-refused');
      assert.deepEqual(s.problems, []);
    } finally {
      await s.close();
    }
  });
});
