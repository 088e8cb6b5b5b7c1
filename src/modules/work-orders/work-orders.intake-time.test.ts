/** WO-1 when: a problem cannot have begun in the future, beyond a small clock skew. Both databases. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorOf, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { OCCURRED_AT_SKEW_MINUTES } from './intake.rules.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

for (const kind of testDatabases) {
  describe(`intake time (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const intake = (occurredAt: string, lang = 'en') =>
      t.request({
        method: 'POST',
        url: '/api/v1/work-orders',
        as: w.callCenter,
        payload: phoneIntake(w, { occurredAt, severity: 'critical' }),
        headers: { 'accept-language': lang },
      });
    const later = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
    const count = async () => (await t.ctx.db.selectFrom('work_orders').select('id').execute()).length;

    test('WO-1 a problem that "began" in 2099 or tomorrow is refused naming the field, in both languages', async () => {
      const before = await count();
      for (const when of ['2099-01-01T00:00:00.000Z', later(24 * 60)]) {
        const res = await intake(when);
        assert.equal(res.statusCode, 422, res.body);
        const [p] = errorOf(res).details;
        assert.equal(p?.field, 'occurredAt');
        assert.match(p?.message ?? '', /cannot be in the future/);
      }
      const zh = await intake(later(60), 'zh-CN');
      assert.match(errorOf(zh).details[0]?.message ?? '', /发生时间（何时）不能晚于当前时间/);
      assert.equal(await count(), before, 'nothing written');
    });

    test('WO-1 a reporter clock a little fast is accepted', async () => {
      const res = await intake(later(OCCURRED_AT_SKEW_MINUTES - 1));
      assert.equal(res.statusCode, 201, res.body);
    });
  });
}
