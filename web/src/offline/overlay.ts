/**
 * What the phone shows while work waits in the queue: the server's last record with the
 * engineer's own unsent work laid over it, so a tick or a check-in shows the moment it is
 * made. Pure: the server's answer replaces all of it once the work is accepted.
 */
import type { OnsiteRecord } from '../components/OnsitePanel.tsx';
import type { State, WorkOrder } from '../workOrders.ts';
import type { QueuedWork } from './store.ts';

const pending = (queue: QueuedWork[], orderId: string) =>
  queue.filter((w) => w.orderId === orderId && w.state !== 'refused');

/** The order with its unsent moves applied (a check-in while en route puts it on site). */
export function overlayOrder(order: WorkOrder, queue: QueuedWork[]): WorkOrder {
  let state: State = order.state;
  let arrivedAt = order.arrivedAt;
  for (const w of pending(queue, order.id)) {
    if (w.kind === 'transition') state = (w.body as { to: State }).to;
    if (w.kind === 'check_in' && state === 'en_route') {
      state = 'on_site';
      arrivedAt ??= w.recordedAt;
    }
  }
  // Until the server answers, the next moves it allows are unknown: none are offered.
  return state === order.state ? order : { ...order, state, arrivedAt, nextStates: [] };
}

/** The on-site record with the engineer's unsent check-in/out, ticks, log and signed request. */
export function overlayRecord<R extends OnsiteRecord>(
  record: R,
  orderId: string,
  queue: QueuedWork[],
  meId: string,
): R {
  let { visits, checklist, dailyLogs, serviceRequests } = record;
  for (const w of pending(queue, orderId)) {
    const body = w.body as Record<string, unknown>;
    switch (w.kind) {
      case 'check_in':
        if (!visits.some((v) => v.personId === meId && !v.checkOutAt))
          visits = [...visits, { id: w.key, personId: meId, checkInAt: w.recordedAt, checkOutAt: null }];
        break;
      case 'check_out':
        visits = visits.map((v) =>
          v.personId === meId && !v.checkOutAt ? { ...v, checkOutAt: w.recordedAt } : v,
        );
        break;
      case 'checklist': {
        const itemId = w.url.split('/').pop();
        checklist = checklist.map((c) => (c.item.id === itemId ? { ...c, done: Boolean(body.done) } : c));
        break;
      }
      case 'daily_log':
        dailyLogs = [
          ...dailyLogs.filter((l) => !(l.personId === meId && l.date === w.recordedAt.slice(0, 10))),
          { id: w.key, personId: meId, date: w.recordedAt.slice(0, 10), workDone: String(body.workDone) },
        ];
        break;
      case 'service_request':
        if (serviceRequests.length === 0)
          serviceRequests = [{ id: w.key, signerName: String(body.signerName), signedAt: w.recordedAt }];
        break;
      default:
        break;
    }
  }
  return { ...record, visits, checklist, dailyLogs, serviceRequests };
}
