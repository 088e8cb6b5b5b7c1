/**
 * Intake (WO-1, WO-2): resolving the 5W1H facts, numbering, the first history entry, and the
 * idempotent form used by imports and clients that retry.
 */
import { createHash } from 'node:crypto';
import { type AppContext, inTransaction } from '../../app/context.ts';
import { classifyDbError } from '../../db/dialect.ts';
import { AppError, type FieldProblem, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { isOneOf } from '../../shared/vocabulary.ts';
import { type Actor, type HistoryActor, regionInScope } from '../access/policy.ts';
import { isPerson, isScoped, personIdOf } from '../access/principal.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { occurredAtProblem } from './intake.rules.ts';
import { localDate } from './local-time.ts';
import type { WorkOrderRow } from './work-orders.common.ts';
import { emit } from './work-orders.events.ts';
import { CHANNELS, WORK_ORDER_TYPES } from './work-orders.labels.ts';
import * as repo from './work-orders.repository.ts';
import {
  effectiveSeverity,
  type IntakeFacts,
  impactsOf,
  intakeProblems,
  orderNumber,
} from './work-orders.rules.ts';
import { reviewExpiredContract } from './work-orders.scope.ts';

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
  /** The equipment's contract end, read here once so WO-13 need not read the row again. */
  contractEndsOn: string | null;
}> {
  const problems: FieldProblem[] = [];
  let customerId = input.customerId || null;
  let regionId = input.regionId || null;
  let address = input.address || null;
  let product = input.product || null;
  const siteId = input.siteId || null;
  const equipmentId = input.equipmentId || null;
  let contractEndsOn: string | null = null;
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
      contractEndsOn = eq.contract_ends_on ?? null;
    }
  }
  if (problems.length) throw invalid(problems);
  if (!regionId) throw invalid([problem('regionId', '无法确定所属区域', 'the region cannot be determined')]);
  return { customerId, siteId, regionId, equipmentId, product, address, contractEndsOn };
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
  // intakeProblems has named a missing or unknown type/channel; the guards narrow them for the row.
  const { type, channel } = input;
  if (problems.length || !isOneOf(WORK_ORDER_TYPES, type) || !isOneOf(CHANNELS, channel)) {
    throw new AppError(422, 'intake_incomplete', {}, problems);
  }
  const ownerId = personIdOf(actor);
  if (!ownerId) throw new Error('an order needs a person as its receiver');
  return inTransaction(ctx, async (tx) => {
    const resolved = await resolveIntake(tx, input);
    if (isScoped(actor)) {
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
      const existing = await repo.findByExternalRef(tx.db, channel, input.externalRef);
      if (existing) {
        // Name the existing order only to someone who may see it: another partner's order
        // number is not to be learned by reusing its external reference.
        const visible = !isPerson(actor) || (await repo.findVisibleOrder(tx.db, actor.scope, existing.id));
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
      type,
      channel,
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
    await reviewExpiredContract(tx, actor, row, day, resolved.contractEndsOn);
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
