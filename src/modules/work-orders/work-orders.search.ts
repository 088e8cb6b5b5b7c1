/**
 * The order list as other capabilities read it (the lists export walks it page by page): the
 * same filters and scope as GET /api/v1/work-orders, so an export holds exactly what the list
 * shows.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import { listOrders, type OrderFilter } from './work-orders.repository.ts';

export type { OrderFilter };

export function pageOfOrders(
  ctx: AppContext,
  scope: Scope,
  filter: OrderFilter,
  page: { limit: number; offset: number },
) {
  return listOrders(ctx.db, scope, filter, page, ctx.kit.ilike);
}
