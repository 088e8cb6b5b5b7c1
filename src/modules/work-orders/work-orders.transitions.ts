/**
 * The state machine with its pluggable guards, and severity changes (WO-2).
 * Each change: load (scoped, locked) → pure rules → writes + recordHistory, in one transaction.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, type FieldProblem, invalid } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { type Actor, can, type HistoryActor } from '../access/policy.ts';
import { isPerson, personIdOf, principalLabel } from '../access/principal.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { cancelProblemsFor } from './ownership.rules.ts';
import { assertMayAct, loadForChange, type WorkOrderRow } from './work-orders.common.ts';
import { emit, guards } from './work-orders.events.ts';
import * as repo from './work-orders.repository.ts';
import {
  type Severity,
  type State,
  severityChangeProblems,
  transitionKind,
  transitionProblems,
} from './work-orders.rules.ts';

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
    const from = order.state;
    const reason = opts.reason?.trim() || null;
    const problems = transitionProblems(from, to, { reason, severity: order.severity });
    if (problems.length) throw new AppError(409, 'illegal_transition', {}, problems);
    if (to === 'cancelled' && isPerson(actor)) {
      const refused = cancelProblemsFor(actor.roles, order.severity);
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
          const me = personIdOf(actor);
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
        patch.cancelled_by = personIdOf(actor);
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
      actor_id: personIdOf(actor),
      actor_label: principalLabel(actor),
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
    const from = order.severity;
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
