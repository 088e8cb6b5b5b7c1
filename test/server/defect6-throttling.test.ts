/**
 * Issue 10, defect 6: five wrong passwords locked any account (admin included) for 15 minutes,
 * repeatable forever by anyone, with no limit per client address; customer links had no rate
 * limit and accepted appointment moves on closed orders. Now: a doubling, capped delay per
 * account, a hard limit per address, and link routes limited per token and refused once the
 * order's state no longer allows the change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { buildServer } from '../../src/http/server.ts';
import { loginDelaySeconds } from '../../src/modules/access/access.service.ts';
import { errorOf, startTestApp, TEST_PASSWORD, type TestApp, testDatabases } from '../harness.ts';
import { buildScene, type Scene } from './security-fixture.ts';

const ADDRESS_MAX = 6;
const MAX_DELAY = 8;

test('the per-account delay doubles after the free attempts and stops at the cap', () => {
  assert.deepEqual(
    [1, 5, 6, 7, 8, 9, 10, 40].map((f) => loginDelaySeconds(f, 5, MAX_DELAY)),
    [0, 0, 1, 2, 4, 8, 8, 8],
  );
});

for (const kind of testDatabases) {
  describe(`defect 6: no lock-out by strangers, no flooding of customer links (${kind})`, () => {
    let t: TestApp;
    let s: Scene;
    before(async () => {
      t = await startTestApp(kind, {
        configure: (c) => ({
          ...c,
          loginMaxFailures: 5,
          loginMaxDelaySeconds: MAX_DELAY,
          loginAddressMaxFailures: ADDRESS_MAX,
          customerLinkRatePerMinute: 5,
        }),
      });
      s = await buildScene(t);
    });
    after(() => t.close());

    const login = (username: string, password: string, remoteAddress: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
        remoteAddress,
      });
    const later = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000));

    test('a stranger guessing the administrator’s password from many addresses cannot keep the administrator out', async () => {
      const username = 'admin-victim';
      await t.personWith(['admin'], { username });
      // 30 wrong guesses from 10 addresses, each waiting out the delay as a patient attacker would.
      for (let i = 0; i < 30; i++) {
        const res = await login(username, `guess-${i}-x1`, `10.0.0.${i % 10}`);
        assert.ok(res.statusCode === 401 || res.statusCode === 429, res.body);
        later(MAX_DELAY);
      }
      // The owner waits at most the capped delay, never the window.
      const owner = await login(username, TEST_PASSWORD, '192.168.1.20');
      assert.equal(owner.statusCode, 200, owner.body);
    });

    test('one address failing on many accounts is refused for the window, other addresses are not', async () => {
      const names = await Promise.all(
        Array.from({ length: ADDRESS_MAX + 1 }, async (_, i) => {
          const username = `spray-${i}`;
          await t.personWith(['engineer'], { username });
          return username;
        }),
      );
      for (let i = 0; i < ADDRESS_MAX; i++) {
        assert.equal((await login(names[i]!, 'wrong-pass-1', '203.0.113.9')).statusCode, 401);
      }
      const blocked = await login(names[ADDRESS_MAX]!, TEST_PASSWORD, '203.0.113.9');
      assert.equal(blocked.statusCode, 429, blocked.body);
      assert.equal(errorOf(blocked).code, 'too_many_attempts');
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      assert.equal((await login(names[ADDRESS_MAX]!, TEST_PASSWORD, '198.51.100.4')).statusCode, 200);
      t.clock.advanceMinutes(t.ctx.config.loginWindowMinutes + 1);
      assert.equal((await login(names[0]!, TEST_PASSWORD, '203.0.113.9')).statusCode, 200);
    });

    test('colleagues signing in at the same moment from one office address are not refused', async () => {
      const names = await Promise.all(
        Array.from({ length: ADDRESS_MAX * 2 }, async (_, i) => {
          const username = `office-${i}`;
          await t.personWith(['engineer'], { username });
          return username;
        }),
      );
      const answers = await Promise.all(names.map((n) => login(n, TEST_PASSWORD, '192.0.2.50')));
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        names.map(() => 200),
      );
    });

    test('a customer link cannot move the appointment of a cancelled order', async () => {
      const o = await s.dispatched();
      await s.proposed(o.id);
      const link = await s.link(o.id);
      const cancel = await s.post(s.w.manager, `/api/v1/work-orders/${o.id}/transitions`, {
        to: 'cancelled',
        reason: '客户撤销报修',
      });
      assert.equal(cancel.statusCode, 200, cancel.body);
      const move = await s.post(undefined, `${link}/appointment/move`, { reason: '改天' });
      assert.equal(move.statusCode, 409, move.body);
      assert.equal(errorOf(move).details[0]?.field, 'state');
      assert.equal(await s.historyCount(o.id, 'reschedule_requested'), 0);
    });

    test('a customer link is rate-limited per token: past the limit 429 with Retry-After, other links unaffected', async () => {
      const o = await s.dispatched();
      const link = await s.link(o.id);
      const other = await s.link(o.id);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await s.get(undefined, link)).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
      const limited = await s.get(undefined, link);
      assert.equal(errorOf(limited).code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await s.get(undefined, other)).statusCode, 200);
    });

    test('the customer-link limit holds across two server processes on one database', async () => {
      // A second process: its own connection pool and server, the same database and clock.
      const ctx2 = await bootstrap(t.ctx.config, {
        clock: t.clock,
        log: { info() {}, warn() {}, error() {} },
      });
      const app2 = await buildServer(ctx2, { logger: false });
      try {
        const o = await s.dispatched();
        const link = await s.link(o.id);
        const statuses: number[] = [];
        for (let i = 0; i < 8; i++) {
          const app = i % 2 === 0 ? t.app : app2;
          statuses.push((await app.inject({ method: 'GET', url: link })).statusCode);
        }
        // Five in all, not five per process.
        assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
        // The next minute starts a new window, for both processes.
        t.clock.advanceMinutes(1);
        assert.equal((await app2.inject({ method: 'GET', url: link })).statusCode, 200);
        assert.equal((await t.app.inject({ method: 'GET', url: link })).statusCode, 200);
      } finally {
        await app2.close();
        await ctx2.database.close();
      }
    });
  });
}
