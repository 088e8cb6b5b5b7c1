/**
 * Work orders: intake (WO-1, WO-2), the state machine with pluggable guards, ownership and
 * handover (WO-3, WO-4, SL-4), customer notices, follow-ups (WO-10) and scope reviews (WO-13).
 * Each change: load (scoped, locked) → pure rules → writes + recordHistory, in one transaction.
 */
import { createHash } from 'node:crypto';
import { type AppContext, inTransaction } from '../../app/context.ts';
import { classifyDbError } from '../../db/dialect.ts';
import { AppError, type FieldProblem, forbidden, invalid, notFound, problem } from '../../shared/errors.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import { newId } from '../../shared/ids.ts';
import { actorFor } from '../access/access.service.ts';
import { type Actor, can, regionInScope, type Scope } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { diffRecords } from '../history/history.rules.ts';
import { type HistoryActor, recordHistory } from '../history/history.service.ts';
import { registerDeactivationGuard } from '../people/people.service.ts';
import { expiredContractReason, occurredAtProblem } from './intake.rules.ts';
import { localDate } from './local-time.ts';
import { cancelProblems, ownedOrdersProblem, receiverScopeProblem } from './ownership.rules.ts';
import { isCoordinator, mayActOn } from './work-orders.policy.ts';
import * as repo from './work-orders.repository.ts';
import {
  effectiveSeverity,
  handoverProblems,
  type IntakeFacts,
  impactsOf,
  intakeProblems,
  orderNumber,
  type Severity,
  type State,
  severityChangeProblems,
  stateLabels,
  transitionKind,
  transitionProblems,
} from './work-orders.rules.ts';
import type { CustomerNoticeTable, WorkOrderTable } from './work-orders.tables.ts';

export type WorkOrderRow = WorkOrderTable;

// ---------------------------------------------------------------------------------------------
// Extension points for other capabilities (deadlines, on-site work, close).

/** Extra conditions on entering a state; returns the problems that block it (empty = allowed). */
export type TransitionGuard = (
  tx: AppContext,
  order: WorkOrderRow,
  info: { from: State; to: State; actor: HistoryActor; reason: string | null },
) => Promise<FieldProblem[]>;

const guards = new Map<State, TransitionGuard[]>();

/** Lets another module add a condition to entering `to` (e.g. "no sign-off yet" before closed). */
export function registerTransitionGuard(to: State, guard: TransitionGuard): void {
  const list = guards.get(to) ?? [];
  list.push(guard);
  guards.set(to, list);
}

/** Something that happened to an order, delivered inside the change's transaction. */
export type WorkOrderEvent =
  | { kind: 'created'; order: WorkOrderRow }
  | {
      kind: 'transitioned';
      order: WorkOrderRow;
      from: State;
      to: State;
      transition: 'advance' | 'cancel' | 'reopen';
    }
  | { kind: 'severity_changed'; order: WorkOrderRow; from: Severity; to: Severity }
  | { kind: 'owner_changed'; order: WorkOrderRow; from: string; to: string };

/** A reaction to work-order events, run in the same transaction (so it commits or fails with the change). */
export type WorkOrderListener = (tx: AppContext, actor: HistoryActor, event: WorkOrderEvent) => Promise<void>;

const listeners: WorkOrderListener[] = [];

/** Lets another module react to order events (SL-1 deadlines, SL-3 critical notices …). */
export function onWorkOrderEvent(listener: WorkOrderListener): void {
  listeners.push(listener);
}

/** Built-in conditions: an owner of open orders stays active (WO-4); a dispatched order has a lead engineer (DP-1); an agreed appointment exists (WO-5). Called from the capability's `register`. */
export function registerBuiltInGuards(): void {
  // WO-4: open orders never fall between two people, so their owner stays active until they are handed over.
  registerDeactivationGuard(async (tx, personId) => {
    const p = ownedOrdersProblem((await repo.openOrdersOwnedBy(tx.db, personId)).map((o) => o.number));
    return p ? [p] : [];
  });
  registerTransitionGuard('dispatched', async (tx, order) => {
    const lead = (await repo.activeAssignments(tx.db, order.id)).find((a) => a.role === 'lead');
    return lead
      ? []
      : [
          problem(
            'leadEngineerId',
            '派工前必须指定主责工程师',
            'a lead engineer must be assigned before dispatch',
          ),
        ];
  });
  registerTransitionGuard('appointment_agreed', async (tx, order) => {
    const confirmed = await repo.confirmedAppointment(tx.db, order.id);
    return confirmed
      ? []
      : [
          problem(
            'appointment',
            '客户尚未确认预约时间（WO-5）',
            'the customer has not confirmed an appointment yet (WO-5)',
          ),
        ];
  });
}

