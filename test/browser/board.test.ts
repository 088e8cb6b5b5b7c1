/**
 * The dispatcher board in a real browser: each open order shows its nearest running deadline,
 * coloured by risk (SL-1), and the engineers' day shows an appointment window as a block on the
 * engineer's row once proposed, then confirmed (WO-5). Any console error, page error, failed
 * request or 5xx fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enRoute } from '../../src/modules/onsite/onsite.fixtures.ts';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, TEST_PASSWORD } from '../harness.ts';
import { chooseInModal, dragOnto, type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
let w: World;

before(async () => {
  server = await startLiveServer();
  w = await buildWorld(server.app);
  await server.app.personWith(['dispatcher'], { username: 'board', displayName: '调度员赵' });
});

after(async () => {
  await server?.close();
});

async function call(as: Session, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await server.app.request({
    method,
    url,
    as,
    ...(payload ? { payload: payload as Record<string, unknown> } : {}),
  });
  assert.ok([200, 201].includes(res.statusCode), `${method} ${url} → ${res.statusCode} ${res.body}`);
  return res;
}

/** A new session for a world person (the server's clock moved past the old session's expiry). */
async function relogin(as: Session): Promise<Session> {
  const { username } = await server.app.ctx.db
    .selectFrom('people')
    .select('username')
    .where('id', '=', as.personId)
    .executeTakeFirstOrThrow();
  const res = await server.app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'onsite_session');
  return { cookie: `onsite_session=${cookie?.value}`, personId: as.personId };
}

