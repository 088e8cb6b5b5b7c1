/** WO-5: proposing, confirming and rescheduling appointments; late notices; missed appointments. */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, forbidden, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, HistoryActor, Scope } from '../access/policy.ts';
import { customerLinkPrincipal, isPerson, personIdOf } from '../access/principal.ts';
import { findCustomer } from '../customers/customers.queries.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { findRegion } from '../regions/regions.queries.ts';
import { findSite } from '../sites/sites.queries.ts';
import { getSite } from '../sites/sites.service.ts';
import {
  assertMayAct,
  getOrder,
  loadForChange,
  recordCustomerNotice,
  renderNotice,
  transition,
  type WorkOrderRow,
} from '../work-orders/work-orders.service.ts';
import * as repo from './appointments.repository.ts';
import {
  APPOINTMENT_STATES,
  type AppointmentHoursPolicy,
  aroundTheClock,
  DEFAULT_WORKING_HOURS,
  isMissed,
  type RescheduleRequester,
  suggestWindows,
  type WorkingHours,
  windowProblems,
  workingHoursProblems,
} from './appointments.rules.ts';
import type { AppointmentHoursPolicyTable, AppointmentTable } from './appointments.tables.ts';

/** The working hours and time zone that apply to an order (its site's, else the default in the region's zone). */
export async function hoursFor(
  ctx: AppContext,
  order: WorkOrderRow,
): Promise<{ hours: WorkingHours; timeZone: string }> {
  const region = await findRegion(ctx.db, order.region_id);
  let timeZone = region?.time_zone ?? ctx.config.defaultTimeZone;
  let hours = DEFAULT_WORKING_HOURS;
  let siteClass: string | null = null;
  if (order.site_id) {
    const site = await findSite(ctx.db, order.site_id);
    if (site) {
      timeZone = site.time_zone;
      siteClass = site.site_class;
    }
    const h = await repo.workingHours(ctx.db, order.site_id);
    if (h) hours = { days: JSON.parse(h.days) as number[], opens: h.opens, closes: h.closes };
  }
  const policies = (await repo.hoursPolicies(ctx.db)).map(presentHoursPolicy);
  if (aroundTheClock(policies, { customerId: order.customer_id, siteClass, severity: order.severity })) {
    hours = { ...hours, aroundTheClock: true };
  }
  return { hours, timeZone };
}

function presentHoursPolicy(r: AppointmentHoursPolicyTable): AppointmentHoursPolicy {
  return {
    customerId: r.customer_id,
    siteClass: r.site_class,
    severity: r.severity,
    aroundTheClock: r.around_the_clock === 1,
  };
}

/** WO-5 appointment-hours policies; own staff only (they name customers of every partner). */
export async function listHoursPolicies(ctx: AppContext, actor: Actor): Promise<AppointmentHoursPolicy[]> {
  if (actor.scope.kind !== 'all') throw forbidden();
  return (await repo.hoursPolicies(ctx.db)).map(presentHoursPolicy);
}

/** Sets one appointment-hours policy (customer / site class / severity, '*' = any), with history. */
export async function putHoursPolicy(
  ctx: AppContext,
  actor: Actor,
  input: AppointmentHoursPolicy,
): Promise<AppointmentHoursPolicy> {
  if (actor.scope.kind !== 'all') throw forbidden();
  return inTransaction(ctx, async (tx) => {
    if (input.customerId !== '*' && !(await findCustomer(tx.db, input.customerId))) {
      throw invalid([problem('customerId', '客户不存在', 'no such customer')]);
    }
    const before = await repo.findHoursPolicy(tx.db, input);
    const row: AppointmentHoursPolicyTable = {
      id: before?.id ?? newId(),
      customer_id: input.customerId,
      site_class: input.siteClass,
      severity: input.severity,
      around_the_clock: input.aroundTheClock ? 1 : 0,
      updated_at: tx.clock.now().toISOString(),
    };
    await repo.upsertHoursPolicy(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'appointment_hours_policy',
      entityId: row.id,
      action: before ? 'update' : 'create',
      changes: diffRecords(before ?? null, row),
    });
    return presentHoursPolicy(row);
  });
}

