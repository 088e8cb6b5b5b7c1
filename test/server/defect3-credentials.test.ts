/**
 * Issue 10, defect 3: credentials that did not really reset. An administrator's reset and an
 * own password change now end every session and revoke every API token of the person; a token
 * cannot mint tokens; tokens carry scopes (a subset of the person's permissions) and expire.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiToken, TOKEN_MAX_DAYS } from '../../src/modules/access/access.service.ts';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  testDatabases,
} from '../harness.ts';

for (const kind of testDatabases) {
  describe(`defect 3: credentials that really reset (${kind})`, () => {
    let t: TestApp;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    const me = (as: Session) => t.request({ method: 'GET', url: '/api/v1/auth/me', as });
    const tokenFor = async (personId: string, extra: Record<string, unknown> = {}) => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/tokens',
        as: admin,
        payload: { personId, name: 'integration', ...extra },
      });
      assert.equal(res.statusCode, 201, res.body);
      return json<{ id: string; token: string; scopes: string[]; expiresAt: string }>(res);
    };

    test('an administrator password reset ends the person’s sessions and revokes their tokens', async () => {
      const victim = await t.personWith(['call_center']);
      const { token } = await tokenFor(victim.personId);
      const bearer = { bearer: token, personId: victim.personId };
      assert.equal((await me(victim)).statusCode, 200);
      assert.equal((await me(bearer)).statusCode, 200);
      const reset = await t.request({
        method: 'PUT',
        url: `/api/v1/people/${victim.personId}/password`,
        as: admin,
        payload: { password: 'Brand-new-pass9' },
      });
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal((await me(victim)).statusCode, 401, 'the session ended');
      assert.equal((await me(bearer)).statusCode, 401, 'the token was revoked');
    });

    test('an own password change revokes the person’s tokens and other sessions, keeping this one', async () => {
      const person = await t.personWith(['call_center']);
      const { token } = await tokenFor(person.personId);
      const bearer = { bearer: token, personId: person.personId };
      const change = await t.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        as: person,
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-pass7' },
      });
      assert.equal(change.statusCode, 200, change.body);
      assert.equal((await me(person)).statusCode, 200, 'the session that changed it goes on');
      assert.equal((await me(bearer)).statusCode, 401, 'the token was revoked');
    });

    test('a token cannot mint tokens (so none outlives its parent’s revocation)', async () => {
      const { token } = await tokenFor(admin.personId);
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/tokens',
        as: { bearer: token, personId: admin.personId },
        payload: { personId: admin.personId, name: 'child' },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'token_cannot_issue_tokens');
      const { items } = json<{ items: { name: string }[] }>(
        await t.request({ method: 'GET', url: '/api/v1/tokens', as: admin }),
      );
      assert.ok(!items.some((i) => i.name === 'child'));
    });

    test('a token acts only within its scopes, which must be a subset of the person’s permissions', async () => {
      const caller = await t.personWith(['call_center']);
      const scoped = await tokenFor(caller.personId, { scopes: ['work_orders.create'] });
      assert.deepEqual(scoped.scopes, ['work_orders.create']);
      const bearer = { bearer: scoped.token, personId: caller.personId };
      // Reading orders is something the person may do, but not this token.
      const read = await t.request({ method: 'GET', url: '/api/v1/work-orders', as: bearer });
      assert.equal(read.statusCode, 403, read.body);
      assert.deepEqual(json<{ permissions: string[] }>(await me(bearer)).permissions, ['work_orders.create']);
      // Without scopes the token gets what the person holds now, no more.
      const full = await tokenFor(caller.personId);
      assert.ok(full.scopes.includes('work_orders.read'));
      assert.ok(!full.scopes.includes('people.manage'));
      const beyond = await t.request({
        method: 'POST',
        url: '/api/v1/tokens',
        as: admin,
        payload: { personId: caller.personId, name: 'x', scopes: ['work_orders.create', 'people.manage'] },
      });
      assert.equal(beyond.statusCode, 422);
      assert.equal(errorOf(beyond).details[0]?.field, 'scopes.1');
    });

    test('tokens expire: by default after 90 days, never more than the maximum, never in the past', async () => {
      const person = await t.personWith(['call_center']);
      const issued = await tokenFor(person.personId);
      assert.equal(Date.parse(issued.expiresAt) - t.clock.now().getTime(), 90 * 86_400_000);
      const far = new Date(t.clock.now().getTime() + (TOKEN_MAX_DAYS + 1) * 86_400_000).toISOString();
      const tooFar = await t.request({
        method: 'POST',
        url: '/api/v1/tokens',
        as: admin,
        payload: { personId: person.personId, name: 'x', expiresAt: far },
      });
      assert.equal(tooFar.statusCode, 422);
      assert.equal(errorOf(tooFar).details[0]?.field, 'expiresAt');
      const past = await t.request({
        method: 'POST',
        url: '/api/v1/tokens',
        as: admin,
        payload: { personId: person.personId, name: 'x', expiresAt: '2020-01-01T00:00:00.000Z' },
      });
      assert.equal(past.statusCode, 422);
      const bearer = { bearer: issued.token, personId: person.personId };
      assert.equal((await me(bearer)).statusCode, 200);
      t.clock.advanceMinutes(90 * 24 * 60 + 1);
      try {
        assert.equal((await me(bearer)).statusCode, 401, 'expired');
      } finally {
        t.clock.set('2026-11-02T02:00:00.000Z');
      }
    });

    test('a token issued by the CLI (system actor) is scoped the same way', async () => {
      const person = await t.personWith(['call_center']);
      const made = await createApiToken(
        t.ctx,
        { system: 'cli' },
        { personId: person.personId, name: 'cli', scopes: ['work_orders.create'] },
      );
      assert.deepEqual(made.scopes, ['work_orders.create']);
    });
  });
}
