/**
 * The engineer's offline queue replays its requests with an Idempotency-Key: a replay answers
 * the first answer and changes nothing (one visit, one mark, one log, one photo, one history
 * entry each); the same key with another request is refused naming the header; a refusal keeps
 * nothing. WO-6: check-in and check-out keep the GPS accuracy; the dispatcher sees the distance
 * to the site and a far check-in flagged.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { signaturePng } from '../attachments/attachments.fixtures.ts';
import { buildWorld } from '../work-orders/work-orders.fixtures.ts';
import { enRoute } from './onsite.fixtures.ts';

for (const kind of testDatabases) {
  describe(`replayed requests and check-in position (${kind})`, () => {
    let t: TestApp;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-replay-'));
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, attachmentsDir: dir }) });
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const send = (
      as: Session,
      method: 'POST' | 'PUT',
      url: string,
      payload: Record<string, unknown>,
      key?: string,
      lang?: 'en',
    ) =>
      t.request({
        method,
        url,
        as,
        payload,
        headers: { ...(key ? { 'idempotency-key': key } : {}), ...(lang ? { 'accept-language': lang } : {}) },
      });
    const historyActions = async (as: Session, orderId: string) =>
      json<{ items: { action: string }[] }>(
        await t.request({ method: 'GET', url: `/api/v1/work-orders/${orderId}/history?limit=200`, as }),
      ).items.map((h) => h.action);

    test('a replay answers the first answer and changes nothing; another body under the key is refused', async () => {
      const w = await buildWorld(t);
      const o = await enRoute(t, w);
      const base = `/api/v1/work-orders/${o.id}`;
      const pos = { lat: 26.5648, lng: 106.7136, accuracyM: 12 };
      const first = await send(w.engNear, 'POST', `${base}/check-in`, pos, 'ci-0001-abcdef');
      assert.equal(first.statusCode, 201, first.body);
      const again = await send(w.engNear, 'POST', `${base}/check-in`, pos, 'ci-0001-abcdef');
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.deepEqual(json(again), json(first));
      // Without the key, the same request is a second check-in and refused as such.
      const plain = await send(w.engNear, 'POST', `${base}/check-in`, pos);
      assert.equal(plain.statusCode, 409, plain.body);

      const onsite = json<{ checklist: { item: { id: string } }[] }>(
        await t.request({ method: 'GET', url: `${base}/onsite`, as: w.engNear }),
      );
      const item = onsite.checklist[0]!.item.id;
      for (let i = 0; i < 3; i++) {
        const r = await send(w.engNear, 'PUT', `${base}/checklist/${item}`, { done: true }, 'mark-0001-abc');
        assert.equal(r.statusCode, 200, r.body);
      }
      for (let i = 0; i < 2; i++) {
        const r = await send(
          w.engNear,
          'PUT',
          `${base}/daily-log`,
          { workDone: '更换光模块' },
          'log-0001-abc',
        );
        assert.equal(r.statusCode, 200, r.body);
      }
      const photo = {
        ownerType: 'work_order',
        ownerId: o.id,
        kind: 'photo',
        fileName: 'p.png',
        mimeType: 'image/png',
        contentBase64: signaturePng(40, 20, 3).toString('base64'),
      };
      for (let i = 0; i < 2; i++) {
        const r = await send(w.engNear, 'POST', '/api/v1/attachments', photo, 'photo-0001-abc');
        assert.equal(r.statusCode, 201, r.body);
      }
      // The same key for another request: refused, naming the header, in the caller's language.
      const reused = await send(
        w.engNear,
        'PUT',
        `${base}/checklist/${item}`,
        { done: false },
        'mark-0001-abc',
        'en',
      );
      assert.equal(reused.statusCode, 422, reused.body);
      assert.equal(errorOf(reused).code, 'replay_key_reused');
      assert.deepEqual(
        errorOf(reused).details.map((d) => d.field),
        ['Idempotency-Key'],
      );
      assert.match(errorOf(reused).message, /already used for another request/);
      // A key too short to be unique is refused before anything is done.
      const badKey = await send(w.engNear, 'PUT', `${base}/daily-log`, { workDone: 'x' }, 'short');
      assert.equal(badKey.statusCode, 400, badKey.body);
      assert.deepEqual(
        errorOf(badKey).details.map((d) => d.field),
        ['Idempotency-Key'],
      );

      const actions = await historyActions(w.dispatcher, o.id);
      const count = (a: string) => actions.filter((x) => x === a).length;
      assert.equal(count('onsite:check_in'), 1);
      assert.equal(count('onsite:checklist'), 1, actions.join(', '));
      assert.equal(count('onsite:daily_log'), 1, actions.join(', '));
      const files = json<{ items: { kind: string }[] }>(
        await t.request({
          method: 'GET',
          url: `/api/v1/attachments?ownerType=work_order&ownerId=${o.id}`,
          as: w.dispatcher,
        }),
      ).items.filter((a) => a.kind === 'photo');
      assert.equal(files.length, 1);
      const kept = await t.ctx.db
        .selectFrom('request_replays')
        .select('key')
        .where('person_id', '=', w.engNear.personId)
        .execute();
      assert.deepEqual(kept.map((k) => k.key).sort(), [
        'ci-0001-abcdef',
        'log-0001-abc',
        'mark-0001-abc',
        'photo-0001-abc',
      ]);
    });

    test('a refused request keeps nothing: its replay is decided again', async () => {
      const w = await buildWorld(t);
      const o = await enRoute(t, w);
      const base = `/api/v1/work-orders/${o.id}`;
      // Checking out before checking in is refused; the same key later still works for that request.
      const early = await send(w.engNear, 'POST', `${base}/check-out`, {}, 'co-0001-abcdef', 'en');
      assert.equal(early.statusCode, 409, early.body);
      assert.match(errorOf(early).details[0]?.message ?? '', /check in on site first/);
      const ci = await send(w.engNear, 'POST', `${base}/check-in`, {}, 'ci-0002-abcdef');
      assert.equal(ci.statusCode, 201, ci.body);
      await send(w.engNear, 'PUT', `${base}/daily-log`, { workDone: '巡检' }, 'log-0002-abc');
      const later = await send(w.engNear, 'POST', `${base}/check-out`, {}, 'co-0001-abcdef');
      assert.equal(later.statusCode, 200, later.body);
      assert.equal(later.headers['idempotent-replayed'], undefined);
    });

    test('twins sent at once: one effect, both answered alike', async () => {
      const w = await buildWorld(t);
      const o = await enRoute(t, w);
      const base = `/api/v1/work-orders/${o.id}`;
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => send(w.engNear, 'POST', `${base}/check-in`, {}, 'ci-twin-abcdef')),
      );
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        Array(8).fill(201),
        answers.map((a) => a.body).join('\n'),
      );
      assert.equal(new Set(answers.map((a) => json<{ id: string }>(a).id)).size, 1);
      const actions = await historyActions(w.dispatcher, o.id);
      assert.equal(actions.filter((a) => a === 'onsite:check_in').length, 1);
    });

    test('WO-6: GPS accuracy is kept; the dispatcher sees the distance and a far check-in flagged', async () => {
      const w = await buildWorld(t);
      const near = await enRoute(t, w);
      // 2 km from the site with a 50 m fix: flagged, not refused.
      const far = await send(w.engNear, 'POST', `/api/v1/work-orders/${near.id}/check-in`, {
        lat: 26.5827,
        lng: 106.7135,
        accuracyM: 50,
      });
      assert.equal(far.statusCode, 201, far.body);
      assert.equal(json<{ checkInAccuracyM: number }>(far).checkInAccuracyM, 50);
      const bad = await send(w.engNear, 'POST', `/api/v1/work-orders/${near.id}/check-out`, {
        accuracyM: -1,
      });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(
        errorOf(bad).details.map((d) => d.field),
        ['accuracyM'],
      );
      const seen = json<{
        visits: { checkInDistanceM: number; checkInFar: boolean; checkInAccuracyM: number }[];
      }>(await t.request({ method: 'GET', url: `/api/v1/work-orders/${near.id}/onsite`, as: w.dispatcher }))
        .visits[0]!;
      assert.ok(seen.checkInDistanceM > 1900 && seen.checkInDistanceM < 2100, String(seen.checkInDistanceM));
      assert.equal(seen.checkInFar, true);
      // A poor fix whose radius covers the site is not flagged; on site, the distance is small.
      const w2 = await buildWorld(t);
      const o2 = await enRoute(t, w2);
      await send(w2.engNear, 'POST', `/api/v1/work-orders/${o2.id}/check-in`, {
        lat: 26.5652,
        lng: 106.7135,
        accuracyM: 30,
      });
      const close = json<{ visits: { checkInDistanceM: number; checkInFar: boolean }[] }>(
        await t.request({ method: 'GET', url: `/api/v1/work-orders/${o2.id}/onsite`, as: w2.dispatcher }),
      ).visits[0]!;
      assert.ok(close.checkInDistanceM < 100);
      assert.equal(close.checkInFar, false);
    });
  });
}
