/**
 * Defect 2 (issue 10), the route families `races.test.ts` does not reach: closing (sign-off
 * and rating by staff and through the customer's link), the follow-up outcome (WO-10), the
 * scope-review decision (WO-13) and reference-data writes. 50 identical requests sent at
 * once end with exactly one effect and one history entry; on PostgreSQL the transactions
 * really run side by side, so a service that read before it locked would let several win.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  api,
  completeSiteWork,
  enRoute,
  type OrderView,
  signature,
} from '../../src/modules/onsite/onsite.fixtures.ts';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';
import { assertOneWinner, buildScene, burst, type Scene } from './security-fixture.ts';

const N = 50;

for (const kind of testDatabases) {
  describe(`races, closing and reference data: ${N} identical requests, one effect (${kind})`, () => {
    let t: TestApp;
    let s: Scene;
    let admin: Session;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-races-'));
    before(async () => {
      t = await startTestApp(kind, {
        configure: (c) => ({ ...c, attachmentsDir: dir, customerLinkRatePerMinute: 1000 }),
      });
      s = await buildScene(t);
      admin = await t.personWith(['admin']);
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** An order worked on site and resolved by the near engineer. */
    const resolved = async (): Promise<OrderView> => {
      const w = s.w;
      const o = await enRoute(t, w, { severity: 'minor' });
      assert.equal((await s.post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      await completeSiteWork(t, w.engNear, o.id);
      t.clock.advanceMinutes(30);
      const res = await s.post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' });
      assert.equal(res.statusCode, 200, res.body);
      await api(t).put(w.engNear, `/api/v1/work-orders/${o.id}/daily-log`, {
        workDone: '更换光模块，业务恢复',
      });
      return o;
    };
    const signOffBody = { signerName: '刘工', signaturePngBase64: signature(3), opinion: '业务恢复正常' };

    test('staff sign-off (WO-9): one sign-off, one history entry', async () => {
      const o = await resolved();
      const r = await burst(N, () =>
        s.post(s.w.engNear, `/api/v1/work-orders/${o.id}/sign-off`, signOffBody),
      );
      assertOneWinner(r.statuses, 'sign-off');
      assert.equal(await s.historyCount(o.id, 'close:sign_off'), 1);
    });

    test('staff rating (WO-9): one rating, one history entry', async () => {
      const o = await resolved();
      const r = await burst(N, () =>
        s.post(s.w.engNear, `/api/v1/work-orders/${o.id}/satisfaction`, { score: 5 }),
      );
      assertOneWinner(r.statuses, 'rating');
      assert.equal(await s.historyCount(o.id, 'close:rating'), 1);
    });

    test('customer sign-off and rating through the link: one of each', async () => {
      const o = await resolved();
      const link = await s.link(o.id);
      const signed = await burst(N, () => s.post(undefined, `${link}/sign-off`, signOffBody));
      assertOneWinner(signed.statuses, 'link sign-off');
      assert.equal(await s.historyCount(o.id, 'close:sign_off'), 1);
      const rated = await burst(N, () => s.post(undefined, `${link}/satisfaction`, { score: 4 }));
      assertOneWinner(rated.statuses, 'link rating');
      assert.equal(await s.historyCount(o.id, 'close:rating'), 1);
    });

    test('follow-up outcome (WO-10): one outcome, the order reopened once', async () => {
      const o = await resolved();
      const w = s.w;
      assert.equal(
        (await s.post(w.engNear, `/api/v1/work-orders/${o.id}/sign-off`, signOffBody)).statusCode,
        201,
      );
      assert.equal(
        (await s.post(w.engNear, `/api/v1/work-orders/${o.id}/satisfaction`, { score: 5 })).statusCode,
        201,
      );
      const report = await s.post(w.engNear, `/api/v1/work-orders/${o.id}/reports`, {
        workDone: '更换上联口光模块，业务恢复',
        cause: '光模块老化',
      });
      assert.equal(report.statusCode, 201, report.body);
      const closed = await s.post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'closed' });
      assert.equal(closed.statusCode, 200, closed.body);
      const detail = json<{ followUps: { id: string }[] }>(
        await s.get(w.callCenter, `/api/v1/work-orders/${o.id}`),
      );
      const fu = detail.followUps[0]!;
      const r = await burst(N, () =>
        s.post(w.callCenter, `/api/v1/follow-ups/${fu.id}/outcome`, {
          outcome: 'problem',
          notes: '又掉线了',
        }),
      );
      assertOneWinner(r.statuses, 'follow-up');
      assert.equal(await s.historyCount(fu.id, 'outcome'), 1);
      const order = json<{ state: string; repeatCount: number }>(
        await s.get(w.callCenter, `/api/v1/work-orders/${o.id}`),
      );
      assert.equal(order.state, 'accepted');
      assert.equal(order.repeatCount, 1, 'reopened once');
    });

    test('scope-review decision (WO-13): one decision, the customer told once', async () => {
      const w = s.w;
      const created = await s.post(w.callCenter, '/api/v1/work-orders', {
        ...(await import('../../src/modules/work-orders/work-orders.fixtures.ts')).phoneIntake(w, {
          type: 'consultation',
        }),
      });
      const o = json<{ id: string }>(created);
      await s.post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
      const raised = await s.post(w.callCenter, `/api/v1/work-orders/${o.id}/scope-reviews`, {
        kind: 'contract_expired',
        reason: '维保合同已到期',
      });
      assert.equal(raised.statusCode, 201, raised.body);
      const rid = json<{ id: string }>(raised).id;
      const r = await burst(N, () =>
        s.post(w.manager, `/api/v1/scope-reviews/${rid}/decision`, {
          decision: 'decline',
          wayForward: '可联系客户经理续签合同',
        }),
      );
      assertOneWinner(r.statuses, 'scope decision');
      assert.equal(await s.historyCount(o.id, 'scope_review_decided'), 1);
      const notices = json<{ items: { kind: string }[] }>(
        await s.get(w.manager, `/api/v1/work-orders/${o.id}/notices`),
      );
      assert.equal(notices.items.filter((n) => n.kind === 'outside_scope').length, 1);
    });

    test('reference data: the same change 50 times is one change and one history entry', async () => {
      const name = `并发改名客户 ${Date.now()}`;
      const r = await burst(N, () =>
        t.request({
          method: 'PATCH',
          url: `/api/v1/customers/${s.w.customerId}`,
          as: admin,
          payload: { name },
        }),
      );
      assert.ok(
        r.statuses.every((x) => x === 200 || x === 503),
        r.statuses.join(','),
      );
      assert.equal(await s.historyCount(s.w.customerId, 'update'), 1);
      const region = s.w.regions.countyA2;
      const rr = await burst(N, () =>
        t.request({
          method: 'PATCH',
          url: `/api/v1/regions/${region}`,
          as: admin,
          payload: { name: '并发县' },
        }),
      );
      assert.ok(
        rr.statuses.every((x) => x === 200 || x === 503),
        rr.statuses.join(','),
      );
      assert.equal(await s.historyCount(region, 'update'), 1);
    });
  });
}