async function emit(tx: AppContext, actor: HistoryActor, event: WorkOrderEvent): Promise<void> {
  for (const l of listeners) await l(tx, actor, event);
}

// ---------------------------------------------------------------------------------------------

function actorId(actor: HistoryActor): string | null {
  return 'personId' in actor ? actor.personId : null;
}

function actorLabel(actor: HistoryActor): string {
  return 'personId' in actor ? `${actor.displayName} (${actor.username})` : `system:${actor.system}`;
}

/** An order the actor may see, or 404. */
export async function getOrder(ctx: AppContext, scope: Scope, id: string): Promise<WorkOrderRow> {
  const row = await repo.findVisibleOrder(ctx.db, scope, id);
  if (!row) throw notFound('work_order');
  return row as WorkOrderRow;
}

/** Loads and locks an order inside a transaction, checking the actor's scope (404 outside it). */
export async function loadForChange(tx: AppContext, actor: HistoryActor, id: string): Promise<WorkOrderRow> {
  if ('personId' in actor) await getOrder(tx, actor.scope, id);
  const row = await repo.lockOrder(tx.db, tx.kit, id);
  if (!row) throw notFound('work_order');
  return row;
}

/** Ids of people currently assigned to the order (lead, helpers, support). */
export async function assigneeIds(ctx: AppContext, orderId: string): Promise<string[]> {
  return (await repo.activeAssignments(ctx.db, orderId)).map((a) => a.person_id);
}

/** Refuses (403 with a reason) an engineer acting on an order that is neither theirs nor assigned to them. */
export async function assertMayAct(tx: AppContext, actor: HistoryActor, order: WorkOrderRow): Promise<void> {
  if (!('personId' in actor)) return;
  if (!mayActOn(actor, order, await assigneeIds(tx, order.id))) throw new AppError(403, 'not_yours');
}

// ---------------------------------------------------------------------------------------------
// Intake

/** Intake input: 5W1H plus impacts and an optional external reference. */
export interface IntakeInput extends IntakeFacts {
  externalRef?: string | null | undefined;
  contactEmail?: string | null | undefined;
}

/** Resolves ids and derives region, customer and product from the site and equipment. */
async function resolveIntake(
  tx: AppContext,
  input: IntakeInput,
): Promise<{
  customerId: string | null;
  siteId: string | null;
  regionId: string;
  equipmentId: string | null;
  product: string | null;
  address: string | null;
}> {
  const problems: FieldProblem[] = [];
  let customerId = input.customerId || null;
  let regionId = input.regionId || null;
  let address = input.address || null;
  let product = input.product || null;
  const siteId = input.siteId || null;
  const equipmentId = input.equipmentId || null;
  if (customerId && !(await repo.findCustomer(tx.db, customerId))) {
    problems.push(problem('customerId', '客户不存在', 'no such customer'));
  }
  if (siteId) {
    const site = await repo.findSite(tx.db, siteId);
    if (!site) problems.push(problem('siteId', '站点不存在', 'no such site'));
    else {
      regionId = site.region_id;
      address = address ?? site.address;
      if (customerId && site.customer_id !== customerId) {
        problems.push(problem('siteId', '站点不属于该客户', 'the site does not belong to the customer'));
      }
      customerId = customerId ?? site.customer_id;
    }
  } else if (regionId && !(await repo.findRegion(tx.db, regionId))) {
    problems.push(problem('regionId', '区域不存在', 'no such region'));
  }
  if (equipmentId) {
    const eq = await repo.findEquipment(tx.db, equipmentId);
    if (!eq) problems.push(problem('equipmentId', '设备不存在', 'no such equipment'));
    else {
      if (siteId && eq.site_id !== siteId) {
        problems.push(problem('equipmentId', '设备不在该站点', 'the equipment is not at that site'));
      }
      product = eq.product;
    }
  }
  if (problems.length) throw invalid(problems);
  if (!regionId) throw invalid([problem('regionId', '无法确定所属区域', 'the region cannot be determined')]);
  return { customerId, siteId, regionId, equipmentId, product, address };
}

/**
 * WO-1/WO-2: takes a new order. Missing essentials are refused naming each field; the impact
 * flags force critical; the receiver (the caller) owns it from the start (WO-3).
 */
