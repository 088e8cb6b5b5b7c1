/** Row types of customer links (CS-1): only an id and an expiry are stored, the token is derived; and their rate-limit counters. */

export interface CustomerLinkTable {
  id: string;
  order_id: string;
  expires_at: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The per-link rate limit (issue 10, defect 6): one counter per link and minute. */
export interface CustomerLinkHitTable {
  /** sha256 (hex) of the link token. */
  token_hash: string;
  /** Start of the one-minute window, ms since the epoch. */
  window_ms: number;
  hits: number;
}

/** Named secrets kept in the database: the links' HMAC key when the environment gives none. */
export interface AppSecretTable {
  name: string;
  value: string;
  created_at: string;
}

/** The customer-link tables. */
export interface CustomerLinkTables {
  customer_links: CustomerLinkTable;
  customer_link_hits: CustomerLinkHitTable;
  app_secrets: AppSecretTable;
}
