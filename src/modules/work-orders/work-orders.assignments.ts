/**
 * Who works an order: the assignment writes dispatch (DP-1) makes. Dispatch decides (eligibility,
 * override) and records the history; the order's table stays this capability's.
 */
import type { AppContext } from '../../app/context.ts';
import * as repo from './work-orders.repository.ts';
import type { WorkOrderAssignmentTable } from './work-orders.tables.ts';

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
