/** /api/v1/dashboard: aggregates for the manager dashboard, computed by the database in the caller's scope. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { invalid, problem } from '../../shared/errors.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { CLOCK_KINDS } from '../deadlines/deadlines.defaults.ts';
import { SATISFACTION_GROUPS } from './dashboard.satisfaction-sql.ts';
import * as dashboard from './dashboard.service.ts';
import { TREND_BUCKETS } from './dashboard.trend.ts';
import { satisfactionWorkbook, XLSX } from './dashboard.xlsx.ts';

/** Who reads the dashboard. Called from the capability's `register`. */
export function registerDashboardGrants(): void {
  grant('dashboard.read', [...MANAGER_ROLES, 'auditor', 'admin']);
}

const zRange = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};
const zCompliance = {
  total: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  percent: z.number().nullable(),
};

const zFigures = {
  rated: z.number().int(),
  refused: z.number().int(),
  average: z.number().nullable(),
  rate: z.number().nullable(),
  closedOrders: z.number().int(),
  responseRate: z.number().nullable(),
  complaints: z.number().int(),
  complaintsPer1000: z.number().nullable(),
  topCategories: z.array(z.object({ category: z.string(), count: z.number().int() })),
};

/** ISO instants compare as stored text only in UTC form. */
const utc = (s: string | undefined) => (s ? new Date(s).toISOString() : undefined);

export const dashboardRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/dashboard/deadline-compliance',
    summary:
      'SL-1: share of decided clocks (stopped in time or breached) met, per partner and per region, worst first',
    tags: ['dashboard'],
    auth: 'user',
    permission: 'dashboard.read',
    query: z.strictObject({ ...zRange, kind: z.enum(CLOCK_KINDS).optional() }),
    response: z.object({
      byPartner: z.array(
        z.object({ partnerId: z.string().nullable(), partnerName: z.string().nullable(), ...zCompliance }),
      ),
      byRegion: z.array(
        z.object({
          regionId: z.string(),
          regionCode: z.string(),
          regionName: z.string(),
          regionNameEn: z.string().nullable(),
          ...zCompliance,
        }),
      ),
    }),
    handler: ({ ctx, actor, query }) =>
      dashboard.deadlineCompliance(ctx, actor.scope, {
        from: utc(query.from),
        to: utc(query.to),
        kind: query.kind,
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/dashboard/satisfaction',
    summary:
      'WO-9/CS-2: ratings per score 1–5, refusals, average score, satisfaction rate (share of 4–5), response rate, complaints per 1,000 closed orders and top complaint categories — overall and by region, partner, engineer or month',
    tags: ['dashboard'],
    auth: 'user',
    permission: 'dashboard.read',
    query: z.strictObject({ ...zRange, groupBy: z.enum(SATISFACTION_GROUPS).optional() }),
    response: z.object({
      scores: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
      ...zFigures,
      groups: z.array(z.object({ key: z.string().nullable(), label: z.string().nullable(), ...zFigures })),
    }),
    handler: ({ ctx, actor, query }) =>
      dashboard.satisfaction(ctx, actor.scope, {
        from: utc(query.from),
        to: utc(query.to),
        groupBy: query.groupBy,
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/dashboard/satisfaction/export',
    summary: 'CS-2: the satisfaction figures by region, partner, engineer or month as an xlsx workbook',
    tags: ['dashboard'],
    auth: 'user',
    permission: 'dashboard.read',
    query: z.strictObject({ ...zRange, groupBy: z.enum(SATISFACTION_GROUPS).default('month') }),
    produces: XLSX,
    handler: async ({ ctx, actor, query, locale, reply }) => {
      const view = await dashboard.satisfaction(ctx, actor.scope, {
        from: utc(query.from),
        to: utc(query.to),
        groupBy: query.groupBy,
      });
      const body = await satisfactionWorkbook(view, query.groupBy, locale);
      await reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="satisfaction-${query.groupBy}.xlsx"`)
        .header('x-content-type-options', 'nosniff')
        .send(body);
      return undefined;
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/dashboard/trend',
    summary:
      'WO-9/SL-1: per week or month of the organisation calendar, orders received (critical among them), orders closed, and deadline clocks met of those decided',
    tags: ['dashboard'],
    auth: 'user',
    permission: 'dashboard.read',
    query: z.strictObject({
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
      bucket: z.enum(TREND_BUCKETS).default('week'),
    }),
    response: z.object({
      bucket: z.enum(TREND_BUCKETS),
      points: z.array(
        z.object({
          period: z.string(),
          received: z.number().int(),
          critical: z.number().int(),
          closed: z.number().int(),
          compliance: z.object(zCompliance),
        }),
      ),
    }),
    handler: async ({ ctx, actor, query }) => {
      const from = new Date(query.from);
      const to = new Date(query.to);
      const days = (to.getTime() - from.getTime()) / 86_400_000;
      if (days <= 0) throw invalid([problem('to', '结束时间须晚于开始时间', 'must be after from')]);
      // A chart of more than about a hundred bars reads as noise; longer spans go by month.
      const most = query.bucket === 'week' ? 7 * 110 : 31 * 60;
      if (days > most) {
        throw invalid([
          problem(
            'to',
            query.bucket === 'week' ? '按周最多约两年，请改按月查看' : '按月最多五年',
            query.bucket === 'week'
              ? 'by week at most about two years; view by month'
              : 'by month at most five years',
          ),
        ]);
      }
      const points = await dashboard.trend(ctx, actor.scope, {
        from: from.toISOString(),
        to: to.toISOString(),
        bucket: query.bucket,
      });
      return { bucket: query.bucket, points };
    },
  }),
];
