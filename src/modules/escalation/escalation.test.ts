import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { sweepOnce } from '../../jobs/timers.ts';
import { createCustomer } from '../customers/customers.service.ts';
import { configureNotifications } from '../notifications/notifications.settings.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

type Notice = {
  id: string;
  kind: string;
  title: string;
  subjectId: string | null;
  critical: boolean;
  escalationId: string | null;
};
type Mail = { to: string; raw: string };

/** A real SMTP server on a free port that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Closing waits this long for lingering client connections before cutting them.
    closeTimeout: 200,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

for (const kind of testDatabases) {
  describe(`escalation and critical notices (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let director: Session;
    let engManager: Session;
    let chief: Session;
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 90 }) });
      w = await buildWorld(t);
      smtp = await startSmtp();
      configureNotifications(t.ctx.database, {
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        criticalStepMinutes: 10,
      });
      director = await t.personWith(['after_sales_director'], {
        email: 'director@example.com',
        phone: '13900000001',
      });
      engManager = await t.personWith(['engineering_manager'], { email: 'em@example.com' });
      chief = await t.personWith(['department_chief'], { email: 'chief@example.com' });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const post = (as: Session, url: string, payload: unknown = {}) =>
      t.request({ method: 'POST', url, as, payload: payload as Record<string, unknown> });
    const get = (as: Session, url: string) => t.request({ method: 'GET', url, as });
    const inbox = async (as: Session) =>
      json<{ items: Notice[]; unread: number }>(await get(as, '/api/v1/notifications?limit=200'));

    test('SL-3: a critical order notifies the director and the engineering manager the moment it exists — inbox and e-mail — and nothing can stop it', async () => {
      t.clock.set('2026-11-02T15:00:00.000Z'); // 23:00 Beijing: quiet hours do not apply to critical notices
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, { severity: 'critical' }));
      assert.equal(res.statusCode, 201, res.body);
      const o = json<{ id: string; number: string }>(res);
      // In the inbox at once: same transaction as the order.
      const d = await inbox(director);
      const notice = d.items.find((n) => n.subjectId === o.id);
      assert.ok(notice, 'director notified');
      assert.equal(notice.critical, true);
      assert.match(notice.title, new RegExp(o.number));
      assert.ok(
        (await inbox(engManager)).items.some((n) => n.subjectId === o.id),
        'engineering manager notified',
      );
      assert.ok(d.unread >= 1);
      // E-mail leaves on the next sweep, at 23:00, through a real SMTP server.
      await sweepOnce(t.ctx);
      const admin = await t.personWith(['admin']);
      const out = json<{
        items: { id: string; status: string; channel: string; to: string; critical: boolean }[];
      }>(await get(admin, `/api/v1/outbound-messages?notificationId=${notice.id}`));
      const emailId = out.items.find((m) => m.channel === 'email')?.id as string;
      const mail = smtp.mails.find((m) => m.to === 'director@example.com' && m.raw.includes(emailId));
      assert.ok(mail, 'director e-mail received by the SMTP server');
      assert.match(mail.raw, /X-Onsite-Message-Id/i);
      assert.ok(smtp.mails.some((m) => m.to === 'em@example.com'));
      assert.deepEqual(out.items.map((m) => [m.channel, m.status, m.critical]).sort(), [
        ['email', 'sent', true],
        ['sms', 'sent', true],
      ]);
      const sms = await t.ctx.db
        .selectFrom('sms_outbox')
        .selectAll()
        .where('to_address', '=', '13900000001')
        .execute();
      assert.equal(sms.length, 1);

      // Nobody can cancel, delay or delete it: there is no such endpoint, for any role.
      const escId = notice.escalationId as string;
      for (const as of [admin, director, w.manager, w.callCenter]) {
        for (const [method, url] of [
          ['DELETE', `/api/v1/notifications/${notice.id}`],
          ['DELETE', `/api/v1/escalations/${escId}`],
          ['PATCH', `/api/v1/escalations/${escId}`],
          ['POST', `/api/v1/escalations/${escId}/cancel`],
          ['POST', `/api/v1/escalations/${escId}/snooze`],
          ['PUT', `/api/v1/escalations/${escId}`],
        ] as const) {
          const r = await t.request({ method, url, as, payload: {} });
          assert.equal(r.statusCode, 404, `${method} ${url}`);
          assert.equal(errorOf(r).code, 'route_not_found');
        }
      }
      // A later downgrade keeps the notice and its history; the escalation keeps climbing.
      const down = await post(w.manager, `/api/v1/work-orders/${o.id}/severity`, {
        severity: 'major',
        reason: '核实影响范围较小',
      });
      assert.equal(down.statusCode, 200, down.body);
      assert.ok((await inbox(director)).items.some((n) => n.id === notice.id));
      // Someone who was not notified cannot acknowledge it (and does not learn it exists).
      assert.equal(
        (await post(w.callCenter, `/api/v1/escalations/${escId}/acknowledge`, {})).statusCode,
        404,
      );
      // Unacknowledged, it climbs every 10 minutes: the director is reminded, the next rung (owner) is told.
      t.clock.advanceMinutes(10);
      await sweepOnce(t.ctx);
      const reminders = (await inbox(director)).items.filter((n) => n.escalationId === escId);
      assert.equal(reminders.length, 2);
      assert.ok(
        (await inbox(w.callCenter)).items.some((n) => n.escalationId === escId),
        'the owner is on the next rung',
      );
      t.clock.advanceMinutes(10);
      await sweepOnce(t.ctx);
      assert.ok(
        (await inbox(w.manager)).items.some((n) => n.escalationId === escId),
        'then the area service manager',
      );
      // Acknowledging stops the climb.
      const ack = await post(director, `/api/v1/escalations/${escId}/acknowledge`, {
        note: '已安排总工到场',
      });
      assert.equal(ack.statusCode, 200, ack.body);
      assert.equal((await post(engManager, `/api/v1/escalations/${escId}/acknowledge`, {})).statusCode, 409);
      const count = (await inbox(director)).items.filter((n) => n.escalationId === escId).length;
      t.clock.advanceMinutes(60);
      await sweepOnce(t.ctx);
      assert.equal((await inbox(director)).items.filter((n) => n.escalationId === escId).length, count);
      assert.equal((await inbox(chief)).items.filter((n) => n.escalationId === escId).length, 0);
      const hist = json<{ items: { action: string; reason: string | null }[] }>(
        await get(director, `/api/v1/escalations/${escId}/history`),
      );
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['start', 'climb', 'climb', 'acknowledge'],
      );
    });

    test('SL-2: a missed deadline tells the owner, climbs the ladder at its steps, and quiet hours hold back non-critical e-mail', async () => {
      const admin = await t.personWith(['admin']);
      const ladder = await t.request({
        method: 'PUT',
        url: '/api/v1/escalation-ladders',
        as: admin,
        payload: {
          regionId: w.regions.prefA,
          steps: [
            { role: 'owner', afterMinutes: 0 },
            { role: 'area_service_manager', afterMinutes: 20 },
            { role: 'department_chief', afterMinutes: 40 },
          ],
        },
      });
      assert.equal(ladder.statusCode, 200, ladder.body);
      const owner = await t.personWith(['call_center'], { email: 'owner@example.com' });
      t.clock.set('2026-11-03T09:30:00.000Z'); // Tuesday 17:30 Beijing
      const o = json<{ id: string }>(await post(owner, '/api/v1/work-orders', phoneIntake(w)));
      // Respond: 30 working minutes → 17:30 + 30 = 18:00 Beijing = 10:00Z.
      t.clock.set('2026-11-03T14:30:00.000Z'); // 22:30 Beijing, the night
      await sweepOnce(t.ctx);
      const told = (await inbox(owner)).items.find(
        (n) => n.subjectId === o.id && n.kind === 'escalation.breach',
      );
      assert.ok(told, 'the owner is told first');
      const email = await t.ctx.db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('notification_id', '=', told.id)
        .where('channel', '=', 'email')
        .executeTakeFirstOrThrow();
      assert.equal(email.not_before, '2026-11-03T23:00:00.000Z', 'held until 07:00 Beijing');
      assert.equal(email.status, 'queued');
      // The breach started at 10:00Z: +20 min the area service manager, +40 the chief (the steps already passed fire now).
      assert.ok(
        (await inbox(w.manager)).items.some((n) => n.subjectId === o.id && n.kind === 'escalation.breach'),
      );
      await sweepOnce(t.ctx);
      assert.ok((await inbox(chief)).items.some((n) => n.subjectId === o.id));
      t.clock.set('2026-11-03T23:00:00.000Z');
      await sweepOnce(t.ctx);
      assert.ok(
        smtp.mails.some((m) => m.to === 'owner@example.com'),
        'sent in the morning',
      );
    });

    test('SL-5: a customer sees the escalation contacts of their region, and only theirs', async () => {
      const admin = await t.personWith(['admin']);
      const asm = await t.personWith(['area_service_manager'], {
        displayName: '贵阳区域经理',
        phone: '13811112222',
        regionIds: [w.regions.prefA],
      });
      assert.ok(asm);
      const customer = await createCustomer(
        t.ctx,
        { system: 'test' },
        {
          code: `C${Date.now() % 100000}`,
          name: '客户乙',
          kind: 'enterprise',
          regionId: w.regions.countyA1,
        },
      );
      const escort = await t.personWith(['customer_escort'], { customerId: customer.id });
      const res = await get(escort, `/api/v1/escalation-contacts?regionId=${w.regions.prefB}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = json<{
        regionId: string;
        levels: { role: string; roleName: string; contacts: { name: string; phone: string | null }[] }[];
      }>(res);
      assert.equal(body.regionId, w.regions.countyA1, 'a customer is held to their own region');
      const asmLevel = body.levels.find((l) => l.role === 'area_service_manager');
      assert.deepEqual(asmLevel?.contacts, [{ name: '贵阳区域经理', phone: '13811112222', email: null }]);
      assert.equal(asmLevel?.roleName, '区域服务经理');
      const staff = await get(admin, `/api/v1/escalation-contacts?regionId=${w.regions.prefB}`);
      assert.ok(json<{ levels: unknown[] }>(staff).levels.length >= 1);
      // The customer link of an order carries the same ladder, starting with the order's owner.
      const o = json<{ id: string }>(await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w)));
      const link = json<{ apiPath: string }>(
        await post(w.callCenter, `/api/v1/work-orders/${o.id}/customer-links`, {}),
      );
      const view = json<{
        sections: {
          escalation: { levels: { role: string; contacts: { name: string; phone: string | null }[] }[] };
        };
      }>(await t.request({ method: 'GET', url: link.apiPath }));
      const levels = view.sections.escalation.levels;
      assert.equal(levels[0]?.role, 'owner');
      assert.equal(levels[0]?.contacts[0]?.name, '话务员小王');
      assert.ok(levels.some((l) => l.contacts.some((c) => c.phone === '13811112222')));
    });
  });
}
