/** Row types of inspections (RS-5): checklists, plans, inspections, findings. `DB` extends them. */

export type PlanTarget = 'site' | 'equipment_class';
export type Recurrence = 'monthly' | 'quarterly' | 'cron';
export type InspectionState = 'open' | 'completed';

/** The checklist of one equipment class (the equipment's product), items as JSON of ChecklistEntry[]. */
export interface InspectionChecklistTable {
  id: string;
  equipment_class: string;
  items_json: string;
  created_at: string;
  updated_at: string;
}

export interface InspectionPlanTable {
  id: string;
  name: string;
  /** site: one inspection at the site; equipment_class: one per piece of that class in the region. */
  target: PlanTarget;
  site_id: string | null;
  equipment_class: string;
  region_id: string;
  /** The partner doing the inspections; null for own staff. */
  partner_id: string | null;
  recurrence: Recurrence;
  /** The cron expression in force (monthly and quarterly spelled out as cron too). */
  cron: string;
  time_zone: string;
  active: number;
  /** Bumped when the schedule changes, so a timer of the old schedule does nothing. */
  version: number;
  /** The next occurrence a timer waits for (null when paused). */
  next_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One inspection to do: a plan's occurrence at one site or piece of equipment, due by the next. */
export interface InspectionTable {
  id: string;
  plan_id: string;
  occurrence: string;
  due_at: string;
  site_id: string | null;
  equipment_id: string | null;
  /** The site or equipment id; with plan and occurrence it makes an inspection unique. */
  target_key: string;
  region_id: string;
  region_path: string;
  partner_id: string | null;
  equipment_class: string;
  state: InspectionState;
  /** JSON of ChecklistResult[] once completed. */
  results_json: string | null;
  completed_by: string | null;
  completed_at: string | null;
  created_at: string;
}

/** A fault found on an inspection and the fault work order it became. */
export interface InspectionFindingTable {
  id: string;
  inspection_id: string;
  item_key: string;
  note: string;
  work_order_id: string;
  created_at: string;
}

export interface InspectionTables {
  inspection_checklists: InspectionChecklistTable;
  inspection_plans: InspectionPlanTable;
  inspections: InspectionTable;
  inspection_findings: InspectionFindingTable;
}
