/**
 * Row types of major operations (MO-1 … MO-13). `DB` in src/db/schema.ts extends this
 * interface. Times are ISO-8601 UTC text; flags 0/1; JSON as text.
 */
import type {
  OperationKind,
  OperationRecordKind,
  OperationState,
  StepState,
  VersionStatus,
} from './operations.rules.ts';

export interface OperationTable {
  id: string;
  kind: OperationKind;
  title: string;
  state: OperationState;
  region_id: string;
  customer_id: string;
  /** The lead's partner company, so a partner sees only its own operations. */
  partner_id: string | null;
  lead_id: string;
  /** JSON array of person ids. */
  team: string;
  work_order_id: string | null;
  product: string;
  version_id: string | null;
  window_start: string;
  window_end: string;
  plan_version: number;
  reviewed_version: number | null;
  observation_days: number;
  /** Set when a freeze was declared over an already approved window (MO-2). */
  freeze_flagged_at: string | null;
  started_at: string | null;
  watch_started_at: string | null;
  completed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OperationSiteTable {
  operation_id: string;
  site_id: string;
}

/** One version of the plan (MO-3); `body` is the JSON of `PlanBody`. Never updated. */
export interface OperationPlanTable {
  id: string;
  operation_id: string;
  version: number;
  body: string;
  created_by: string | null;
  created_at: string;
}

export interface OperationApprovalTable {
  id: string;
  operation_id: string;
  role: string;
  plan_version: number;
  person_id: string;
  comment: string | null;
  approved_at: string;
}

/** A step as executed: a plan step (`plan_step` = its index) or an unplanned one (MO-12). */
export interface OperationStepTable {
  id: string;
  operation_id: string;
  plan_step: number | null;
  title: string;
  modifying: number;
  table_transfer: number;
  reason: string | null;
  authorised_by: string | null;
  authorised_at: string | null;
  rechecked_by: string | null;
  rechecked_at: string | null;
  state: StepState;
  result: string | null;
  started_by: string | null;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
}

/** Appended evidence: notices, backups, verifications, duty shifts, agreements, emergencies, leftovers. */
export interface OperationRecordTable {
  id: string;
  operation_id: string;
  kind: OperationRecordKind;
  body: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface OperationTimeRuleTable {
  id: string;
  product: string | null;
  kind: 'window' | 'peak';
  start_minute: number;
  end_minute: number;
  created_at: string;
}

export interface OperationFreezeTable {
  id: string;
  region_id: string;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

export interface OperationApprovalRuleTable {
  id: string;
  kind: OperationKind;
  region_id: string | null;
  roles: string;
  updated_at: string;
}

export interface SoftwareVersionTable {
  id: string;
  product: string;
  version: string;
  status: VersionStatus;
  notes_attachment_id: string | null;
  guide_attachment_id: string | null;
  pilot_size: number;
  created_at: string;
  updated_at: string;
}

export interface OperationTables {
  operations: OperationTable;
  operation_sites: OperationSiteTable;
  operation_plans: OperationPlanTable;
  operation_approvals: OperationApprovalTable;
  operation_steps: OperationStepTable;
  operation_records: OperationRecordTable;
  operation_time_rules: OperationTimeRuleTable;
  operation_freezes: OperationFreezeTable;
  operation_approval_rules: OperationApprovalRuleTable;
  software_versions: SoftwareVersionTable;
}