describe('dispatcher board: queue by risk, the map offline, drag and bulk actions', () => {
  test('zh-CN: the queue puts the nearest deadline first; the map draws orders and engineers offline; a drop is refused then accepted (DP-1); a bulk dispatch answers per order', async () => {
    const t = server.app;
    // The near engineer checks in with a GPS fix on an order of their own: the map shows them there.
    const visit = await enRoute(t, w);
    await call(w.engNear, 'POST', `/api/v1/work-orders/${visit.id}/check-in`, {
      lat: 26.5648,
      lng: 106.7136,
      accuracyM: 15,
    });
    const intake = async (severity: string) =>
      json<{ id: string; number: string }>(
        await call(w.callCenter, 'POST', '/api/v1/work-orders', phoneIntake(w, { severity })),
      );
    // Received least urgent first, so the queue's order is the server's sort, not receipt order.
    const minor = await intake('minor');
    const major = await intake('major');
    const critical = await intake('critical');
    await call(w.callCenter, 'POST', `/api/v1/work-orders/${minor.id}/transitions`, { to: 'accepted' });

    const s = await openBrowser(server.baseUrl);
    try {
      const p = s.page;
      await p.goto('/login');
      await login(s, 'board', TEST_PASSWORD);
      await p.waitForURL('**/orders');
      const queueRows = p.getByTestId('queue-row');
      await queueRows.first().waitFor();
      const numbers = async () =>
        (await queueRows.locator('a').allTextContents()).filter((n) =>
          [minor.number, major.number, critical.number].includes(n),
        );
      assert.deepEqual(await numbers(), [critical.number, major.number, minor.number]);

      // The map sits beside the queue and draws without any tile server: outline, orders, engineer.
      const panel = p.getByTestId('board-map-panel');
      await panel.waitFor();
      await p.waitForFunction(
        () =>
          Number(
            (
              globalThis as unknown as {
                document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
              }
            ).document
              .querySelector('[data-testid="board-map-panel"]')
              ?.getAttribute('data-engineers'),
          ) >= 1,
      );
      assert.equal(await panel.getAttribute('data-orders'), '3');
      const shapes = await p.getByTestId('board-map').locator('path.leaflet-interactive').count();
      assert.ok(shapes >= 1 + 3 + 1, `outline, three orders and one engineer drawn (${shapes})`);
      await p.getByText('离线底图：区域轮廓为示意').first().waitFor();
      const mapBox = await p.getByTestId('board-map').boundingBox();
      const queueBox = await p.getByTestId('queue-row').first().boundingBox();
      assert.ok(mapBox && queueBox && mapBox.x > queueBox.x, 'the map is beside the queue');

      // Drag the critical order from the queue onto the near engineer: not yet accepted, so refused there.
      const timeline = p.getByTestId('engineer-timeline');
      const dragQueued = (number: string, personId: string) =>
        dragOnto(
          p,
          queueRows.filter({ has: p.getByRole('link', { name: number, exact: true }) }),
          timeline.getByTestId(`timeline-row-${personId}`),
        );
      await dragQueued(critical.number, w.engNear.personId);
      const refusal = timeline.getByTestId('drop-refusal');
      await refusal.waitFor();
      assert.match((await refusal.textContent()) ?? '', new RegExp(`${critical.number} 不能派给`));
      assert.match((await refusal.textContent()) ?? '', /接单/);
      // The accepted one goes through and leaves the queue.
      await dragQueued(minor.number, w.engNear.personId);
      await p.getByText(`已把 ${minor.number} 派给近工程师`).waitFor();
      await queueRows.filter({ hasText: minor.number }).waitFor({ state: 'detached' });
      await s.shot('h17-board-queue-map-zh');

      // Bulk: select two orders on the list and dispatch them to one engineer; each answers for itself.
      await call(w.callCenter, 'POST', `/api/v1/work-orders/${major.id}/transitions`, { to: 'accepted' });
      await p.reload();
      const list = p.getByTestId('order-list');
      for (const n of [major.number, critical.number])
        await list
          .locator('tr', { has: p.getByRole('link', { name: n, exact: true }) })
          .locator('input[type="checkbox"]')
          .check();
      await p.getByText('已选 2 个工单').waitFor();
      await p.getByRole('button', { name: '批量派工' }).click();
      const modal = p.locator('.ant-modal:visible');
      await chooseInModal(p, modal.getByRole('combobox', { name: '派给哪位工程师' }), '近工程师');
      await modal.getByRole('button', { name: /应用到 2 个工单/ }).click();
      const results = p.getByTestId('bulk-result');
      await results.first().waitFor();
      assert.equal(await results.count(), 2);
      const ok = p.getByTestId('bulk-result').filter({ hasText: major.number });
      assert.equal(await ok.getAttribute('data-ok'), 'true');
      const refused = p.getByTestId('bulk-result').filter({ hasText: critical.number });
      assert.equal(await refused.getAttribute('data-ok'), 'false');
      assert.match((await refused.textContent()) ?? '', /未执行.*接单/);
      await s.shot('h17-board-bulk-results-zh');
      assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
    } finally {
      await s.close();
    }
  });
});

