/** Query keys of the inbox, notifications and escalations. */
export const inboxKeys = {
  all: ['inbox'] as const,
  lists: ['inbox', 'list'] as const,
  list: (filter: unknown, page: number) => ['inbox', 'list', filter, page] as const,
  unread: ['inbox', 'unread'] as const,
  escalationsAll: ['escalations'] as const,
  escalations: (open: unknown) => ['escalations', open] as const,
};
