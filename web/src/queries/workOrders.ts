/**
 * Query keys of work orders (list, detail, history, transitions, assignments, candidates).
 * The values are the literals the pages used before; the field-work files (fieldKeys.ts) share
 * some of them (['work-order', id], ['transitions', id], ['history']), so keep them identical.
 */
export const orderKeys = {
  /** Every list of work orders (the console list, the queue, open-at-site). */
  all: ['work-orders'] as const,
  list: (filters: unknown, page: number) => ['work-orders', filters, page] as const,
  queue: (regionId: unknown, page: number) => ['work-orders', 'queue', regionId, page] as const,
  openAtSite: (siteId: unknown) => ['work-orders', 'open-at-site', siteId] as const,
  detail: (id: unknown) => ['work-order', id] as const,
  transitions: (id: unknown) => ['transitions', id] as const,
  candidates: (orderId: unknown) => ['candidates', orderId] as const,
  handovers: ['handovers'] as const,
  site: (siteId: unknown) => ['site', siteId] as const,
  trainings: (orderId: unknown) => ['trainings', orderId] as const,
  notices: (orderId: unknown) => ['order', orderId, 'notices'] as const,
  knowledgeRelated: (text: unknown) => ['knowledge-related', text] as const,
  intakeSites: (customerId: unknown) => ['intake-sites', customerId] as const,
  intakeEquipment: (siteId: unknown) => ['intake-equipment', siteId] as const,
};

/** The change history (every history timeline starts with 'history'). */
export const historyKeys = {
  all: ['history'] as const,
  of: (url: unknown) => ['history', url] as const,
};
