/** The complaint categories of seed 003 (CS-1), in the server's order. */
export const CATEGORIES = [
  'response_time',
  'not_resolved',
  'attitude',
  'technical_skill',
  'service_strategy',
  'compliance',
];
