/** Query keys of day plans and duty rosters. */
export const planKeys = {
  all: ['plans'] as const,
  day: (day: unknown) => ['plans', day] as const,
  detail: (id: unknown) => ['plan', id] as const,
  dutyAll: ['duty'] as const,
  duty: (from: unknown, to: unknown) => ['duty', from, to] as const,
};
