/**
 * Row types of the appointment tables (WO-5): appointments, reschedule requests, site working
 * hours and appointment-hours policies. `DB` in src/db/schema.ts extends `AppointmentTables`.
 * Closed vocabularies are typed with their unions; '*' in a policy matches any value.
 */

export type AppointmentState = 'proposed' | 'confirmed' | 'rescheduled' | 'cancelled';
/** How the customer agreed to a window: by the signed link or on the phone with staff. */
export type ConfirmedVia = 'link' | 'phone';
export type RescheduleRequester = 'customer' | 'engineer' | 'dispatcher';

export interface SiteWorkingHoursTable {
  site_id: string;
  /** JSON number[]: ISO weekdays 1 (Mon) … 7 (Sun). */
  days: string;
  opens: string;
  closes: string;
  updated_at: string;
}

export interface AppointmentTable {
  id: string;
  order_id: string;
  window_start: string;
  window_end: string;
  state: AppointmentState;
  proposed_by: string | null;
  proposed_at: string;
  confirmed_at: string | null;
  confirmed_via: ConfirmedVia | null;
  confirmed_by: string | null;
  /** Set on the appointment that this one replaced. */
  replaces_id: string | null;
  reschedule_reason: string | null;
  requested_by: RescheduleRequester | null;
  late_notice_at: string | null;
  late_notice_in_time: number | null;
  created_at: string;
  updated_at: string;
}

export interface RescheduleRequestTable {
  id: string;
  order_id: string;
  appointment_id: string;
  reason: string;
  preferred_start: string | null;
  preferred_end: string | null;
  /** customer (via the link) or staff */
  requested_by: string;
  created_at: string;
  handled_at: string | null;
}

/** WO-5: when appointments may fall, by customer, site class and severity ('*' = any). */
export interface AppointmentHoursPolicyTable {
  id: string;
  customer_id: string;
  site_class: string;
  severity: string;
  /** 1: any day, any hour; 0: the site's working hours. */
  around_the_clock: number;
  updated_at: string;
}

/** The appointment tables. */
export interface AppointmentTables {
  appointment_hours_policies: AppointmentHoursPolicyTable;
  site_working_hours: SiteWorkingHoursTable;
  appointments: AppointmentTable;
  reschedule_requests: RescheduleRequestTable;
}