export async function createOrder(
  ctx: AppContext,
  actor: HistoryActor,
  input: IntakeInput,
): Promise<WorkOrderRow> {
  const problems = intakeProblems(input);
  const future = occurredAtProblem(input.occurredAt, ctx.clock.now());
  if (future) problems.push(future);
  if (problems.length) throw new AppError(422, 'intake_incomplete', {}, problems);
  const ownerId = actorId(actor);
  if (!ownerId) throw new Error('an order needs a person as its receiver');
  return inTransaction(ctx, async (tx) => {
    const resolved = await resolveIntake(tx, input);
    if ('personId' in actor && actor.scope.kind !== 'all') {
      // A partner's people take orders only where their partner works; elsewhere the site is unknown to them.
      const region = await repo.findRegion(tx.db, resolved.regionId);
      if (!region || !regionInScope(actor.scope, region.path)) {
        throw invalid([
          resolved.siteId
            ? problem('siteId', '站点不存在', 'no such site')
            : problem('regionId', '区域不存在', 'no such region'),
        ]);
      }
    }
    if (input.externalRef) {
      const existing = await repo.findByExternalRef(tx.db, input.channel!, input.externalRef);
      if (existing) {
        // Name the existing order only to someone who may see it: another partner's order
        // number is not to be learned by reusing its external reference.
        const visible =
          !('personId' in actor) || (await repo.findVisibleOrder(tx.db, actor.scope, existing.id));
        throw new AppError(409, 'duplicate', {
          field: 'externalRef',
          value: visible ? `${input.externalRef} (${existing.number})` : input.externalRef,
        });
      }
    }
    const now = tx.clock.now().toISOString();
    const id = newId(tx.clock.now().getTime());
    const impacts = impactsOf(input.impacts);
    const reported = input.severity ?? 'minor';
    // Taken last before the insert so the day's counter row is held as briefly as possible.
    const day = localDate(now, tx.config.defaultTimeZone);
    const row: WorkOrderRow = {
      id,
      number: orderNumber(day, await repo.nextOrderSequence(tx.db, day)),
      type: input.type!,
      channel: input.channel!,
      severity: effectiveSeverity(reported, impacts),
      reported_severity: reported,
      state: 'received',
      cancelled_from: null,
      customer_id: resolved.customerId,
      customer_name: input.customerName || null,
      contact_name: input.contactName!.trim(),
      contact_phone: input.contactPhone!.trim(),
      contact_email: input.contactEmail || null,
      site_id: resolved.siteId,
      address: resolved.address,
      region_id: resolved.regionId,
      equipment_id: resolved.equipmentId,
      product: resolved.product,
      occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : null,
      symptom: input.symptom!.trim(),
      alarms: input.alarms || null,
      suspected_cause: input.suspectedCause || null,
      found_how: input.foundHow || null,
      impact_interruption: impacts.serviceInterruption ? 1 : 0,
      impact_kpi: impacts.kpiDegradation ? 1 : 0,
      impact_billing: impacts.billing ? 1 : 0,
      owner_id: ownerId,
      created_by: ownerId,
      partner_id: null,
      external_ref: input.externalRef || null,
      repeat_count: 0,
      received_at: now,
      accepted_at: null,
      arrived_at: null,
      restored_at: null,
      resolved_at: null,
      closed_at: null,
      cancelled_at: null,
      cancel_reason: null,
      cancelled_by: null,
      state_changed_at: now,
      created_at: now,
      updated_at: now,
    };
    await repo.insertOrder(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: id,
      action: 'create',
      changes: diffRecords(null, row),
      reason:
        row.severity !== reported
          ? `severity forced to critical by impact flags (WO-2); reporter chose ${reported}`
          : null,
    });
    await reviewExpiredContract(tx, actor, row, day);
    await emit(tx, actor, { kind: 'created', order: row });
    return row;
  });
}

