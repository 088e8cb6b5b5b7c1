/** Customer rules (domain.md §1): the kinds of customer a site can belong to. Pure. */

export const CUSTOMER_KINDS = ['operator', 'enterprise', 'household'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
