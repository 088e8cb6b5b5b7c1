/**
 * Row types of on-site work (WO-6, WO-7, WO-8) and closing records (WO-9). `DB` in
 * src/db/schema.ts extends this interface. Times are ISO-8601 UTC text; dates YYYY-MM-DD.
 */

/** A check-in/check-out of one engineer on one order (WO-6, WO-7). */
export interface SiteVisitTable {
  id: string;
  order_id: string;
  person_id: string;
  /** The order's site when it has one, so "who is on this site" spans orders. */
  site_id: string | null;
  check_in_at: string;
  check_in_lat: number | null;
  check_in_lng: number | null;
  /** GPS accuracy radius in metres reported with the check-in position. */
  check_in_accuracy_m: number | null;
  check_out_at: string | null;
  check_out_lat: number | null;
  check_out_lng: number | null;
  check_out_accuracy_m: number | null;
  check_out_note: string | null;
  /** 1 while checked in, null after: a unique index allows one open visit per person and order. */
  open: number | null;
  created_at: string;
}

/** The signed service request (现场技术服务申请) before touching customer equipment (WO-6). */
export interface ServiceRequestTable {
  id: string;
  order_id: string;
  scope_of_work: string;
  signer_name: string;
  signer_title: string | null;
  signature_attachment_id: string;
  signed_at: string;
  recorded_by: string | null;
  created_at: string;
}

/** Consent for something of the customer's borrowed or plugged in (WO-6). */
export interface DeviceConsentTable {
  id: string;
  order_id: string;
  /** customer_pc | usb_disk | phone | tools */
  item: string;
  description: string;
  consented_by: string;
  recorded_by: string | null;
  recorded_at: string;
}

/** A checklist item administrators configure per order type ('*' for every type) (WO-6). */
export interface ChecklistItemTable {
  id: string;
  order_type: string;
  code: string;
  label_zh: string;
  label_en: string;
  required: number;
  position: number;
  active: number;
  created_at: string;
  updated_at: string;
}

/** The state of one checklist item on one order. */
export interface ChecklistMarkTable {
  id: string;
  order_id: string;
  item_id: string;
  done: number;
  note: string | null;
  marked_by: string | null;
  marked_at: string;
}

/** The day's work of one engineer on one order (WO-8). */
export interface DailyLogTable {
  id: string;
  order_id: string;
  person_id: string;
  /** The site's local date. */
  log_date: string;
  work_done: string;
  next_steps: string | null;
  created_at: string;
  updated_at: string;
}

/** A weekly report to the customer for long work on one site (WO-8). */
export interface WeeklyReportTable {
  id: string;
  order_id: string;
  period_start: string;
  period_end: string;
  summary: string;
  /** on_schedule | customer_request */
  reason: string;
  created_by: string | null;
  created_at: string;
}

/** The on-site tables (closing's and reports' are in their own modules). */
export interface OnsiteTables {
  site_visits: SiteVisitTable;
  service_requests: ServiceRequestTable;
  device_consents: DeviceConsentTable;
  checklist_items: ChecklistItemTable;
  checklist_marks: ChecklistMarkTable;
  daily_logs: DailyLogTable;
  weekly_reports: WeeklyReportTable;
}
