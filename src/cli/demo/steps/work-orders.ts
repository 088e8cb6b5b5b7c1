/**
 * Demo step: work orders in every state of the machine, each taken and moved through the same
 * services a person would use (intake by a call-center agent, acceptance, dispatch by ranked
 * candidates, appointments, handover, cancellation, outside-scope review).
 */
import type { AppContext } from '../../../app/context.ts';
import { actorFor } from '../../../modules/access/access.service.ts';
import type { Actor } from '../../../modules/access/policy.ts';
import { confirm, propose, suggestions } from '../../../modules/appointments/appointments.service.ts';
import { recordSatisfaction, recordSignOff } from '../../../modules/closing/closing.service.ts';
import { assign, candidates } from '../../../modules/dispatch/dispatch.service.ts';
import {
  checkIn,
  checklistOf,
  markChecklist,
  recordServiceRequest,
} from '../../../modules/onsite/onsite.service.ts';
import { generateReport } from '../../../modules/reports/reports.service.ts';
import type {
  Channel,
  Severity,
  State,
  WorkOrderType,
} from '../../../modules/work-orders/work-orders.rules.ts';
import {
  createOrder,
  raiseScopeReview,
  recordFollowUp,
  requestHandover,
  transition,
  type WorkOrderRow,
} from '../../../modules/work-orders/work-orders.service.ts';
import type { DemoState, DemoStep } from '../loader.ts';

/** Symptoms a customer reports, by product family (seed 002/004 wording). */
const SYMPTOMS: Record<string, string[]> = {
  OLT: ['PON 口下挂用户大面积掉线', '上联口光功率偏低，用户上网慢', '板卡告警灯红，部分 ONU 无法注册'],
  路由器: ['BGP 邻居反复震荡', '业务板 CPU 占用率持续 90% 以上', '端口 CRC 错包快速增长'],
  交换机: ['汇聚交换机端口 down，楼宇断网', '环网风暴导致业务中断'],
  传输: ['传输链路 LOS 告警，基站退服', '网元脱管，网管无法登录'],
  default: ['设备告警，原因待查', '业务不稳定，时断时续'],
};

export function symptomFor(s: DemoState, product: string): string {
  const key = Object.keys(SYMPTOMS).find((k) => product.includes(k)) ?? 'default';
  return s.rng.pick(SYMPTOMS[key]!);
}

/** The states demo orders are left in. */
const TARGETS: readonly State[] = [
  'received',
  'accepted',
  'dispatched',
  'appointment_agreed',
  'en_route',
  'on_site',
  'service_restored',
  'resolved',
  'signed_off',
  'closed',
  'cancelled',
];

/** States reached only through the on-site and closing steps (check-in, service request, sign-off …). */
const SITE_WORK: readonly State[] = ['on_site', 'service_restored', 'resolved', 'signed_off', 'closed'];

/** A 1×1 PNG standing in for a customer's signature image. */
export const SIGNATURE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export async function actorWithRole(s: DemoState, role: string): Promise<Actor> {
  const p = s.people.find((x) => (x.roles as string[]).includes(role) && !x.partnerId && !x.customerId);
  if (!p) throw new Error(`demo data: nobody with role ${role}`);
  const a = await actorFor(s.ctx, p.id, 'session');
  if (!a) throw new Error(`demo data: ${p.username} cannot act`);
  return a;
}

export async function contactOf(ctx: AppContext, customerId: string) {
  return ctx.db
    .selectFrom('customer_contacts')
    .select(['name', 'phone'])
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .executeTakeFirst();
}