/** Records a site's working hours (the customer's hours that appointments must fall inside). */
export async function setWorkingHours(ctx: AppContext, actor: Actor, siteId: string, hours: WorkingHours) {
  const problems = workingHoursProblems(hours);
  if (problems.length) throw invalid(problems);
  return inTransaction(ctx, async (tx) => {
    // Only a site in the actor's scope (404 outside it): a partner sets its own sites' hours only.
    await getSite(tx, actor.scope, siteId);
    const before = await repo.workingHours(tx.db, siteId);
    const row = {
      site_id: siteId,
      days: JSON.stringify([...new Set(hours.days)].sort()),
      opens: hours.opens,
      closes: hours.closes,
      updated_at: tx.clock.now().toISOString(),
    };
    await repo.upsertWorkingHours(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'site',
      entityId: siteId,
      action: 'working_hours',
      changes: diffRecords(before ?? null, row),
    });
    return row;
  });
}

/** Windows to offer the customer, inside their working hours. */
export async function suggestions(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  minutes: number,
  count: number,
) {
  const order = await getOrder(ctx, actor.scope, orderId);
  const { hours, timeZone } = await hoursFor(ctx, order);
  return {
    timeZone,
    hours,
    windows: suggestWindows(ctx.clock.now().toISOString(), timeZone, hours, minutes, count),
  };
}

async function checkWindow(tx: AppContext, order: WorkOrderRow, start: string, end: string): Promise<void> {
  const { hours, timeZone } = await hoursFor(tx, order);
  const problems = windowProblems({ start, end }, { now: tx.clock.now().toISOString(), timeZone, hours });
  if (problems.length) throw invalid(problems);
}

function newAppointment(
  tx: AppContext,
  actor: HistoryActor,
  orderId: string,
  start: string,
  end: string,
  extra: Partial<AppointmentTable> = {},
): AppointmentTable {
  const now = tx.clock.now().toISOString();
  return {
    id: newId(),
    order_id: orderId,
    window_start: new Date(start).toISOString(),
    window_end: new Date(end).toISOString(),
    state: 'proposed',
    proposed_by: personIdOf(actor),
    proposed_at: now,
    confirmed_at: null,
    confirmed_via: null,
    confirmed_by: null,
    replaces_id: null,
    reschedule_reason: null,
    requested_by: null,
    late_notice_at: null,
    late_notice_in_time: null,
    created_at: now,
    updated_at: now,
    ...extra,
  };
}

/** Refuses an appointment change on an order whose state no longer allows one (e.g. a closed order). */
function assertAppointmentsOpen(order: WorkOrderRow): void {
  if (!APPOINTMENT_STATES.includes(order.state)) {
    throw new AppError(409, 'illegal_transition', {}, [
      problem(
        'state',
        '工单当前状态不能预约或改约',
        'the order is not in a state where a visit can be agreed or moved',
      ),
    ]);
  }
}

/**
 * An appointment and its order, read only after the order is locked: every change to an
 * order's appointments happens under that lock, so two dispatchers confirming or moving the
 * same appointment at once take turns and the second sees what the first did.
 */
async function lockAppointment(
  tx: AppContext,
  actor: HistoryActor,
  appointmentId: string,
  orderId?: string,
): Promise<{ a: AppointmentTable; order: WorkOrderRow }> {
  const seen = await repo.findAppointment(tx.db, appointmentId);
  if (!seen || (orderId && seen.order_id !== orderId)) throw notFound('appointment');
  const order = await loadForChange(tx, actor, seen.order_id);
  const a = await repo.findAppointment(tx.db, appointmentId);
  if (!a) throw notFound('appointment');
  return { a, order };
}

