/**
 * The customer's own orders and fault reports. Reads go through the work-orders service surface
 * with the caller's customer scope, so another customer's order is simply not found (404).
 */
import type { AppContext } from '../../app/context.ts';
import { inTransaction } from '../../app/context.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { actorFor } from '../access/access.service.ts';
import type { Actor } from '../access/policy.ts';
import * as appointments from '../appointments/appointments.service.ts';
import { dutyFindings } from '../duty/duty.rules.ts';
import { dutyOn } from '../duty/duty.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { getPerson, listPeople } from '../people/people.service.ts';
import { getSite, listSites } from '../sites/sites.service.ts';
import { localDate } from '../work-orders/local-time.ts';
import { pageOfOrders } from '../work-orders/work-orders.search.ts';
import { assigneeIds, createOrder, getOrder, type WorkOrderRow } from '../work-orders/work-orders.service.ts';

const ALL = { kind: 'all' } as const;

/**
 * The customer's own people read orders through a customer-narrowed view built here: the
 * work-orders scope gives a customer scope nothing on purpose (their staff-facing lists and
 * routes stay closed), so self-service reads organisation-wide and narrows to the caller's
 * customer itself. Anything else is not found, exactly as outside a scope.
 */
function customerOf(actor: Actor): string {
  if (actor.scope.kind !== 'customer') throw new AppError(403, 'forbidden');
  return actor.scope.customerId;
}

/** The caller's customer's orders, newest first. */
export async function myOrders(ctx: AppContext, actor: Actor, page: { limit: number; offset: number }) {
  const { items, total } = await pageOfOrders(ctx, ALL, { customerId: customerOf(actor) }, page);
  return { items, total };
}

/** One of the caller's customer's orders, or 404. */
export async function myOrder(ctx: AppContext, actor: Actor, id: string): Promise<WorkOrderRow> {
  const customerId = customerOf(actor);
  const order = await getOrder(ctx, ALL, id).catch(() => null);
  if (order?.customer_id !== customerId) throw notFound('work_order');
  return order;
}

/** The caller's customer's sites (the sites scope already narrows a customer's people to their own). */
export function mySites(ctx: AppContext, actor: Actor, page: { limit: number; offset: number }) {
  customerOf(actor);
  return listSites(ctx, actor.scope, {}, page);
}

/** The names a customer reads beside an order: site, engineer, the appointment in force. */
export async function orderDetails(ctx: AppContext, actor: Actor, order: WorkOrderRow) {
  const site = order.site_id ? await getSite(ctx, actor.scope, order.site_id).catch(() => null) : null;
  const [engineerId] = await assigneeIds(ctx, order.id);
  // The engineer is read organisation-wide: the customer's own scope cannot see staff, but the
  // name of whoever is coming is theirs to know.
  const engineer = engineerId ? await getPerson(ctx, ALL, engineerId).catch(() => null) : null;
  // The order is already known to be the caller's (myOrder/myOrders); read its appointments as such.
  const { items } = await appointments.listFor(ctx, { ...actor, scope: ALL }, order.id);
  const inForce = items.find((a) => a.state === 'proposed' || a.state === 'confirmed') ?? null;
  return {
    siteName: site?.name ?? null,
    engineerName: engineer?.display_name ?? null,
    appointment: inForce
      ? { start: inForce.windowStart, end: inForce.windowEnd, state: inForce.state }
      : null,
  };
}

export interface FaultReport {
  siteId: string;
  symptom: string;
  occurredAt: string;
  serviceDown: boolean;
  contactPhone?: string | undefined;
}

/**
 * Who receives a customer's report (WO-3/WO-4: the owner must be someone who can act on the
 * order, never the customer). The call-center people of the site's region come first, and among
 * them one the duty roster has on shift now; with none in the region, the organisation-wide call
 * center takes it, again preferring whoever is on shift. No one at all is a clear 422, not an
 * orphaned order.
 */
async function receiverFor(ctx: AppContext, regionId: string): Promise<string> {
  const filter = { role: 'call_center' as const, active: true };
  let { items } = await listPeople(ctx, ALL, { ...filter, regionId }, { limit: 50, offset: 0 });
  if (!items.length) ({ items } = await listPeople(ctx, ALL, filter, { limit: 50, offset: 0 }));
  const staff = items.filter((p) => !p.customer_id && !p.partner_id);
  if (!staff.length) {
    throw invalid([
      problem('siteId', '暂时无人受理该站点的报障', 'no one can take reports for this site now'),
    ]);
  }
  const now = ctx.clock.now().toISOString();
  const day = localDate(now, ctx.config.defaultTimeZone);
  const ids = staff.map((p) => p.id);
  const { rostered, shifts, leave } = await dutyOn(ctx.db, ids, day);
  const onDuty = ids.find(
    (id) =>
      rostered.has(id) &&
      dutyFindings(
        {
          rostered: true,
          shifts: shifts
            .filter((s) => s.person_id === id)
            .map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at })),
          leave: leave
            .filter((l) => l.person_id === id)
            .map((l) => ({ fromDay: l.from_day, toDay: l.to_day })),
        },
        now,
        day,
      ).length === 0,
  );
  return onDuty ?? ids[0]!;
}

/** Reports a fault on one of the caller's sites as a customer call, owned by the call center. */
export async function reportFault(ctx: AppContext, actor: Actor, input: FaultReport): Promise<WorkOrderRow> {
  const customerId = customerOf(actor);
  const site = await getSite(ctx, actor.scope, input.siteId).catch(() => null);
  if (!site) throw invalid([problem('siteId', '站点不存在', 'no such site')]);
  const me = await getPerson(ctx, ALL, actor.personId);
  const phone = input.contactPhone?.trim() || me.phone;
  if (!phone) throw invalid([problem('contactPhone', '请填写联系电话', 'a contact phone is required')]);
  const receiverId = await receiverFor(ctx, site.region_id);
  const receiver = await actorFor(ctx, receiverId, actor.via);
  if (!receiver)
    throw invalid([
      problem('siteId', '暂时无人受理该站点的报障', 'no one can take reports for this site now'),
    ]);
  return inTransaction(ctx, async (tx) => {
    const order = await createOrder(tx, receiver, {
      type: 'fault_repair',
      channel: 'customer_call',
      customerId,
      siteId: site.id,
      contactName: me.display_name,
      contactPhone: phone,
      symptom: input.symptom,
      occurredAt: input.occurredAt,
      impacts: { serviceInterruption: input.serviceDown },
    });
    // The order is taken in the receiver's name (they own it); this entry says who reported it.
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'reported_by_customer',
      changes: {},
      reason: `reported by ${me.display_name} through self-service`,
    });
    return order;
  });
}
