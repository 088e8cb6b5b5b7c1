/**
 * Query keys of the field work (the engineer's page, the on-site panel, an order's files): one
 * factory, so a page and the offline queue invalidate exactly what another page reads. The
 * arrays are prefixes of one another where a wider invalidation is meant (`myOrdersAll`).
 */
export const fieldKeys = {
  onsite: (orderId: string) => ['onsite', orderId] as const,
  /** Every person's order list (invalidate after a change the queue sent). */
  myOrdersAll: ['my-orders'] as const,
  myOrders: (personId: string | undefined) => ['my-orders', personId] as const,
  appointments: (orderId: string) => ['appointments', orderId] as const,
  orderFiles: (orderId: string) => ['attachments', 'work_order', orderId] as const,
  reports: (orderId: string) => ['reports', orderId] as const,
};