/** WO-5: proposes a window to the customer; one appointment is in force at a time. */
export async function propose(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { windowStart: string; windowEnd: string },
): Promise<AppointmentTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    await assertMayAct(tx, actor, order);
    assertAppointmentsOpen(order);
    if (await repo.currentAppointment(tx.db, orderId)) {
      throw invalid([
        problem(
          'windowStart',
          '已有有效预约，请改约并说明原因',
          'an appointment is already in force; reschedule it with a reason',
        ),
      ]);
    }
    await checkWindow(tx, order, input.windowStart, input.windowEnd);
    const row = newAppointment(tx, actor, orderId, input.windowStart, input.windowEnd);
    await repo.insertAppointment(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: orderId,
      action: 'appointment_proposed',
      changes: { appointment: [null, { id: row.id, start: row.window_start, end: row.window_end }] },
    });
    return row;
  });
}

/**
 * WO-5: the customer agrees the window — through their link, or by phone as recorded by staff.
 * A dispatched order becomes appointment_agreed.
 */
export async function confirm(
  ctx: AppContext,
  actor: HistoryActor,
  appointmentId: string,
  via: 'link' | 'phone',
  opts: { orderId?: string } = {},
): Promise<AppointmentTable> {
  return inTransaction(ctx, async (tx) => {
    const { a, order } = await lockAppointment(tx, actor, appointmentId, opts.orderId);
    if (isPerson(actor)) await assertMayAct(tx, actor, order);
    assertAppointmentsOpen(order);
    if (a.state !== 'proposed') {
      throw invalid([
        problem('appointmentId', '只能确认待确认的预约', 'only a proposed appointment can be confirmed'),
      ]);
    }
    if (new Date(a.window_start).getTime() <= tx.clock.now().getTime()) {
      throw invalid([
        problem(
          'appointmentId',
          '该时间段已开始，请重新预约',
          'the window has already started; agree a new one',
        ),
      ]);
    }
    const now = tx.clock.now().toISOString();
    const after: AppointmentTable = {
      ...a,
      state: 'confirmed',
      confirmed_at: now,
      confirmed_via: via,
      confirmed_by: personIdOf(actor),
      updated_at: now,
    };
    await repo.updateAppointment(tx.db, a.id, after);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: a.order_id,
      action: 'appointment_confirmed',
      changes: { appointment: [a.id, { state: 'confirmed', via }] },
    });
    if (order.state === 'dispatched') {
      await transition(tx, actor, order.id, 'appointment_agreed', { skipActorCheck: true });
    }
    return after;
  });
}

/**
 * WO-5: moves an appointment; the reason and who asked are recorded and the customer is told.
 * An agreed order goes back to dispatched until the new window is confirmed.
 */
export async function reschedule(
  ctx: AppContext,
  actor: Actor,
  appointmentId: string,
  input: { windowStart: string; windowEnd: string; reason: string; requestedBy: RescheduleRequester },
): Promise<AppointmentTable> {
  return inTransaction(ctx, async (tx) => {
    const { a, order } = await lockAppointment(tx, actor, appointmentId);
    await assertMayAct(tx, actor, order);
    assertAppointmentsOpen(order);
    if (a.state !== 'proposed' && a.state !== 'confirmed') {
      throw invalid([problem('appointmentId', '该预约已不再有效', 'this appointment is no longer in force')]);
    }
    if (!input.reason.trim())
      throw invalid([problem('reason', '改约必须说明原因', 'a reschedule needs a reason')]);
    await checkWindow(tx, order, input.windowStart, input.windowEnd);
    const now = tx.clock.now().toISOString();
    await repo.updateAppointment(tx.db, a.id, { state: 'rescheduled', updated_at: now });
    const row = newAppointment(tx, actor, a.order_id, input.windowStart, input.windowEnd, {
      replaces_id: a.id,
      reschedule_reason: input.reason,
      requested_by: input.requestedBy,
    });
    await repo.insertAppointment(tx.db, row);
    await repo.markRequestsHandled(tx.db, a.id, now);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: a.order_id,
      action: 'appointment_rescheduled',
      changes: {
        appointment: [
          { id: a.id, start: a.window_start, end: a.window_end },
          { id: row.id, start: row.window_start, end: row.window_end, requestedBy: input.requestedBy },
        ],
      },
      reason: input.reason,
    });
    await recordCustomerNotice(tx, actor, order, {
      kind: 'reschedule',
      field: 'reason',
      body: await renderNotice(tx, 'appointment.reschedule', {
        customerName: order.contact_name,
        orderNumber: order.number,
        window: `${row.window_start} – ${row.window_end}`,
        reason: input.reason,
      }),
    });
    if (order.state === 'appointment_agreed') {
      await transition(tx, actor, order.id, 'dispatched', { skipActorCheck: true, reason: input.reason });
    }
    return row;
  });
}

