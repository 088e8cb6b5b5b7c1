/**
 * The work-order capability's public read surface for other modules' SQL: the few reads they
 * compose with their own queries (join, filter, count) and so cannot take as service results.
 * Named re-exports only, never the whole repository: everything else goes through the service.
 */
export { findOrder, findVisibleOrder, scopedOrders } from './work-orders.repository.ts';
