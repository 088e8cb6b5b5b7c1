/**
 * WO-9: the engineer's own signature on the service report, drawn on the phone. Only someone
 * who checked in on the order signs as its engineer, so the report never shows the person at
 * the desk who generated it as the one who did the work.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { recordHistory } from '../history/history.service.ts';
import { refused, requireState, storeSignature, visitsForReport } from '../onsite/onsite.service.ts';
import { assertMayAct, loadForChange } from '../work-orders/work-orders.service.ts';
import * as repo from './closing.repository.ts';
import type { EngineerSignatureTable } from './closing.tables.ts';

/** States in which the engineer signs: the work on site is done or being finished. */
const SIGNING_STATES = ['on_site', 'service_restored', 'resolved'] as const;

/** Records the engineer's signature for the order's report. */
export async function recordEngineerSignature(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  signaturePngBase64: string,
): Promise<EngineerSignatureTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    await assertMayAct(tx, actor, order);
    requireState(order, SIGNING_STATES, { zh: '工程师签字', en: 'sign as the engineer' });
    const { visits } = await visitsForReport(tx, order);
    if (!visits.some((v) => v.person_id === actor.personId)) {
      throw refused([
        problem(
          'signaturePngBase64',
          '只有在此工单现场签到过的工程师才能以工程师身份签字',
          'only an engineer who checked in on this order signs as its engineer',
        ),
      ]);
    }
    const sig = await storeSignature(tx, actor, order, signaturePngBase64, 'signaturePngBase64', 'engineer');
    const row: EngineerSignatureTable = {
      id: newId(),
      order_id: order.id,
      person_id: actor.personId,
      signature_attachment_id: sig.id,
      signed_at: tx.clock.now().toISOString(),
    };
    await repo.insertEngineerSignature(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'close:engineer_signature',
      changes: { signatureId: row.id, signatureAttachmentId: sig.id },
    });
    return row;
  });
}

/** The engineer signature the report carries (the newest), with the engineer's name. */
export function currentEngineerSignature(ctx: AppContext, orderId: string) {
  return repo.latestEngineerSignature(ctx.db, orderId);
}
