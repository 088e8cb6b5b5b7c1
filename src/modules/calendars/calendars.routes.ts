/** /api/v1/calendars: business calendars with public holidays and make-up working days (SL-1). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams, zText, zTimeZone } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import {
  addBusinessMinutes,
  CALENDAR_DAY_KINDS,
  CALENDAR_MODES,
  type DayInterval,
} from './calendars.rules.ts';
import * as calendars from './calendars.service.ts';
import type { CalendarTable } from './calendars.tables.ts';

const zHours = z.array(z.string().max(11)).max(6);
const zCalendar = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  mode: z.enum(CALENDAR_MODES),
  timeZone: z.string(),
  week: z.array(z.array(z.string())),
  makeupHours: z.array(z.string()),
  updatedAt: z.string(),
});
const zDay = z.object({ date: z.string(), kind: z.enum(CALENDAR_DAY_KINDS), name: z.string() });

/** The API shape of a calendar; hours as "HH:MM-HH:MM", weekdays Sunday first. */
export function presentCalendar(r: CalendarTable): z.infer<typeof zCalendar> {
  const week = JSON.parse(r.week_hours) as DayInterval[][];
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    mode: r.mode === '24x7' ? '24x7' : 'business',
    timeZone: r.time_zone,
    week: week.map((d) => d.map(calendars.formatInterval)),
    makeupHours: (JSON.parse(r.makeup_hours) as DayInterval[]).map(calendars.formatInterval),
    updatedAt: r.updated_at,
  };
}

function presentDay(d: { day: string; kind: string; name: string }): z.infer<typeof zDay> {
  return { date: d.day, kind: d.kind === 'workday' ? 'workday' : 'holiday', name: d.name };
}

export const calendarRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/calendars',
    summary: 'Business calendars (working hours, holidays, make-up days) and the 24×7 calendar',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    response: z.object({ items: z.array(zCalendar) }),
    handler: async ({ ctx }) => ({ items: (await calendars.listCalendars(ctx)).map(presentCalendar) }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/calendars/:id',
    summary: 'One calendar with its public holidays and make-up working days (optionally one year)',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    params: zIdParams,
    query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    response: zCalendar.extend({ days: z.array(zDay) }),
    handler: async ({ ctx, params, query }) => {
      const { row, days } = await calendars.getCalendar(ctx, params.id, query.year);
      return {
        ...presentCalendar(row),
        days: days.map(presentDay),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/calendars/:id/due',
    summary: 'SL-1 calculator: the instant N working minutes after a start on this calendar',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.read',
    params: zIdParams,
    query: z.strictObject({
      from: z.iso.datetime({ offset: true }),
      minutes: z.coerce.number().int().min(0).max(1_000_000),
    }),
    response: z.object({ from: z.string(), minutes: z.number(), due: z.string() }),
    handler: async ({ ctx, params, query }) => {
      const cal = await calendars.loadCalendar(ctx, params.id);
      const from = new Date(query.from);
      return {
        from: from.toISOString(),
        minutes: query.minutes,
        due: calendars
          .withinCalendar('minutes', () => addBusinessMinutes(cal, from, query.minutes))
          .toISOString(),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/calendars',
    summary: 'Create a calendar (24×7, or working hours per weekday)',
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.manage',
    status: 201,
    body: z.strictObject({
      code: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'i18n:invalid_code' }),
      name: zText(100),
      nameEn: zText(100).nullable().optional(),
      mode: z.enum(CALENDAR_MODES),
      timeZone: zTimeZone,
      week: z.array(zHours).length(7).optional(),
      makeupHours: zHours.optional(),
    }),
    response: zCalendar,
    handler: async ({ ctx, actor, body }) =>
      presentCalendar(await calendars.createCalendar(ctx, actor, body)),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/calendars/:id/years/:year',
    summary:
      "Set a year's public holidays and make-up working days (调休), e.g. from the State Council notice",
    tags: ['deadlines'],
    auth: 'user',
    permission: 'deadlines.manage',
    params: z.strictObject({ id: zId, year: z.coerce.number().int().min(2000).max(2100) }),
    body: z.strictObject({
      days: z
        .array(z.strictObject({ date: zDate, kind: z.enum(CALENDAR_DAY_KINDS), name: zText(50) }))
        .max(366),
    }),
    response: z.object({ days: z.array(zDay) }),
    handler: async ({ ctx, actor, params, body }) => {
      const rows = await calendars.setYear(ctx, actor, params.id, params.year, body.days);
      return {
        days: rows.map(presentDay),
      };
    },
  }),
  historyRoute({
    base: '/api/v1/calendars',
    entityType: 'calendar',
    tag: 'deadlines',
    ensureVisible: (ctx, _actor, id) => calendars.getCalendar(ctx, id),
  }),
];
