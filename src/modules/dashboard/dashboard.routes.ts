/** /api/v1/dashboard: aggregates for the manager dashboard, computed by the database in the caller's scope. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { CLOCK_KINDS } from '../deadlines/deadlines.defaults.ts';
import { SATISFACTION_GROUPS } from './dashboard.satisfaction-sql.ts';
import * as dashboard from './dashboard.service.ts';
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
];
