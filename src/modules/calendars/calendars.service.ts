/** Business calendars (SL-1): load one for the clock arithmetic; administrators edit hours and add years. */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor } from '../access/policy.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import * as repo from './calendars.repository.ts';
import { type DayInterval, intervalProblems, NoWorkingTime, type WorkCalendar } from './calendars.rules.ts';
import type { CalendarTable } from './calendars.tables.ts';

/** The arithmetic view of a stored calendar. */
export function toWorkCalendar(
  row: CalendarTable,
  days: readonly { day: string; kind: string }[],
): WorkCalendar {
  return {
    mode: row.mode === '24x7' ? '24x7' : 'business',
    timeZone: row.time_zone,
    week: JSON.parse(row.week_hours) as DayInterval[][],
    makeupHours: JSON.parse(row.makeup_hours) as DayInterval[],
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
}

/**
 * Runs calendar arithmetic and turns "does not fit in the calendar" into a 422 naming `field`
 * (a policy's minutes, the calculator's minutes), instead of a server error.
 */
export function withinCalendar<T>(field: string, compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (!(err instanceof NoWorkingTime)) throw err;
    throw invalid([
      problem(
        field,
        `在该日历上，这么长的工作时间超出了可计算的范围（${err.days} 天内的工作时间不够）`,
        `is more working time than this calendar has within ${err.days} days`,
      ),
    ]);
  }
}

/** Loads a calendar for the clock arithmetic; 404 when it does not exist. */
export async function loadCalendar(ctx: AppContext, id: string): Promise<WorkCalendar> {
  const row = await repo.findCalendar(ctx.db, id);
  if (!row) throw notFound('calendar');
  return toWorkCalendar(row, row.mode === '24x7' ? [] : await repo.daysOf(ctx.db, id));
}

/** A calendar with its special days. */
export async function getCalendar(ctx: AppContext, id: string, year?: number) {
  const row = await repo.findCalendar(ctx.db, id);
  if (!row) throw notFound('calendar');
  return { row, days: await repo.daysOf(ctx.db, id, year) };
}

/** Every calendar. */
export function listCalendars(ctx: AppContext) {
  return repo.listCalendars(ctx.db);
}

/** Hours as given by the API: per weekday (Sunday first) a list of "HH:MM-HH:MM". */
export interface CalendarInput {
  code: string;
  name: string;
  nameEn?: string | null | undefined;
  mode: '24x7' | 'business';
  timeZone: string;
  week?: string[][] | undefined;
  makeupHours?: string[] | undefined;
}

/** Parses "08:30-12:00" into minutes; null when malformed. */
export function parseInterval(text: string): DayInterval | null {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(text);
  if (!m) return null;
  const s = Number(m[1]) * 60 + Number(m[2]);
  const e = m[3] === '24' && m[4] === '00' ? 1440 : Number(m[3]) * 60 + Number(m[4]);
  if (Number(m[2]) > 59 || Number(m[4]) > 59) return null;
  return [s, e];
}

/** Formats minutes back to "HH:MM-HH:MM". */
export function formatInterval([s, e]: DayInterval): string {
  const f = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${f(s)}-${f(e)}`;
}

function parseHours(field: string, list: string[]): DayInterval[] {
  const parsed = list.map(parseInterval);
  if (parsed.some((p) => p === null) || intervalProblems(parsed as DayInterval[])) {
    throw invalid([
      problem(
        field,
        '工作时段应为 HH:MM-HH:MM，开始早于结束，且互不重叠',
        'hours must be HH:MM-HH:MM with start before end and no overlaps',
      ),
    ]);
  }
  return parsed as DayInterval[];
}

/** Creates a calendar; a business calendar needs a week with at least one working interval. */
export async function createCalendar(ctx: AppContext, actor: HistoryActor, input: CalendarInput) {
  const week = (input.week ?? [[], [], [], [], [], [], []]).map((d, i) => parseHours(`week.${i}`, d));
  if (input.mode === 'business' && week.every((d) => d.length === 0)) {
    throw invalid([
      problem('week', '工作日历至少需要一个工作时段', 'a business calendar needs working hours'),
    ]);
  }
  const makeup = parseHours('makeupHours', input.makeupHours ?? []);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row: CalendarTable = {
      id: newId(),
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      mode: input.mode,
      time_zone: input.timeZone,
      week_hours: JSON.stringify(week),
      makeup_hours: JSON.stringify(makeup.length ? makeup : (week[1] ?? [])),
      created_at: now,
      updated_at: now,
    };
    await repo.insertCalendar(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'calendar',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/** One special day as given by the API. */
export interface SpecialDayInput {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/**
 * Replaces a year's public holidays and make-up working days (调休) — how administrators add the
 * State Council's schedule for a new year. History keeps the previous list.
 */
export async function setYear(
  ctx: AppContext,
  actor: HistoryActor,
  calendarId: string,
  year: number,
  days: SpecialDayInput[],
) {
  const outside = days.findIndex((d) => !d.date.startsWith(`${year}-`));
  if (outside >= 0)
    throw invalid([problem(`days.${outside}.date`, `日期不在 ${year} 年内`, `the date is not in ${year}`)]);
  const seen = new Set<string>();
  for (const [i, d] of days.entries()) {
    if (seen.has(d.date))
      throw invalid([problem(`days.${i}.date`, '同一日期出现了两次', 'the same date appears twice')]);
    seen.add(d.date);
  }
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'calendars', calendarId);
    const cal = await repo.findCalendar(tx.db, calendarId);
    if (!cal) throw notFound('calendar');
    const before = await repo.daysOf(tx.db, calendarId, year);
    const rows = days
      .map((d) => ({ calendar_id: calendarId, day: d.date, kind: d.kind, name: d.name }))
      .sort((a, b) => a.day.localeCompare(b.day));
    await repo.replaceYear(tx.db, calendarId, year, rows);
    await repo.updateCalendar(tx.db, calendarId, { updated_at: tx.clock.now().toISOString() });
    await recordHistory(tx, actor, {
      entityType: 'calendar',
      entityId: calendarId,
      action: 'set_year',
      changes: {
        [String(year)]: [
          before.map((d) => `${d.day} ${d.kind} ${d.name}`),
          rows.map((d) => `${d.day} ${d.kind} ${d.name}`),
        ],
      },
    });
    return rows;
  });
}
