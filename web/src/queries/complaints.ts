/** Query keys of complaints and satisfaction. */
export const complaintKeys = {
  all: ['complaints'] as const,
  list: (state: unknown) => ['complaints', state] as const,
  detail: (id: unknown) => ['complaint', id] as const,
  satisfaction: (groupBy: unknown) => ['satisfaction', groupBy] as const,
};
