/** Row types of the subscriber ledger and its EOMS reconciliation (RS-7). `DB` extends them. */
import type { ComparedField, LineKind } from './ledger.rules.ts';

export type ItemKind = 'only_eoms' | 'only_ledger' | 'field';
/** open: waiting for someone; corrected/explained: closed by a person; gone: a later export no longer shows it. */
export type ItemState = 'open' | 'corrected' | 'explained' | 'gone';
export type ImportTarget = 'eoms' | 'ledger';

/** One subscriber or line in a vendor's own ledger. */
export interface LedgerLineTable {
  id: string;
  partner_id: string;
  line_no: string;
  kind: LineKind;
  region_name: string;
  customer_name: string;
  address: string;
  bandwidth: string;
  /** The vendor's own status text as imported (状态/业务状态), compared with EOMS: no fixed list. */
  status: string;
  created_at: string;
  updated_at: string;
}

/** One imported file with its row-by-row report of refused rows (JSON of RejectedRow[]). */
export interface LedgerImportTable {
  id: string;
  partner_id: string;
  target: ImportTarget;
  file_name: string;
  sha256: string;
  rows_read: number;
  rows_rejected: number;
  rejected_json: string;
  items_opened: number;
  items_closed: number;
  actor_id: string | null;
  created_at: string;
}

/** One mismatch between EOMS and the ledger; unique per partner, line, kind and field. */
export interface LedgerItemTable {
  id: string;
  partner_id: string;
  line_no: string;
  kind: ItemKind;
  field: ComparedField | '';
  eoms_value: string | null;
  ledger_value: string | null;
  region_name: string | null;
  /** EOMS's facts of a line only EOMS has, so "correct" can add it to the ledger. */
  eoms_json: string | null;
  state: ItemState;
  note: string | null;
  /** The import that last found (or stopped finding) it. */
  import_id: string;
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface LedgerTables {
  ledger_lines: LedgerLineTable;
  ledger_imports: LedgerImportTable;
  ledger_items: LedgerItemTable;
}
