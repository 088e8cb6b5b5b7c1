/** Query keys of the dispatch board, the deadlines page and an order's clocks. */
export const boardKeys = {
  timelineEngineers: (regionId: unknown) => ['timeline-engineers', regionId] as const,
  timelineAppointmentsAll: ['timeline-appointments'] as const,
  timelineAppointments: (from: unknown, to: unknown, regionId: unknown) =>
    ['timeline-appointments', from, to, regionId] as const,
  engineerPositions: ['engineer-positions'] as const,
  deadlines: (status: unknown, regionId: unknown, partnerId: unknown) =>
    ['deadlines', status, regionId, partnerId] as const,
  deadlinesNext: (ids: unknown) => ['deadlines-next', ids] as const,
  clocks: (orderId: unknown) => ['order', orderId, 'deadlines'] as const,
};