describe('dispatcher board: clocks and the engineers’ day', () => {
  test('zh-CN: an overdue order shows red time-to-breach; a proposed then confirmed window shows on the engineer’s row', async () => {
    const t = server.app;
    // An order taken now whose respond clock then runs out: four days later it is overdue.
    const late = json<{ id: string; number: string }>(
      await call(w.callCenter, 'POST', '/api/v1/work-orders', phoneIntake(w)),
    );
    t.clock.set(new Date(t.clock.now().getTime() + 4 * 86_400_000));
    const callCenter = await relogin(w.callCenter);
    const dispatcher = await relogin(w.dispatcher);
    const engNear = await relogin(w.engNear);
    // A second order, accepted and given to the near engineer, who proposes the first free window.
    const o = json<{ id: string; number: string }>(
      await call(callCenter, 'POST', '/api/v1/work-orders', phoneIntake(w, { severity: 'minor' })),
    );
    await call(callCenter, 'POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
    await call(dispatcher, 'POST', `/api/v1/work-orders/${o.id}/assignments`, {
      leadEngineerId: w.engNear.personId,
    });
    const { windows, timeZone } = json<{ windows: { start: string; end: string }[]; timeZone: string }>(
      await call(engNear, 'GET', `/api/v1/work-orders/${o.id}/appointment-windows?count=1`),
    );
    const win = windows[0];
    assert.ok(win);
    assert.equal(timeZone, 'Asia/Shanghai');
    const appt = json<{ id: string }>(
      await call(engNear, 'POST', `/api/v1/work-orders/${o.id}/appointments`, {
        windowStart: win.start,
        windowEnd: win.end,
      }),
    );
    const day = new Date(Date.parse(win.start) + 8 * 3_600_000).toISOString().slice(0, 10);

    const s = await openBrowser(server.baseUrl);
    try {
      const p = s.page;
      await p.goto('/login');
      await login(s, 'board', TEST_PASSWORD);
      await p.waitForURL('**/orders');
      await p.getByRole('heading', { level: 1, name: '工单' }).waitFor();
      // One request for the page's clocks; the overdue order's tag is red and says overdue.
      const list = p.getByTestId('order-list');
      const lateRow = list.locator('tr', { has: p.getByRole('link', { name: late.number, exact: true }) });
      const lateClock = lateRow.getByTestId('order-clock');
      await lateClock.waitFor();
      assert.equal(await lateClock.getAttribute('data-risk'), 'red');
      assert.match((await lateClock.textContent()) ?? '', /^响应 · 已超 /);
      const freshClock = list
        .locator('tr', { has: p.getByRole('link', { name: o.number, exact: true }) })
        .getByTestId('order-clock');
      await freshClock.waitFor();
      assert.match((await freshClock.textContent()) ?? '', /剩余 /);
      // Sorting by time to breach puts overdue orders first (the board's other test left some too).
      await list.getByRole('columnheader', { name: '距超时' }).click();
      // The list re-renders after the sort (the sort is kept in the URL), so wait for the new order.
      await p.waitForFunction(
        ([lateNo, freshNo]) => {
          const links = (
            globalThis as unknown as {
              document: { querySelectorAll(s: string): ArrayLike<{ textContent: string }> };
            }
          ).document.querySelectorAll('[data-testid="order-list"] tbody tr.ant-table-row a');
          const numbers = Array.from(links, (a) => a.textContent);
          const i = numbers.indexOf(lateNo as string);
          return i >= 0 && i < numbers.indexOf(freshNo as string);
        },
        [late.number, o.number],
      );
      const firstClock = list.locator('tbody tr.ant-table-row').first().getByTestId('order-clock');
      assert.equal(await firstClock.getAttribute('data-risk'), 'red');

      // The engineers' day: pick the window's day; the near engineer's row holds the proposed block.
      const timeline = p.getByTestId('engineer-timeline');
      const pickDay = async () => {
        const input = timeline.getByLabel('日期');
        await input.click();
        await input.fill(day);
        await input.press('Enter');
        await input.press('Escape');
      };
      await pickDay();
      const row = timeline.getByTestId(`timeline-row-${w.engNear.personId}`);
      const block = row.getByTestId('timeline-block');
      await block.waitFor();
      assert.equal(await block.getAttribute('data-state'), 'proposed');
      assert.match((await block.textContent()) ?? '', new RegExp(`${o.number} · 待客户确认`));
      // An engineer without appointments that day shows as free.
      await timeline.getByTestId(`timeline-row-${w.engFar.personId}`).getByText('全天空闲').waitFor();
      await s.shot('h12-01-board-clocks-timeline-zh');

      // The customer agrees by phone: after a reload the block says confirmed.
      await call(dispatcher, 'POST', `/api/v1/appointments/${appt.id}/confirm`);
      await p.reload();
      await pickDay();
      await row.locator('[data-testid="timeline-block"][data-state="confirmed"]').waitFor();
      assert.match((await row.getByTestId('timeline-block').textContent()) ?? '', /客户已确认/);
      assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });
});