export const workOrdersStep: DemoStep = {
  name: 'work orders',
  async run(s) {
    const callCenter = await actorWithRole(s, 'call_center');
    const dispatcher = await actorWithRole(s, 'dispatcher');
    const manager = await actorWithRole(s, 'area_service_manager');
    const perState = s.scale.name === 'full' ? 6 : 2;
    const units = s.equipment.filter((e) => s.sites.some((x) => x.id === e.siteId));
    if (units.length === 0) return 'no equipment, no orders';
    const counts = new Map<string, number>();
    const report = s.progress('work orders', TARGETS.length * perState);
    let done = 0;
    const made: WorkOrderRow[] = [];
    for (const target of TARGETS) {
      for (let k = 0; k < perState; k++) {
        const unit = s.rng.pick(units);
        const site = s.sites.find((x) => x.id === unit.siteId)!;
        const contact = await contactOf(s.ctx, site.customerId);
        const critical = s.rng.chance(0.15);
        // Orders worked on site here are faults, whose report (field technical-service report) the demo writes.
        const type: WorkOrderType = SITE_WORK.includes(target)
          ? 'fault_repair'
          : s.rng.pick(['fault_repair', 'fault_repair', 'fault_repair', 'inspection', 'version_upgrade']);
        const channel: Channel = s.rng.pick([
          'call_center',
          'customer_call',
          'hotline_400',
          'eoms_import',
          'email',
        ]);
        const severity: Severity = critical
          ? 'critical'
          : s.rng.pick(['major', 'minor', 'minor', 'advisory']);
        let order = await createOrder(s.ctx, callCenter, {
          type,
          channel,
          severity,
          customerId: site.customerId,
          contactName: contact?.name ?? '值班联系人',
          contactPhone: contact?.phone ?? '0851-00000000',
          siteId: site.id,
          equipmentId: unit.id,
          occurredAt: new Date(s.ctx.clock.now().getTime() - s.rng.int(10, 600) * 60_000).toISOString(),
          symptom: symptomFor(s, unit.product),
          suspectedCause: s.rng.chance(0.5) ? '待现场确认' : null,
          foundHow: channel === 'eoms_import' ? 'EOMS 告警派单' : '客户报障',
          impacts: critical ? { serviceInterruption: true } : {},
        });
        if (target === 'cancelled') {
          // Cancelling takes a dispatcher; a critical order's, a manager.
          order = await transition(s.ctx, critical ? manager : dispatcher, order.id, 'cancelled', {
            reason: s.rng.pick(['客户来电告知已自行恢复', '重复报障，已合并到其他工单']),
          });
        } else if (target !== 'received') {
          order = await transition(s.ctx, callCenter, order.id, 'accepted');
          if (target !== 'accepted') order = await dispatchOrder(s, dispatcher, manager, order);
          const pastAppointment =
            target === 'appointment_agreed' || target === 'en_route' || SITE_WORK.includes(target);
          if (order.state === 'dispatched' && pastAppointment) {
            order = await agreeAppointment(s, order);
          }
          if ((target === 'en_route' || SITE_WORK.includes(target)) && order.state === 'appointment_agreed') {
            const lead = await leadActor(s, order);
            order = await transition(s.ctx, lead, order.id, 'en_route');
          }
          if (SITE_WORK.includes(target) && order.state === 'en_route') {
            order = await workOnSite(s, order, target, callCenter);
          }
        }
        made.push(order);
        counts.set(order.state, (counts.get(order.state) ?? 0) + 1);
        report(++done);
      }
    }
    // WO-4: one handover waiting for the dispatcher's acceptance.
    const handoverable = made.find((o) => o.state === 'accepted');
    if (handoverable) {
      await requestHandover(s.ctx, callCenter, handoverable.id, {
        toPersonId: dispatcher.personId,
        reason: '话务员交接班，转调度跟进',
      });
    }
    // WO-13: one order on equipment whose contract has ended waits for a manager's decision.
    const expired = made.find((o) => {
      const e = s.equipment.find((x) => x.id === o.equipment_id);
      return e && e.contractEndsOn < s.today && o.state === 'received';
    });
    if (expired) {
      await raiseScopeReview(s.ctx, callCenter, expired.id, {
        kind: 'contract_expired',
        reason: '该设备维保合同已到期',
      });
    }
    return [...counts.entries()].map(([k, v]) => `${k} ${v}`).join(', ');
  },
};

export async function leadActor(s: DemoState, order: WorkOrderRow): Promise<Actor> {
  const lead = await s.ctx.db
    .selectFrom('work_order_assignments')
    .select('person_id')
    .where('order_id', '=', order.id)
    .where('role', '=', 'lead')
    .where('released_at', 'is', null)
    .executeTakeFirstOrThrow();
  const a = await actorFor(s.ctx, lead.person_id, 'session');
  if (!a) throw new Error('demo data: the lead engineer cannot act');
  return a;
}

