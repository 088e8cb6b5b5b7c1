/** Row types of customer links (CS-1): only an id and an expiry are stored, the token is derived. */

export interface CustomerLinkTable {
  id: string;
  order_id: string;
  expires_at: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The customer-link tables. */
export interface CustomerLinkTables {
  customer_links: CustomerLinkTable;
}
