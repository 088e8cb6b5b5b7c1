/**
 * Demo step: complaints (CS-1) across partners and the last six months, in every state, through
 * the complaint service — received, acknowledged, answered through a template (wording-checked),
 * root cause, corrective actions, resolved and closed — so the complaint desk and the
 * satisfaction charts have something to say. Categories follow seed 003's ranking (response
 * time first, then technical skill, then attitude).
 */
import type { AppContext } from '../../../app/context.ts';
import { actorFor } from '../../../modules/access/access.service.ts';
import type { Actor } from '../../../modules/access/policy.ts';
import type { ComplaintCategory } from '../../../modules/complaints/complaints.rules.ts';
import * as complaints from '../../../modules/complaints/complaints.service.ts';
import type { DemoState, DemoStep } from '../loader.ts';

const SUMMARIES: Record<ComplaintCategory, string[]> = {
  response_time: ['八点报障，晚上十点半才处理完，故障原因也没有说明', '等了两天还没有人上门'],
  not_resolved: ['故障反复出现，每次处理完过段时间又重现', '处理后业务仍不稳定，一带业务就闪断'],
  attitude: ['工程师说这是界面外工作，不愿协助', '工程师态度不好，还责怪我们'],
  technical_skill: ['工程师判断主控板有问题，更换后仍未恢复', '工程师对设备不熟悉，处理很慢'],
  service_strategy: ['维保到期后直接拒绝协助，没有给出办法', '节假日联系不上值班工程师'],
  compliance: ['未经授权擅自进行方案外操作', '未经允许使用客户办公电脑'],
};
const WEIGHTED: ComplaintCategory[] = [
  'response_time',
  'response_time',
  'response_time',
  'technical_skill',
  'technical_skill',
  'attitude',
  'attitude',
  'not_resolved',
  'service_strategy',
  'compliance',
];
const ROOT_CAUSES = [
  '问题过程管理欠缺，升级不及时',
  '工程师服务意识不足，未及时安抚客户',
  '备件不足，到货时间未与客户沟通',
];
const ACTIONS = ['组织全员学习现场服务规范', '建立问题升级通道并告知客户', '补充区域备件库存'];

/** The context at an instant in the past: the complaint's times are those of its month. */
const at = (ctx: AppContext, when: Date): AppContext => ({ ...ctx, clock: { now: () => when } });

export const complaintsStep: DemoStep = {
  name: 'complaints',
  async run(s: DemoState) {
    const agent = s.people.find(
      (p) => (p.roles as string[]).includes('call_center') && !p.partnerId && !p.customerId,
    );
    const manager = s.people.find(
      (p) => (p.roles as string[]).includes('area_service_manager') && !p.partnerId,
    );
    if (!agent || !manager) return 'no call-center agent or manager, no complaints';
    const desk = (await actorFor(s.ctx, agent.id, 'session')) as Actor;
    const orders = await s.ctx.db.selectFrom('work_orders').select(['id', 'partner_id']).execute();
    if (orders.length === 0) return 'no orders, no complaints';
    const perMonth = s.scale.name === 'full' ? 8 : 4;
    const now = s.ctx.clock.now();
    const states = new Map<string, number>();
    for (let m = 5; m >= 0; m--) {
      for (let k = 0; k < perMonth; k++) {
        const when = new Date(now.getTime() - (m * 30 + s.rng.int(1, 25)) * 86_400_000);
        const ctx = at(s.ctx, when);
        const category = s.rng.pick(WEIGHTED);
        const order = s.rng.pick(orders);
        const c = await complaints.createComplaint(ctx, desk, desk.scope, {
          source: s.rng.pick(['hotline', 'hotline', 'operator', 'engineer'] as const),
          category,
          severity: s.rng.pick(['low', 'medium', 'medium', 'high'] as const),
          summary: s.rng.pick(SUMMARIES[category]),
          orderId: order.id,
        });
        // Older complaints are further along; this month's are still being worked.
        const depth = m === 0 ? s.rng.int(0, 2) : s.rng.int(2, 4);
        const later = (h: number) => at(s.ctx, new Date(when.getTime() + h * 3_600_000));
        if (depth >= 1) await complaints.takeStep(later(1), desk, c.id, 'acknowledge');
        if (depth >= 2) {
          await complaints.updateComplaint(
            later(3),
            desk,
            c.id,
            { root_cause: s.rng.pick(ROOT_CAUSES) },
            undefined,
          );
          await complaints.reply(later(4), desk, c.id, {
            templateCode: 'complaint.reply',
            values: { resolution: '我们已安排主管回访并完成处理' },
          });
          await complaints.addAction(later(5), desk, c.id, {
            description: s.rng.pick(ACTIONS),
            ownerId: manager.id,
            dueDate: new Date(when.getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
          });
        }
        if (depth >= 3) await complaints.takeStep(later(24), desk, c.id, 'resolve');
        if (depth >= 4) {
          const detail = await complaints.getComplaint(s.ctx, desk.scope, c.id);
          for (const a of detail.actions)
            await complaints.completeAction(later(200), desk, c.id, a.id, '已按期完成并复查');
          await complaints.takeStep(later(201), desk, c.id, 'close');
        }
        const state = ['open', 'acknowledged', 'responded', 'resolved', 'closed'][depth]!;
        states.set(state, (states.get(state) ?? 0) + 1);
      }
    }
    return [...states].map(([k, v]) => `${v} ${k}`).join(', ');
  },
};
