import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';

type Entry = { id: string; symptom: string; product: string | null; score: number };

for (const kind of testDatabases) {
  describe(`knowledge API (${kind})`, () => {
    let t: TestApp;
    let engineer: Session;
    const ids: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(kind);
      engineer = await t.personWith(['engineer']);
      const entries = [
        {
          key: 'fiber',
          symptom: '家宽用户光纤中断，ONU 红灯告警',
          cause: '分纤箱尾纤被施工挖断',
          fix: '重新熔接尾纤，测试光功率 -18dBm 正常',
          product: 'MA5800',
          version: 'V100R019',
        },
        {
          key: 'power',
          symptom: 'Board power alarm on the OLT after a restart',
          cause: 'Loose power cable on slot 3',
          fix: 'Reseat the cable and clear the alarm',
          product: 'MA5800',
        },
        {
          key: 'sip',
          symptom: '语音业务无法注册，SIP 401',
          cause: '软交换侧鉴权密码被修改',
          fix: '与网监核对后重配鉴权数据，100% 恢复',
          product: 'IMS',
        },
      ];
      for (const { key, ...payload } of entries) {
        const res = await t.request({ method: 'POST', url: '/api/v1/knowledge', as: engineer, payload });
        assert.equal(res.statusCode, 201, res.body);
        ids[key] = json<Entry>(res).id;
      }
    });
    after(() => t.close());

    const search = async (q: string, extra = '') => {
      const res = await t.request({
        method: 'GET',
        url: `/api/v1/knowledge?q=${encodeURIComponent(q)}${extra}`,
        as: engineer,
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = json<{ items: Entry[]; total: number }>(res);
      return body.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]).sort();
    };

    test('WO-12 Chinese terms of any length find the entry: two characters (no trigram) and longer', async () => {
      assert.deepEqual(await search('光纤'), ['fiber']);
      assert.deepEqual(await search('光纤中断'), ['fiber']);
      assert.deepEqual(await search('鉴权'), ['sip']);
      assert.deepEqual(await search('熔接尾纤'), ['fiber']);
      assert.deepEqual(await search('光缆'), []);
    });

    test('WO-12 English terms are case-insensitive; every term must match; product filters', async () => {
      assert.deepEqual(await search('onu'), ['fiber']);
      assert.deepEqual(await search('POWER alarm'), ['power']);
      assert.deepEqual(await search('alarm'), ['power']);
      assert.deepEqual(await search('ma5800'), ['fiber', 'power']);
      assert.deepEqual(await search('ma5800 光纤'), ['fiber']);
      assert.deepEqual(await search('alarm', '&product=IMS'), []);
      assert.deepEqual(await search('SIP', '&product=ims'), ['sip']);
      assert.deepEqual(await search('v100r019'), ['fiber']);
    });

    test('WO-12 query syntax and LIKE wildcards in a query are matched literally, never a 500', async () => {
      assert.deepEqual(await search('100%'), ['sip']);
      assert.deepEqual(await search('%'), ['sip']);
      assert.deepEqual(await search('_'), []);
      assert.deepEqual(await search('"光纤" OR NEAR('), []);
      assert.deepEqual(await search('a*'), []);
    });

    test('WO-12 related entries for an intake symptom written as one run of Chinese', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/knowledge/related',
        payload: { text: '客户反映光纤中断后上不了网' },
        as: engineer,
      });
      assert.equal(res.statusCode, 200, res.body);
      const items = json<{ items: Entry[] }>(res).items;
      assert.equal(items[0]?.id, ids.fiber);
      assert.equal(items.length, 1);
    });

    test('WO-12 an entry needs symptom, cause and fix; errors name the field in zh-CN and en', async () => {
      const payload = { symptom: '掉线', fix: '重启' };
      const zh = await t.request({ method: 'POST', url: '/api/v1/knowledge', as: engineer, payload });
      assert.equal(zh.statusCode, 422);
      assert.deepEqual(
        errorOf(zh).details.map((d) => d.field),
        ['cause'],
      );
      const en = await t.request({
        method: 'POST',
        url: '/api/v1/knowledge',
        as: engineer,
        payload: { ...payload, cause: 'x', extra: 1 },
        headers: { 'accept-language': 'en' },
      });
      assert.equal(en.statusCode, 422);
      assert.match(errorOf(en).details[0]?.message ?? '', /not an allowed field/);
    });

    test('RC-1 a correction is kept in history and the search follows it', async () => {
      const res = await t.request({
        method: 'PATCH',
        url: `/api/v1/knowledge/${ids.power}`,
        as: engineer,
        payload: { symptom: 'Board power alarm on the OLT after a cold restart', reason: 'more precise' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(await search('cold restart'), ['power']);
      const hist = json<{
        items: { action: string; reason: string | null; changes: Record<string, unknown> }[];
      }>(await t.request({ method: 'GET', url: `/api/v1/knowledge/${ids.power}/history`, as: engineer }));
      assert.deepEqual(
        hist.items.map((h) => h.action),
        ['create', 'update'],
      );
      assert.deepEqual(Object.keys(hist.items[1]?.changes ?? {}), ['symptom']);
      assert.equal(hist.items[1]?.reason, 'more precise');
    });

    test('who may read and write: customers cannot, anonymous callers get 401, unknown ids 404', async () => {
      const customerSide = await t.personWith(['dispatcher']);
      const write = await t.request({
        method: 'POST',
        url: '/api/v1/knowledge',
        as: customerSide,
        payload: { symptom: 'a', cause: 'b', fix: 'c' },
      });
      assert.equal(write.statusCode, 403);
      assert.equal((await t.request({ method: 'GET', url: '/api/v1/knowledge?q=onu' })).statusCode, 401);
      const missing = await t.request({
        method: 'GET',
        url: '/api/v1/knowledge/0190b4a2-0000-7000-8000-000000000000',
        as: engineer,
      });
      assert.equal(missing.statusCode, 404);
      assert.match(errorOf(missing).message, /知识条目/);
    });
  });
}
