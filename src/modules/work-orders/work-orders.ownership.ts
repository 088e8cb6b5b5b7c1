/**
 * Ownership: handover (WO-4, SL-4) and forwarding (WO-3).
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { type FieldProblem, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorFor } from '../access/access.service.ts';
import type { Actor } from '../access/policy.ts';
import { recordHistory } from '../history/history.service.ts';
import { OWNER_ROLES, receiverScopeProblem } from './ownership.rules.ts';
import { assertMayAct, loadForChange, type WorkOrderRow } from './work-orders.common.ts';
import { emit } from './work-orders.events.ts';
import { recordCustomerNotice, renderNotice } from './work-orders.notices.ts';
import { isCoordinator } from './work-orders.policy.ts';
import * as repo from './work-orders.repository.ts';
import { handoverProblems } from './work-orders.rules.ts';

/** A person the actor may name: a partner's people see only their own partner's people. */
async function visiblePerson(tx: AppContext, actor: Actor, personId: string) {
  const person = await repo.findPersonBrief(tx.db, personId);
  if (person && actor.scope.kind === 'partner' && person.partner_id !== actor.scope.partnerId)
    return undefined;
  return person;
}

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
      state: order.state,
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
      state: 'pending' as const,
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
      state: decision === 'accept' ? ('accepted' as const) : ('declined' as const),
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
    const told = { orderNumber: order.number, ownerName: newOwner?.display_name ?? actor.displayName };
    await recordCustomerNotice(tx, actor, order, {
      kind: 'handover',
      body: newOwner?.phone
        ? await renderNotice(tx, 'owner.changed.phone', { ...told, ownerPhone: newOwner.phone })
        : await renderNotice(tx, 'owner.changed', told),
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
      role: 'support' as const,
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