function requestHash(input: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/**
 * Webhook intake: the same Idempotency-Key from the same caller returns the order made the first
 * time (`replayed: true`), even across processes (the key row has a primary key and commits with
 * the order). The same key with a different body is refused.
 */
export async function createOrderIdempotent(
  ctx: AppContext,
  actor: Actor,
  key: string,
  input: IntakeInput,
): Promise<{ order: WorkOrderRow; replayed: boolean }> {
  const hash = requestHash(input);
  const replay = async (): Promise<{ order: WorkOrderRow; replayed: boolean } | null> => {
    const existing = await repo.findIdempotencyKey(ctx.db, actor.personId, key);
    if (!existing) return null;
    if (existing.request_hash !== hash) {
      throw new AppError(422, 'idempotency_key_reused', {}, [
        problem('Idempotency-Key', '该键已用于另一份内容', 'was already used for a different body'),
      ]);
    }
    const order = await repo.findOrder(ctx.db, existing.order_id);
    if (!order) throw notFound('work_order');
    return { order, replayed: true };
  };
  const first = await replay();
  if (first) return first;
  try {
    const order = await inTransaction(ctx, async (tx) => {
      const created = await createOrder(tx, actor, input);
      await repo.insertIdempotencyKey(tx.db, {
        person_id: actor.personId,
        key,
        request_hash: hash,
        order_id: created.id,
        created_at: tx.clock.now().toISOString(),
      });
      return created;
    });
    return { order, replayed: false };
  } catch (err) {
    // A concurrent delivery with the same key won the race (its key or its external reference
    // committed first): answer with its order.
    if (classifyDbError(err)?.kind === 'unique' || (err instanceof AppError && err.code === 'duplicate')) {
      const again = await replay();
      if (again) return again;
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// State machine

/** Options of a transition. */
export interface TransitionOptions {
  reason?: string | null | undefined;
  /** Skip the "engineers act on their own orders" check (used by coordinators' automated steps). */
  skipActorCheck?: boolean;
}

/**
 * Moves an order to `to`: pure rules first (legal move, reason for cancel/reopen), then every
 * registered guard, then the write, the transition record, history and listeners — one transaction.
 * Other modules call this for their steps (check-in, sign-off, close).
 */
export async function transition(
  ctx: AppContext,
  actor: HistoryActor,
  orderId: string,
  to: State,
  opts: TransitionOptions = {},
): Promise<WorkOrderRow> {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    if (!opts.skipActorCheck) await assertMayAct(tx, actor, order);
    const from = order.state as State;
    const reason = opts.reason?.trim() || null;
    const problems = transitionProblems(from, to, { reason, severity: order.severity as Severity });
    if (problems.length) throw new AppError(409, 'illegal_transition', {}, problems);
    if (to === 'cancelled' && 'personId' in actor) {
      const refused = cancelProblems(order.severity as Severity, {
        dispatcherOrAbove: actor.roles.some((r) => r === 'dispatcher' || MANAGER_ROLES.includes(r)),
        manager: actor.roles.some((r) => MANAGER_ROLES.includes(r)),
      });
      if (refused.length) throw new AppError(403, 'cancel_not_allowed', {}, refused);
    }
    const guardProblems: FieldProblem[] = [];
    for (const g of guards.get(to) ?? [])
      guardProblems.push(...(await g(tx, order, { from, to, actor, reason })));
    if (guardProblems.length) throw new AppError(409, 'illegal_transition', {}, guardProblems);
    const kind = transitionKind(from, to);
    const now = tx.clock.now().toISOString();
    const patch: Partial<WorkOrderRow> = { state: to, state_changed_at: now, updated_at: now };
    switch (to) {
      case 'accepted':
        if (kind === 'reopen') {
          patch.repeat_count = order.repeat_count + 1;
          patch.resolved_at = null;
          patch.closed_at = null;
        } else if (!order.accepted_at) {
          patch.accepted_at = now;
          // WO-3: the person who accepts the order owns it until it is closed.
          const me = actorId(actor);
          if (me && me !== order.owner_id) patch.owner_id = me;
        }
        break;
      case 'on_site':
        if (!order.arrived_at) patch.arrived_at = now;
        break;
      case 'service_restored':
        patch.restored_at = now;
        break;
      case 'resolved':
        patch.resolved_at = now;
        if (!order.restored_at) patch.restored_at = now;
        break;
      case 'closed':
        patch.closed_at = now;
        break;
      case 'cancelled':
        patch.cancelled_at = now;
        patch.cancel_reason = reason;
        patch.cancelled_by = actorId(actor);
        patch.cancelled_from = from;
        break;
      case 'received':
      case 'dispatched':
      case 'appointment_agreed':
      case 'en_route':
      case 'signed_off':
        break;
      default: {
        const never: never = to;
        throw new Error(`unhandled state ${String(never)}`);
      }
    }
    await repo.updateOrder(tx.db, order.id, patch);
    await repo.insertTransition(tx.db, {
      id: newId(),
      order_id: order.id,
      from_state: from,
      to_state: to,
      kind,
      at: now,
      actor_id: actorId(actor),
      actor_label: actorLabel(actor),
      reason,
    });
    const after = { ...order, ...patch } as WorkOrderRow;
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: kind === 'advance' ? `state:${to}` : kind,
      changes: diffRecords(order, after, ['updated_at', 'created_at', 'state_changed_at']),
      reason,
    });
    if (patch.owner_id && patch.owner_id !== order.owner_id) {
      await emit(tx, actor, {
        kind: 'owner_changed',
        order: after,
        from: order.owner_id,
        to: patch.owner_id,
      });
    }
    await emit(tx, actor, { kind: 'transitioned', order: after, from, to, transition: kind });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Severity

/** WO-2: changes severity. Raising is free; lowering needs a reason and a permitted role; history keeps both. */
export async function changeSeverity(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  to: Severity,
  reason: string | null | undefined,
): Promise<WorkOrderRow> {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    await assertMayAct(tx, actor, order);
    const from = order.severity as Severity;
    if (from === to) return order;
    const problems = severityChangeProblems(from, to, {
      reason,
      mayDowngrade: can(actor, 'work_orders.downgrade'),
    });
    if (problems.length) throw invalid(problems);
    const now = tx.clock.now().toISOString();
    await repo.updateOrder(tx.db, order.id, { severity: to, updated_at: now });
    const after = { ...order, severity: to, updated_at: now };
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'severity',
      changes: { severity: [from, to] },
      reason: reason?.trim() || null,
    });
    await emit(tx, actor, { kind: 'severity_changed', order: after, from, to });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Customer notices

/**
 * The check a customer-facing text passes before it leaves (CW-1). The wording capability sets
 * it at registration; it throws to refuse a text, or records a supervisor's override.
 */
export type CustomerTextGuard = (
  tx: AppContext,
  actor: HistoryActor,
  order: Pick<WorkOrderRow, 'id'>,
  texts: Array<{ field: string; text: string }>,
  override: { reason: string } | null | undefined,
) => Promise<unknown>;
let customerTextGuard: CustomerTextGuard | null = null;

/** Sets the check every customer notice passes (the wording capability calls it once). */
export function setCustomerTextGuard(guard: CustomerTextGuard): void {
  customerTextGuard = guard;
}

/** Renders a standard customer text from its template (CW-3); the templates capability sets it. */
export type NoticeRenderer = (
  tx: AppContext,
  code: string,
  values: Record<string, string>,
) => Promise<Bilingual>;
let noticeRenderer: NoticeRenderer | null = null;

/** Sets how standard notices are rendered (the templates capability calls it once). */
export function setNoticeRenderer(renderer: NoticeRenderer): void {
  noticeRenderer = renderer;
}

/** The text of a standard notice from its template; a missing value or template is refused. */
export function renderNotice(
  tx: AppContext,
  code: string,
  values: Record<string, string>,
): Promise<Bilingual> {
  if (!noticeRenderer) throw new Error('standard notices need the templates capability');
  return noticeRenderer(tx, code, values);
}

/** A notice to the customer contact about their order (WO-4, WO-5, WO-13; H6 uses it for WO-11 updates). */
export async function recordCustomerNotice(
  tx: AppContext,
  actor: HistoryActor,
  order: Pick<WorkOrderRow, 'id' | 'contact_name' | 'contact_phone'>,
  notice: {
    kind: string;
    body: Bilingual;
    channel?: string;
    /** The request field the person's words came from, named when the wording check refuses them. */
    field?: string;
    /** The field of the English text, when the person wrote it separately. */
    fieldEn?: string;
    /** A supervisor sends a text that failed the wording check anyway (recorded with its reason). */
    wordingOverride?: { reason: string } | null;
  },
): Promise<CustomerNoticeTable> {
  if (customerTextGuard) {
    const field = notice.field ?? 'message';
    const texts = [{ field, text: notice.body['zh-CN'] }];
    if (notice.body.en !== notice.body['zh-CN'])
      texts.push({ field: notice.fieldEn ?? field, text: notice.body.en });
    await customerTextGuard(tx, actor, order, texts, notice.wordingOverride);
  }
  const row: CustomerNoticeTable = {
    id: newId(),
    order_id: order.id,
    kind: notice.kind,
    recipient_name: order.contact_name,
    recipient_phone: order.contact_phone,
    channel: notice.channel ?? 'phone',
    body_zh: notice.body['zh-CN'],
    body_en: notice.body.en,
    created_by: actorId(actor),
    created_at: tx.clock.now().toISOString(),
  };
  await repo.insertNotice(tx.db, row);
  await recordHistory(tx, actor, {
    entityType: 'work_order',
    entityId: order.id,
    action: 'customer_notice',
    changes: {
      notice: [null, { kind: row.kind, channel: row.channel, to: row.recipient_name, text: row.body_zh }],
    },
  });
  return row;
}

/** Notices sent to the customer about one order. */
export function noticesOf(ctx: AppContext, orderId: string) {
  return repo.noticesOf(ctx.db, orderId);
}

// ---------------------------------------------------------------------------------------------
// Ownership: handover (WO-4) and forwarding (WO-3)

/** A person the actor may name: a partner's people see only their own partner's people. */
async function visiblePerson(tx: AppContext, actor: Actor, personId: string) {
  const person = await repo.findPersonBrief(tx.db, personId);
  if (person && actor.scope.kind === 'partner' && person.partner_id !== actor.scope.partnerId)
    return undefined;
  return person;
}

const OWNER_ROLES = [
  'call_center',
  'dispatcher',
  'engineer',
  'area_service_manager',
  'project_manager',
  'office_manager',
  'department_chief',
  'engineering_manager',
  'after_sales_director',
];

/**
 * WO-4: why the person could not see the order once they owned it (a partner that does not
 * cover its region, or the order is another partner's), or null. Checked when the handover is
 * asked and again when it is accepted, as coverage may change in between.
 */
async function receiverCannotSee(
  tx: AppContext,
  personId: string,
  order: WorkOrderRow,
): Promise<FieldProblem | null> {
  const receiver = await actorFor(tx, personId, 'session');
  const region = await repo.findRegion(tx.db, order.region_id);
  if (!receiver || !region)
    return problem('toPersonId', '接收人不能承担工单责任', 'the receiver cannot own work orders');
  return receiverScopeProblem(receiver.scope, { partnerId: order.partner_id, regionPath: region.path });
}

/** WO-4: asks another person to take over an order; the owner stays until they accept. */
export async function requestHandover(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { toPersonId: string; reason: string },
) {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    const to = await visiblePerson(tx, actor, input.toPersonId);
    if (!to) throw invalid([problem('toPersonId', '接收人不存在', 'no such person')]);
    const roles = await repo.rolesOf(tx.db, to.id);
    const pending = await repo.pendingHandover(tx.db, order.id);
    const problems = handoverProblems({
      ownerId: order.owner_id,
      toPersonId: to.id,
      toActive: to.active === 1,
      toMayOwn: roles.some((r) => OWNER_ROLES.includes(r)) && to.customer_id === null,
      requestedByOwnerOrCoordinator: order.owner_id === actor.personId || isCoordinator(actor),
      pendingExists: pending !== undefined,
      state: order.state as State,
    });
    const scopeProblem = await receiverCannotSee(tx, to.id, order);
    if (scopeProblem) problems.push(scopeProblem);
    if (problems.length) throw invalid(problems);
    const row = {
      id: newId(),
      order_id: order.id,
      from_person_id: order.owner_id,
      to_person_id: to.id,
      reason: input.reason,
      state: 'pending',
      requested_by: actor.personId,
      requested_at: tx.clock.now().toISOString(),
      decided_at: null,
      decision_note: null,
      pending: 1,
    };
    await repo.insertHandover(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'handover_requested',
      changes: { handover: [null, { id: row.id, from: row.from_person_id, to: row.to_person_id }] },
      reason: input.reason,
    });
    return row;
  });
}

