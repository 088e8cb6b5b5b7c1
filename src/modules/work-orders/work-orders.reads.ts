/**
 * Reads of orders and their parts for the routes and other modules' services, so the repository
 * stays private to this capability.
 */
import type { AppContext } from '../../app/context.ts';
import type { Cursor } from '../../shared/cursor.ts';
import type { Scope } from '../access/policy.ts';
import * as repo from './work-orders.repository.ts';

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
