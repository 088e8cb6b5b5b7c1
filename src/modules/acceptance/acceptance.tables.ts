/** Row types of engineering acceptance (RS-6). `DB` extends them. */

export type AcceptanceState = 'draft' | 'signed';
export type MemoState = 'open' | 'closed';

/** One per engineering order; once signed by the customer it never changes. */
export interface AcceptanceTable {
  id: string;
  order_id: string;
  state: AcceptanceState;
  signer_name: string | null;
  signature_attachment_id: string | null;
  signed_by: string | null;
  signed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A measured test item: what was expected, what was measured, pass or fail. */
export interface AcceptanceTestTable {
  id: string;
  acceptance_id: string;
  item: string;
  expected: string;
  measured: string;
  unit: string | null;
  passed: number;
  recorded_by: string;
  recorded_at: string;
}

/** A leftover item (工程备忘录) agreed at acceptance, tracked to closure. */
export interface AcceptanceMemoTable {
  id: string;
  acceptance_id: string;
  order_id: string;
  description: string;
  due_on: string;
  state: MemoState;
  closing_note: string | null;
  closed_by: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An as-built document handed over: an attachment of the order. */
export interface AcceptanceDocumentTable {
  acceptance_id: string;
  attachment_id: string;
  title: string;
  added_by: string;
  added_at: string;
}

export interface AcceptanceTables {
  acceptances: AcceptanceTable;
  acceptance_tests: AcceptanceTestTable;
  acceptance_memos: AcceptanceMemoTable;
  acceptance_documents: AcceptanceDocumentTable;
}
