/**
 * WO-9 "training given on site is recorded and signed": what was taught, to whom, and the
 * signature of the customer's staff who signed for it; it appears in the service report.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { recordHistory } from '../history/history.service.ts';
import { orderForWork, requireCheckedIn, requireState, storeSignature } from '../onsite/onsite.service.ts';
import { getOrder } from '../work-orders/work-orders.service.ts';
import * as repo from './training.repository.ts';
import type { TrainingRecordTable } from './training.tables.ts';

/** Training is given while the engineer is on site, before the customer signs the order off. */
const TRAINING_STATES = ['on_site', 'service_restored', 'resolved'];

export async function recordTraining(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { topic: string; trainees: string; signerName: string; signaturePngBase64: string },
): Promise<TrainingRecordTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await orderForWork(tx, actor, orderId);
    requireState(order, TRAINING_STATES, { zh: '登记现场培训', en: 'record on-site training' });
    await requireCheckedIn(tx, order, actor);
    const sig = await storeSignature(
      tx,
      actor,
      order,
      input.signaturePngBase64,
      'signaturePngBase64',
      'training',
    );
    const now = tx.clock.now().toISOString();
    const row: TrainingRecordTable = {
      id: newId(),
      order_id: order.id,
      topic: input.topic,
      trainees: input.trainees,
      signer_name: input.signerName,
      signature_attachment_id: sig.id,
      trained_by: actor.personId,
      trained_at: now,
      created_at: now,
    };
    await repo.insertTraining(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'onsite:training',
      changes: {
        trainingId: row.id,
        topic: row.topic,
        trainees: row.trainees,
        signerName: row.signer_name,
        signatureAttachmentId: sig.id,
      },
    });
    return row;
  });
}

/** The training records of an order the actor may see (404 otherwise). */
export async function listTrainings(ctx: AppContext, actor: Actor, orderId: string) {
  await getOrder(ctx, actor.scope, orderId);
  return repo.trainingsOf(ctx.db, orderId);
}

/** For the service report: every training of the order, with the trainer's name. */
export function trainingsForReport(ctx: AppContext, orderId: string) {
  return repo.trainingsOf(ctx.db, orderId);
}
