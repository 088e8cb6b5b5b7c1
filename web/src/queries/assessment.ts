/** Query keys of the assessment pages. */
export const assessmentKeys = {
  all: ['assessment'] as const,
  definitions: ['assessment', 'definitions'] as const,
  scheme: ['assessment', 'scheme'] as const,
  schemeHistory: ['assessment', 'scheme', 'history'] as const,
  card: (month: unknown) => ['assessment', 'card', month] as const,
  indicators: (month: unknown) => ['assessment', 'indicators', month] as const,
  trend: (month: unknown, indicator: unknown) => ['assessment', 'trend', month, indicator] as const,
  heatmap: (month: unknown, indicator: unknown) => ['assessment', 'heatmap', month, indicator] as const,
  drill: (target: unknown) => ['assessment', 'drill', target] as const,
};
