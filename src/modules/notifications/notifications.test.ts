import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { bootstrap } from '../../app/bootstrap.ts';
import type { AppContext } from '../../app/context.ts';
import { buildServer } from '../../http/server.ts';
import { retryDelayMs, sweepOnce } from '../../jobs/timers.ts';
import { notify } from './notifications.service.ts';
import { configureNotifications } from './notifications.settings.ts';

type Notice = { id: string; title: string; readAt: string | null; critical: boolean };

/** Opens an SSE stream and collects its events until closed. */
function openStream(port: number, session: Session, locale = 'zh-CN', query = '') {
  const events: { event: string; data: unknown }[] = [];
  const waiters: (() => void)[] = [];
  let req: http.ClientRequest;
  const ready = new Promise<void>((resolve, reject) => {
    req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1/notifications/stream${query}`,
        headers: { cookie: 'cookie' in session ? session.cookie : '', 'accept-language': locale },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`stream answered ${res.statusCode}`));
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let i = buf.indexOf('\n\n');
          while (i >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const ev = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (ev && data) {
              events.push({ event: ev, data: JSON.parse(data) });
              if (ev === 'ready') resolve();
              for (const w of waiters.splice(0)) w();
            }
            i = buf.indexOf('\n\n');
          }
        });
      },
    );
    req.on('error', reject);
  });
  return {
    ready,
    events,
    /** Resolves once an event matching `pred` has arrived (no wall-clock assertion: the test only waits). */
    async until(
      pred: (e: { event: string; data: unknown }) => boolean,
    ): Promise<{ event: string; data: unknown }> {
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        await new Promise<void>((r) => waiters.push(r));
      }
    },
    close: () => req.destroy(),
  };
}

for (const kind of testDatabases) {
  describe(`notifications (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('inbox: unread counts, mark read, read-all; each person sees only their own', async () => {
      const a = await t.personWith(['engineer']);
      const b = await t.personWith(['engineer']);
      await notify(t.ctx, {
        personIds: [a.personId],
        kind: 'test',
        title: { 'zh-CN': '测试通知一', en: 'Test notice one' },
        body: { 'zh-CN': '内容', en: 'Body' },
      });
      t.clock.advanceMinutes(1);
      await notify(t.ctx, {
        personIds: [a.personId, b.personId],
        kind: 'test',
        title: { 'zh-CN': '测试通知二', en: 'Test notice two' },
        body: { 'zh-CN': '内容', en: 'Body' },
      });
      const list = json<{ items: Notice[]; unread: number; total: number }>(
        await t.request({
          method: 'GET',
          url: '/api/v1/notifications',
          as: a,
          headers: { 'accept-language': 'en' },
        }),
      );
      assert.equal(list.unread, 2);
      assert.deepEqual(
        list.items.map((n) => n.title),
        ['Test notice two', 'Test notice one'],
      );
      const first = list.items[0]!;
      assert.equal(
        (await t.request({ method: 'POST', url: `/api/v1/notifications/${first.id}/read`, as: b }))
          .statusCode,
        404,
      );
      const read = await t.request({ method: 'POST', url: `/api/v1/notifications/${first.id}/read`, as: a });
      assert.equal(read.statusCode, 200, read.body);
      assert.ok(json<Notice>(read).readAt);
      assert.equal(
        json<{ unread: number }>(
          await t.request({ method: 'GET', url: '/api/v1/notifications/unread-count', as: a }),
        ).unread,
        1,
      );
      assert.equal(
        json<{ marked: number }>(
          await t.request({ method: 'POST', url: '/api/v1/notifications/read-all', as: a }),
        ).marked,
        1,
      );
      assert.equal(
        json<{ unread: number }>(await t.request({ method: 'GET', url: '/api/v1/notifications', as: b }))
          .unread,
        1,
      );
      const out = await t.request({ method: 'GET', url: '/api/v1/outbound-messages', as: a });
      assert.equal(out.statusCode, 403, 'delivery records are for administrators and auditors');
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/sms-outbox', as: a })).statusCode, 403);
      const admin = await t.personWith(['admin']);
      assert.equal(
        (await t.request({ method: 'GET', url: '/api/v1/sms-outbox', as: admin })).statusCode,
        200,
      );
    });

    test('e-mail that cannot be delivered is recorded, retried with backoff, and marked failed after its last attempt', async () => {
      configureNotifications(t.ctx.database, { smtpUrl: 'smtp://127.0.0.1:1' }); // nothing listens on port 1
      const p = await t.personWith(['engineer'], { email: 'nobody@example.com' });
      t.clock.set('2026-11-04T02:00:00.000Z'); // daytime: no quiet hours
      const [nid] = await notify(t.ctx, {
        personIds: [p.personId],
        kind: 'test',
        title: { 'zh-CN': '投递测试', en: 'Delivery test' },
        body: { 'zh-CN': '内容', en: 'Body' },
      });
      const msg = () =>
        t.ctx.db
          .selectFrom('outbound_messages')
          .selectAll()
          .where('notification_id', '=', nid as string)
          .executeTakeFirstOrThrow();
      await sweepOnce(t.ctx);
      let m = await msg();
      assert.equal(m.status, 'queued');
      assert.equal(m.attempts, 1);
      assert.ok(m.last_error, 'the failure is recorded');
      for (let attempt = 2; attempt <= 8; attempt++) {
        t.clock.set(new Date(t.clock.now().getTime() + retryDelayMs(attempt - 1)));
        await sweepOnce(t.ctx);
      }
      m = await msg();
      assert.equal(m.attempts, 8);
      assert.equal(m.status, 'failed');
      configureNotifications(t.ctx.database, { smtpUrl: null });
    });

    test('SMS goes through the HTTP gateway adapter when configured', async () => {
      const got: unknown[] = [];
      const gw = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          got.push(JSON.parse(body));
          res.end('gw-ref-1');
        });
      });
      await new Promise<void>((r) => gw.listen(0, '127.0.0.1', r));
      configureNotifications(t.ctx.database, {
        smsWebhookUrl: `http://127.0.0.1:${(gw.address() as AddressInfo).port}/sms`,
      });
      const p = await t.personWith(['engineer'], { phone: '13700000009' });
      await notify(t.ctx, {
        personIds: [p.personId],
        kind: 'test',
        critical: true,
        title: { 'zh-CN': '紧急', en: 'Urgent' },
        body: { 'zh-CN': '机房断电', en: 'Power lost' },
      });
      await sweepOnce(t.ctx);
      await new Promise<void>((r) => gw.close(() => r()));
      configureNotifications(t.ctx.database, { smsWebhookUrl: null });
      assert.equal(got.length, 1);
      assert.deepEqual((got[0] as { to: string }).to, '13700000009');
      assert.match((got[0] as { text: string }).text, /机房断电/);
      const m = await t.ctx.db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('to_address', '=', '13700000009')
        .executeTakeFirstOrThrow();
      assert.equal(m.status, 'sent');
      assert.equal(m.provider_ref, 'gw-ref-1');
    });

    test('live push: a notice created by another server process on the same database reaches the open stream', async () => {
      const p = await t.personWith(['engineer']);
      // A second process: its own pool (PostgreSQL) — on SQLite the same process, as SQLite runs one server per file.
      let other: AppContext = t.ctx;
      if (kind === 'postgres')
        other = await bootstrap(t.ctx.config, { clock: t.clock, log: t.ctx.log, poolSize: 2 });
      const listener = await buildServer(t.ctx, { logger: false });
      await listener.listen({ port: 0, host: '127.0.0.1' });
      const port = (listener.server.address() as AddressInfo).port;
      // The browser's EventSource cannot choose Accept-Language: `lang` in the query wins over it.
      const stream = openStream(port, p, 'zh-CN', '?lang=en');
      try {
        await stream.ready;
        await notify(other, {
          personIds: [p.personId],
          kind: 'test',
          title: { 'zh-CN': '实时推送', en: 'Live push' },
          body: { 'zh-CN': '内容', en: 'Body' },
        });
        const ev = await stream.until((e) => e.event === 'notification');
        assert.equal((ev.data as { title: string }).title, 'Live push');
        await stream.until((e) => e.event === 'unread' && (e.data as { unread: number }).unread === 1);
      } finally {
        stream.close();
        await listener.close();
        if (other !== t.ctx) await other.database.close();
      }
    });
  });
}
