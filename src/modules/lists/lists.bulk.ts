/**
 * Bulk actions on the order list (issue 17 item 3): the same change applied to each selected
 * order on its own, through the same service a single change uses — so each row is locked,
 * decided by the same rules (DP-1 for dispatch, WO-2 for severity), authorised in the caller's
 * scope and written with its history in its own transaction. One refusal never undoes or stops
 * the others; each row answers for itself.
 */
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../shared/errors.ts';
import { type Actor, assertCan } from '../access/policy.ts';
import { assign } from '../dispatch/dispatch.service.ts';
import type { Severity } from '../work-orders/work-orders.labels.ts';
import { changeSeverity } from '../work-orders/work-orders.service.ts';

/** Enough for a page of the list, small enough that a request stays short. */
export const MAX_BULK_ROWS = 100;

export type BulkAction =
  | { kind: 'assign'; leadEngineerId: string; overrideReason?: string | undefined }
  | { kind: 'severity'; severity: Severity; reason: string };

export type BulkRowResult =
  | { orderId: string; ok: true; number: string; state: string; severity: string }
  | { orderId: string; ok: false; error: AppError };

/** The permission each action needs; without it no row could pass, so the whole request is refused. */
const PERMISSION: Record<BulkAction['kind'], string> = {
  assign: 'work_orders.assign',
  severity: 'work_orders.act',
};

export async function applyBulk(
  ctx: AppContext,
  actor: Actor,
  orderIds: readonly string[],
  action: BulkAction,
): Promise<BulkRowResult[]> {
  assertCan(actor, PERMISSION[action.kind]);
  const out: BulkRowResult[] = [];
  // One after another: rows of one request never wait on each other's locks.
  for (const orderId of new Set(orderIds)) {
    try {
      const row =
        action.kind === 'assign'
          ? await assign(ctx, actor, orderId, {
              leadEngineerId: action.leadEngineerId,
              overrideReason: action.overrideReason,
            })
          : await changeSeverity(ctx, actor, orderId, action.severity, action.reason);
      out.push({ orderId, ok: true, number: row.number, state: row.state, severity: row.severity });
    } catch (err) {
      // A refusal belongs to its row; anything else is a fault of the server and answers as one.
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      out.push({ orderId, ok: false, error: err });
    }
  }
  return out;
}
