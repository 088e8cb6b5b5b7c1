/** Row types of the customer-link rate limit. `DB` in src/db/schema.ts extends `LinkHitTables`. */

export interface CustomerLinkHitTable {
  /** sha256 (hex) of the link token. */
  token_hash: string;
  /** Start of the one-minute window, ms since the epoch. */
  window_ms: number;
  hits: number;
}

export interface LinkHitTables {
  customer_link_hits: CustomerLinkHitTable;
}
