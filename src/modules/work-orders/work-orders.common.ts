/**
 * What every work-order use case shares: loading an order in the actor's scope (locked for a
 * change), who is acting, and whether they may act on it.
 */
import type { AppContext } from '../../app/context.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import type { Actor, HistoryActor, Scope } from '../access/policy.ts';
import { isPerson } from '../access/principal.ts';
import { mayActOn } from './work-orders.policy.ts';
import * as repo from './work-orders.repository.ts';
import { type State, stateLabels } from './work-orders.rules.ts';
import type { WorkOrderTable } from './work-orders.tables.ts';

export type WorkOrderRow = WorkOrderTable;

/** An order the actor may see, or 404. */
export async function getOrder(ctx: AppContext, scope: Scope, id: string): Promise<WorkOrderRow> {
  const row = await repo.findVisibleOrder(ctx.db, scope, id);
  if (!row) throw notFound('work_order');
  return row;
}

/** Loads and locks an order inside a transaction, checking the actor's scope (404 outside it). */
export async function loadForChange(tx: AppContext, actor: HistoryActor, id: string): Promise<WorkOrderRow> {
  if (isPerson(actor)) await getOrder(tx, actor.scope, id);
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
  if (!isPerson(actor)) return;
  if (!mayActOn(actor, order, await assigneeIds(tx, order.id))) throw new AppError(403, 'not_yours');
}

/** A bilingual name for a state, for messages other modules build. */
export function stateName(s: State): Bilingual {
  return stateLabels[s];
}

/** Throws 403 unless the actor may act on the order (re-exported for routes). */
export function requireActor(actor: HistoryActor): asserts actor is Actor {
  if (!isPerson(actor)) throw forbidden();
}
