/**
 * The on-site rules as work-order transition guards (WO-6, WO-7, WO-8): the order cannot be
 * restored or resolved while the service request is
 * unsigned, a required checklist item is open, a critical/major fault skipped "restored", or
 * weekly reports are missing. Registered once, when this module is loaded. (Arrival itself is
 * checked in by a listener in onsite.routes.ts, so the generic state change records it too.)
 */
import type { AppContext } from '../../app/context.ts';
import { registerTransitionGuard, type WorkOrderRow } from '../work-orders/work-orders.service.ts';
import * as repo from './onsite.repository.ts';
import {
  checklistProblems,
  restoreFirstProblems,
  serviceRequestProblems,
  weeklyReportProblems,
} from './onsite.rules.ts';
import { checklistOf, weeklyReportStatus } from './onsite.service.ts';

let registered = false;

/** Registers the on-site guards with the work-order state machine (idempotent). */
export function registerOnsiteGuards(): void {
  if (registered) return;
  registered = true;

  const leavingSiteWork = async (tx: AppContext, order: WorkOrderRow) => {
    const signed = (await repo.serviceRequestsOf(tx.db, order.id)).length > 0;
    const list = await checklistOf(tx, order);
    const done = new Set(list.filter((c) => c.mark?.done === 1).map((c) => c.item.id));
    return [
      ...serviceRequestProblems(signed),
      ...checklistProblems(
        list.map((c) => c.item),
        done,
      ),
    ];
  };

  registerTransitionGuard('service_restored', async (tx, order) => leavingSiteWork(tx, order));

  registerTransitionGuard('resolved', async (tx, order, info) => {
    if (info.from !== 'on_site' && info.from !== 'service_restored') return [];
    const status = await weeklyReportStatus(tx, order);
    return [
      ...(await leavingSiteWork(tx, order)),
      ...restoreFirstProblems(order),
      ...weeklyReportProblems(status.owed, status.made),
    ];
  });
}