/** WO-4: the receiver accepts (owner changes, the customer contact is told) or declines (nothing changes). */
export async function decideHandover(
  ctx: AppContext,
  actor: Actor,
  handoverId: string,
  decision: 'accept' | 'decline',
  note: string | null | undefined,
) {
  return inTransaction(ctx, async (tx) => {
    // Lock the order first, then read the handover: two decisions on one handover queue here.
    const seen = await repo.findHandover(tx.db, handoverId);
    if (!seen || seen.to_person_id !== actor.personId) {
      // Only the receiver decides; to anyone else the handover does not exist.
      throw notFound('handover');
    }
    const order = await repo.lockOrder(tx.db, tx.kit, seen.order_id);
    if (!order) throw notFound('work_order');
    const h = (await repo.findHandover(tx.db, handoverId))!;
    if (h.state !== 'pending') {
      throw invalid([problem('handoverId', '该移交已处理', 'the handover was already decided')]);
    }
    const now = tx.clock.now().toISOString();
    if (decision === 'decline' && !note?.trim()) {
      throw invalid([problem('note', '拒绝移交必须说明原因', 'declining a handover needs a reason')]);
    }
    if (decision === 'accept') {
      if (order.owner_id !== h.from_person_id) {
        throw invalid([
          problem(
            'handoverId',
            '责任人已变更，该移交已失效',
            'the owner changed since; this handover is void',
          ),
        ]);
      }
      const scopeProblem = await receiverCannotSee(tx, actor.personId, order);
      if (scopeProblem) throw invalid([{ ...scopeProblem, field: 'handoverId' }]);
    }
    // WO-4 answers with what was stored, decision time and note included.
    const decided = {
      ...h,
      state: decision === 'accept' ? 'accepted' : 'declined',
      decided_at: now,
      decision_note: note?.trim() || null,
      pending: null,
    };
    await repo.updateHandover(tx.db, h.id, {
      state: decided.state,
      decided_at: decided.decided_at,
      decision_note: decided.decision_note,
      pending: null,
    });
    if (decision === 'decline') {
      await recordHistory(tx, actor, {
        entityType: 'work_order',
        entityId: order.id,
        action: 'handover_declined',
        changes: { handover: [h.id, 'declined'] },
        reason: note ?? null,
      });
      return decided;
    }
    await repo.updateOrder(tx.db, order.id, { owner_id: actor.personId, updated_at: now });
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'owner_changed',
      changes: { owner_id: [order.owner_id, actor.personId] },
      reason: h.reason,
    });
    const newOwner = await repo.findPersonBrief(tx.db, actor.personId);
    await recordCustomerNotice(tx, actor, order, {
      kind: 'handover',
      body: {
        'zh-CN': `您好，您的工单 ${order.number} 自即日起由 ${newOwner?.display_name ?? actor.displayName} 负责跟进${newOwner?.phone ? `，联系电话 ${newOwner.phone}` : ''}。如有任何问题，您可以随时与其联系。`,
        en: `Your work order ${order.number} is now followed by ${newOwner?.display_name ?? actor.displayName}${newOwner?.phone ? ` (phone ${newOwner.phone})` : ''}. You can contact them at any time.`,
      },
    });
    await emit(tx, actor, {
      kind: 'owner_changed',
      order: { ...order, owner_id: actor.personId },
      from: order.owner_id,
      to: actor.personId,
    });
    return decided;
  });
}

