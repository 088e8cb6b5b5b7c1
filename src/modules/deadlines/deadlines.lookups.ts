/**
 * Lookups for the deadline boards (riskBoard, deadlines/next), made once per request: the
 * pauses of every listed order in one query, and each calendar and policy loaded once however
 * many clocks share it — so a page costs a fixed number of queries, not three per clock.
 */
import type { AppContext } from '../../app/context.ts';
import { loadCalendar } from '../calendars/calendars.service.ts';
import * as repo from './deadlines.repository.ts';
import type { OrderPauseTable } from './deadlines.tables.ts';

/** The at-risk share used when a clock has no policy (or its policy is gone). */
const DEFAULT_AT_RISK_PERCENT = 25;

export function requestLookups(ctx: AppContext) {
  const calendars = new Map<string, ReturnType<typeof loadCalendar>>();
  const percents = new Map<string, Promise<number>>();
  return {
    calendar(id: string) {
      let c = calendars.get(id);
      if (!c) {
        c = loadCalendar(ctx, id);
        calendars.set(id, c);
      }
      return c;
    },
    atRiskPercent(policyId: string | null): Promise<number> {
      if (!policyId) return Promise.resolve(DEFAULT_AT_RISK_PERCENT);
      let p = percents.get(policyId);
      if (!p) {
        p = repo.findPolicy(ctx.db, policyId).then((r) => r?.at_risk_percent ?? DEFAULT_AT_RISK_PERCENT);
        percents.set(policyId, p);
      }
      return p;
    },
  };
}

/** The pauses of many orders, grouped by order, oldest first; one query per 500 orders. */
export async function pausesByOrder(ctx: AppContext, orderIds: readonly string[]) {
  const out = new Map<string, OrderPauseTable[]>();
  const ids = [...new Set(orderIds)];
  for (let i = 0; i < ids.length; i += 500) {
    for (const p of await repo.pausesOfOrders(ctx.db, ids.slice(i, i + 500))) {
      const list = out.get(p.order_id) ?? [];
      list.push(p);
      out.set(p.order_id, list);
    }
  }
  return out;
}
