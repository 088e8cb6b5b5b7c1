/**
 * Labels come from one place (work-orders.labels.ts): every state, severity, type and channel has
 * a readable label in zh-CN and en that is never the raw code; the web console's locale files
 * show the same words; the customer link answers with them in both languages. Both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { en } from '../../../web/src/locales/en.ts';
import { zhCN } from '../../../web/src/locales/zh-CN.ts';
import { LOCALES } from '../../shared/i18n.ts';
import { customerView } from '../customer-link/customer-link.service.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';
import {
  CHANNELS,
  channelLabels,
  SEVERITIES,
  STATES,
  severityLabels,
  stateLabels,
  typeLabels,
  WORK_ORDER_TYPES,
} from './work-orders.labels.ts';
import type { WorkOrderRow } from './work-orders.service.ts';

const tables = [
  ['state', STATES, stateLabels, 'states'],
  ['severity', SEVERITIES, severityLabels, 'severities'],
  ['type', WORK_ORDER_TYPES, typeLabels, 'types'],
  ['channel', CHANNELS, channelLabels, 'channels'],
] as const;

test('every state, severity, type and channel reads as words in both languages, never as its code', () => {
  for (const [what, codes, labels] of tables) {
    for (const code of codes) {
      const l = (labels as Record<string, Record<string, string>>)[code]!;
      assert.match(l['zh-CN'] ?? '', /\p{Script=Han}/u, `${what} ${code} in zh-CN`);
      assert.ok(l.en && l.en !== code && !l.en.includes('_'), `${what} ${code} in en reads "${l.en}"`);
      assert.match(l.en, /^[A-Z]/, `${what} ${code} in en starts as a label`);
    }
  }
});

test('the web console shows the same words as the server for each of them', () => {
  for (const [, codes, labels, key] of tables) {
    for (const code of codes) {
      const l = (labels as Record<string, Record<string, string>>)[code]!;
      assert.equal((zhCN.wo[key] as Record<string, string>)[code], l['zh-CN']);
      assert.equal((en.wo[key] as Record<string, string>)[code], l.en);
    }
  }
});

for (const kind of testDatabases) {
  describe(`labels on the customer link (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    test('the customer link labels the state in the reader’s language (English included)', async () => {
      const o = json<{ id: string }>(
        await t.request({
          method: 'POST',
          url: '/api/v1/work-orders',
          as: w.callCenter,
          payload: phoneIntake(w),
        }),
      );
      const link = json<{ apiPath: string }>(
        await t.request({
          method: 'POST',
          url: `/api/v1/work-orders/${o.id}/customer-links`,
          as: w.callCenter,
          payload: {},
        }),
      );
      for (const [lang, expected] of [
        ['en', 'Received'],
        ['zh-CN', '已受理'],
      ] as const) {
        const view = json<{ state: string; stateLabel: string; progress: { stateLabel: string }[] }>(
          await t.request({ method: 'GET', url: link.apiPath, headers: { 'accept-language': lang } }),
        );
        assert.equal(view.state, 'received');
        assert.equal(view.stateLabel, expected);
        assert.equal(view.progress[0]?.stateLabel, expected);
      }
      // Every state and severity, in both languages, through the same view.
      const row = (await t.ctx.db
        .selectFrom('work_orders')
        .selectAll()
        .where('id', '=', o.id)
        .executeTakeFirstOrThrow()) as WorkOrderRow;
      for (const state of STATES) {
        for (const severity of SEVERITIES) {
          for (const locale of LOCALES) {
            const view = await customerView(t.ctx, { ...row, state, severity }, locale);
            assert.equal(view.stateLabel, stateLabels[state][locale], `${state} in ${locale}`);
            assert.notEqual(view.stateLabel, state);
          }
        }
      }
    });
  });
}
