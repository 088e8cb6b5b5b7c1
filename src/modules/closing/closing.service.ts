/**
 * WO-9 closing: the customer's sign-off (signature and opinion) and the satisfaction rating or
 * a recorded refusal, from staff or through the customer's link. Signing moves a resolved order
 * to signed_off in the same transaction.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor } from '../access/policy.ts';
import { personIdOf } from '../access/principal.ts';
import { recordHistory } from '../history/history.service.ts';
import { refused, requireState, storeSignature } from '../onsite/onsite.service.ts';
import {
  assertMayAct,
  loadForChange,
  transition,
  type WorkOrderRow,
} from '../work-orders/work-orders.service.ts';
import * as repo from './closing.repository.ts';
import type { Via } from './closing.rules.ts';
import type { SatisfactionTable, SignOffTable } from './closing.tables.ts';

// The report (reports module) prints the draft and the engineer's signature: registered in closing.module.ts.
export { draftReport } from './closing.draft.ts';
export { currentEngineerSignature } from './closing.engineer.ts';

/** Where a closing record came from. */
export type { Via };

/** The sign-offs made since the order was last resolved (a reopened order needs a new one). */
export async function currentSignOff(ctx: AppContext, order: WorkOrderRow): Promise<SignOffTable | null> {
  if (!order.resolved_at) return null;
  const resolvedAt = order.resolved_at;
  return (await repo.signOffsOf(ctx.db, order.id)).find((s) => s.signed_at >= resolvedAt) ?? null;
}

/** The rating or refusal recorded since the order was last resolved. */
export async function currentRating(ctx: AppContext, order: WorkOrderRow): Promise<SatisfactionTable | null> {
  if (!order.resolved_at) return null;
  const resolvedAt = order.resolved_at;
  return (await repo.ratingsOf(ctx.db, order.id)).find((r) => r.recorded_at >= resolvedAt) ?? null;
}

async function loadForClosing(tx: AppContext, actor: HistoryActor, orderId: string, via: Via) {
  const order = await loadForChange(tx, actor, orderId);
  if (via === 'staff') await assertMayAct(tx, actor, order);
  return order;
}

/** WO-9: the customer signs off the resolved work: name, signature image and opinion. */
export async function recordSignOff(
  ctx: AppContext,
  actor: HistoryActor,
  orderId: string,
  input: { signerName: string; signaturePngBase64: string; opinion: string },
  via: Via,
): Promise<{ signOff: SignOffTable; order: WorkOrderRow }> {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForClosing(tx, actor, orderId, via);
    requireState(order, ['resolved'], {
      zh: '签字确认（须先解决）',
      en: 'sign off (the work must be resolved first)',
    });
    const sig = await storeSignature(
      tx,
      actor,
      order,
      input.signaturePngBase64,
      'signaturePngBase64',
      'sign-off',
    );
    const row: SignOffTable = {
      id: newId(),
      order_id: order.id,
      signer_name: input.signerName,
      signature_attachment_id: sig.id,
      opinion: input.opinion,
      signed_at: tx.clock.now().toISOString(),
      via,
      recorded_by: personIdOf(actor),
    };
    await repo.insertSignOff(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'close:sign_off',
      changes: {
        signOffId: row.id,
        signerName: row.signer_name,
        opinion: row.opinion,
        via,
        signatureAttachmentId: sig.id,
      },
    });
    const after = await transition(tx, actor, order.id, 'signed_off', { skipActorCheck: true });
    return { signOff: row, order: after };
  });
}

/** WO-9, CS-2: a score of 1–5, or the customer's refusal to rate (kept as such, with its comment). */
export async function recordSatisfaction(
  ctx: AppContext,
  actor: HistoryActor,
  orderId: string,
  input: { score: number; comment?: string | null | undefined } | { refused: true; comment: string },
  via: Via,
): Promise<SatisfactionTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForClosing(tx, actor, orderId, via);
    requireState(order, ['resolved', 'signed_off'], {
      zh: '评价（须先解决）',
      en: 'rate the service (the work must be resolved first)',
    });
    if (await currentRating(tx, order)) {
      throw new AppError(409, 'onsite_refused', {}, [
        problem(
          'score',
          '此工单已评价过，评价不能修改',
          'this order has already been rated; a rating cannot be changed',
        ),
      ]);
    }
    const isRefusal = 'refused' in input;
    const row: SatisfactionTable = {
      id: newId(),
      order_id: order.id,
      score: isRefusal ? null : input.score,
      refused: isRefusal ? 1 : 0,
      comment: input.comment ?? null,
      via,
      recorded_by: personIdOf(actor),
      recorded_at: tx.clock.now().toISOString(),
    };
    if (isRefusal && !row.comment) {
      throw refused([
        problem(
          'comment',
          '记录客户拒绝评价时请注明情况',
          'when the customer declines to rate, note what they said',
        ),
      ]);
    }
    await repo.insertRating(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: isRefusal ? 'close:rating_refused' : 'close:rating',
      changes: { ratingId: row.id, score: row.score, refused: isRefusal, comment: row.comment, via },
    });
    return row;
  });
}