/**
 * WO-5: an engineer who will be late tells the customer. Told before the window starts, the
 * appointment is not counted as missed; told after, the notice is kept but marked late.
 */
export async function lateNotice(
  ctx: AppContext,
  actor: Actor,
  appointmentId: string,
  input: { message: string; expectedArrival?: string | undefined },
): Promise<AppointmentTable> {
  return inTransaction(ctx, async (tx) => {
    const { a, order } = await lockAppointment(tx, actor, appointmentId);
    await assertMayAct(tx, actor, order);
    if (a.state !== 'confirmed' && a.state !== 'proposed') {
      throw invalid([problem('appointmentId', '该预约已不再有效', 'this appointment is no longer in force')]);
    }
    // One notice per appointment: a repeat (a double tap, a retry) would text the customer again.
    if (a.late_notice_at) {
      throw invalid([
        problem(
          'appointmentId',
          '已告知客户将迟到；如需改时间请改约',
          'the customer was already told of the delay; reschedule to change the time',
        ),
      ]);
    }
    const now = tx.clock.now().toISOString();
    const inTime = new Date(now).getTime() < new Date(a.window_start).getTime();
    await repo.updateAppointment(tx.db, a.id, {
      late_notice_at: now,
      late_notice_in_time: inTime ? 1 : 0,
      updated_at: now,
    });
    const values = { customerName: order.contact_name, window: a.window_start, message: input.message };
    await recordCustomerNotice(tx, actor, order, {
      kind: 'late',
      body: input.expectedArrival
        ? await renderNotice(tx, 'late.notice', { ...values, expectedArrival: input.expectedArrival })
        : await renderNotice(tx, 'late.notice.no_eta', values),
    });
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: a.order_id,
      action: 'late_notice',
      changes: { appointment: [a.id, { lateNoticeAt: now, inTime }] },
      reason: input.message,
    });
    return { ...a, late_notice_at: now, late_notice_in_time: inTime ? 1 : 0, updated_at: now };
  });
}

/** The customer asks (through their link) to move the appointment; staff then agree a new time. */
export async function customerAsksToMove(
  ctx: AppContext,
  order: WorkOrderRow,
  input: { reason: string; preferredStart?: string | undefined; preferredEnd?: string | undefined },
) {
  return inTransaction(ctx, async (tx) => {
    // Locked and read again: the order may have closed since the link was resolved.
    const locked = await loadForChange(tx, customerLinkPrincipal(), order.id);
    assertAppointmentsOpen(locked);
    const a = await repo.currentAppointment(tx.db, order.id);
    if (!a)
      throw invalid([problem('appointment', '当前没有可改约的预约', 'there is no appointment to move')]);
    const row = {
      id: newId(),
      order_id: order.id,
      appointment_id: a.id,
      reason: input.reason,
      preferred_start: input.preferredStart ? new Date(input.preferredStart).toISOString() : null,
      preferred_end: input.preferredEnd ? new Date(input.preferredEnd).toISOString() : null,
      requested_by: 'customer',
      created_at: tx.clock.now().toISOString(),
      handled_at: null,
    };
    await repo.insertRescheduleRequest(tx.db, row);
    await recordHistory(tx, customerLinkPrincipal(), {
      entityType: 'work_order',
      entityId: order.id,
      action: 'reschedule_requested',
      changes: { rescheduleRequest: [null, { appointmentId: a.id, preferredStart: row.preferred_start }] },
      reason: input.reason,
    });
    return row;
  });
}

