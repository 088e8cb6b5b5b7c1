/**
 * CW-3: the system's own customer notices come from templates an administrator edits. An edit
 * changes what the customer receives next; an edit that would drop a value the notice fills, or
 * take the template out of use, is refused and nothing is written. Migration 0022 adds the notice
 * templates a database lacks and leaves the ones already there as they are.
 */
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
import { up as seedNoticeTemplates } from '../../db/migrations/0022_notice_templates.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';
import { NOTICE_TEMPLATES } from './templates.notices.ts';

type Template = { id: string; code: string; version: number; bodyZh: string; bodyEn: string };

for (const kind of testDatabases) {
  describe(`notice templates (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: Record<string, unknown>) =>
      t.request({ method: 'POST', url, as, payload });
    const template = async (code: string): Promise<Template> => {
      const res = await t.request({ method: 'GET', url: '/api/v1/templates', as: admin });
      const found = json<{ items: Template[] }>(res).items.find((x) => x.code === code);
      assert.ok(found, code);
      return found;
    };
    const edit = (id: string, payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/templates/${id}`, as: admin, payload });
    const historyCount = async (id: string) =>
      json<{ items: unknown[] }>(
        await t.request({ method: 'GET', url: `/api/v1/templates/${id}/history`, as: admin }),
      ).items.length;
    const notices = async (orderId: string) =>
      json<{ items: Array<{ kind: string; text: string }> }>(
        await t.request({ method: 'GET', url: `/api/v1/work-orders/${orderId}/notices`, as: w.manager }),
      ).items;
    const acceptedOrder = async () => {
      const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w));
      assert.equal(res.statusCode, 201, res.body);
      const o = json<{ id: string; number: string }>(res);
      const moved = await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
      assert.equal(moved.statusCode, 200, moved.body);
      return o;
    };

    test('CW-3 every notice that had its words in code is seeded as a template', async () => {
      for (const seed of NOTICE_TEMPLATES) {
        const row = await template(seed.code);
        assert.equal(row.bodyZh, seed.body['zh-CN']);
        assert.equal(row.version, 1);
      }
    });

    test('CW-3 an administrator’s edit of “engineer changed” is what the customer receives next', async () => {
      const tpl = await template('engineer.changed');
      const saved = await edit(tpl.id, {
        bodyZh: '您好，工单 {orderNumber} 将由 {engineerName} 工程师上门，有变化我们会先致电您。',
        bodyEn:
          'Engineer {engineerName} now visits you for order {orderNumber}; we will call first if anything changes.',
        reason: '更口语化',
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const o = await acceptedOrder();
      const first = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
      });
      assert.equal(first.statusCode, 200, first.body);
      const changed = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engFar.personId,
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const last = (await notices(o.id)).at(-1);
      assert.equal(last?.kind, 'engineer_changed');
      assert.match(
        last?.text ?? '',
        new RegExp(`^您好，工单 ${o.number} 将由 .+ 工程师上门，有变化我们会先致电您。$`),
      );
    });

    test('CW-3 an edit dropping a value the notice fills is refused naming values.<name>; nothing is written', async () => {
      const tpl = await template('owner.changed.phone');
      const histBefore = await historyCount(tpl.id);
      const noPhone = await edit(tpl.id, {
        bodyZh: '您好，您的工单 {orderNumber} 自即日起由 {ownerName} 负责跟进。',
      });
      assert.equal(noPhone.statusCode, 422, noPhone.body);
      assert.deepEqual(
        errorOf(noPhone).details.map((d) => d.field),
        ['values.ownerPhone'],
      );
      const undeclared = await edit(tpl.id, {
        variables: ['orderNumber', 'ownerName'],
        bodyZh: '您好，您的工单 {orderNumber} 由 {ownerName} 负责跟进。',
        bodyEn: 'Order {orderNumber} is now followed by {ownerName}.',
      });
      assert.equal(undeclared.statusCode, 422, undeclared.body);
      assert.deepEqual(
        errorOf(undeclared).details.map((d) => d.field),
        ['values.ownerPhone'],
      );
      const retired = await edit(tpl.id, { active: false });
      assert.equal(retired.statusCode, 422, retired.body);
      assert.deepEqual(
        errorOf(retired).details.map((d) => d.field),
        ['active'],
      );
      const unchanged = await template('owner.changed.phone');
      assert.equal(unchanged.version, tpl.version);
      assert.equal(unchanged.bodyZh, tpl.bodyZh);
      assert.equal(await historyCount(tpl.id), histBefore);
    });

    test('CW-3 a handover and a scope decision render their edited templates', async () => {
      const owner = await template('owner.changed');
      assert.equal(
        (await edit(owner.id, { bodyZh: '您好，工单 {orderNumber} 现由 {ownerName} 跟进，感谢您的耐心。' }))
          .statusCode,
        200,
      );
      const scope = await template('scope.contract_expired.declined');
      assert.equal(
        (
          await edit(scope.id, {
            bodyZh: '您好，工单 {orderNumber} 的维保合同已到期（{reason}）。您可以选择：{wayForward}',
          })
        ).statusCode,
        200,
      );
      const o = await acceptedOrder();
      const asked = await post(w.callCenter, `/api/v1/work-orders/${o.id}/handovers`, {
        toPersonId: w.dispatcher.personId,
        reason: '换班交接',
      });
      assert.equal(asked.statusCode, 201, asked.body);
      const h = json<{ id: string }>(asked);
      const taken = await post(w.dispatcher, `/api/v1/handovers/${h.id}/accept`, { note: '已接手' });
      assert.equal(taken.statusCode, 200, taken.body);
      // The test people have no phone, so the notice without one is used.
      assert.match(
        (await notices(o.id)).at(-1)?.text ?? '',
        new RegExp(`^您好，工单 ${o.number} 现由 .+ 跟进，感谢您的耐心。$`),
      );

      const raised = await post(w.callCenter, `/api/v1/work-orders/${o.id}/scope-reviews`, {
        kind: 'contract_expired',
        reason: '维保合同 2026-06 到期',
      });
      assert.equal(raised.statusCode, 201, raised.body);
      const rid = json<{ id: string }>(raised).id;
      const decided = await post(w.manager, `/api/v1/scope-reviews/${rid}/decision`, {
        decision: 'decline',
        wayForward: '联系客户经理续签合同',
      });
      assert.equal(decided.statusCode, 200, decided.body);
      const told = (await notices(o.id)).find((n) => n.kind === 'outside_scope');
      assert.equal(
        told?.text,
        `您好，工单 ${o.number} 的维保合同已到期（维保合同 2026-06 到期）。您可以选择：联系客户经理续签合同`,
      );
    });

    test('CW-3 migration 0022 adds the notice templates a database lacks and leaves edited ones alone', async () => {
      const edited = await template('weekly.report');
      const body = '工单 {orderNumber} 本周（{periodStart}–{periodEnd}）进展：\n{summary}';
      assert.equal((await edit(edited.id, { bodyZh: body })).statusCode, 200);
      const gone = await template('scope.outside.accepted');
      await t.ctx.db.deleteFrom('message_templates').where('id', '=', gone.id).execute();
      await seedNoticeTemplates(t.ctx.db as never, t.ctx.kit);
      const kept = await template('weekly.report');
      assert.equal(kept.id, edited.id);
      assert.equal(kept.bodyZh, body);
      assert.equal(kept.version, edited.version + 1);
      const back = await template('scope.outside.accepted');
      assert.equal(back.bodyZh, NOTICE_TEMPLATES.find((n) => n.code === back.code)?.body['zh-CN']);
      const codes = await t.ctx.db.selectFrom('message_templates').select('code').execute();
      assert.equal(codes.length, new Set(codes.map((c) => c.code)).size);
    });
  });
}
