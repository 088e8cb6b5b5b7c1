/**
 * DP-1 "on duty": when a shift runs, which days a roster entry covers, and whether a person is on
 * duty at a moment. Pure: time and rows are passed in.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import type { CandidateFinding } from '../dispatch/dispatch.checks.ts';
import { hhmmToMinutes, localToUtc } from '../work-orders/local-time.ts';

/** The most days one roster request may cover (a two-month roster at a time). */
export const MAX_ROSTER_DAYS = 62;

/** Adds `n` days to a YYYY-MM-DD date. */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/**
 * The days from `from` to `to` (both included) falling on the given ISO weekdays, or problems
 * naming the field when the range is backwards, too long or empty.
 */
export function rosterDays(
  from: string,
  to: string,
  weekdays: readonly number[],
): { days: string[]; problems: FieldProblem[] } {
  if (to < from) {
    return { days: [], problems: [problem('to', '结束日期早于开始日期', 'ends before it starts')] };
  }
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_ROSTER_DAYS) {
    return {
      days: [],
      problems: [
        problem(
          'to',
          `一次最多排 ${MAX_ROSTER_DAYS} 天`,
          `at most ${MAX_ROSTER_DAYS} days may be rostered at a time`,
        ),
      ],
    };
  }
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekdays.includes(weekdayOf(d))) days.push(d);
  if (days.length === 0) {
    return {
      days,
      problems: [
        problem('weekdays', '所选日期范围内没有这些星期几', 'none of these weekdays falls in the range'),
      ],
    };
  }
  return { days, problems: [] };
}

/**
 * The instants a shift runs between. A shift ending at or before its start time runs past
 * midnight into the next day (night duty 20:00–08:00); a shift of zero length is refused.
 */
export function shiftSpan(
  day: string,
  start: string,
  end: string,
  tz: string,
): { startsAt: string; endsAt: string } | FieldProblem {
  if (start === end)
    return problem('end', '班次结束时间不能等于开始时间', 'a shift cannot end when it starts');
  const overnight = hhmmToMinutes(end) < hhmmToMinutes(start);
  return {
    startsAt: localToUtc(day, start, tz).toISOString(),
    endsAt: localToUtc(overnight ? addDays(day, 1) : day, end, tz).toISOString(),
  };
}

/** What the roster knows about one person around the moment asked about. */
export interface DutyFacts {
  /** True when the person has any standing shift at all: their roster is kept, so it governs. */
  rostered: boolean;
  /** Standing shifts near the moment. */
  shifts: readonly { startsAt: string; endsAt: string }[];
  /** Standing leave near the day. */
  leave: readonly { fromDay: string; toDay: string }[];
}

export const NOT_ON_DUTY: CandidateFinding = {
  code: 'not_on_duty',
  label: { zh: '该时段不在值班表上', en: 'not on duty at that time' },
  blocking: true,
};

export const ON_LEAVE: CandidateFinding = {
  code: 'on_leave',
  label: { zh: '当天休假', en: 'on leave that day' },
  blocking: true,
};

/**
 * DP-1: leave on the site's local day blocks; otherwise someone whose roster is kept is on duty
 * only inside a shift. People with no roster at all are not judged (the roster is introduced
 * team by team, and a missing roster must not empty every candidate list).
 */
export function dutyFindings(facts: DutyFacts, at: string, day: string): CandidateFinding[] {
  if (facts.leave.some((l) => l.fromDay <= day && day <= l.toDay)) return [ON_LEAVE];
  if (!facts.rostered) return [];
  const t = Date.parse(at);
  const inShift = facts.shifts.some((s) => Date.parse(s.startsAt) <= t && t < Date.parse(s.endsAt));
  return inShift ? [] : [NOT_ON_DUTY];
}
