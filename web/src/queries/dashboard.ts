/** Query keys of the dashboard. */
export const dashKeys = {
  all: ['dash'] as const,
  state: (s: string) => ['dash', 'state', s] as const,
  severity: (s: string) => ['dash', 'severity', s] as const,
  compliance: (from: unknown, to: unknown) => ['dash', 'compliance', from, to] as const,
  satisfaction: (from: unknown, to: unknown) => ['dash', 'satisfaction', from, to] as const,
  trend: (from: unknown, to: unknown, bucket: unknown) => ['dash', 'trend', from, to, bucket] as const,
};
