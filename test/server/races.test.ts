/**
 * Defect 2 (issue 10), read-then-lock races: for each state-changing route family, 50
 * identical requests sent at once end with exactly one effect and one history entry. The
 * suite matters on PostgreSQL, where transactions really run side by side (SQLite's BEGIN
 * IMMEDIATE serialises them and hid the bug); it runs on SQLite too as a baseline.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createApiToken } from '../../src/modules/access/access.service.ts';
import { addCertification } from '../../src/modules/people/people.service.ts';
import { PRODUCT } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';
import { buildScene, burst, type Scene } from './security-fixture.ts';

const N = 50;

/** Every answer is one success or a clear refusal (4xx, or 503 busy under contention): never a 5xx bug. */
function assertOneWinner(statuses: number[], ok: number, label: string): void {
  assert.equal(
    statuses.filter((s) => s === ok).length,
    1,
    `${label}: exactly one ${ok} in ${statuses.join(',')}`,
  );
  for (const s of statuses) assert.ok(s === ok || (s >= 400 && s < 500) || s === 503, `${label}: ${s}`);
}

for (const kind of testDatabases) {
  describe(`races: ${N} identical requests at once, one effect (${kind})`, () => {
    let t: TestApp;
    let s: Scene;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      s = await buildScene(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    test('appointment confirm by phone: one confirmation, one history entry', async () => {
      const o = await s.dispatched();
      const a = await s.proposed(o.id);
      const r = await burst(N, () => s.post(s.w.engNear, `/api/v1/appointments/${a}/confirm`));
      assertOneWinner(r.statuses, 200, 'confirm');
      assert.equal(await s.historyCount(o.id, 'appointment_confirmed'), 1);
      assert.equal(await s.historyCount(o.id, 'state:appointment_agreed'), 1);
    });

    test('appointment reschedule: one new appointment in force, one customer notice, one history entry', async () => {
      const o = await s.dispatched();
      const a = await s.proposed(o.id);
      const { windows } = json<{ windows: { start: string; end: string }[] }>(
        await s.get(s.w.engNear, `/api/v1/work-orders/${o.id}/appointment-windows?count=2`),
      );
      const body = {
        windowStart: windows[1]!.start,
        windowEnd: windows[1]!.end,
        reason: '客户临时有事',
        requestedBy: 'customer',
      };
      const r = await burst(N, () => s.post(s.w.dispatcher, `/api/v1/appointments/${a}/reschedule`, body));
      assertOneWinner(r.statuses, 201, 'reschedule');
      const inForce = await t.ctx.db
        .selectFrom('appointments')
        .select('id')
        .where('order_id', '=', o.id)
        .where('state', 'in', ['proposed', 'confirmed'])
        .execute();
      assert.equal(inForce.length, 1, 'one appointment in force');
      const notices = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM customer_notices WHERE order_id = ${o.id} AND kind = 'reschedule'`.execute(
        t.ctx.db,
      );
      assert.equal(Number(notices.rows[0]?.n), 1, 'the customer is told once');
      assert.equal(await s.historyCount(o.id, 'appointment_rescheduled'), 1);
    });

    test('late notice: the customer is told once', async () => {
      const o = await s.dispatched();
      const a = await s.proposed(o.id);
      const r = await burst(N, () =>
        s.post(s.w.engNear, `/api/v1/appointments/${a}/late-notice`, { message: '路上堵车' }),
      );
      assertOneWinner(r.statuses, 200, 'late notice');
      assert.equal(await s.historyCount(o.id, 'late_notice'), 1);
    });

    test('customer confirms through the link: one confirmation', async () => {
      const o = await s.dispatched();
      const a = await s.proposed(o.id);
      const link = await s.link(o.id);
      const r = await burst(N, () => s.post(undefined, `${link}/appointment/confirm`, { appointmentId: a }));
      assertOneWinner(r.statuses, 200, 'link confirm');
      assert.equal(await s.historyCount(o.id, 'appointment_confirmed'), 1);
    });

    test('order transition: one state change', async () => {
      const res = await s.post(s.w.callCenter, '/api/v1/work-orders', {
        ...(await import('../../src/modules/work-orders/work-orders.fixtures.ts')).phoneIntake(s.w),
      });
      const o = json<{ id: string }>(res);
      const r = await burst(N, () =>
        s.post(s.w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' }),
      );
      assertOneWinner(r.statuses, 200, 'transition');
      assert.equal(await s.historyCount(o.id, 'state:accepted'), 1);
    });

    test('handover accept: the owner changes once, the customer is told once', async () => {
      const receiver = await t.personWith(['call_center']);
      const o = await s.dispatched();
      const asked = await s.post(s.w.callCenter, `/api/v1/work-orders/${o.id}/handovers`, {
        toPersonId: receiver.personId,
        reason: '换班',
      });
      assert.equal(asked.statusCode, 201, asked.body);
      const handover = json<{ id: string }>(asked);
      const r = await burst(N, () => s.post(receiver, `/api/v1/handovers/${handover.id}/accept`, {}));
      assertOneWinner(r.statuses, 200, 'handover accept');
      assert.equal(await s.historyCount(o.id, 'owner_changed'), 1);
    });

    test('escalation acknowledge: one acknowledgement', async () => {
      const director = await t.personWith(['after_sales_director']);
      const res = await s.post(s.w.callCenter, '/api/v1/work-orders', {
        ...(await import('../../src/modules/work-orders/work-orders.fixtures.ts')).phoneIntake(s.w, {
          severity: 'critical',
        }),
      });
      assert.equal(res.statusCode, 201, res.body);
      const o = json<{ id: string }>(res);
      const esc = await t.ctx.db
        .selectFrom('escalations')
        .select('id')
        .where('subject_id', '=', o.id)
        .executeTakeFirstOrThrow();
      const r = await burst(N, () => s.post(director, `/api/v1/escalations/${esc.id}/acknowledge`, {}));
      assertOneWinner(r.statuses, 200, 'acknowledge');
      assert.equal(await s.historyCount(esc.id, 'acknowledge'), 1);
    });

    test('certification revoke: one revocation entry however many ask', async () => {
      const eng = await t.personWith(['engineer']);
      const cert = await addCertification(t.ctx, { system: 'test' }, eng.personId, {
        product: PRODUCT,
        expiresOn: '2027-12-31',
      });
      const r = await burst(N, () =>
        s.post(admin, `/api/v1/certifications/${cert.id}/revoke`, { reason: '离职' }),
      );
      assert.ok(
        r.statuses.every((x) => x === 200 || x === 503),
        r.statuses.join(','),
      );
      assert.equal(await s.historyCount(cert.id, 'revoke'), 1);
    });

    test('API token revoke: one revocation entry', async () => {
      const holder = await t.personWith(['call_center']);
      const { id } = await createApiToken(
        t.ctx,
        { system: 'test' },
        { personId: holder.personId, name: 'eoms' },
      );
      const r = await burst(N, () => t.request({ method: 'DELETE', url: `/api/v1/tokens/${id}`, as: admin }));
      assert.ok(
        r.statuses.every((x) => x === 200 || x === 503),
        r.statuses.join(','),
      );
      assert.equal(await s.historyCount(id, 'revoke'), 1);
    });

    test('customer link revoke: one revocation entry', async () => {
      const o = await s.dispatched();
      await s.link(o.id);
      const link = await t.ctx.db
        .selectFrom('customer_links')
        .select('id')
        .where('order_id', '=', o.id)
        .executeTakeFirstOrThrow();
      const r = await burst(N, () => s.post(s.w.callCenter, `/api/v1/customer-links/${link.id}/revoke`));
      assert.ok(
        r.statuses.every((x) => x === 200 || x === 503),
        r.statuses.join(','),
      );
      assert.equal(await s.historyCount(o.id, 'customer_link_revoked'), 1);
    });
  });
}
