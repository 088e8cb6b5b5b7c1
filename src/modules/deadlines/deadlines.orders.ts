/**
 * Wires work orders to their clocks and to the critical channel, through the work-order event
 * hook (inside each change's transaction): a new order starts its clocks and — when critical —
 * notifies the director and engineering manager at once (SL-3); state changes meet clocks; a
 * severity change recomputes them; a new owner takes them over; closing starts the follow-up
 * clock (WO-10). Customer notices and recorded follow-ups meet the update and follow-up clocks.
 */
import type { AppContext } from '../../app/context.ts';
import type { HistoryActor } from '../access/policy.ts';
import { isPerson } from '../access/principal.ts';
import { registerCustomerLinkSection } from '../customer-link/customer-link.service.ts';
import {
  contactOf,
  escalationContacts,
  escalationsOf,
  noticeCriticalCancelled,
  startEscalation,
} from '../escalation/escalation.service.ts';
import { lastLeftSite } from '../onsite/onsite.service.ts';
import { followUpDueAt, needsFollowUp } from '../work-orders/work-orders.rules.ts';
import { onWorkOrderEvent, openFollowUp, type WorkOrderRow } from '../work-orders/work-orders.service.ts';
import { AREA_CLASSES, type AreaClass } from './deadlines.defaults.ts';
import * as repo from './deadlines.repository.ts';
import { clocksMetBy, INITIAL_CLOCKS, REOPEN_CLOCKS } from './deadlines.rules.ts';
import {
  type ClockSubject,
  recomputeForSeverity,
  registerDueCheck,
  setClockOwner,
  startClocks,
  stopClocks,
} from './deadlines.service.ts';

/** The clock facts of an order; the area class comes from its site (urban when it has none). */
export async function subjectOf(tx: AppContext, order: WorkOrderRow): Promise<ClockSubject> {
  let areaClass: AreaClass = 'urban';
  if (order.site_id) {
    const site = await tx.db
      .selectFrom('sites')
      .select('area_class')
      .where('id', '=', order.site_id)
      .executeTakeFirst();
    if (site && (AREA_CLASSES as readonly string[]).includes(site.area_class)) areaClass = site.area_class;
  }
  return {
    orderId: order.id,
    label: order.number,
    orderType: order.type,
    severity: order.severity,
    areaClass,
    regionId: order.region_id,
    partnerId: order.partner_id,
    ownerId: order.owner_id,
  };
}

/**
 * SL-3: the critical notice to the after-sales director and the engineering manager, started in
 * the transaction that creates (or raises) the order. Nothing can cancel it: acknowledging only
 * stops the reminders, and a later downgrade leaves it and its history in place.
 */
export async function raiseCritical(tx: AppContext, order: WorkOrderRow): Promise<void> {
  const open = (await escalationsOf(tx, 'work_order', order.id)).some(
    (e) => e.kind === 'critical' && !e.acknowledged_at,
  );
  if (open) return;
  const where = order.address ?? order.customer_name ?? '';
  await startEscalation(tx, {
    kind: 'critical',
    subjectType: 'work_order',
    subjectId: order.id,
    regionId: order.region_id,
    ownerId: order.owner_id,
    title: {
      'zh-CN': `紧急工单 ${order.number}：${order.symptom.slice(0, 60)}`,
      en: `Critical work order ${order.number}: ${order.symptom.slice(0, 60)}`,
    },
    body: {
      'zh-CN': `工单 ${order.number}：关键级别故障（${where}），联系人 ${order.contact_name} ${order.contact_phone}。请立即确认并组织处理。`,
      en: `Work order ${order.number}: critical fault (${where}), contact ${order.contact_name} ${order.contact_phone}. Acknowledge and take charge now.`,
    },
  });
}

/** The name a notice gives for who did something. */
function actorName(actor: HistoryActor): string {
  return isPerson(actor) ? actor.displayName : actor.system;
}

async function onEvent(
  tx: AppContext,
  actor: HistoryActor,
  event: Parameters<Parameters<typeof onWorkOrderEvent>[0]>[2],
) {
  switch (event.kind) {
    case 'created': {
      await startClocks(tx, actor, await subjectOf(tx, event.order), INITIAL_CLOCKS, event.order.received_at);
      if (event.order.severity === 'critical') await raiseCritical(tx, event.order);
      return;
    }
    case 'transitioned': {
      const subject = await subjectOf(tx, event.order);
      if (event.transition === 'reopen') {
        await startClocks(tx, actor, subject, REOPEN_CLOCKS);
        return;
      }
      if (event.to === 'cancelled' && event.order.severity === 'critical') {
        await noticeCriticalCancelled(tx, event.order, actorName(actor));
      }
      const met = clocksMetBy(event.to);
      if (met.length) await stopClocks(tx, actor, event.order.id, met);
      if (event.to === 'closed' && needsFollowUp(event.order.type)) {
        // WO-10: "within 3 days of leaving a site": the clock counts from the last check-out (or
        // the close, for work never done on site), and the follow-up record takes its due time
        // from the clock, so the two never disagree.
        const left = (await lastLeftSite(tx, event.order.id)) ?? event.order.closed_at ?? undefined;
        const [clock] = await startClocks(tx, actor, subject, ['follow_up'], left);
        await openFollowUp(
          tx,
          actor,
          event.order,
          clock?.due_at ?? followUpDueAt(left ?? tx.clock.now().toISOString()),
        );
      }
      return;
    }
    case 'severity_changed': {
      await recomputeForSeverity(tx, actor, await subjectOf(tx, event.order));
      if (event.to === 'critical') await raiseCritical(tx, event.order);
      return;
    }
    case 'owner_changed':
      await setClockOwner(tx, event.order.id, event.to);
      return;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** Deadline clocks follow order events; the update and follow-up clocks' due checks; the escalation section of the customer's link. Called from the capability's `register`. */
export function registerDeadlineOrderHooks(): void {
  onWorkOrderEvent(onEvent);

  // WO-11: any notice to the customer since the clock started is an update; the next one is due after it.
  registerDueCheck('update', async (tx, clock) => {
    const n = await repo.latestCustomerNoticeAfter(tx.db, clock.order_id, clock.started_at);
    return n ? { metAt: n.created_at, restart: true } : null;
  });

  // WO-10: a follow-up whose outcome is recorded meets the follow-up clock.
  registerDueCheck('follow_up', async (tx, clock) => {
    const f = await repo.doneFollowUp(tx.db, clock.order_id);
    return f?.recorded_at ? { metAt: f.recorded_at } : null;
  });

  // SL-5: the customer's view of their order (the link) lists who to call at each level; the
  // first rung is the owner of this very order (WO-3).
  registerCustomerLinkSection('escalation', async (ctx, order) => {
    const owner = await contactOf(ctx, order.owner_id);
    const levels = await escalationContacts(ctx, order.region_id);
    return {
      levels: levels.map((l) => ({
        level: l.level,
        role: l.role,
        roleName: l.roleLabel,
        contacts:
          l.role === 'owner'
            ? owner
              ? [{ name: owner.display_name, phone: owner.phone }]
              : []
            : l.contacts.map((c) => ({ name: c.name, phone: c.phone })),
      })),
    };
  });
}
