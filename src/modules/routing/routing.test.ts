import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { createSite } from '../sites/sites.service.ts';
import { buildWorld, PRODUCT, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';
import { plansSettled } from './routing.service.ts';

const EN = { 'accept-language': 'en' };
type Stop = { orderId: string; lateMinutes: number; locked: boolean; arrival: string; start: string };
type Plan = {
  id: string;
  state: string;
  version: number;
  progress: number;
  routes: { personId: string; stops: Stop[]; km: number; overtimeMinutes: number }[];
  unplaced: { orderId: string; reason: string; label: string }[];
  figures: { engineers: number; km: number };
};

/** Four more sites around 贵阳 in county A1, so a day has several stops. */
const SPOTS: [number, number][] = [
  [26.6, 106.65],
  [26.52, 106.75],
  [26.45, 106.6],
  [26.62, 106.8],
];

for (const kind of testDatabases) {
  describe(`daily plan API (DP-2, ${kind})`, () => {
    let t: TestApp;
    let w: World;
    const orders: string[] = [];
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      const sys = { system: 'test' };
      const sites = [w.siteA1];
      for (const [i, [lat, lng]] of SPOTS.entries()) {
        const s = await createSite(t.ctx, sys, {
          code: `RT${i}${Math.random().toString(36).slice(2, 6)}`,
          customerId: w.customerId,
          name: `站点${i}`,
          address: `某路 ${i} 号`,
          regionId: w.regions.countyA1,
          areaClass: i % 2 ? 'county' : 'urban',
          lat,
          lng,
        });
        sites.push(s.id);
      }
      for (const siteId of sites)
        orders.push(await acceptedOrder({ siteId, equipmentId: undefined, product: PRODUCT }));
    });
    after(async () => {
      await plansSettled();
      await t.close();
    });

    const post = (as: Session, url: string, payload: Record<string, unknown>) =>
      t.request({ method: 'POST', url, as, payload, headers: EN });
    const get = (as: Session, url: string) => t.request({ method: 'GET', url, as, headers: EN });
    async function acceptedOrder(extra: Record<string, unknown>) {
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, extra));
      assert.equal(res.statusCode, 201, res.body);
      const id = json<{ id: string }>(res).id;
      const acc = await post(w.callCenter, `/api/v1/work-orders/${id}/transitions`, { to: 'accepted' });
      assert.equal(acc.statusCode, 200, acc.body);
      return id;
    }
    const ready = async (id: string) => {
      await plansSettled();
      const p = json<Plan>(await get(w.dispatcher, `/api/v1/plans/${id}`));
      assert.equal(p.state, 'ready', JSON.stringify(p).slice(0, 300));
      return p;
    };
    const whose = (p: Plan, orderId: string) =>
      p.routes.find((r) => r.stops.some((s) => s.orderId === orderId))?.personId;

    test('plan, move by hand (re-checked), lock and re-optimise, publish through dispatch, insert an urgent order', async () => {
      const created = await post(w.dispatcher, '/api/v1/plans', {
        regionId: w.regions.prefA,
        day: '2026-11-02',
        seconds: 0.3,
      });
      assert.equal(created.statusCode, 202, created.body);
      assert.equal(json<Plan>(created).state, 'building');
      const plan = await ready(json<Plan>(created).id);
      const placed = plan.routes.flatMap((r) => r.stops.map((s) => s.orderId));
      assert.deepEqual(
        [...placed].sort(),
        [...orders].sort(),
        JSON.stringify([
          plan.unplaced,
          plan.routes.map((r) => [r.personId, r.stops.map((s) => [s.start, s.lateMinutes])]),
        ]),
      );
      // RS-3: only certified engineers get stops (engNoCert holds no certification; engOtherRegion covers B).
      for (const r of plan.routes) {
        assert.ok([w.engNear.personId, w.engFar.personId].includes(r.personId), r.personId);
      }
      assert.ok(plan.figures.km > 0);

      // A move to an uncertified engineer is refused, naming the field; a stale version is refused.
      const target = orders[0]!;
      const noCert = await post(w.dispatcher, `/api/v1/plans/${plan.id}/moves`, {
        orderId: target,
        personId: w.engNoCert.personId,
        index: 0,
        version: plan.version,
      });
      assert.equal(noCert.statusCode, 422, noCert.body);
      assert.equal(errorOf(noCert).details[0]?.field, 'personId');
      const other = whose(plan, target) === w.engNear.personId ? w.engFar.personId : w.engNear.personId;
      const moved = await post(w.dispatcher, `/api/v1/plans/${plan.id}/moves`, {
        orderId: target,
        personId: other,
        index: 0,
        version: plan.version,
      });
      assert.equal(moved.statusCode, 200, moved.body);
      const afterMove = json<Plan>(moved);
      assert.equal(whose(afterMove, target), other);
      const first = afterMove.routes.find((r) => r.personId === other)!.stops[0]!;
      assert.equal(first.orderId, target);
      assert.ok(
        first.arrival > '2026-11-02T00:30:00.000Z',
        'the server computed the arrival after the shift start',
      );
      const stale = await post(w.dispatcher, `/api/v1/plans/${plan.id}/moves`, {
        orderId: target,
        personId: null,
        index: 0,
        version: plan.version,
      });
      assert.equal(stale.statusCode, 409);

      // Lock the moved stop, re-optimise: it stays with its engineer.
      const locked = await post(w.dispatcher, `/api/v1/plans/${plan.id}/locks`, {
        orderIds: [target],
        locked: true,
        version: afterMove.version,
      });
      assert.equal(locked.statusCode, 200, locked.body);
      const re = await post(w.dispatcher, `/api/v1/plans/${plan.id}/reoptimise`, {
        version: json<Plan>(locked).version,
        seconds: 0.3,
      });
      assert.equal(re.statusCode, 202, re.body);
      const again = await ready(plan.id);
      assert.equal(
        whose(again, target),
        other,
        JSON.stringify([
          again.unplaced,
          again.routes.map((r) => [
            r.personId,
            r.overtimeMinutes,
            r.stops.map((s) => [s.start, s.lateMinutes]),
          ]),
        ]),
      );
      assert.equal(again.routes.flatMap((r) => r.stops).find((s) => s.orderId === target)?.locked, true);
      const lockedMove = await post(w.dispatcher, `/api/v1/plans/${plan.id}/moves`, {
        orderId: target,
        personId: null,
        index: 0,
        version: again.version,
      });
      assert.equal(lockedMove.statusCode, 409);

      // Publish: each stop's engineer becomes the lead through dispatch.
      const published = await post(w.dispatcher, `/api/v1/plans/${plan.id}/publish`, {
        version: again.version,
      });
      assert.equal(published.statusCode, 200, published.body);
      const pub = json<Plan>(published);
      assert.equal(pub.state, 'published');
      for (const r of pub.routes) {
        for (const s of r.stops) {
          const o = json<{ state: string; assignments: { personId: string; role: string }[] }>(
            await get(w.dispatcher, `/api/v1/work-orders/${s.orderId}`),
          );
          assert.equal(o.state, 'dispatched');
          assert.deepEqual(
            o.assignments.filter((a) => a.role === 'lead').map((a) => a.personId),
            [r.personId],
          );
        }
      }
      const hist = json<{ items: { action: string }[] }>(
        await get(w.manager, `/api/v1/work-orders/${target}/history`),
      ).items.map((h) => h.action);
      assert.ok(hist.includes('assigned'));

      // An urgent order joins the published routes and is assigned at once.
      const urgent = await acceptedOrder({
        siteId: w.siteA1,
        equipmentId: undefined,
        product: PRODUCT,
        severity: 'critical',
      });
      const ins = await post(w.dispatcher, `/api/v1/plans/${plan.id}/urgent`, {
        orderId: urgent,
        version: pub.version,
      });
      assert.equal(ins.statusCode, 200, ins.body);
      const withUrgent = json<Plan>(ins);
      const lead = whose(withUrgent, urgent);
      assert.ok(lead);
      const o = json<{ assignments: { personId: string; role: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${urgent}`),
      );
      assert.ok(o.assignments.some((a) => a.role === 'lead' && a.personId === lead));
      const twice = await post(w.dispatcher, `/api/v1/plans/${plan.id}/urgent`, {
        orderId: urgent,
        version: withUrgent.version,
      });
      assert.equal(twice.statusCode, 409);
    });

    test('the duty roster shapes the plan: an engineer on leave gets no stops', async () => {
      const leave = await post(w.dispatcher, '/api/v1/duty/leave', {
        personId: w.engFar.personId,
        from: '2026-11-03',
        to: '2026-11-03',
        kind: 'annual',
      });
      assert.equal(leave.statusCode, 201, leave.body);
      // engNear works 08:30–17:30 on Tuesday only: at the test's "now" (Monday 10:00) they are off duty.
      const shift = await post(w.dispatcher, '/api/v1/duty/shifts', {
        personId: w.engNear.personId,
        from: '2026-11-03',
        to: '2026-11-03',
        start: '08:30',
        end: '17:30',
      });
      assert.equal(shift.statusCode, 201, shift.body);
      const created = await post(w.dispatcher, '/api/v1/plans', {
        regionId: w.regions.prefA,
        day: '2026-11-03',
        seconds: 0.2,
      });
      assert.equal(created.statusCode, 202, created.body);
      const plan = await ready(json<Plan>(created).id);
      assert.ok(plan.routes.every((r) => r.personId !== w.engFar.personId));
      // Publishing judges "on duty" at each stop's planned start, not at the moment of publishing.
      assert.ok(plan.routes.some((r) => r.personId === w.engNear.personId && r.stops.length > 0));
      const published = await post(w.dispatcher, `/api/v1/plans/${plan.id}/publish`, {
        version: plan.version,
      });
      assert.equal(published.statusCode, 200, published.body);
      const now = json<{ items: { personId: string; eligible: boolean; gaps: string[] }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${plan.routes[0]!.stops[0]!.orderId}/candidates`),
      ).items.find((c) => c.personId === w.engNear.personId);
      assert.deepEqual(now?.gaps, ['not_on_duty'], 'right now engNear is off duty');
    });

    test('authorisation and bad input: engineers may not plan; other regions are 404; fields are named', async () => {
      assert.equal(
        (await post(w.engNear, '/api/v1/plans', { regionId: w.regions.prefA, day: '2026-11-02' })).statusCode,
        403,
      );
      const outside = await post(w.partnerDispatcher, '/api/v1/plans', {
        regionId: w.regions.prefB,
        day: '2026-11-02',
      });
      assert.equal(outside.statusCode, 404);
      const bad = await post(w.dispatcher, '/api/v1/plans', { regionId: w.regions.prefA, day: '2026-13-01' });
      assert.equal(bad.statusCode, 422);
      assert.equal(errorOf(bad).details[0]?.field, 'day');
      const slow = await post(w.dispatcher, '/api/v1/plans', {
        regionId: w.regions.prefA,
        day: '2026-11-02',
        seconds: 600,
      });
      assert.equal(slow.statusCode, 422);
      assert.equal(errorOf(slow).details[0]?.field, 'seconds');
      const ghost = await get(w.dispatcher, '/api/v1/plans/01900000-0000-7000-8000-000000000000');
      assert.equal(ghost.statusCode, 404);
    });
  });

  describe(`daily plan with a routing engine's table API (stand-in server, ${kind})`, () => {
    let t: TestApp;
    let w: World;
    let server: Server;
    let calls = 0;
    let fail = false;
    before(async () => {
      // A stand-in for OSRM's table service: 10 minutes and 7 km between any two distinct points.
      server = createServer((req, res) => {
        calls += 1;
        const m = /^\/table\/v1\/driving\/([^?]+)\?annotations=duration,distance$/.exec(req.url ?? '');
        if (fail || !m) {
          res.writeHead(fail ? 500 : 400).end();
          return;
        }
        const n = (m[1] ?? '').split(';').length;
        const grid = (v: number) =>
          Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => (a === b ? 0 : v)));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'Ok', durations: grid(600), distances: grid(7000) }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      t = await startTestApp(kind, {
        configure: (c) => ({
          ...c,
          routing: { ...c.routing, provider: 'osrm', url: `http://127.0.0.1:${port}` },
        }),
      });
      w = await buildWorld(t);
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/work-orders',
        as: w.callCenter,
        payload: phoneIntake(w),
      });
      const id = json<{ id: string }>(res).id;
      await t.request({
        method: 'POST',
        url: `/api/v1/work-orders/${id}/transitions`,
        as: w.callCenter,
        payload: { to: 'accepted' },
      });
    });
    after(async () => {
      await plansSettled();
      await t.close();
      server.close();
    });

    test('travel comes from the engine, the matrix is cached per day and region; an engine failure is a clear 503', async () => {
      const make = () =>
        t.request({
          method: 'POST',
          url: '/api/v1/plans',
          as: w.dispatcher,
          payload: { regionId: w.regions.prefA, day: '2026-11-02', seconds: 0.2 },
        });
      const res = await make();
      assert.equal(res.statusCode, 202, res.body);
      await plansSettled();
      const plan = json<Plan>(
        await t.request({ method: 'GET', url: `/api/v1/plans/${json<Plan>(res).id}`, as: w.dispatcher }),
      );
      assert.equal(plan.state, 'ready');
      assert.equal(plan.figures.km, 14, 'out and back at the stand-in’s 7 km');
      const before = calls;
      assert.equal((await make()).statusCode, 202);
      await plansSettled();
      assert.equal(calls, before, 'the second plan of the day used the cached matrix');
      fail = true;
      const other = await t.request({
        method: 'POST',
        url: '/api/v1/plans',
        as: w.dispatcher,
        payload: { regionId: w.regions.prefA, day: '2026-11-04', seconds: 0.2 },
        headers: EN,
      });
      assert.equal(other.statusCode, 503, other.body);
      assert.equal(errorOf(other).details[0]?.field, 'provider');
    });
  });
}
