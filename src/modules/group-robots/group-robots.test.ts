import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
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
import { retryDelayMs, sweepOnce } from '../../jobs/timers.ts';
import { notify } from '../notifications/notifications.service.ts';
import { configureNotifications } from '../notifications/notifications.settings.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

interface Received {
  path: string;
  query: URLSearchParams;
  body: {
    msgtype: string;
    text: { content: string; mentioned_mobile_list?: string[] };
    at?: { atMobiles: string[] };
  };
}

/** A stand-in for the WeCom and DingTalk robot endpoints: records posts, answers as told. */
async function startStandIn() {
  const received: Received[] = [];
  let answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
  const server = http.createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      data += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(data) });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    answerWith(status: number, body: string) {
      answer = { status, body };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

type Robot = { id: string; webhookUrl: string; hasSecret: boolean; version: number };
type Msg = { status: string; attempts: number; lastError: string | null; critical: boolean; content: string };

for (const kind of testDatabases) {
  describe(`group robots: WeCom and DingTalk as a notification channel (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    let standIn: Awaited<ReturnType<typeof startStandIn>>;
    let wecom: Robot;
    let dingtalk: Robot;
    let otherRegion: Robot;
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 90 }) });
      w = await buildWorld(t);
      standIn = await startStandIn();
      configureNotifications(t.ctx.database, { smtpUrl: null, quietHours: { start: 22 * 60, end: 7 * 60 } });
      admin = await t.personWith(['admin']);
    });
    after(async () => {
      await t.close();
      await standIn.close();
    });

    const post = (as: Session, url: string, payload: unknown = {}) =>
      t.request({ method: 'POST', url, as, payload: payload as Record<string, unknown> });
    const get = (as: Session, url: string) => t.request({ method: 'GET', url, as });
    /** A notice to the administrator about a region; `title` is also how the test finds its post. */
    const tell = (
      title: string,
      regionId: string,
      extra: { kind: string; critical?: boolean; sms?: boolean },
    ) =>
      notify(t.ctx, {
        personIds: [admin.personId],
        title: { 'zh-CN': title, en: title },
        body: { 'zh-CN': '正文', en: 'body' },
        regionId,
        ...extra,
      });
    const messagesOf = async (id: string) =>
      json<{ items: Msg[] }>(await get(admin, `/api/v1/group-robots/${id}/messages`)).items;

    test('registering: the address is checked and named in both languages; key and secret never come back', async () => {
      const bad = await post(admin, '/api/v1/group-robots', {
        name: '坏地址',
        provider: 'wecom',
        webhookUrl: 'ftp://example.com/x',
      });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.ok(
        errorOf(bad).details.some((f) => f.field === 'webhookUrl'),
        bad.body,
      );
      const en = await t.request({
        method: 'POST',
        url: '/api/v1/group-robots',
        as: admin,
        headers: { 'accept-language': 'en' },
        payload: { name: 'x', provider: 'feishu', webhookUrl: 'https://x' },
      });
      assert.equal(en.statusCode, 422);
      assert.ok(
        errorOf(en).details.some((f) => f.field === 'provider'),
        en.body,
      );

      const made = await post(admin, '/api/v1/group-robots', {
        name: '省网维护群',
        provider: 'wecom',
        webhookUrl: `${standIn.base}/cgi-bin/webhook/send?key=wecom-key-0123456789`,
      });
      assert.equal(made.statusCode, 201, made.body);
      wecom = json<Robot>(made);
      assert.ok(!made.body.includes('wecom-key-0123456789'), made.body);
      assert.match(wecom.webhookUrl, /\*\*\*\*6789$/);

      dingtalk = json<Robot>(
        await post(admin, '/api/v1/group-robots', {
          name: 'A 地市抢修群',
          provider: 'dingtalk',
          webhookUrl: `${standIn.base}/robot/send?access_token=ding-token-abcdef`,
          secret: 'SECsigning-secret',
          regionId: w.regions.prefA,
          criticalOnly: false,
        }),
      );
      assert.equal(dingtalk.hasSecret, true);
      otherRegion = json<Robot>(
        await post(admin, '/api/v1/group-robots', {
          name: 'B 地市群',
          provider: 'wecom',
          webhookUrl: `${standIn.base}/other?key=other-key-000000`,
          regionId: w.regions.prefB,
        }),
      );
      const history = await get(admin, `/api/v1/group-robots/${dingtalk.id}/history`);
      assert.equal(history.statusCode, 200, history.body);
      assert.ok(
        !history.body.includes('SECsigning-secret') && !history.body.includes('ding-token'),
        history.body,
      );
    });

    test('nobody but an administrator manages robots; the partner and the engineer cannot even list them', async () => {
      for (const who of [w.partnerDispatcher, w.engNear, w.dispatcher]) {
        assert.equal((await get(who, '/api/v1/group-robots')).statusCode, 403);
        assert.equal((await post(who, `/api/v1/group-robots/${wecom.id}/test`)).statusCode, 403);
      }
    });

    test('SL-3: a critical order is posted at once — at 23:00, through quiet hours — to the robots of its region, with the people told mentioned; DingTalk posts are signed', async () => {
      t.clock.set('2026-11-02T15:00:00.000Z'); // 23:00 in Beijing
      await t.personWith(['after_sales_director'], { phone: '13900000009' });
      const before = standIn.received.length;
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, { severity: 'critical' }));
      assert.equal(res.statusCode, 201, res.body);
      const order = json<{ id: string; number: string }>(res);
      await sweepOnce(t.ctx);
      const posts = standIn.received.slice(before);
      const toWecom = posts.find((p) => p.path === '/cgi-bin/webhook/send');
      const toDing = posts.find((p) => p.path === '/robot/send');
      assert.ok(toWecom, 'the organisation-wide WeCom group got it');
      assert.ok(toDing, 'the region A DingTalk group got it');
      assert.ok(!posts.some((p) => p.path === '/other'), 'region B group did not');
      assert.match(toWecom.body.text.content, new RegExp(`^【关键】.*${order.number}`));
      assert.ok(toWecom.body.text.mentioned_mobile_list?.includes('13900000009'));
      assert.equal(toWecom.query.get('key'), 'wecom-key-0123456789');
      // The signature the real DingTalk would check, computed here from the shared secret.
      const ts = toDing.query.get('timestamp') as string;
      const expected = createHmac('sha256', 'SECsigning-secret')
        .update(`${ts}\nSECsigning-secret`)
        .digest('base64');
      assert.equal(toDing.query.get('sign'), expected);
      assert.equal(Number(ts), t.clock.now().getTime());
      assert.deepEqual(toDing.body.at?.atMobiles.includes('13900000009'), true);
      assert.ok((await messagesOf(wecom.id)).some((m) => m.status === 'sent' && m.critical));
    });

    test('a refused post is kept, retried with backoff and recorded; it goes once the group accepts it', async () => {
      t.clock.set('2026-11-03T02:00:00.000Z'); // 10:00 in Beijing
      standIn.answerWith(200, '{"errcode":310000,"errmsg":"sign not match"}');
      await tell('重试测试', w.regions.countyA1, { kind: 'escalation.critical', critical: true });
      await sweepOnce(t.ctx);
      let mine = (await messagesOf(dingtalk.id)).find((m) => m.content.includes('重试测试'));
      assert.equal(mine?.status, 'queued');
      assert.match(mine?.lastError ?? '', /310000/);
      standIn.answerWith(200, '{"errcode":0,"errmsg":"ok"}');
      t.clock.set(new Date(t.clock.now().getTime() + retryDelayMs(1) + 1000));
      await sweepOnce(t.ctx);
      mine = (await messagesOf(dingtalk.id)).find((m) => m.content.includes('重试测试'));
      assert.equal(mine?.status, 'sent');
      assert.equal(mine?.attempts, 2);
    });

    test('a non-critical escalation reaches only robots that ask for escalations, and waits out quiet hours', async () => {
      t.clock.set('2026-11-03T15:00:00.000Z'); // 23:00 in Beijing
      await tell('超时升级', w.regions.countyA1, { kind: 'escalation.breach', sms: true });
      await sweepOnce(t.ctx);
      assert.ok(
        !(await messagesOf(wecom.id)).some((m) => m.content.includes('超时升级')),
        'critical-only robot skipped it',
      );
      let ding = (await messagesOf(dingtalk.id)).find((m) => m.content.includes('超时升级'));
      assert.equal(ding?.status, 'queued', 'not sent at 23:00');
      t.clock.set('2026-11-03T23:05:00.000Z'); // 07:05 in Beijing
      await sweepOnce(t.ctx);
      ding = (await messagesOf(dingtalk.id)).find((m) => m.content.includes('超时升级'));
      assert.equal(ding?.status, 'sent');
    });

    test('the test button posts now and says what the group answered; a switched-off robot gets nothing', async () => {
      const ok = json<{ ok: boolean }>(await post(admin, `/api/v1/group-robots/${wecom.id}/test`));
      assert.equal(ok.ok, true);
      standIn.answerWith(200, '{"errcode":93000,"errmsg":"invalid webhook url"}');
      const failed = json<{ ok: boolean; problem: string }>(
        await post(admin, `/api/v1/group-robots/${wecom.id}/test`),
      );
      assert.equal(failed.ok, false);
      assert.match(failed.problem, /93000/);
      standIn.answerWith(200, '{"errcode":0,"errmsg":"ok"}');
      const off = await t.request({
        method: 'PATCH',
        url: `/api/v1/group-robots/${otherRegion.id}`,
        as: admin,
        payload: { active: false, reason: '群已解散' },
      });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(json<Robot>(off).version, 2);
      await tell('B 地市故障', w.regions.countyB1, { kind: 'escalation.critical', critical: true });
      assert.equal((await messagesOf(otherRegion.id)).length, 0);
    });

    test('SL-2: repeated escalations of one order are one live item in the inbox, with the count and latest level; reading it reads them all', async () => {
      const me = await t.personWith(['dispatcher']);
      for (const level of [0, 1, 2]) {
        await notify(t.ctx, {
          personIds: [me.personId],
          kind: 'escalation.breach',
          title: { 'zh-CN': `第${level}次`, en: `level ${level}` },
          body: { 'zh-CN': '超时', en: 'late' },
          subjectType: 'work_order',
          subjectId: 'order-1',
          groupKey: 'work_order:order-1',
          escalationLevel: level,
        });
        t.clock.advanceMinutes(10);
      }
      await notify(t.ctx, {
        personIds: [me.personId],
        kind: 'deadline.at_risk',
        title: { 'zh-CN': '另一件事', en: 'other' },
        body: { 'zh-CN': '正文', en: 'body' },
      });
      type Item = {
        title: string;
        groupCount: number;
        groupUnread: number;
        escalationLevel: number | null;
        id: string;
      };
      const grouped = json<{ items: Item[]; total: number; unread: number }>(
        await get(me, '/api/v1/notifications?group=true'),
      );
      assert.equal(grouped.total, 2);
      assert.equal(grouped.unread, 2);
      const live = grouped.items.find((i) => i.groupCount === 3);
      assert.ok(live, JSON.stringify(grouped.items));
      assert.equal(live.escalationLevel, 2);
      assert.equal(live.groupUnread, 3);
      // Nothing is suppressed: the plain list still has every notice.
      const plain = json<{ total: number }>(await get(me, '/api/v1/notifications'));
      assert.equal(plain.total, 4);
      assert.equal((await post(me, `/api/v1/notifications/${live.id}/read`)).statusCode, 200);
      const after = json<{ unread: number; items: Item[] }>(
        await get(me, '/api/v1/notifications?group=true'),
      );
      assert.equal(after.unread, 1);
      assert.equal(after.items.find((i) => i.groupCount === 3)?.groupUnread, 0);
    });
  });
}
