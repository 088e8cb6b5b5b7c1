/** Query keys of the group robots. */
export const robotKeys = {
  messages: (robotId: unknown) => ['group-robots', robotId, 'messages'] as const,
};
