/** /api/v1/duty: the duty roster (DP-1 "on duty"): shifts and leave. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams, zOk, zText } from '../../http/schemas.ts';
import { i18n } from '../../http/validation.ts';
import { localDate } from '../work-orders/local-time.ts';
import { addDays } from './duty.rules.ts';
import * as duty from './duty.service.ts';
import { LEAVE_KINDS } from './duty.tables.ts';

const zClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: i18n('invalid_clock_time') });

const zShift = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string().nullable(),
});

const zLeave = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  from: z.string(),
  to: z.string(),
  kind: z.enum(LEAVE_KINDS),
  reason: z.string().nullable(),
});

export const dutyRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/duty',
    summary:
      'DP-1: the duty roster between two days (default: the next two weeks from today): shifts and leave of the people in scope',
    tags: ['duty'],
    auth: 'user',
    permission: 'duty.read',
    query: z.strictObject({ from: zDate.optional(), to: zDate.optional(), personId: zId.optional() }),
    response: z.object({ shifts: z.array(zShift), leave: z.array(zLeave) }),
    handler: async ({ ctx, actor, query }) => {
      const from = query.from ?? localDate(ctx.clock.now(), actor.timeZone);
      const r = await duty.roster(ctx, actor.scope, { ...query, from, to: query.to ?? addDays(from, 13) });
      return {
        shifts: r.shifts.map((s) => ({
          id: s.id,
          personId: s.person_id,
          personName: s.display_name,
          day: s.day,
          start: s.start_time,
          end: s.end_time,
          timeZone: s.time_zone,
          startsAt: s.starts_at,
          endsAt: s.ends_at,
          note: s.note,
        })),
        leave: r.leave.map((l) => ({
          id: l.id,
          personId: l.person_id,
          personName: l.display_name,
          from: l.from_day,
          to: l.to_day,
          kind: l.kind,
          reason: l.reason,
        })),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/duty/shifts',
    summary:
      'DP-1: put a person on duty from one day to another on chosen weekdays, start–end local time (an end before the start runs past midnight)',
    tags: ['duty'],
    auth: 'user',
    permission: 'duty.manage',
    status: 201,
    body: z.strictObject({
      personId: zId,
      from: zDate,
      to: zDate,
      weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
      start: zClock,
      end: zClock,
      note: zText(500).optional(),
    }),
    response: z.object({ created: z.number().int(), days: z.array(z.string()) }),
    handler: async ({ ctx, actor, body }) => {
      const rows = await duty.addShifts(ctx, actor, body);
      return { created: rows.length, days: rows.map((r) => r.day) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/duty/shifts/:id/cancel',
    summary: 'Take one shift off the roster, with a reason',
    tags: ['duty'],
    auth: 'user',
    permission: 'duty.manage',
    params: zIdParams,
    body: z.strictObject({ reason: zText(500) }),
    response: zOk,
    handler: async ({ ctx, actor, params, body }) => {
      await duty.cancelShift(ctx, actor, params.id, body.reason);
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/duty/leave',
    summary:
      'DP-1: record leave from one day to another (both included); a person on leave is not dispatched',
    tags: ['duty'],
    auth: 'user',
    permission: 'duty.manage',
    status: 201,
    body: z.strictObject({
      personId: zId,
      from: zDate,
      to: zDate,
      kind: z.enum(LEAVE_KINDS),
      reason: zText(500).optional(),
    }),
    response: z.object({ id: z.string() }),
    handler: async ({ ctx, actor, body }) => ({ id: (await duty.addLeave(ctx, actor, body)).id }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/duty/leave/:id/cancel',
    summary: 'Withdraw recorded leave, with a reason',
    tags: ['duty'],
    auth: 'user',
    permission: 'duty.manage',
    params: zIdParams,
    body: z.strictObject({ reason: zText(500) }),
    response: zOk,
    handler: async ({ ctx, actor, params, body }) => {
      await duty.cancelLeave(ctx, actor, params.id, body.reason);
      return { ok: true as const };
    },
  }),
];