/** WO-3: the owner brings someone in (another product's expert, R&D) without giving the order away. */
export async function forwardOrder(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { toPersonId: string; note: string },
) {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    await assertMayAct(tx, actor, order);
    if (order.state === 'closed' || order.state === 'cancelled') {
      throw invalid([problem('orderId', '已结束的工单不能转派', 'a finished order cannot be forwarded')]);
    }
    const to = await visiblePerson(tx, actor, input.toPersonId);
    if (to?.active !== 1 || to.customer_id) {
      throw invalid([problem('toPersonId', '接收人不存在或不可用', 'no such active person')]);
    }
    const row = {
      id: newId(),
      order_id: order.id,
      person_id: to.id,
      role: 'support',
      assigned_at: tx.clock.now().toISOString(),
      assigned_by: actor.personId,
      released_at: null,
      override_reason: null,
      override_by: null,
      note: input.note,
    };
    await repo.insertAssignment(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'forwarded',
      changes: { support: [null, to.id] },
      reason: input.note,
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Follow-up (WO-10)

/**
 * WO-10: opens the follow-up of a closed order, due when its follow-up deadline clock is due
 * (the deadlines capability starts that clock from when the engineer left the site and calls
 * this with its due time, so the record and the clock agree). Runs in the closing transaction.
 */
export async function openFollowUp(tx: AppContext, actor: HistoryActor, order: WorkOrderRow, dueAt: string) {
  const closedAt = order.closed_at ?? tx.clock.now().toISOString();
  const row = {
    id: newId(),
    order_id: order.id,
    due_at: dueAt,
    state: 'open',
    outcome: null,
    notes: null,
    revisit_needed: 0,
    recorded_by: null,
    recorded_at: null,
    created_at: closedAt,
  };
  await repo.insertFollowUp(tx.db, row);
  await recordHistory(tx, actor, {
    entityType: 'follow_up',
    entityId: row.id,
    action: 'create',
    changes: diffRecords(null, row),
  });
}

/** WO-10: records how the equipment runs; a problem reopens the order (counted as a repeat). */
export async function recordFollowUp(
  ctx: AppContext,
  actor: Actor,
  followUpId: string,
  input: { outcome: 'running_normally' | 'problem'; notes: string; revisitNeeded?: boolean | undefined },
) {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'follow_ups', followUpId);
    const f = await repo.findFollowUp(tx.db, followUpId);
    if (!f) throw notFound('follow_up');
    await getOrder(tx, actor.scope, f.order_id);
    if (f.state !== 'open') {
      throw invalid([problem('followUpId', '该回访已记录结果', 'this follow-up already has its outcome')]);
    }
    const now = tx.clock.now().toISOString();
    const after = {
      ...f,
      state: 'done',
      outcome: input.outcome,
      notes: input.notes,
      revisit_needed: input.revisitNeeded ? 1 : 0,
      recorded_by: actor.personId,
      recorded_at: now,
    };
    await repo.updateFollowUp(tx.db, f.id, after);
    await recordHistory(tx, actor, {
      entityType: 'follow_up',
      entityId: f.id,
      action: 'outcome',
      changes: diffRecords(f, after),
    });
    let reopened: WorkOrderRow | null = null;
    if (input.outcome === 'problem') {
      reopened = await transition(tx, actor, f.order_id, 'accepted', {
        reason: `回访发现问题 / follow-up found a problem: ${input.notes}`,
        skipActorCheck: true,
      });
    }
    return { followUp: after, reopened };
  });
}

