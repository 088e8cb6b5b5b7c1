/** Row types of the duty roster (DP-1 "on duty"). Times are ISO-8601 UTC text; dates YYYY-MM-DD. */

/** One shift of one person on one local day; `end_time` ≤ `start_time` means it ends the next day. */
export interface DutyShiftTable {
  id: string;
  person_id: string;
  day: string;
  /** Local wall-clock HH:MM in `time_zone`. */
  start_time: string;
  end_time: string;
  time_zone: string;
  starts_at: string;
  ends_at: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export const LEAVE_KINDS = ['annual', 'sick', 'personal', 'training', 'other'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

/** Leave from one local day to another, both included. */
export interface DutyLeaveTable {
  id: string;
  person_id: string;
  from_day: string;
  to_day: string;
  kind: LeaveKind;
  reason: string | null;
  created_by: string | null;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export interface DutyTables {
  duty_shifts: DutyShiftTable;
  duty_leave: DutyLeaveTable;
}
