/** /api/v1/plans: the daily plan (DP-2). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams } from '../../http/schemas.ts';
import type { Locale } from '../../shared/i18n.ts';
import * as changes from './routing.changes.ts';
import { type PlanAssignment, unplacedLabels } from './routing.rules.ts';
import * as plans from './routing.service.ts';

const zSeconds = z.number().min(0.2).max(60).optional();
const zVersion = z.number().int().min(1);

const zStop = z.object({
  orderId: z.string(),
  number: z.string(),
  severity: z.string(),
  lat: z.number(),
  lng: z.number(),
  arrival: z.string(),
  start: z.string(),
  end: z.string(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  deadline: z.string().nullable(),
  lateMinutes: z.number(),
  missesWindow: z.boolean(),
  notQualified: z.boolean(),
  locked: z.boolean(),
});

const zPlan = z.object({
  id: z.string(),
  regionId: z.string(),
  day: z.string(),
  state: z.string(),
  progress: z.number(),
  version: z.number().int(),
  error: z.string().nullable(),
  timeZone: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  engineers: z.array(z.object({ personId: z.string(), name: z.string(), lat: z.number(), lng: z.number() })),
  routes: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      shiftStart: z.string(),
      shiftEnd: z.string(),
      back: z.string(),
      overtimeMinutes: z.number(),
      km: z.number(),
      stops: z.array(zStop),
    }),
  ),
  unplaced: z.array(
    z.object({ orderId: z.string(), number: z.string(), reason: z.string(), label: z.string() }),
  ),
  figures: z.object({
    engineers: z.number().int(),
    km: z.number(),
    lateMinutes: z.number(),
    overtimeMinutes: z.number(),
  }),
});

type View = Awaited<ReturnType<typeof plans.getPlan>>;

function presentPlan(v: View, locale: Locale): z.infer<typeof zPlan> {
  const { row, input, assignment, routes } = v;
  const at = (s: number) => new Date(Date.parse(input.dayStart) + s * 1000).toISOString();
  const minutes = (s: number) => Math.round(s / 60);
  const orders = new Map(input.orders.map((o) => [o.orderId, o]));
  const used = routes.filter((r) => r.stops.length > 0);
  return {
    id: row.id,
    regionId: row.region_id,
    day: row.day,
    state: row.state,
    progress: row.progress,
    version: row.version,
    error: row.error,
    timeZone: input.timeZone,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    engineers: input.engineers.map((e) => ({
      personId: e.personId,
      name: e.name,
      lat: input.points[e.point]?.lat ?? 0,
      lng: input.points[e.point]?.lng ?? 0,
    })),
    routes: used.map((r) => ({
      personId: r.personId,
      name: r.name,
      shiftStart: at(r.shift[0]),
      shiftEnd: at(r.shift[1]),
      back: at(r.back),
      overtimeMinutes: minutes(r.overtime),
      km: Math.round(r.meters / 100) / 10,
      stops: r.stops.map((s) => {
        const p = input.points[orders.get(s.orderId)?.point ?? 0];
        return {
          orderId: s.orderId,
          number: s.number,
          severity: s.severity,
          lat: p?.lat ?? 0,
          lng: p?.lng ?? 0,
          arrival: at(s.arrival),
          start: at(s.start),
          end: at(s.end),
          windowStart: s.window ? at(s.window[0]) : null,
          windowEnd: s.window ? at(s.window[1]) : null,
          deadline: s.deadline !== null ? at(s.deadline) : null,
          lateMinutes: minutes(s.lateBy),
          missesWindow: s.missesWindow,
          notQualified: s.notQualified,
          locked: s.locked,
        };
      }),
    })),
    unplaced: assignment.unplaced.map((u: PlanAssignment['unplaced'][number]) => ({
      orderId: u.orderId,
      number: orders.get(u.orderId)?.number ?? '',
      reason: u.reason,
      label: unplacedLabels[u.reason][locale],
    })),
    figures: {
      engineers: used.length,
      km: Math.round(used.reduce((a, r) => a + r.meters, 0) / 100) / 10,
      lateMinutes: minutes(used.reduce((a, r) => a + r.stops.reduce((x, s) => x + s.lateBy, 0), 0)),
      overtimeMinutes: minutes(used.reduce((a, r) => a + r.overtime, 0)),
    },
  };
}

export const routingRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/plans',
    summary:
      'DP-2: build the daily plan for a region and day (asynchronous: poll the plan for progress and the result)',
    tags: ['plans'],
    auth: 'user',
    permission: 'plans.manage',
    status: 202,
    body: z.strictObject({ regionId: zId, day: zDate, seconds: zSeconds }),
    response: zPlan,
    handler: async ({ ctx, actor, body, locale }) => {
      const row = await plans.createPlan(ctx, actor, body);
      return presentPlan(await plans.getPlan(ctx, actor.scope, row.id), locale);
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/plans',
    summary: 'DP-2: plans in scope, newest first (optionally one day)',
    tags: ['plans'],
    auth: 'user',
    permission: 'plans.read',
    query: z.strictObject({ day: zDate.optional() }),
    response: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          regionId: z.string(),
          regionName: z.string(),
          day: z.string(),
          state: z.string(),
          progress: z.number(),
          version: z.number(),
          createdAt: z.string(),
        }),
      ),
    }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await plans.listPlans(ctx, actor.scope, query)).map((p) => ({
        id: p.id,
        regionId: p.region_id,
        regionName: p.region_name,
        day: p.day,
        state: p.state,
        progress: p.progress,
        version: p.version,
        createdAt: p.created_at,
      })),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/plans/:id',
    summary:
      'DP-2: a plan with each engineer’s stops and the consequences (arrival, lateness, missed windows, overtime)',
    tags: ['plans'],
    auth: 'user',
    permission: 'plans.read',
    params: zIdParams,
    response: zPlan,
    handler: async ({ ctx, actor, params, locale }) =>
      presentPlan(await plans.getPlan(ctx, actor.scope, params.id), locale),
  }),
  route({
    method: 'POST',
    url: '/api/v1/plans/:id/moves',
    summary:
      'DP-2: move a stop to an engineer and position (or out of every route); the server re-checks and shows lateness and overtime',
    tags: ['plans'],
    auth: 'user',
    permission: 'plans.manage',
    params: zIdParams,
    body: z.strictObject({
      orderId: zId,
      personId: zId.nullable(),
      index: z.number().int().min(0).max(100),
      version: zVersion,
    }),
    response: zPlan,
    handler: async ({ ctx, actor, params, body, locale }) =>
      presentPlan(await changes.moveStop(ctx, actor, params.id, body), locale),
  }),
  route({
    method: 'POST',
    url: '/api/v1/plans/:id/locks',
    summary: 'DP-2: lock (or unlock) stops with their engineer, so re-optimising keeps them',
    tags: ['plans'],
    auth: 'user',
    permission: 'plans.manage',
    params: zIdParams,
    body: z.strictObject({ orderIds: z.array(zId).min(1).max(500), locked: z.boolean(), version: zVersion }),
    response: zPlan,
    handler: async ({ ctx, actor, params, body, locale }) =>
      presentPlan(await changes.setLocks(ctx, actor, params.id, body), locale),
  }),
  route({
    method: 'POST',
    url: '/api/v1/plans/:id/reoptimise',
    summary: 'DP-2: re-optimise everything not locked, from the current routes (asynchronous)',
    tags: ['plans'],
    auth: 'user',
    permission: 'plans.manage',
    status: 202,
    params: zIdParams,
    body: z.strictObject({ version: zVersion, seconds: zSeconds }),
    response: zPlan,
    handler: async ({ ctx, actor, params, body, locale }) => {
      await changes.reoptimise(ctx, actor, params.id, body);
      return presentPlan(await plans.getPlan(ctx, actor.scope, params.id), locale);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/plans/:id/publish',
    summary:
      'DP-2: publish: every stop’s engineer is assigned through dispatch (DP-1 rules apply); one refusal refuses all',
    tags: ['plans'],
    auth: 'user',
    permission: 'plans.manage',
    params: zIdParams,
    body: z.strictObject({ version: zVersion }),
    response: zPlan,
    handler: async ({ ctx, actor, params, body, locale }) =>
      presentPlan(await changes.publish(ctx, actor, params.id, body), locale),
  }),
  route({
    method: 'POST',
    url: '/api/v1/plans/:id/urgent',
    summary: 'DP-2: insert an urgent order into the published routes where it disturbs least, and assign it',
    tags: ['plans'],
    auth: 'user',
    permission: 'plans.manage',
    params: zIdParams,
    body: z.strictObject({ orderId: zId, version: zVersion }),
    response: zPlan,
    handler: async ({ ctx, actor, params, body, locale }) =>
      presentPlan(await changes.insertUrgent(ctx, actor, params.id, body), locale),
  }),
];
