/** Row types of closing: the customer's sign-off and satisfaction (WO-9, CS-2). Kept forever (RC-1). */

import type { Via } from './closing.rules.ts';

/** The customer's sign-off of the work (WO-9). */
export interface SignOffTable {
  id: string;
  order_id: string;
  signer_name: string;
  signature_attachment_id: string;
  opinion: string;
  signed_at: string;
  via: Via;
  recorded_by: string | null;
}

/** A satisfaction rating, or a recorded refusal to rate (WO-9, CS-2). */
export interface SatisfactionTable {
  id: string;
  order_id: string;
  score: number | null;
  refused: number;
  comment: string | null;
  via: Via;
  recorded_by: string | null;
  recorded_at: string;
}

/** The engineer's own signature on the service report, drawn on the phone (WO-9). */
export interface EngineerSignatureTable {
  id: string;
  order_id: string;
  person_id: string;
  signature_attachment_id: string;
  signed_at: string;
}

/** The closing tables. */
export interface ClosingTables {
  sign_offs: SignOffTable;
  satisfaction_ratings: SatisfactionTable;
  engineer_signatures: EngineerSignatureTable;
}
