/**
 * Row types of escalation ladders, escalations and who was told (domain.md §3). `DB` in src/db/schema.ts extends `EscalationTables`.
 * Times are ISO-8601 UTC text, flags 0/1, JSON as text, on both databases.
 */
import type { EscalationKind, RungRole } from './escalation.rules.ts';

export interface EscalationLadderTable {
  id: string;
  /** Null: the default ladder for regions without their own. */
  region_id: string | null;
  step_no: number;
  role: RungRole;
  /** Minutes after the escalation started at which this rung is notified. */
  after_minutes: number;
  created_at: string;
}

export interface EscalationTable {
  id: string;
  subject_type: string;
  subject_id: string;
  clock_id: string | null;
  kind: EscalationKind;
  region_id: string;
  owner_id: string | null;
  title_zh: string;
  title_en: string;
  level: number;
  started_at: string;
  next_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  created_at: string;
}

export interface EscalationRecipientTable {
  escalation_id: string;
  person_id: string;
  level: number;
  notified_at: string;
}

/** Every table of this capability. */
export interface EscalationTables {
  escalation_ladders: EscalationLadderTable;
  escalations: EscalationTable;
  escalation_recipients: EscalationRecipientTable;
}
