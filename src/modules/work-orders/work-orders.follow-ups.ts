/**
 * Follow-ups (WO-10): opened at resolve, due by their own clock; a problem reopens the order.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, HistoryActor, Scope } from '../access/policy.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { getOrder, type WorkOrderRow } from './work-orders.common.ts';
import * as repo from './work-orders.repository.ts';
import type { FollowUpState } from './work-orders.rules.ts';
import type { FollowUpTable } from './work-orders.tables.ts';
import { transition } from './work-orders.transitions.ts';

/**
 * WO-10: opens the follow-up of a closed order, due when its follow-up deadline clock is due
 * (the deadlines capability starts that clock from when the engineer left the site and calls
 * this with its due time, so the record and the clock agree). Runs in the closing transaction.
 */
export async function openFollowUp(tx: AppContext, actor: HistoryActor, order: WorkOrderRow, dueAt: string) {
  const closedAt = order.closed_at ?? tx.clock.now().toISOString();
  const row: FollowUpTable = {
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
    const after: FollowUpTable = {
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
  filter: { state?: FollowUpState | undefined; overdue?: boolean | undefined },
  page: { limit: number; offset: number },
) {
  return repo.listFollowUps(
    ctx.db,
    scope,
    { state: filter.state, overdueAt: filter.overdue ? ctx.clock.now().toISOString() : undefined },
    page,
  );
}
