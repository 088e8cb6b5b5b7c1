/**
 * Row types of working calendars and their holidays and make-up days (domain.md §3). `DB` in src/db/schema.ts extends `CalendarTables`.
 * Times are ISO-8601 UTC text, flags 0/1, JSON as text, on both databases.
 */

import type { CalendarDayKind, CalendarMode } from './calendars.rules.ts';

export interface CalendarTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  mode: CalendarMode;
  time_zone: string;
  /** JSON [[start,end],…][7], minutes after local midnight, Sunday first. */
  week_hours: string;
  /** JSON [[start,end],…]: hours of a make-up working day (调休). */
  makeup_hours: string;
  created_at: string;
  updated_at: string;
}

export interface CalendarDayTable {
  calendar_id: string;
  day: string;
  kind: CalendarDayKind;
  name: string;
}

/** Every table of this capability. */
export interface CalendarTables {
  calendars: CalendarTable;
  calendar_days: CalendarDayTable;
}
