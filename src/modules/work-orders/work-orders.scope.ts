/**
 * Outside scope and expired contracts (WO-13): raised by anyone, decided by a manager.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, HistoryActor } from '../access/policy.ts';
import { recordHistory } from '../history/history.service.ts';
import { expiredContractReason } from './intake.rules.ts';
import { assertMayAct, loadForChange, type WorkOrderRow } from './work-orders.common.ts';
import { recordCustomerNotice, renderNotice } from './work-orders.notices.ts';
import * as repo from './work-orders.repository.ts';
import { isOpenState } from './work-orders.rules.ts';
import type { ScopeReviewTable } from './work-orders.tables.ts';
import { transition } from './work-orders.transitions.ts';

/**
 * WO-13: an order on equipment under an expired maintenance contract is taken, and a scope
 * review is raised with it at once (the intake answer and the order show it) for a manager to
 * decide — never a silent acceptance, never a refusal for paperwork. `contractEndsOn` is the
 * equipment's contract end as intake already read it (not read again).
 */
export async function reviewExpiredContract(
  tx: AppContext,
  actor: HistoryActor,
  order: WorkOrderRow,
  day: string,
  contractEndsOn: string | null,
) {
  if (!order.equipment_id) return;
  const reason = expiredContractReason(contractEndsOn, day);
  if (!reason) return;
  const row: ScopeReviewTable = {
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
      body: await renderNotice(
        tx,
        `scope.${review.kind === 'contract_expired' ? 'contract_expired' : 'outside'}.${input.decision === 'accept' ? 'accepted' : 'declined'}`,
        { orderNumber: order.number, reason: review.reason, wayForward: input.wayForward },
      ),
    });
    if (input.decision === 'decline' && isOpenState(order.state)) {
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
