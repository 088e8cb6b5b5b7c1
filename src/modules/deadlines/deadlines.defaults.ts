/**
 * The rulebooks' default deadlines (SL-1, WO-10, WO-11) and escalation ladder (SL-2). Every
 * number is configurable through the API; these only seed a new database.
 */
import { STANDARD_DAY_MINUTES } from '../calendars/calendars.rules.ts';

export const CLOCK_KINDS = ['respond', 'arrive', 'restore', 'resolve', 'update', 'follow_up'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export const SEVERITIES = ['critical', 'major', 'minor', 'advisory'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const AREA_CLASSES = ['urban', 'county', 'rural'] as const;
export type AreaClass = (typeof AREA_CLASSES)[number];

/** Codes of the two calendars every database starts with. */
export const ALWAYS_CALENDAR = 'ALWAYS';
export const STANDARD_CALENDAR = 'CN-STD';

/** One seeded policy row. */
export interface DefaultPolicy {
  severity: Severity;
  areaClass: AreaClass | '*';
  kind: ClockKind;
  minutes: number;
  calendar: typeof ALWAYS_CALENDAR | typeof STANDARD_CALENDAR;
}

const DAY = 24 * 60;
const WD = STANDARD_DAY_MINUTES;

function row(
  severity: Severity,
  kind: ClockKind,
  minutes: number,
  calendar: DefaultPolicy['calendar'],
  areaClass: DefaultPolicy['areaClass'] = '*',
): DefaultPolicy {
  return { severity, areaClass, kind, minutes, calendar };
}

/** Arrival allowances grow with distance: urban, county, rural. */
function arrive(severity: Severity, minutes: [number, number, number], cal: DefaultPolicy['calendar']) {
  return AREA_CLASSES.map((a, i) => row(severity, 'arrive', minutes[i] ?? minutes[0], cal, a));
}

/**
 * Critical runs round the clock (SL-3); the others on the standard business calendar.
 * WO-11: next customer update within 2 working days, 1 day for critical and major.
 * WO-10: follow-up within 3 (calendar) days of leaving the site.
 */
export const DEFAULT_POLICIES: readonly DefaultPolicy[] = [
  row('critical', 'respond', 15, ALWAYS_CALENDAR),
  ...arrive('critical', [120, 180, 240], ALWAYS_CALENDAR),
  row('critical', 'restore', 240, ALWAYS_CALENDAR),
  row('critical', 'resolve', 3 * DAY, ALWAYS_CALENDAR),
  row('critical', 'update', DAY, ALWAYS_CALENDAR),
  row('critical', 'follow_up', 3 * DAY, ALWAYS_CALENDAR),
  row('major', 'respond', 30, STANDARD_CALENDAR),
  ...arrive('major', [240, 360, 480], STANDARD_CALENDAR),
  row('major', 'restore', WD, STANDARD_CALENDAR),
  row('major', 'resolve', 3 * WD, STANDARD_CALENDAR),
  row('major', 'update', WD, STANDARD_CALENDAR),
  row('major', 'follow_up', 3 * DAY, ALWAYS_CALENDAR),
  row('minor', 'respond', 120, STANDARD_CALENDAR),
  ...arrive('minor', [WD, 1.5 * WD, 2 * WD], STANDARD_CALENDAR),
  row('minor', 'restore', 3 * WD, STANDARD_CALENDAR),
  row('minor', 'resolve', 5 * WD, STANDARD_CALENDAR),
  row('minor', 'update', 2 * WD, STANDARD_CALENDAR),
  row('minor', 'follow_up', 3 * DAY, ALWAYS_CALENDAR),
  row('advisory', 'respond', WD, STANDARD_CALENDAR),
  ...arrive('advisory', [3 * WD, 4 * WD, 5 * WD], STANDARD_CALENDAR),
  row('advisory', 'restore', 5 * WD, STANDARD_CALENDAR),
  row('advisory', 'resolve', 10 * WD, STANDARD_CALENDAR),
  row('advisory', 'update', 2 * WD, STANDARD_CALENDAR),
  row('advisory', 'follow_up', 3 * DAY, ALWAYS_CALENDAR),
];

/** SL-2: owner → area service manager → office manager → department chief → director. */
export const DEFAULT_LADDER: readonly { role: string; afterMinutes: number }[] = [
  { role: 'owner', afterMinutes: 0 },
  { role: 'area_service_manager', afterMinutes: 30 },
  { role: 'office_manager', afterMinutes: 60 },
  { role: 'department_chief', afterMinutes: 120 },
  { role: 'after_sales_director', afterMinutes: 240 },
];