/** Follow-ups in the actor's scope; `overdue` lists open ones past their due time. */
export function listFollowUps(
  ctx: AppContext,
  scope: Scope,
  filter: { state?: string | undefined; overdue?: boolean | undefined },
  page: { limit: number; offset: number },
) {
  return repo.listFollowUps(
    ctx.db,
    scope,
    { state: filter.state, overdueAt: filter.overdue ? ctx.clock.now().toISOString() : undefined },
    page,
  );
}

// ---------------------------------------------------------------------------------------------
// Outside scope / expired contract (WO-13)

/**
 * WO-13: an order on equipment under an expired maintenance contract is taken, and a scope
 * review is raised with it at once (the intake answer and the order show it) for a manager to
 * decide — never a silent acceptance, never a refusal for paperwork.
 */
async function reviewExpiredContract(tx: AppContext, actor: HistoryActor, order: WorkOrderRow, day: string) {
  if (!order.equipment_id) return;
  const eq = await repo.findEquipment(tx.db, order.equipment_id);
  const reason = expiredContractReason(eq?.contract_ends_on ?? null, day);
  if (!reason) return;
  const row = {
    id: newId(),
    order_id: order.id,
    kind: 'contract_expired',
    reason,
    raised_by: null,
    raised_at: tx.clock.now().toISOString(),
    decision: null,
    way_forward: null,
    decided_by: null,
    decided_at: null,
  };
  await repo.insertScopeReview(tx.db, row);
  await recordHistory(tx, actor, {
    entityType: 'work_order',
    entityId: order.id,
    action: 'scope_review_raised',
    changes: { scopeReview: [null, { id: row.id, kind: row.kind }] },
    reason,
  });
}