/** DP-1: the best-ranked eligible engineer; without one, a manager overrides with a reason. */
export async function dispatchOrder(s: DemoState, dispatcher: Actor, manager: Actor, order: WorkOrderRow) {
  const ranked = await candidates(s.ctx, dispatcher, order.id);
  const eligible = ranked.filter((c) => c.eligible);
  if (eligible.length > 0) {
    const helper = eligible[1] && s.rng.chance(0.3) ? [eligible[1].personId] : [];
    return assign(s.ctx, dispatcher, order.id, { leadEngineerId: eligible[0]!.personId, helperIds: helper });
  }
  const nearest = ranked.filter((c) => !c.gaps.includes('region_not_covered'))[0] ?? ranked[0];
  if (!nearest) return order;
  return assign(s.ctx, manager, order.id, {
    leadEngineerId: nearest.personId,
    overrideReason: '区域内暂无持证工程师，经理批准临时派遣并安排远程支持',
  });
}

/** WO-5: the first window inside the customer's working hours, agreed by phone. */
export async function agreeAppointment(s: DemoState, order: WorkOrderRow) {
  const lead = await leadActor(s, order);
  const { windows } = await suggestions(s.ctx, lead, order.id, 120, 3);
  const w = s.rng.pick(windows);
  const a = await propose(s.ctx, lead, order.id, { windowStart: w.start, windowEnd: w.end });
  await confirm(s.ctx, lead, a.id, 'phone');
  const row = await s.ctx.db
    .selectFrom('work_orders')
    .selectAll()
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow();
  return row;
}

/** WO-6…WO-10: check-in, signed service request, checklist, restore, resolve, sign-off, rating, report, close. */
export async function workOnSite(
  s: DemoState,
  order: WorkOrderRow,
  target: State,
  desk: Actor,
): Promise<WorkOrderRow> {
  const lead = await leadActor(s, order);
  const site = s.sites.find((x) => x.id === order.site_id);
  await checkIn(s.ctx, lead, order.id, site ? { lat: site.lat, lng: site.lng } : {});
  let row = await reload(s, order.id);
  if (target === 'on_site') return row;
  await recordServiceRequest(s.ctx, lead, order.id, {
    scopeOfWork: '故障排查与修复，必要时更换板卡或光模块',
    signerName: order.contact_name,
    signaturePngBase64: SIGNATURE_PNG,
  });
  for (const c of await checklistOf(s.ctx, row)) {
    if (c.item.required === 1) await markChecklist(s.ctx, lead, order.id, c.item.id, { done: true });
  }
  row = await transition(s.ctx, lead, order.id, 'service_restored');
  if (target === 'service_restored') return row;
  row = await transition(s.ctx, lead, order.id, 'resolved');
  if (target === 'resolved') return row;
  row = (
    await recordSignOff(
      s.ctx,
      lead,
      order.id,
      {
        signerName: order.contact_name,
        signaturePngBase64: SIGNATURE_PNG,
        opinion: '问题已解决，业务恢复正常',
      },
      'staff',
    )
  ).order;
  if (target === 'signed_off') return row;
  await recordSatisfaction(s.ctx, lead, order.id, { score: s.rng.pick([4, 5, 5, 5]) }, 'staff');
  await generateReport(s.ctx, lead, order.id, {
    workDone: '现场检查告警，更换故障光模块，测试光功率与业务均正常',
    cause: '光模块老化',
  });
  row = await transition(s.ctx, desk, order.id, 'closed');
  // WO-10: half of the closed orders already have their follow-up answered.
  if (s.rng.chance(0.5)) {
    const fu = await s.ctx.db
      .selectFrom('follow_ups')
      .select('id')
      .where('order_id', '=', order.id)
      .executeTakeFirst();
    if (fu)
      await recordFollowUp(s.ctx, desk, fu.id, {
        outcome: 'running_normally',
        notes: '客户反馈设备运行正常',
      });
  }
  return reload(s, order.id);
}

/** The order as stored now. */
export function reload(s: DemoState, id: string): Promise<WorkOrderRow> {
  return s.ctx.db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
