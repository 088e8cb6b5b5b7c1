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
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

type Finding = {
  start: number;
  end: number;
  text: string;
  category: string;
  categoryLabel: string;
  severity: string;
  replacement: string;
};
type Check = { verdict: string; findings: Finding[] };

for (const kind of testDatabases) {
  describe(`wording check and customer texts (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: unknown) =>
      t.request({ method: 'POST', url, as, payload: payload as Record<string, unknown> });
    const check = async (text: string, as: Session = w.callCenter) => {
      const res = await post(as, '/api/v1/wording/check', { text });
      assert.equal(res.statusCode, 200, res.body);
      return json<Check>(res);
    };
    const intake = async () => {
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w));
      assert.equal(res.statusCode, 201, res.body);
      return json<{ id: string; number: string }>(res).id;
    };
    const notices = async (orderId: string) => {
      const res = await t.request({
        method: 'GET',
        url: `/api/v1/work-orders/${orderId}/notices`,
        as: w.callCenter,
      });
      assert.equal(res.statusCode, 200, res.body);
      return json<{ items: Array<{ kind: string; body: string; channel: string }> }>(res).items;
    };
    const outbound = async (to: string) =>
      t.ctx.db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('to_address', '=', to)
        .where('person_id', 'is', null)
        .execute();

    test('CW-1 POST /wording/check: category, severity, exact span and suggestion, in the reader’s language', async () => {
      const r = await check('您好，这不是我的事，你找运营商吧');
      assert.equal(r.verdict, 'block');
      assert.deepEqual(
        r.findings.map((f) => [f.start, f.end, f.text, f.category, f.severity]),
        [
          [3, 9, '这不是我的事', 'deflect', 'block'],
          [10, 16, '你找运营商吧', 'deflect', 'block'],
        ],
      );
      assert.equal(r.findings[0]?.categoryLabel, '推脱语言');
      assert.equal(r.findings[1]?.replacement, '我来帮您联系运营商');
      assert.deepEqual((await check('这辆车不行驶了，美女装店铺的网络已开通')).findings, []);
      assert.equal((await check('也许明天能好')).verdict, 'warn');
      const en = await t.request({
        method: 'POST',
        url: '/api/v1/wording/check',
        as: w.callCenter,
        payload: { text: 'Calm down, buddy.' },
        headers: { 'accept-language': 'en' },
      });
      assert.deepEqual(
        json<Check>(en).findings.map((f) => f.categoryLabel),
        ['impatient', 'improper form of address'],
      );
      const anon = await t.request({ method: 'POST', url: '/api/v1/wording/check', payload: { text: 'x' } });
      assert.equal(anon.statusCode, 401);
    });

    test('CW-1 a blocked customer update is refused naming the field, and nothing is recorded or queued', async () => {
      const id = await intake();
      const before = (await notices(id)).length;
      const res = await post(w.callCenter, `/api/v1/work-orders/${id}/progress-updates`, {
        message: '这不是我的事，你找运营商吧',
        channel: 'sms',
      });
      assert.equal(res.statusCode, 422, res.body);
      const err = errorOf(res);
      assert.equal(err.code, 'wording_blocked');
      assert.deepEqual(
        err.details.map((d) => d.field),
        ['message', 'message'],
      );
      assert.match(err.details[0]!.message, /这不是我的事/);
      assert.equal((await notices(id)).length, before);
      // Warnings do not block; the rephrased text goes.
      const ok = await post(w.callCenter, `/api/v1/work-orders/${id}/progress-updates`, {
        message: '这个问题我来帮您协调，我来帮您联系运营商',
        channel: 'sms',
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal((await notices(id)).length, before + 1);
    });

    test('CW-1 override: only a supervisor, only with a reason, and the reason is in the order’s history', async () => {
      const id = await intake();
      const text = { message: '不行，这是规定。', channel: 'phone' };
      const agent = await post(w.callCenter, `/api/v1/work-orders/${id}/progress-updates`, {
        ...text,
        wordingOverride: { reason: '客户要求原话转达' },
      });
      assert.equal(agent.statusCode, 403, agent.body);
      assert.equal(errorOf(agent).code, 'wording_override_forbidden');
      const supervisor = await t.personWith(['area_service_manager', 'call_center']);
      const noReason = await post(supervisor, `/api/v1/work-orders/${id}/progress-updates`, {
        ...text,
        wordingOverride: { reason: ' ' },
      });
      assert.equal(noReason.statusCode, 422, noReason.body);
      assert.equal(errorOf(noReason).details[0]?.field, 'wordingOverride.reason');
      const res = await post(supervisor, `/api/v1/work-orders/${id}/progress-updates`, {
        ...text,
        wordingOverride: { reason: '监管部门要求逐字转达条款' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const hist = await t.request({
        method: 'GET',
        url: `/api/v1/work-orders/${id}/history`,
        as: w.manager,
      });
      const entry = json<{ items: Array<{ action: string; reason: string | null }> }>(hist).items.find(
        (e) => e.action === 'wording_override',
      );
      assert.equal(entry?.reason, '监管部门要求逐字转达条款');
    });

    test('CW-1/CW-3 a template SMS that fails the check is not queued; a clean one is queued to the customer’s phone', async () => {
      const id = await intake();
      const url = `/api/v1/work-orders/${id}/customer-messages`;
      const blocked = await post(w.callCenter, url, {
        templateCode: 'late.notice',
        values: { window: '今天14:00', expectedArrival: '15:00', message: '哥们儿，路上堵车' },
      });
      assert.equal(blocked.statusCode, 422, blocked.body);
      assert.equal(errorOf(blocked).code, 'wording_blocked');
      assert.equal((await outbound('13800000001')).length, 0);
      const sent = await post(w.callCenter, url, {
        templateCode: 'late.notice',
        values: { window: '今天14:00', expectedArrival: '15:00', message: '路上堵车，请您谅解。' },
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const body = json<{ messageId: string; text: { 'zh-CN': string } }>(sent);
      assert.equal(
        body.text['zh-CN'],
        '刘工您好，非常抱歉，工程师预计无法在约定时间今天14:00准时到达，预计15:00到达。路上堵车，请您谅解。',
      );
      const queued = await outbound('13800000001');
      assert.deepEqual(
        queued.map((m) => [m.id, m.channel, m.status, m.body]),
        [[body.messageId, 'sms', 'queued', body.text['zh-CN']]],
      );
      assert.equal((await notices(id)).at(-1)?.kind, 'late_notice');
    });

    test('CW-3 a missing or unknown variable at send time is refused, never an empty hole', async () => {
      const id = await intake();
      const url = `/api/v1/work-orders/${id}/customer-messages`;
      const queuedBefore = (await outbound('13800000001')).length;
      const missing = await post(w.callCenter, url, {
        templateCode: 'late.notice',
        values: { window: '今天14:00', message: '路上堵车' },
      });
      assert.equal(missing.statusCode, 422, missing.body);
      assert.equal(errorOf(missing).code, 'template_values');
      assert.deepEqual(
        errorOf(missing).details.map((d) => d.field),
        ['values.expectedArrival'],
      );
      const blank = await post(w.callCenter, url, {
        templateCode: 'late.notice',
        values: { window: '今天14:00', message: '路上堵车', expectedArrival: '  ' },
      });
      assert.deepEqual(
        errorOf(blank).details.map((d) => d.field),
        ['values.expectedArrival'],
      );
      const unknown = await post(w.callCenter, url, {
        templateCode: 'late.notice',
        values: { window: '今天14:00', message: '路上堵车', expectedArrival: '15:00', coupon: '8折' },
      });
      assert.deepEqual(
        errorOf(unknown).details.map((d) => d.field),
        ['values.coupon'],
      );
      const noTemplate = await post(w.callCenter, url, { templateCode: 'no.such', values: {} });
      assert.deepEqual(
        errorOf(noTemplate).details.map((d) => d.field),
        ['templateCode'],
      );
      assert.equal((await outbound('13800000001')).length, queuedBefore);
    });

    test('CW-1 lexicon is data: an administrator adds, tries and disables an expression, versioned with history', async () => {
      assert.deepEqual((await check('您这个问题太low了')).findings, []);
      const tried = await post(admin, '/api/v1/wording/expressions/try', {
        locale: 'zh-CN',
        expression: '太low了',
        category: 'accuse_customer',
        severity: 'block',
        suggestion: '客观说明情况',
        texts: ['您这个问题太low了', '网络已恢复'],
      });
      assert.equal(tried.statusCode, 200, tried.body);
      assert.deepEqual(
        json<{ items: Array<{ matchedByCandidate: boolean }> }>(tried).items.map((i) => i.matchedByCandidate),
        [true, false],
      );
      const created = await post(admin, '/api/v1/wording/expressions', {
        locale: 'zh-CN',
        expression: '太low了',
        category: 'accuse_customer',
        severity: 'block',
        suggestion: '客观说明情况',
      });
      assert.equal(created.statusCode, 201, created.body);
      const expr = json<{ id: string; version: number }>(created);
      assert.equal((await check('您这个问题太low了')).verdict, 'block');
      const dup = await post(admin, '/api/v1/wording/expressions', {
        locale: 'zh-CN',
        expression: '太low了',
        category: 'vague',
        severity: 'warn',
        suggestion: 'x',
      });
      assert.equal(dup.statusCode, 409, dup.body);
      const off = await t.request({
        method: 'PATCH',
        url: `/api/v1/wording/expressions/${expr.id}`,
        as: admin,
        payload: { active: false, reason: '误报太多' },
      });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(json<{ version: number }>(off).version, 2);
      assert.equal((await check('您这个问题太low了')).verdict, 'clean');
      const hist = await t.request({
        method: 'GET',
        url: `/api/v1/wording/expressions/${expr.id}/history`,
        as: admin,
      });
      assert.deepEqual(
        json<{ items: Array<{ action: string; reason: string | null }> }>(hist).items.map((e) => [
          e.action,
          e.reason,
        ]),
        [
          ['create', null],
          ['update', '误报太多'],
        ],
      );
      const agent = await post(w.callCenter, '/api/v1/wording/expressions', {
        locale: 'en',
        expression: 'whatever',
        category: 'impatient',
        severity: 'block',
        suggestion: 'x',
      });
      assert.equal(agent.statusCode, 403);
    });

    test('CW-3 templates: a body failing the check or using an unknown variable cannot be saved; versions are kept', async () => {
      const base = {
        code: 'test.reply',
        purpose: 'complaint_reply',
        channel: 'sms',
        nameZh: '测试答复',
        nameEn: 'Test reply',
        variables: ['customerName'],
        bodyZh: '{customerName}您好，我们已处理完毕。',
        bodyEn: 'Dear {customerName}, it is done.',
      };
      const bad = await post(admin, '/api/v1/templates', {
        ...base,
        bodyZh: '{customerName}，这不是我的事。',
      });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.equal(errorOf(bad).code, 'wording_blocked');
      assert.deepEqual(
        errorOf(bad).details.map((d) => d.field),
        ['bodyZh'],
      );
      const unknown = await post(admin, '/api/v1/templates', {
        ...base,
        bodyEn: 'Dear {customerName}, your code is {coupon}.',
      });
      assert.deepEqual(
        errorOf(unknown).details.map((d) => d.field),
        ['bodyEn'],
      );
      const created = await post(admin, '/api/v1/templates', base);
      assert.equal(created.statusCode, 201, created.body);
      const tpl = json<{ id: string }>(created);
      const badEdit = await t.request({
        method: 'PATCH',
        url: `/api/v1/templates/${tpl.id}`,
        as: admin,
        payload: { bodyEn: 'Calm down, {customerName}.' },
      });
      assert.equal(badEdit.statusCode, 422, badEdit.body);
      const edit = await t.request({
        method: 'PATCH',
        url: `/api/v1/templates/${tpl.id}`,
        as: admin,
        payload: { bodyZh: '{customerName}您好，问题已解决，感谢您的耐心。', reason: '措辞更完整' },
      });
      assert.equal(json<{ version: number }>(edit).version, 2);
      const hist = await t.request({ method: 'GET', url: `/api/v1/templates/${tpl.id}/history`, as: admin });
      assert.deepEqual(
        json<{ items: Array<{ action: string }> }>(hist).items.map((e) => e.action),
        ['create', 'update'],
      );
      const preview = await post(w.callCenter, '/api/v1/templates/preview', {
        channel: 'sms',
        variables: base.variables,
        bodyZh: '{customerName}您好，'.repeat(15),
        bodyEn: base.bodyEn,
      });
      assert.equal(preview.statusCode, 200, preview.body);
      const zh = json<{ items: Array<{ text: string; sms: { segments: number } }> }>(preview).items[0]!;
      assert.ok(zh.text.startsWith('王先生您好'));
      assert.equal(zh.sms.segments, 2);
      const list = await t.request({
        method: 'GET',
        url: '/api/v1/templates?purpose=cause_explanation',
        as: w.callCenter,
      });
      assert.equal(json<{ total: number }>(list).total, 8);
    });
  });
}
