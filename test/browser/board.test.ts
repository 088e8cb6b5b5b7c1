/**
 * The dispatcher board in a real browser: each open order shows its nearest running deadline,
 * coloured by risk (SL-1), and the engineers' day shows an appointment window as a block on the
 * engineer's row once proposed, then confirmed (WO-5). Any console error, page error, failed
 * request or 5xx fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, TEST_PASSWORD } from '../harness.ts';
import { type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

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
      const lateRow = p.locator('tr', { has: p.getByRole('link', { name: late.number, exact: true }) });
      const lateClock = lateRow.getByTestId('order-clock');
      await lateClock.waitFor();
      assert.equal(await lateClock.getAttribute('data-risk'), 'red');
      assert.match((await lateClock.textContent()) ?? '', /^响应 · 已超 /);
      const freshClock = p
        .locator('tr', { has: p.getByRole('link', { name: o.number, exact: true }) })
        .getByTestId('order-clock');
      await freshClock.waitFor();
      assert.match((await freshClock.textContent()) ?? '', /剩余 /);
      // Sorting by time to breach puts the overdue order first.
      await p.getByRole('columnheader', { name: '距超时' }).click();
      // The list re-renders after the sort (the sort is kept in the URL), so wait for the new order.
      await p.waitForFunction(
        (n) =>
          (
            globalThis as unknown as {
              document: { querySelector(s: string): { textContent: string } | null };
            }
          ).document.querySelector('tbody tr.ant-table-row a')?.textContent === n,
        late.number,
      );
      const firstLink = p.locator('tbody tr.ant-table-row').first().getByRole('link').first();
      assert.equal(await firstLink.textContent(), late.number);

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
