/**
 * Extension points of the work-order capability: conditions other capabilities add to entering a
 * state, and events delivered inside the change's transaction (deadlines, on-site work, closing).
 */
import type { AppContext } from '../../app/context.ts';
import { type FieldProblem, problem } from '../../shared/errors.ts';
import type { HistoryActor } from '../access/policy.ts';
import { registerDeactivationGuard } from '../people/people.service.ts';
import { ownedOrdersProblem } from './ownership.rules.ts';
import type { WorkOrderRow } from './work-orders.common.ts';
import * as repo from './work-orders.repository.ts';
import type { Severity, State } from './work-orders.rules.ts';

/** Extra conditions on entering a state; returns the problems that block it (empty = allowed). */
export type TransitionGuard = (
  tx: AppContext,
  order: WorkOrderRow,
  info: { from: State; to: State; actor: HistoryActor; reason: string | null },
) => Promise<FieldProblem[]>;

export const guards = new Map<State, TransitionGuard[]>();

/** Lets another module add a condition to entering `to` (e.g. "no sign-off yet" before closed). */
export function registerTransitionGuard(to: State, guard: TransitionGuard): void {
  const list = guards.get(to) ?? [];
  list.push(guard);
  guards.set(to, list);
}

/** Something that happened to an order, delivered inside the change's transaction. */
export type WorkOrderEvent =
  | { kind: 'created'; order: WorkOrderRow }
  | {
      kind: 'transitioned';
      order: WorkOrderRow;
      from: State;
      to: State;
      transition: 'advance' | 'cancel' | 'reopen';
    }
  | { kind: 'severity_changed'; order: WorkOrderRow; from: Severity; to: Severity }
  | { kind: 'owner_changed'; order: WorkOrderRow; from: string; to: string };

/** A reaction to work-order events, run in the same transaction (so it commits or fails with the change). */
export type WorkOrderListener = (tx: AppContext, actor: HistoryActor, event: WorkOrderEvent) => Promise<void>;

const listeners: WorkOrderListener[] = [];

/** Lets another module react to order events (SL-1 deadlines, SL-3 critical notices …). */
export function onWorkOrderEvent(listener: WorkOrderListener): void {
  listeners.push(listener);
}

/** Built-in conditions: an owner of open orders stays active (WO-4); a dispatched order has a lead engineer (DP-1); an agreed appointment exists (WO-5). Called from the capability's `register`. */
export function registerBuiltInGuards(): void {
  // WO-4: open orders never fall between two people, so their owner stays active until they are handed over.
  registerDeactivationGuard(async (tx, personId) => {
    const p = ownedOrdersProblem((await repo.openOrdersOwnedBy(tx.db, personId)).map((o) => o.number));
    return p ? [p] : [];
  });
  registerTransitionGuard('dispatched', async (tx, order) => {
    const lead = (await repo.activeAssignments(tx.db, order.id)).find((a) => a.role === 'lead');
    return lead
      ? []
      : [
          problem(
            'leadEngineerId',
            '派工前必须指定主责工程师',
            'a lead engineer must be assigned before dispatch',
          ),
        ];
  });
  registerTransitionGuard('appointment_agreed', async (tx, order) => {
    const confirmed = await repo.confirmedAppointment(tx.db, order.id);
    return confirmed
      ? []
      : [
          problem(
            'appointment',
            '客户尚未确认预约时间（WO-5）',
            'the customer has not confirmed an appointment yet (WO-5)',
          ),
        ];
  });
}

export async function emit(tx: AppContext, actor: HistoryActor, event: WorkOrderEvent): Promise<void> {
  for (const l of listeners) await l(tx, actor, event);
}
