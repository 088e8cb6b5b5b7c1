/**
 * Issue 10, defect 1: one request with a lone UTF-16 surrogate broke the tamper-evident history
 * for good (hashed as the JavaScript string, stored as U+FFFD). Such text is now refused at the
 * input boundary for every request part, and history hashes exactly what is stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inTransaction } from '../../src/app/context.ts';
import { recordHistory, verifyHistory } from '../../src/modules/history/history.service.ts';
import { errorOf, startTestApp, type TestApp, testDatabases } from '../harness.ts';
import { buildScene, type Scene } from './security-fixture.ts';

for (const kind of testDatabases) {
  describe(`defect 1: ill-formed Unicode cannot break the history chain (${kind})`, () => {
    let t: TestApp;
    let s: Scene;
    before(async () => {
      t = await startTestApp(kind);
      s = await buildScene(t);
    });
    after(() => t.close());

    test('a lone surrogate in the customer link appointment move (no sign-in) is refused naming the field; the chain verifies', async () => {
      const o = await s.dispatched();
      await s.proposed(o.id);
      const link = await s.link(o.id);
      const res = await t.request({
        method: 'POST',
        url: `${link}/appointment/move`,
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        // Written as JSON text: the escape reaches the server as a lone surrogate after parsing.
        payload: '{"reason":"busy \\udc00 today"}',
      });
      assert.equal(res.statusCode, 422, res.body);
      const err = errorOf(res);
      assert.equal(err.details[0]?.field, 'reason');
      assert.match(err.details[0]!.message, /unpaired surrogate/);
      assert.equal(await s.historyCount(o.id, 'reschedule_requested'), 0, 'nothing was stored');
      assert.deepEqual(await verifyHistory(t.ctx), {
        ok: true,
        checked: (await verifyHistory(t.ctx)).checked,
      });
    });

    test('a lone surrogate in a severity-change reason is refused in both languages', async () => {
      const o = await s.dispatched();
      for (const [lang, pattern] of [
        ['zh-CN', /不成对的代理项/],
        ['en', /unpaired surrogate/],
      ] as const) {
        const res = await t.request({
          method: 'POST',
          url: `/api/v1/work-orders/${o.id}/severity`,
          as: s.w.manager,
          headers: { 'content-type': 'application/json', 'accept-language': lang },
          payload: '{"severity":"minor","reason":"\\ud800 客户要求"}',
        });
        assert.equal(res.statusCode, 422, res.body);
        assert.equal(errorOf(res).details[0]?.field, 'reason');
        assert.match(errorOf(res).details[0]!.message, pattern);
      }
    });

    test('non-characters and NUL are refused in bodies, keys and query strings, naming the field', async () => {
      const o = await s.dispatched();
      const nonChar = await t.request({
        method: 'POST',
        url: `/api/v1/work-orders/${o.id}/severity`,
        as: s.w.manager,
        payload: { severity: 'minor', reason: 'x\uFFFEy' },
      });
      assert.equal(nonChar.statusCode, 422);
      assert.equal(errorOf(nonChar).details[0]?.field, 'reason');
      const supplementary = await t.request({
        method: 'POST',
        url: `/api/v1/work-orders/${o.id}/severity`,
        as: s.w.manager,
        payload: { severity: 'minor', reason: 'x\u{10FFFF}' },
      });
      assert.equal(supplementary.statusCode, 422);
      const key = await t.request({
        method: 'POST',
        url: `/api/v1/work-orders/${o.id}/severity`,
        as: s.w.manager,
        headers: { 'content-type': 'application/json' },
        payload: '{"severity":"minor","re\\udc00son":"x"}',
      });
      assert.equal(key.statusCode, 422);
      assert.equal(errorOf(key).details[0]?.field, 're\\udc00son', 'the key is named, escaped');
      const query = await t.request({
        method: 'GET',
        url: `/api/v1/work-orders?q=${encodeURIComponent('光纤\uFDD0')}`,
        as: s.w.manager,
      });
      assert.equal(query.statusCode, 400, query.body);
      assert.equal(errorOf(query).details[0]?.field, 'q');
    });

    test('history hashes exactly what is stored: an entry written outside HTTP with a lone surrogate still verifies', async () => {
      await inTransaction(t.ctx, (tx) =>
        recordHistory(
          tx,
          { system: 'cli' },
          {
            entityType: 'work_order',
            entityId: 'cli-import',
            action: 'note',
            changes: { text: [null, 'a\udc00b'] },
            reason: 'busy \udc00 today',
          },
        ),
      );
      const result = await verifyHistory(t.ctx);
      assert.equal(result.firstBad, undefined, JSON.stringify(result.firstBad));
      assert.ok(result.ok);
    });
  });
}
