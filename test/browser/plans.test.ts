/**
 * The daily plan page (DP-2) in a real browser: a built plan shows on the map (routes and stops
 * drawn over the bundled region outline, no tiles needed) and on the engineers' timeline, and a
 * stop dragged onto another engineer's row is moved by the server, which re-checks it. Any
 * console error, page error, failed request or 5xx fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { plansSettled } from '../../src/modules/routing/routing.service.ts';
import { createSite } from '../../src/modules/sites/sites.service.ts';
import {
  buildWorld,
  PRODUCT,
  phoneIntake,
  type World,
} from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, TEST_PASSWORD } from '../harness.ts';
import { type LiveServer, login, openBrowser, startLiveServer } from './browser.ts';

let server: LiveServer;
let w: World;

before(async () => {
  server = await startLiveServer();
  w = await buildWorld(server.app);
  await server.app.personWith(['dispatcher'], { username: 'planner', displayName: '调度员钱' });
});

after(async () => {
  await plansSettled();
  await server?.close();
});

async function call(as: Session, url: string, payload: unknown) {
  const res = await server.app.request({
    method: 'POST',
    url,
    as,
    payload: payload as Record<string, unknown>,
  });
  assert.ok([200, 201, 202].includes(res.statusCode), `POST ${url} → ${res.statusCode} ${res.body}`);
  return res;
}

type Plan = {
  id: string;
  state: string;
  routes: { personId: string; stops: { orderId: string; number: string }[] }[];
};

describe('daily plan page: map, timeline and a drag-and-drop move', () => {
  test('zh-CN: the plan is drawn; dragging a stop to another engineer moves it, re-checked by the server', async () => {
    const sys = { system: 'test' };
    const spots: [number, number][] = [
      [26.6, 106.65],
      [26.52, 106.75],
      [26.45, 106.6],
    ];
    const sites = [w.siteA1];
    for (const [i, [lat, lng]] of spots.entries()) {
      const site = await createSite(server.app.ctx, sys, {
        code: `BP${i}${Math.random().toString(36).slice(2, 6)}`,
        customerId: w.customerId,
        name: `浏览器站点${i}`,
        address: `某路 ${i} 号`,
        regionId: w.regions.countyA1,
        areaClass: 'urban',
        lat,
        lng,
      });
      sites.push(site.id);
    }
    for (const siteId of sites) {
      const o = json<{ id: string }>(
        await call(
          w.callCenter,
          '/api/v1/work-orders',
          phoneIntake(w, { siteId, equipmentId: undefined, product: PRODUCT }),
        ),
      );
      await call(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
    }
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const created = json<Plan>(
      await call(w.dispatcher, '/api/v1/plans', { regionId: w.regions.prefA, day, seconds: 0.3 }),
    );
    await plansSettled();

    const s = await openBrowser(server.baseUrl);
    try {
      const p = s.page;
      await p.goto('/login');
      await login(s, 'planner', TEST_PASSWORD);
      await p.waitForURL((u) => !u.pathname.startsWith('/login'));
      // Through the navigation, then the day's plan from the list (the day defaults to tomorrow).
      await p.getByRole('menuitem', { name: '路线方案' }).click();
      await p.getByRole('combobox', { name: '已有方案' }).click();
      await p.locator('.ant-select-item-option', { hasText: day }).first().click();
      await p.getByRole('heading', { level: 1, name: '每日路线方案' }).waitFor();
      await p.locator('[data-stop]').first().waitFor();
      // The map draws routes and stops as vector layers over the offline outline.
      const drawn = await p.locator('[data-testid="plan-map"] path.leaflet-interactive').count();
      assert.ok(drawn >= 4, `only ${drawn} shapes on the map`);
      await p.getByText('离线底图：区域轮廓为示意').waitFor();

      const res = await server.app.request({
        method: 'GET',
        url: `/api/v1/plans/${created.id}`,
        as: w.dispatcher,
      });
      const plan = json<Plan>(res);
      const from = plan.routes.find((r) => r.stops.length > 0);
      assert.ok(from, 'some engineer has stops');
      const to = from.personId === w.engNear.personId ? w.engFar.personId : w.engNear.personId;
      const stop = from.stops[from.stops.length - 1]!;
      await s.shot('p16-01-plan-before-move');
      // Drop at the row's left edge: the stop becomes the target engineer's first.
      await p.dragAndDrop(`[data-stop="${stop.number}"]`, `[data-row="${to}"]`, {
        targetPosition: { x: 4, y: 20 },
      });
      await p.getByText('已调整，结果已重新核算').waitFor();
      await p.locator(`[data-row="${to}"] [data-stop="${stop.number}"]`).waitFor();
      const after = json<Plan>(
        await server.app.request({ method: 'GET', url: `/api/v1/plans/${created.id}`, as: w.dispatcher }),
      );
      const target = after.routes.find((r) => r.personId === to);
      assert.equal(target?.stops[0]?.orderId, stop.orderId, 'the server holds the move');
      await s.shot('p16-02-plan-after-move');
      assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
      assert.deepEqual(s.clientErrors, []);
    } finally {
      await s.close();
    }
  });
});
