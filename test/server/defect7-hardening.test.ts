/**
 * Issue 10, defect 7 (hardening): security headers on every answer, a connection cap and a
 * short header deadline, framework errors (431) in the error shape, the TRUNCATE guard on
 * history and a verify that says when the chain's table or head is gone, and customer links
 * checked against their stored expiry and revocation on every use.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { signLink } from '../../src/modules/customer-link/customer-link.rules.ts';
import { linkSecret } from '../../src/modules/customer-link/customer-link.service.ts';
import { verifyHistory } from '../../src/modules/history/history.service.ts';
import { errorOf, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';
import { buildScene, type Scene } from './security-fixture.ts';

/** Writes raw bytes to the server and collects everything it answers until it closes the socket. */
function rawExchange(port: number, write: (socket: net.Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('utf8');
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.on('connect', () => write(socket));
  });
}

for (const kind of testDatabases) {
  describe(`defect 7: hardening (${kind})`, () => {
    let t: TestApp;
    let s: Scene;
    let admin: Session;
    let port: number;
    before(async () => {
      t = await startTestApp(kind, {
        configure: (c) => ({ ...c, headersTimeoutMs: 1000 }),
      });
      s = await buildScene(t);
      admin = await t.personWith(['admin']);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as net.AddressInfo).port;
    });
    after(async () => {
      // Sockets the tests left open (a client's keep-alive pool) would hold the close.
      t.app.server.closeAllConnections();
      await t.close();
    });

    test('security headers on /, /api/v1/… and /api/docs (CSP, nosniff, frame-ancestors, Referrer-Policy)', async () => {
      for (const url of ['/', '/api/v1/auth/me', '/api/docs', '/api/v1/work-orders']) {
        const res = await t.request({
          method: 'GET',
          url,
          ...(url === '/api/v1/work-orders' ? { as: admin } : {}),
        });
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /default-src 'self'/, url);
        assert.match(csp, /script-src 'self'(;|$)/, `${url}: no inline or remote scripts`);
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(res.headers['x-frame-options'], 'DENY', url);
        assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
      }
    });

    test('a query string too long for the header limit answers 431 in the error shape', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/work-orders?q=${'x'.repeat(20_000)}`);
      assert.equal(res.status, 431);
      const body = (await res.json()) as { error: { code: string; message: string; details: unknown[] } };
      assert.equal(body.error.code, 'headers_too_large');
      assert.match(body.error.message, /URL are too long/);
      assert.deepEqual(body.error.details, []);
    });

    test('a client trickling its headers is cut off after the header deadline', async () => {
      const answer = await rawExchange(port, (socket) => {
        socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
        // …and never finishes the header block.
      });
      assert.match(answer, /^HTTP\/1\.1 408/);
    });

    test('knowledge/related takes the symptom in a POST body, up to 2000 characters', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/knowledge/related',
        as: admin,
        payload: { text: '光纤中断'.repeat(500) },
      });
      assert.equal(res.statusCode, 200, res.body);
    });

    test('a customer link stops at its stored expiry, even with a token signed to last 50 years', async () => {
      const o = await s.dispatched();
      const apiPath = await s.link(o.id, 1);
      const row = await t.ctx.db
        .selectFrom('customer_links')
        .select(['id', 'order_id'])
        .where('order_id', '=', o.id)
        .executeTakeFirstOrThrow();
      // A key holder mints a token for the same link that claims 50 years.
      const exp = Math.floor(t.clock.now().getTime() / 1000) + 50 * 366 * 86_400;
      const forged = signLink(await linkSecret(t.ctx), { linkId: row.id, orderId: row.order_id, exp });
      assert.equal((await s.get(undefined, `/api/v1/customer/orders/${forged}`)).statusCode, 200);
      t.clock.advanceMinutes(61);
      try {
        const late = await s.get(undefined, `/api/v1/customer/orders/${forged}`);
        assert.equal(late.statusCode, 401, 'the stored expiry decides');
        assert.equal(errorOf(late).code, 'link_expired');
        assert.equal((await s.get(undefined, apiPath)).statusCode, 401);
      } finally {
        t.clock.set('2026-11-02T02:00:00.000Z');
      }
    });

    test('a revoked customer link stops at once', async () => {
      const o = await s.dispatched();
      const apiPath = await s.link(o.id);
      const row = await t.ctx.db
        .selectFrom('customer_links')
        .select('id')
        .where('order_id', '=', o.id)
        .executeTakeFirstOrThrow();
      assert.equal((await s.get(undefined, apiPath)).statusCode, 200);
      assert.equal((await s.post(s.w.callCenter, `/api/v1/customer-links/${row.id}/revoke`)).statusCode, 200);
      assert.equal((await s.get(undefined, apiPath)).statusCode, 401);
    });
  });

  describe(`defect 7: a connection cap (${kind})`, () => {
    let t: TestApp;
    let port: number;
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, maxConnections: 10 }) });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as net.AddressInfo).port;
    });
    after(async () => {
      // Sockets the tests left open (a client's keep-alive pool) would hold the close.
      t.app.server.closeAllConnections();
      await t.close();
    });

    test('connections beyond the cap are closed at once, unanswered', async () => {
      const opened = Array.from({ length: 15 }, () => {
        const sock = net.connect(port, '127.0.0.1');
        sock.on('error', () => {});
        // Settled when the server answers (a held socket) or closes it (one over the cap).
        const closed = new Promise<void>((resolve) => {
          sock.once('data', () => resolve());
          sock.once('close', () => resolve());
        });
        return { sock, closed };
      });
      // All 15 are open (or already refused) before any of them asks for anything.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const { sock } of opened)
        if (!sock.destroyed) sock.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await Promise.all(opened.map((o) => o.closed));
      const answered = opened.filter((o) => o.sock.bytesRead > 0).length;
      for (const { sock } of opened) sock.destroy();
      assert.equal(answered, 10, `the cap was served, the rest refused: ${answered} of 15`);
    });
  });

  describe(`defect 7: the history chain cannot be emptied, and verify says what is gone (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
      await t.personWith(['admin']);
    });
    after(() => t.close());

    test('TRUNCATE and deleting the head are refused by the database', async () => {
      if (kind === 'postgres') {
        await assert.rejects(sql`TRUNCATE history`.execute(t.ctx.db), /append-only/);
        await assert.rejects(sql`TRUNCATE history_head`.execute(t.ctx.db), /append-only/);
      }
      await assert.rejects(sql`DELETE FROM history_head`.execute(t.ctx.db), /append-only|cannot be removed/);
      assert.ok((await verifyHistory(t.ctx)).ok);
    });

    test('verify says plainly when the head row or the history table is gone', async () => {
      if (kind === 'sqlite') await sql`DROP TRIGGER history_head_no_delete`.execute(t.ctx.db);
      else await sql`ALTER TABLE history_head DISABLE TRIGGER history_head_no_delete`.execute(t.ctx.db);
      await sql`DELETE FROM history_head`.execute(t.ctx.db);
      const noHead = await verifyHistory(t.ctx);
      assert.equal(noHead.ok, false);
      assert.match(noHead.firstBad!.problem, /head of the chain is missing/);
      await sql`INSERT INTO history_head (id, seq, hash) VALUES (1, 0, ${'0'.repeat(64)})`.execute(t.ctx.db);
      await sql`DROP TABLE history`.execute(t.ctx.db);
      const noTable = await verifyHistory(t.ctx);
      assert.equal(noTable.ok, false);
      assert.match(noTable.firstBad!.problem, /history table is missing/);
    });
  });
}