/** WO-13: records that a request may be outside scope (or under an expired contract); a manager decides. */
export async function raiseScopeReview(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { kind: 'outside_scope' | 'contract_expired'; reason: string },
) {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    await assertMayAct(tx, actor, order);
    const row = {
      id: newId(),
      order_id: order.id,
      kind: input.kind,
      reason: input.reason,
      raised_by: actor.personId,
      raised_at: tx.clock.now().toISOString(),
      decision: null,
      way_forward: null,
      decided_by: null,
      decided_at: null,
    };
    await repo.insertScopeReview(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'scope_review_raised',
      changes: { scopeReview: [null, { id: row.id, kind: row.kind }] },
      reason: input.reason,
    });
    return row;
  });
}

/**
 * WO-13: a manager decides; either way the customer is told the reason and the way forward.
 * A decline cancels the order with that reason — never a silent refusal.
 */
export async function decideScopeReview(
  ctx: AppContext,
  actor: Actor,
  reviewId: string,
  input: { decision: 'accept' | 'decline'; wayForward: string },
) {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'scope_reviews', reviewId);
    const review = await repo.findScopeReview(tx.db, reviewId);
    if (!review) throw notFound('scope_review');
    const order = await loadForChange(tx, actor, review.order_id);
    if (review.decision)
      throw invalid([problem('reviewId', '该事项已有决定', 'this review was already decided')]);
    const now = tx.clock.now().toISOString();
    const after = {
      ...review,
      decision: input.decision,
      way_forward: input.wayForward,
      decided_by: actor.personId,
      decided_at: now,
    };
    await repo.updateScopeReview(tx.db, review.id, after);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'scope_review_decided',
      changes: { scopeReview: [review.id, input.decision] },
      reason: input.wayForward,
    });
    const reasonZh = review.kind === 'contract_expired' ? '维保合同已到期' : '该请求超出服务范围';
    const reasonEn =
      review.kind === 'contract_expired'
        ? 'the maintenance contract has expired'
        : 'the request is outside the service scope';
    await recordCustomerNotice(tx, actor, order, {
      kind: 'outside_scope',
      body:
        input.decision === 'accept'
          ? {
              'zh-CN': `您好，关于工单 ${order.number}：虽然${reasonZh}（${review.reason}），经理已决定继续为您处理。后续安排：${input.wayForward}`,
              en: `About work order ${order.number}: although ${reasonEn} (${review.reason}), a manager decided to continue. Next: ${input.wayForward}`,
            }
          : {
              'zh-CN': `您好，关于工单 ${order.number}：由于${reasonZh}（${review.reason}），我们暂时无法按原方式处理。您可以：${input.wayForward}`,
              en: `About work order ${order.number}: because ${reasonEn} (${review.reason}), we cannot handle it as requested. You can: ${input.wayForward}`,
            },
    });
    if (input.decision === 'decline' && order.state !== 'closed' && order.state !== 'cancelled') {
      await transition(tx, actor, order.id, 'cancelled', {
        reason: `${reasonZh} / ${reasonEn}: ${review.reason}`,
        skipActorCheck: true,
      });
    }
    return after;
  });
}

/** Scope reviews of one order. */
export function scopeReviewsOf(ctx: AppContext, orderId: string) {
  return repo.scopeReviewsOf(ctx.db, orderId);
}

/** A bilingual name for a state, for messages other modules build. */
export function stateName(s: State): Bilingual {
  return stateLabels[s];
}

/** Throws 403 unless the actor may act on the order (re-exported for routes). */
export function requireActor(actor: HistoryActor): asserts actor is Actor {
  if (!('personId' in actor)) throw forbidden();
}
