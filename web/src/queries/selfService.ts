/**
 * Query keys of self-service (the customer's portal and the public customer view).
 * ['my-orders'] is shared with the field app: keep it identical.
 */
export const selfServiceKeys = {
  sites: ['my-sites'] as const,
  order: (id: unknown) => ['my-order', id] as const,
  orders: ['my-orders'] as const,
  customerViewAll: (token: unknown) => ['customer-view', token] as const,
  customerView: (token: unknown, language: string) => ['customer-view', token, language] as const,
};
