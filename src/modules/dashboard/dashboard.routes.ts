/** /api/v1/dashboard: aggregates for the manager dashboard, computed by the database in the caller's scope. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { CLOCK_KINDS } from '../deadlines/deadlines.defaults.ts';
import * as dashboard from './dashboard.service.ts';

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
    summary: 'WO-9: satisfaction ratings per score 1–5, refusals and the average score',
    tags: ['dashboard'],
    auth: 'user',
    permission: 'dashboard.read',
    query: z.strictObject(zRange),
    response: z.object({
      scores: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
      refused: z.number().int(),
      rated: z.number().int(),
      average: z.number().nullable(),
    }),
    handler: ({ ctx, actor, query }) =>
      dashboard.satisfaction(ctx, actor.scope, { from: utc(query.from), to: utc(query.to) }),
  }),
];
