/**
 * Reads of an order's parts for the routes and other modules, and the assignment writes dispatch
 * (DP-1) makes under the order's lock: the repository stays private to this capability.
 */
import type { AppContext } from '../../app/context.ts';
import type { Cursor } from '../../shared/cursor.ts';
import type { Scope } from '../access/policy.ts';
import * as repo from './work-orders.repository.ts';
import type { WorkOrderAssignmentTable } from './work-orders.tables.ts';

/** One page of the orders the scope may see. */
export function listOrders(
  ctx: AppContext,
  scope: Scope,
  filter: repo.OrderFilter,
  page: { limit: number; offset: number; cursor?: Cursor | undefined },
) {
  return repo.listOrders(ctx.db, scope, filter, page, ctx.kit.ilike);
}

/** Who works the order now (released assignments left out), with their names. */
export function activeAssignments(ctx: AppContext, orderId: string) {
  return repo.activeAssignments(ctx.db, orderId);
}

export function handoversOf(ctx: AppContext, orderId: string) {
  return repo.handoversOf(ctx.db, orderId);
}

/** Handovers waiting for this person's answer. */
export function pendingHandoversFor(ctx: AppContext, personId: string) {
  return repo.pendingHandoversFor(ctx.db, personId);
}

export function followUpsOf(ctx: AppContext, orderId: string) {
  return repo.followUpsOf(ctx.db, orderId);
}

/** The order's state changes, oldest first. */
export function transitionsOf(ctx: AppContext, orderId: string) {
  return repo.listTransitions(ctx.db, orderId);
}

/** Adds an assignment; the caller holds the order's lock and records the history. */
export function addAssignment(tx: AppContext, row: WorkOrderAssignmentTable): Promise<void> {
  return repo.insertAssignment(tx.db, row);
}

/** Ends an assignment; the caller holds the order's lock and records the history. */
export function releaseAssignment(tx: AppContext, id: string, at: string): Promise<void> {
  return repo.releaseAssignment(tx.db, id, at);
}

/** Gives the order to the lead engineer's partner (null: own staff); the caller records the history. */
export function setOrderPartner(tx: AppContext, orderId: string, partnerId: string | null, at: string) {
  return repo.updateOrder(tx.db, orderId, { partner_id: partnerId, updated_at: at });
}
