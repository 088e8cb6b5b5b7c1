/**
 * The HTTP contract every endpoint shares: how bad input, missing sign-in and unknown URLs
 * are answered (always the one error shape, in zh-CN or en), the health and OpenAPI
 * documents, and the sign-in lifecycle (throttling, logout, password change, API tokens,
 * cookie flags). Runs on both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import { type AppContext, inTransaction } from '../../src/app/context.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { route } from '../../src/http/route.ts';
import { apiRoutes } from '../../src/http/routes.ts';
import { buildServer } from '../../src/http/server.ts';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  testDatabases,
} from '../harness.ts';

const BODY_LIMIT = 4096;
const MAX_FAILURES = 3;
const WINDOW_MINUTES = 10;

function sessionCookie(res: LightMyRequestResponse) {
  return res.cookies.find((c) => c.name === 'onsite_session');
}

function login(t: TestApp, username: string, password: string, headers: Record<string, string> = {}) {
  return t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });
}

/** A session from a fresh login of `username`. */
async function signIn(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await login(t, username, password);
  assert.equal(res.statusCode, 200, res.body);
  const c = sessionCookie(res);
  assert.ok(c?.value);
  return { cookie: `onsite_session=${c.value}`, personId: json<{ id: string }>(res).id };
}

async function me(t: TestApp, as: Session) {
  return t.request({ method: 'GET', url: '/api/v1/auth/me', as });
}

let unique = 0;
function uname(prefix: string): string {
  unique += 1;
  return `${prefix}${unique}_${Math.random().toString(36).slice(2, 8)}`;
}

