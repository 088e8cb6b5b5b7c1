/**
 * Issue 10, defect 4: a large `minutes` on the calendar calculator answered 500, and a deadline
 * policy with the declared maximum was accepted and then made every intake of that order class
 * answer 500. What cannot be computed is refused when it is configured, and a computation that
 * still fails answers 422 naming the field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STANDARD_CALENDAR } from '../../src/modules/deadlines/deadlines.defaults.ts';
import { phoneIntake } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { errorOf, json, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';
import { buildScene, type Scene } from './security-fixture.ts';

for (const kind of testDatabases) {
  describe(`defect 4: calendar arithmetic never answers 500 (${kind})`, () => {
    let t: TestApp;
    let s: Scene;
    let admin: Session;
    let standard: string;
    before(async () => {
      t = await startTestApp(kind);
      s = await buildScene(t);
      admin = await t.personWith(['admin']);
      const cals = json<{ items: { id: string; code: string }[] }>(
        await t.request({ method: 'GET', url: '/api/v1/calendars', as: admin }),
      );
      standard = cals.items.find((c) => c.code === STANDARD_CALENDAR)!.id;
    });
    after(() => t.close());

    test('the calculator answers 422 naming minutes when they do not fit the calendar', async () => {
      const res = await t.request({
        method: 'GET',
        url: `/api/v1/calendars/${standard}/due?from=2026-11-02T02:00:00Z&minutes=1000000`,
        as: admin,
        headers: { 'accept-language': 'en' },
      });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(errorOf(res).details[0]?.field, 'minutes');
      const ok = await t.request({
        method: 'GET',
        url: `/api/v1/calendars/${standard}/due?from=2026-11-02T02:00:00Z&minutes=480`,
        as: admin,
      });
      assert.equal(ok.statusCode, 200, ok.body);
    });

    test('a policy the calendar cannot hold (the declared maximum on working hours) is refused when set', async () => {
      const res = await t.request({
        method: 'PUT',
        url: '/api/v1/deadline-policies',
        as: admin,
        payload: {
          orderType: 'fault_repair',
          severity: 'minor',
          areaClass: '*',
          kind: 'restore',
          minutes: 525_600,
          calendarId: standard,
        },
      });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(errorOf(res).details[0]?.field, 'minutes');
      // Intake of that class still works: the policy was never stored.
      const intake = await s.post(
        s.w.callCenter,
        '/api/v1/work-orders',
        phoneIntake(s.w, { severity: 'minor' }),
      );
      assert.equal(intake.statusCode, 201, intake.body);
    });
  });
}
