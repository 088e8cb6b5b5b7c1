/** Row types of complaints and their corrective actions (CS-1). `DB` in src/db/schema.ts extends `ComplaintTables`. */
import type {
  ComplaintCategory,
  ComplaintSeverity,
  ComplaintSource,
  ComplaintState,
} from './complaints.rules.ts';

export interface ComplaintTable {
  id: string;
  /** Human-readable, e.g. TS-20261102-3F9A1C. */
  number: string;
  source: ComplaintSource;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  state: ComplaintState;
  summary: string;
  contact_name: string | null;
  contact_phone: string | null;
  order_id: string | null;
  customer_id: string | null;
  engineer_id: string | null;
  partner_id: string | null;
  region_id: string;
  /** The person with first responsibility (首问负责). */
  owner_id: string | null;
  root_cause: string | null;
  /** The earlier complaint about the same order or customer within 30 days, when there is one. */
  repeat_of_id: string | null;
  acknowledge_due: string;
  respond_due: string;
  resolve_due: string;
  acknowledged_at: string | null;
  responded_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  /** The reply sent to the customer (CW-1 checked), when there is one. */
  reply_text: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ComplaintActionTable {
  id: string;
  complaint_id: string;
  description: string;
  owner_id: string;
  /** YYYY-MM-DD */
  due_date: string;
  /** open | done */
  state: 'open' | 'done';
  done_at: string | null;
  done_note: string | null;
  created_at: string;
}

/** Minutes allowed to acknowledge, respond to the customer and resolve, per category and severity. */
export interface ComplaintPolicyTable {
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  acknowledge_minutes: number;
  respond_minutes: number;
  resolve_minutes: number;
  /** The business calendar the minutes are counted on (deadlines module); null counts round the clock. */
  calendar_id: string | null;
  updated_at: string;
}

export interface ComplaintTables {
  complaints: ComplaintTable;
  complaint_actions: ComplaintActionTable;
  complaint_policies: ComplaintPolicyTable;
}