/** An appointment as the API shows it, with whether it counts as missed. */
export function present(a: AppointmentTable, arrivedAt: string | null, now: string) {
  return {
    id: a.id,
    orderId: a.order_id,
    windowStart: a.window_start,
    windowEnd: a.window_end,
    state: a.state,
    confirmedAt: a.confirmed_at,
    confirmedVia: a.confirmed_via,
    replacesId: a.replaces_id,
    rescheduleReason: a.reschedule_reason,
    requestedBy: a.requested_by,
    lateNoticeAt: a.late_notice_at,
    lateNoticeInTime: a.late_notice_in_time === null ? null : a.late_notice_in_time === 1,
    missed: isMissed(
      {
        state: a.state,
        windowStart: a.window_start,
        windowEnd: a.window_end,
        arrivedAt,
        lateNoticeInTime: a.late_notice_in_time === 1,
      },
      now,
    ),
  };
}

/** An order's appointments, oldest first, for a caller that has checked access (the customer's link). */
export function appointmentsOf(ctx: AppContext, orderId: string) {
  return repo.appointmentsOf(ctx.db, orderId);
}

/** Appointments of an order the actor may see. */
export async function listFor(ctx: AppContext, actor: Actor, orderId: string) {
  const order = await getOrder(ctx, actor.scope, orderId);
  const now = ctx.clock.now().toISOString();
  const rows = await repo.appointmentsOf(ctx.db, orderId);
  const requests = await repo.rescheduleRequestsOf(ctx.db, orderId);
  return { items: rows.map((a) => present(a, order.arrived_at, now)), requests };
}

/** WO-5: missed appointments in the scope. */
export async function missed(ctx: AppContext, scope: Scope, limit: number) {
  const now = ctx.clock.now().toISOString();
  const rows = await repo.missedAppointments(ctx.db, scope, now, limit);
  return rows.map((r) => ({ ...present(r, r.arrived_at, now), orderNumber: r.number, ownerId: r.owner_id }));
}

/** WO-5: appointments in force overlapping a span (a day on the dispatcher's timeline), with their engineers. */
export async function between(
  ctx: AppContext,
  scope: Scope,
  filter: { from: string; to: string; regionId?: string | undefined },
  limit: number,
) {
  const from = new Date(filter.from).toISOString();
  const to = new Date(filter.to).toISOString();
  if (Date.parse(to) <= Date.parse(from) || Date.parse(to) - Date.parse(from) > 7 * 86_400_000)
    throw invalid([
      problem('to', '结束须晚于开始，且跨度不超过 7 天', 'to must be after from, at most 7 days later'),
    ]);
  let regionPath: string | undefined;
  if (filter.regionId) {
    const r = await repo.regionPath(ctx.db, filter.regionId);
    if (!r) throw invalid([problem('regionId', '区域不存在', 'no such region')]);
    regionPath = r.path;
  }
  const now = ctx.clock.now().toISOString();
  const { rows, people } = await repo.appointmentsBetween(ctx.db, scope, { from, to, regionPath }, limit);
  return rows.map((r) => ({
    ...present(r, r.arrived_at, now),
    orderNumber: r.number,
    orderState: r.order_state,
    ownerId: r.owner_id,
    engineers: people
      .filter((p) => p.order_id === r.order_id)
      .map((p) => ({ personId: p.person_id, name: p.display_name, role: p.role })),
  }));
}