for (const kind of testDatabases) {
  describe(`HTTP contract: bad input and the error shape (${kind})`, () => {
    let t: TestApp;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, bodyLimitBytes: BODY_LIMIT }) });
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    const post = (payload: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
      t.request({
        method: 'POST',
        url: '/api/v1/regions',
        as: admin,
        payload,
        headers: { 'content-type': contentType, ...headers },
      });

    test('malformed JSON answers 400 malformed_json', async () => {
      for (const text of ['{"code":', '{code: "A"}', "{'a':1}", '[1,2', '{"a":1}}', 'nul', '']) {
        const res = await post(text);
        assert.equal(res.statusCode, 400, `${JSON.stringify(text)} → ${res.body}`);
        assert.equal(errorOf(res).code, 'malformed_json');
      }
    });

    test('a body that is JSON but not an object answers 422 naming the body', async () => {
      for (const text of ['[1,2]', '"text"', '42', 'true']) {
        const res = await post(text);
        assert.equal(res.statusCode, 422, `${text} → ${res.body}`);
        assert.equal(errorOf(res).details[0]?.field, '(body)');
      }
    });

    test('a content type other than JSON answers 415 naming the type', async () => {
      for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'text/csv']) {
        const res = await post('code=A', type, { 'accept-language': 'en' });
        assert.equal(res.statusCode, 415, `${type} → ${res.body}`);
        const err = errorOf(res);
        assert.equal(err.code, 'unsupported_media_type');
        assert.match(err.message, new RegExp(`Content type ${type.replace('/', '\\/')} is not supported`));
      }
      const withCharset = await post(
        JSON.stringify({ code: 'CS', name: '字符集', level: 'province' }),
        'application/json; charset=utf-8',
      );
      assert.equal(withCharset.statusCode, 201, withCharset.body);
    });

    test('a body over BODY_LIMIT_BYTES answers 413 stating the limit', async () => {
      const res = await post(
        JSON.stringify({ code: 'BIG', name: 'x'.repeat(BODY_LIMIT), level: 'province' }),
      );
      assert.equal(res.statusCode, 413, res.body);
      const err = errorOf(res);
      assert.equal(err.code, 'payload_too_large');
      assert.match(err.message, new RegExp(String(BODY_LIMIT)));
      // Just under the limit is read and validated as usual.
      const under = await post(
        JSON.stringify({ code: 'SMALL', name: 'x'.repeat(BODY_LIMIT - 200), level: 'province' }),
      );
      assert.equal(under.statusCode, 422, under.body);
      assert.equal(errorOf(under).details[0]?.field, 'name');
    });

    test('unknown fields are refused with 422, each named', async () => {
      const res = await post(
        JSON.stringify({ code: 'UNK', name: '未知', level: 'province', colour: 'red', nested: { a: 1 } }),
      );
      assert.equal(res.statusCode, 422, res.body);
      const err = errorOf(res);
      assert.equal(err.code, 'validation_failed');
      assert.deepEqual(err.details.map((d) => d.field).sort(), ['colour', 'nested']);
      for (const d of err.details) assert.equal(d.message, '不允许的字段');
      const none = await t.request({ method: 'GET', url: '/api/v1/regions?code=UNK', as: admin });
      assert.equal(none.statusCode, 400);
      assert.deepEqual(
        errorOf(none).details.map((d) => d.field),
        ['code'],
      );
    });

    test('wrong types answer 422 naming each field; missing fields say they are required', async () => {
      const res = await post(JSON.stringify({ code: 123, name: ['贵州'], level: 'city', parentId: 7 }));
      assert.equal(res.statusCode, 422, res.body);
      const fields = errorOf(res)
        .details.map((d) => d.field)
        .sort();
      assert.deepEqual(fields, ['code', 'level', 'name', 'parentId']);
      const missing = await post(JSON.stringify({}));
      const details = errorOf(missing).details;
      assert.deepEqual(details.map((d) => d.field).sort(), ['code', 'level', 'name']);
      for (const d of details) assert.equal(d.message, '必填');
      const en = await post(JSON.stringify({}), 'application/json', { 'accept-language': 'en' });
      for (const d of errorOf(en).details) assert.equal(d.message, 'is required');
    });

    test('query parameters of the wrong type answer 400 naming them', async () => {
      for (const [qs, field] of [
        ['limit=abc', 'limit'],
        ['limit=0', 'limit'],
        ['limit=1&limit=2', 'limit'],
        ['offset=-1', 'offset'],
        ['level=city', 'level'],
        ['parentId=nope', 'parentId'],
      ] as const) {
        const res = await t.request({ method: 'GET', url: `/api/v1/regions?${qs}`, as: admin });
        assert.equal(res.statusCode, 400, `${qs} → ${res.body}`);
        assert.equal(errorOf(res).code, 'invalid_request');
        assert.deepEqual(
          errorOf(res).details.map((d) => d.field),
          [field],
        );
      }
    });

    test('bad ids in paths answer 400 naming id; a well-formed unknown id answers 404', async () => {
      for (const id of [
        'abc',
        '1',
        'DROP%20TABLE%20regions',
        '01234567-89ab-7def-8123-456789ABCDEF',
        '%E4%B8%AD',
      ]) {
        const res = await t.request({ method: 'GET', url: `/api/v1/regions/${id}`, as: admin });
        assert.equal(res.statusCode, 400, `${id} → ${res.body}`);
        assert.equal(errorOf(res).code, 'invalid_request');
        assert.deepEqual(
          errorOf(res).details.map((d) => d.field),
          ['id'],
        );
        assert.equal(errorOf(res).details[0]?.message, '不是有效的编号');
      }
      const unknown = await t.request({
        method: 'GET',
        url: '/api/v1/regions/01234567-89ab-7def-8123-456789abcdef',
        as: admin,
      });
      assert.equal(unknown.statusCode, 404);
      assert.equal(errorOf(unknown).code, 'not_found');
      assert.equal(errorOf(unknown).message, '找不到区域。');
    });

    test('over-long or badly encoded path parameters answer 400 in the error shape', async () => {
      for (const url of [`/api/v1/regions/${'a'.repeat(300)}`, '/api/v1/regions/%E0%A4%A']) {
        const res = await t.request({ method: 'GET', url, as: admin, headers: { 'accept-language': 'en' } });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(errorOf(res).code, 'bad_url');
        assert.match(errorOf(res).message, /The URL is invalid/);
      }
    });

    test('text with U+0000 is refused naming the field, on both databases, never a 500', async () => {
      const res = await post(JSON.stringify({ code: 'NUL', name: 'a\u0000b', level: 'province' }));
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(
        errorOf(res).details.map((d) => d.field),
        ['name'],
      );
      const q = await t.request({ method: 'GET', url: '/api/v1/regions?q=%00', as: admin });
      assert.equal(q.statusCode, 400, q.body);
      assert.deepEqual(
        errorOf(q).details.map((d) => d.field),
        ['q'],
      );
    });

    test('a duplicate answers 409 naming the field and the value, the same on both databases', async () => {
      const body = JSON.stringify({ code: 'TWICE', name: '两次', level: 'province' });
      assert.equal((await post(body)).statusCode, 201);
      const zh = await post(body);
      assert.equal(zh.statusCode, 409, zh.body);
      assert.deepEqual(errorOf(zh), {
        code: 'duplicate',
        message: 'code 为“TWICE”的记录已存在。',
        details: [{ field: 'code', message: '已被其他记录使用' }],
      });
      const en = await post(body, 'application/json', { 'accept-language': 'en' });
      assert.equal(errorOf(en).message, 'A record with code "TWICE" already exists.');
    });

    test('deeply nested JSON is refused cleanly', async () => {
      const depth = 1500;
      const res = await post(
        `{"code":"D","name":"n","level":"province","x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      );
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body.slice(0, 200)}`);
      errorOf(res);
    });

    test('without a session or token every user route answers 401; bad credentials too', async () => {
      const userRoutes = apiRoutes.filter((r) => r.auth === 'user');
      assert.ok(userRoutes.length > 0);
      for (const r of userRoutes) {
        const url = r.url.replace(/:(\w+)/g, '01234567-89ab-7def-8123-456789abcdef');
        const res = await t.request({ method: r.method, url, payload: r.body ? {} : undefined });
        assert.equal(res.statusCode, 401, `${r.method} ${r.url} → ${res.body}`);
        assert.equal(errorOf(res).code, 'unauthenticated');
      }
      for (const headers of [
        { cookie: 'onsite_session=forged' },
        { authorization: 'Bearer ost_forged' },
        { authorization: 'Bearer not-a-token' },
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
        { authorization: 'Bearer' },
      ]) {
        const res = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers });
        assert.equal(res.statusCode, 401, JSON.stringify(headers));
        assert.equal(errorOf(res).message, '请先登录。');
      }
    });

    test('an unknown route answers 404 in the error shape, naming method and path', async () => {
      const res = await t.request({ method: 'GET', url: '/api/v1/no-such-thing?x=1', as: admin });
      assert.equal(res.statusCode, 404);
      const err = errorOf(res);
      assert.equal(err.code, 'route_not_found');
      assert.equal(err.message, '接口 GET /api/v1/no-such-thing 不存在。');
      const wrongMethod = await t.request({ method: 'PUT', url: '/api/v1/regions', as: admin });
      assert.equal(wrongMethod.statusCode, 404);
      assert.equal(errorOf(wrongMethod).code, 'route_not_found');
      const en = await t.request({
        method: 'DELETE',
        url: '/api/nothing',
        headers: { 'accept-language': 'en' },
      });
      assert.equal(errorOf(en).message, 'There is no endpoint DELETE /api/nothing.');
    });

    test('Accept-Language: en gives English messages; zh-CN is the default and wins ties', async () => {
      const cases: [string | undefined, RegExp][] = [
        [undefined, /^请先登录/],
        ['en', /^Please sign in first/],
        ['en-US,en;q=0.9', /^Please sign in first/],
        ['zh-CN,zh;q=0.9,en;q=0.8', /^请先登录/],
        ['fr-FR', /^请先登录/],
        ['fr, en;q=0.5', /^Please sign in first/],
        ['en;q=0.2, zh;q=0.8', /^请先登录/],
        ['garbage;;;q=x', /^请先登录/],
      ];
      for (const [lang, expected] of cases) {
        const res = await t.request({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: lang ? { 'accept-language': lang } : {},
        });
        assert.match(errorOf(res).message, expected, String(lang));
        assert.equal(res.headers['content-language'], expected.source.includes('Please') ? 'en' : 'zh-CN');
      }
      const enBody = await post(
        JSON.stringify({ code: 'X', name: '', level: 'province', bogus: 1 }),
        'application/json',
        {
          'accept-language': 'en',
        },
      );
      const err = errorOf(enBody);
      assert.equal(err.message, 'Some fields are invalid; see the details.');
      assert.equal(err.details.find((d) => d.field === 'bogus')?.message, 'is not an allowed field');
    });

    test('GET /api/health reports status, database kind and the migration version', async () => {
      const res = await t.request({ method: 'GET', url: '/api/health' });
      assert.equal(res.statusCode, 200);
      const h = json<{ status: string; database: string; migration: string; version: string }>(res);
      assert.equal(h.status, 'ok');
      assert.equal(h.database, kind);
      assert.equal(h.migration, Object.keys(migrations).at(-1));
      assert.match(h.version, /^\d+\.\d+\.\d+/);
    });

    test('/api/openapi.json is OpenAPI 3.1 and lists every registered route with the error shape', async () => {
      const res = await t.request({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = json<{
        openapi: string;
        paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown> };
      }>(res);
      assert.match(doc.openapi, /^3\.1\./);
      assert.ok(doc.components.schemas.Error);
      const listed = new Set<string>();
      const opIds = new Set<string>();
      for (const [p, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          listed.add(`${method.toUpperCase()} ${p}`);
          assert.ok(op.responses['4XX'], `${method} ${p} documents its errors`);
          assert.ok(!opIds.has(op.operationId), `operationId ${op.operationId} is unique`);
          opIds.add(op.operationId);
        }
      }
      const registered = apiRoutes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
      assert.equal(new Set(registered).size, registered.length, 'no route is registered twice');
      assert.deepEqual([...listed].sort(), [...registered].sort());
    });

    test('/api/docs serves the interactive page and its assets without any CDN', async () => {
      const res = await t.request({ method: 'GET', url: '/api/docs' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.doesNotMatch(res.body, /https?:\/\//);
      // No inline script (the security policy allows only this origin's files): the start script is a file.
      assert.doesNotMatch(res.body, /<script>/);
      const start = await t.request({ method: 'GET', url: '/api/docs/start.js' });
      assert.equal(start.statusCode, 200);
      assert.match(start.body, /\/api\/openapi\.json/);
      for (const asset of ['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css']) {
        const a = await t.request({ method: 'GET', url: asset });
        assert.equal(a.statusCode, 200, asset);
        assert.ok(a.body.length > 1000, asset);
      }
    });
  });

  describe(`HTTP contract: sign-in, sessions and tokens (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind, {
        configure: (c) => ({ ...c, loginMaxFailures: MAX_FAILURES, loginWindowMinutes: WINDOW_MINUTES }),
      });
    });
    after(() => t.close());

    test('a wrong password or unknown user answers 401 with the same message', async () => {
      const username = uname('wrong');
      await t.personWith(['engineer'], { username });
      const bad = await login(t, username, 'not-the-password1');
      assert.equal(bad.statusCode, 401);
      assert.equal(errorOf(bad).code, 'invalid_credentials');
      assert.equal(sessionCookie(bad), undefined);
      const nobody = await login(t, uname('ghost'), 'whatever-1');
      assert.equal(nobody.statusCode, 401);
      assert.equal(errorOf(nobody).message, errorOf(bad).message);
    });

    test('no lock-out by strangers: after N failures the account waits a doubling delay (capped), then the right password works', async () => {
      const username = uname('throttle');
      await t.personWith(['engineer'], { username });
      const other = uname('bystander');
      await t.personWith(['engineer'], { username: other });
      for (let i = 0; i < MAX_FAILURES; i++) {
        assert.equal((await login(t, username, `wrong-${i}-pass`)).statusCode, 401);
      }
      // Past N, each attempt waits 1 s, 2 s, 4 s … after the last failure: a guess right away is refused.
      const early = await login(t, username, TEST_PASSWORD, { 'accept-language': 'en' });
      assert.equal(early.statusCode, 429, early.body);
      assert.equal(errorOf(early).code, 'login_slow_down');
      assert.equal(early.headers['retry-after'], '1');
      assert.match(errorOf(early).message, /try again in 1 seconds/);
      assert.equal(sessionCookie(early), undefined);
      // The throttle is per account: someone else signs in as usual.
      assert.equal((await login(t, other, TEST_PASSWORD)).statusCode, 200);
      // A stranger keeps guessing: the waits double …
      t.clock.set(new Date(t.clock.now().getTime() + 1000));
      assert.equal((await login(t, username, 'stranger-guess-1')).statusCode, 401);
      const second = await login(t, username, TEST_PASSWORD);
      assert.equal(second.statusCode, 429);
      assert.equal(second.headers['retry-after'], '2');
      // … but the owner is never kept out for the window: after the delay the right password works.
      t.clock.set(new Date(t.clock.now().getTime() + 2000));
      const ok = await login(t, username, TEST_PASSWORD);
      assert.equal(ok.statusCode, 200, ok.body);
      // A success clears the count: N new failures bring no wait.
      for (let i = 0; i < MAX_FAILURES - 1; i++) await login(t, username, `wrong-again-${i}`);
      assert.equal((await login(t, username, TEST_PASSWORD)).statusCode, 200);
    });

    test('parallel guesses get no more than N tries per window', async () => {
      const username = uname('burst');
      await t.personWith(['engineer'], { username });
      const burst = await Promise.all(
        Array.from({ length: MAX_FAILURES * 4 }, (_, i) => login(t, username, `burst-guess-${i}`)),
      );
      const statuses = burst.map((r) => r.statusCode);
      assert.ok(
        statuses.every((s) => s === 401 || s === 429),
        statuses.join(','),
      );
      assert.ok(
        statuses.filter((s) => s === 401).length <= MAX_FAILURES,
        `at most ${MAX_FAILURES} guesses were checked: ${statuses.join(',')}`,
      );
      // Only the guesses actually checked count: N of them lock the account; when the burst
      // was refused before any check (all saw each other's pending attempts) nothing is locked.
      const checked = statuses.filter((s) => s === 401).length;
      assert.equal((await login(t, username, TEST_PASSWORD)).statusCode, checked >= MAX_FAILURES ? 429 : 200);
      t.clock.advanceMinutes(WINDOW_MINUTES + 1);
      assert.equal((await login(t, username, TEST_PASSWORD)).statusCode, 200);
    });

    test('logout ends the session and clears the cookie', async () => {
      const username = uname('logout');
      await t.personWith(['engineer'], { username });
      const s = await signIn(t, username);
      assert.equal((await me(t, s)).statusCode, 200);
      const out = await t.request({ method: 'POST', url: '/api/v1/auth/logout', as: s });
      assert.equal(out.statusCode, 200);
      assert.deepEqual(json(out), { ok: true });
      const cleared = sessionCookie(out);
      assert.equal(cleared?.value, '');
      assert.ok(cleared?.expires && cleared.expires.getTime() <= Date.now());
      const after = await me(t, s);
      assert.equal(after.statusCode, 401);
      // Logging out twice, or without a session, is harmless.
      assert.equal((await t.request({ method: 'POST', url: '/api/v1/auth/logout', as: s })).statusCode, 200);
      assert.equal((await t.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode, 200);
    });

    test('a session expires after SESSION_TTL_HOURS', async () => {
      const username = uname('ttl');
      await t.personWith(['engineer'], { username });
      const s = await signIn(t, username);
      t.clock.advanceMinutes(t.ctx.config.sessionTtlHours * 60 - 1);
      assert.equal((await me(t, s)).statusCode, 200);
      t.clock.advanceMinutes(2);
      assert.equal((await me(t, s)).statusCode, 401);
    });

    test('changing the password ends the other sessions and keeps this one', async () => {
      const username = uname('pw');
      await t.personWith(['engineer'], { username });
      const a = await signIn(t, username);
      const b = await signIn(t, username);
      const wrong = await t.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        as: a,
        payload: { currentPassword: 'Wrong-pass1', newPassword: 'N3w-password!' },
      });
      assert.equal(wrong.statusCode, 422);
      assert.equal(errorOf(wrong).details[0]?.field, 'currentPassword');
      assert.equal((await me(t, b)).statusCode, 200, 'a refused change ends nothing');
      const weak = await t.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        as: a,
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
      });
      assert.equal(weak.statusCode, 422);
      assert.equal(errorOf(weak).details[0]?.field, 'newPassword');
      const changed = await t.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        as: a,
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'N3w-password!' },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal((await me(t, a)).statusCode, 200);
      assert.equal((await me(t, b)).statusCode, 401);
      assert.equal((await login(t, username, TEST_PASSWORD)).statusCode, 401);
      assert.equal((await login(t, username, 'N3w-password!')).statusCode, 200);
    });

    test('API tokens: issued once, used as Bearer, listed without the secret, revoked → 401', async () => {
      const admin = await t.personWith(['admin']);
      const engineer = await t.personWith(['engineer']);
      const issued = await t.request({
        method: 'POST',
        url: '/api/v1/tokens',
        as: admin,
        payload: { personId: engineer.personId, name: '网管对接' },
      });
      assert.equal(issued.statusCode, 201, issued.body);
      const { id, token } = json<{ id: string; token: string }>(issued);
      assert.match(token, /^ost_/);
      const asToken = { bearer: token, personId: engineer.personId };
      const who = await me(t, asToken);
      assert.equal(who.statusCode, 200);
      assert.equal(json<{ id: string }>(who).id, engineer.personId);
      // The token acts with the engineer's permissions, not the issuer's.
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/tokens', as: asToken })).statusCode, 403);
      const list = await t.request({ method: 'GET', url: '/api/v1/tokens', as: admin });
      assert.equal(list.statusCode, 200);
      assert.ok(!list.body.includes(token), 'the secret is never listed');
      assert.ok(json<{ items: { id: string }[] }>(list).items.some((i) => i.id === id));
      // A token does not start a cookie session, and logout with a token leaves it working.
      assert.equal(
        (await t.request({ method: 'POST', url: '/api/v1/auth/logout', as: asToken })).statusCode,
        200,
      );
      assert.equal((await me(t, asToken)).statusCode, 200);
      const revoked = await t.request({ method: 'DELETE', url: `/api/v1/tokens/${id}`, as: admin });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal((await me(t, asToken)).statusCode, 401);
      const history = await t.ctx.db
        .selectFrom('history')
        .select('action')
        .where('entity_id', '=', id)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        history.map((h) => h.action),
        ['create', 'revoke'],
      );
      const again = await t.request({
        method: 'DELETE',
        url: '/api/v1/tokens/01234567-89ab-7def-8123-456789abcdef',
        as: admin,
      });
      assert.equal(again.statusCode, 404);
    });

    test('an API token stops working at its expiry; expiry times are normalised and validated', async () => {
      const admin = await t.personWith(['admin']);
      const engineer = await t.personWith(['engineer']);
      const at = new Date(t.clock.now().getTime() + 60 * 60_000);
      const offset = `${at.toISOString().slice(0, 19)}+00:00`;
      const issued = await t.request({
        method: 'POST',
        url: '/api/v1/tokens',
        as: admin,
        payload: { personId: engineer.personId, name: '临时', expiresAt: offset },
      });
      assert.equal(issued.statusCode, 201, issued.body);
      const { id, token } = json<{ id: string; token: string }>(issued);
      const row = await t.ctx.db
        .selectFrom('api_tokens')
        .select('expires_at')
        .where('id', '=', id)
        .executeTakeFirst();
      assert.equal(row?.expires_at, `${at.toISOString().slice(0, 19)}.000Z`);
      const asToken = { bearer: token, personId: engineer.personId };
      t.clock.advanceMinutes(59);
      assert.equal((await me(t, asToken)).statusCode, 200);
      t.clock.advanceMinutes(2);
      assert.equal((await me(t, asToken)).statusCode, 401);
      for (const bad of ['0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', 'tomorrow', '2026-11-02']) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/tokens',
          as: admin,
          payload: { personId: engineer.personId, name: 'x', expiresAt: bad },
        });
        assert.equal(res.statusCode, 422, `${bad} → ${res.body}`);
        assert.deepEqual(
          errorOf(res).details.map((d) => d.field),
          ['expiresAt'],
        );
      }
    });
  });

  describe(`HTTP contract: session cookie flags (${kind})`, () => {
    const variants: {
      name: string;
      trustProxy: boolean;
      cookieSecure: boolean;
      forwarded: boolean;
      secure: boolean;
    }[] = [
      { name: 'plain http', trustProxy: false, cookieSecure: false, forwarded: false, secure: false },
      {
        name: 'X-Forwarded-Proto https ignored without TRUST_PROXY',
        trustProxy: false,
        cookieSecure: false,
        forwarded: true,
        secure: false,
      },
      {
        name: 'X-Forwarded-Proto https with TRUST_PROXY',
        trustProxy: true,
        cookieSecure: false,
        forwarded: true,
        secure: true,
      },
      {
        name: 'TRUST_PROXY but plain http',
        trustProxy: true,
        cookieSecure: false,
        forwarded: false,
        secure: false,
      },
      { name: 'COOKIE_SECURE', trustProxy: false, cookieSecure: true, forwarded: false, secure: true },
    ];
    const apps = new Map<string, TestApp>();
    before(async () => {
      for (const v of variants) {
        apps.set(
          v.name,
          await startTestApp(kind, {
            configure: (c) => ({ ...c, trustProxy: v.trustProxy, cookieSecure: v.cookieSecure }),
          }),
        );
      }
    });
    after(async () => {
      for (const t of apps.values()) await t.close();
    });

    for (const v of variants) {
      test(`${v.name}: HttpOnly, SameSite=Lax, Path=/, Secure=${v.secure}`, async () => {
        const t = apps.get(v.name)!;
        const username = uname('cookie');
        await t.personWith(['engineer'], { username });
        const res = await login(
          t,
          username,
          TEST_PASSWORD,
          v.forwarded ? { 'x-forwarded-proto': 'https' } : {},
        );
        assert.equal(res.statusCode, 200, res.body);
        const raw = String(res.headers['set-cookie']);
        assert.match(raw, /^onsite_session=[^;]+;/);
        assert.match(raw, /; HttpOnly/);
        assert.match(raw, /; SameSite=Lax/);
        assert.match(raw, /; Path=\//);
        assert.match(raw, /; Expires=/);
        assert.equal(/; Secure/.test(raw), v.secure, raw);
        const c = sessionCookie(res)!;
        const ttl = c.expires!.getTime() - t.clock.now().getTime();
        assert.equal(Math.round(ttl / 1000), t.ctx.config.sessionTtlHours * 3600);
      });
    }
  });
}

/** A promise with its resolver, to line up two concurrent requests without any timing. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

for (const kind of testDatabases) {
  describe(`HTTP contract: database contention answers 503 busy, not 500 (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test(
      kind === 'postgres'
        ? 'a deadlock between two requests: one succeeds, the other is asked to retry'
        : 'a write on a snapshot another process changed is asked to retry',
      async () => {
        const x = await createRegion(
          t.ctx,
          { system: 'test' },
          { code: 'LOCKX', name: '甲', level: 'province' },
        );
        const y = await createRegion(
          t.ctx,
          { system: 'test' },
          { code: 'LOCKY', name: '乙', level: 'province' },
        );
        const rename = (tx: AppContext, id: string, name: string) =>
          tx.db.updateTable('regions').set({ name }).where('id', '=', id).execute();
        const bothHoldOne = [gate(), gate()] as const;
        const contend = route({
          method: 'POST',
          url: '/api/test/contend/:n',
          summary: 'test only',
          tags: ['test'],
          auth: 'public',
          params: z.strictObject({ n: z.enum(['0', '1']) }),
          response: z.object({ ok: z.boolean() }),
          handler: async ({ ctx, params }) => {
            if (kind === 'postgres') {
              // Each request locks one row, waits until the other holds the other row, then
              // asks for it: a deadlock that PostgreSQL breaks by failing one of them.
              const [mine, theirs] = params.n === '0' ? [x.id, y.id] : [y.id, x.id];
              await inTransaction(ctx, async (tx) => {
                await rename(tx, mine, `锁${params.n}`);
                bothHoldOne[Number(params.n)]!.open();
                await bothHoldOne[1 - Number(params.n)]!.opened;
                await rename(tx, theirs, `锁${params.n}`);
              });
            } else {
              // Read inside a transaction, let another process commit a write, then write:
              // SQLite refuses the stale snapshot at once (SQLITE_BUSY_SNAPSHOT).
              await inTransaction(ctx, async (tx) => {
                await tx.db.selectFrom('regions').select('id').execute();
                if (params.n === '0') {
                  const other = new Database(ctx.config.sqlitePath!);
                  other.pragma('busy_timeout = 5000');
                  other.prepare('UPDATE regions SET name = ? WHERE id = ?').run('别的进程', y.id);
                  other.close();
                }
                await rename(tx, x.id, `锁${params.n}`);
              });
            }
            return { ok: true };
          },
        });
        const app = await buildServer(t.ctx, { logger: false, routes: [contend] });
        try {
          const answers =
            kind === 'postgres'
              ? await Promise.all([
                  app.inject({ method: 'POST', url: '/api/test/contend/0' }),
                  app.inject({
                    method: 'POST',
                    url: '/api/test/contend/1',
                    headers: { 'accept-language': 'en' },
                  }),
                ])
              : [await app.inject({ method: 'POST', url: '/api/test/contend/0' })];
          const busy = answers.filter((a) => a.statusCode === 503);
          assert.equal(busy.length, 1, answers.map((a) => `${a.statusCode} ${a.body}`).join('\n'));
          assert.ok(answers.every((a) => a.statusCode === 200 || a.statusCode === 503));
          const err = errorOf(busy[0]!);
          assert.equal(err.code, 'busy');
          assert.match(err.message, /请稍后重试|try again/);
          assert.equal(busy[0]!.headers['retry-after'], '1');
        } finally {
          await app.close();
        }
      },
    );
  });
}
