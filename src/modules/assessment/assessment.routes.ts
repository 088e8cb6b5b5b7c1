/** /api/v1/assessment: vendor assessment indicators (VA-1) and their written definitions. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { DRILL_FIGURES, figureOrders } from './assessment.drill.ts';
import { indicatorHeatmap } from './assessment.heatmap.ts';
import { INDICATORS, MONTH_PATTERN } from './assessment.rules.ts';
import * as assessment from './assessment.service.ts';
import { indicatorTrend } from './assessment.trend.ts';

const zMonth = z.string().regex(MONTH_PATTERN);
const zIndicator = z.enum(INDICATORS.map((d) => d.key) as [string, ...string[]]);
const zBilingual = z.object({ 'zh-CN': z.string(), en: z.string() });
const zValue = z.object({
  value: z.number().nullable(),
  p90: z.number().nullable().optional(),
  sample: z.number().int(),
  available: z.boolean(),
});

export const assessmentRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/assessment/definitions',
    summary: 'VA-1: what each assessment indicator counts, in zh-CN and en',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    response: z.object({
      indicators: z.array(
        z.object({
          key: z.string(),
          unit: z.string(),
          higherIsBetter: z.boolean(),
          external: z.boolean(),
          name: zBilingual,
          definition: zBilingual,
        }),
      ),
    }),
    handler: async () => ({ indicators: [...INDICATORS] }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assessment/indicators',
    summary:
      'VA-1: one month of indicators per partner, under a region (any level), in the caller’s scope; a partner sees only its own',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    query: z.strictObject({
      month: zMonth,
      regionId: z.string().min(1).max(100).optional(),
      partnerId: z.string().min(1).max(100).optional(),
    }),
    response: z.object({
      month: z.string(),
      from: z.string(),
      to: z.string(),
      region: z.object({ id: z.string(), name: z.string(), nameEn: z.string().nullable() }).nullable(),
      partners: z.array(
        z.object({
          partnerId: z.string().nullable(),
          partnerName: z.string().nullable(),
          orders: z.number().int(),
          indicators: z.record(z.string(), zValue),
        }),
      ),
    }),
    handler: ({ ctx, actor, query }) => assessment.monthIndicators(ctx, actor.scope, query),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assessment/orders',
    summary:
      'VA-2: the orders behind one figure of a month (a partner’s, or own staff’s without partnerId), in the caller’s scope; a partner sees only its own',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    query: z.strictObject({
      month: zMonth,
      figure: z.enum(DRILL_FIGURES),
      regionId: z.string().min(1).max(100).optional(),
      partnerId: z.string().min(1).max(100).optional(),
    }),
    response: z.object({
      month: z.string(),
      figure: z.string(),
      orders: z.array(
        z.object({
          id: z.string(),
          number: z.string(),
          type: z.string(),
          state: z.string(),
          receivedAt: z.string(),
          resolvedAt: z.string().nullable(),
          regionName: z.string(),
          /** Minutes (times), hours are not used; 1/0 for breached / fixed first time; null for plain counts. */
          detail: z.number().nullable(),
        }),
      ),
    }),
    handler: ({ ctx, actor, query }) => figureOrders(ctx, actor.scope, query),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assessment/trend',
    summary:
      'VA-2: one indicator per partner over the twelve months ending with the month, in the caller’s scope',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    query: z.strictObject({
      month: zMonth,
      indicator: zIndicator,
      regionId: z.string().min(1).max(100).optional(),
      partnerId: z.string().min(1).max(100).optional(),
    }),
    response: z.object({
      indicator: z.string(),
      months: z.array(z.string()),
      partners: z.array(
        z.object({
          partnerId: z.string().nullable(),
          partnerName: z.string().nullable(),
          values: z.array(z.number().nullable()),
        }),
      ),
    }),
    handler: ({ ctx, actor, query }) => indicatorTrend(ctx, actor.scope, query),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assessment/heatmap',
    summary:
      'VA-2: one indicator per partner × prefecture for a month, with the share of its target band reached, in the caller’s scope',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    query: z.strictObject({ month: zMonth, indicator: zIndicator }),
    response: z.object({
      month: z.string(),
      indicator: z.string(),
      regions: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string().nullable() })),
      partners: z.array(z.object({ partnerId: z.string().nullable(), partnerName: z.string().nullable() })),
      cells: z.array(
        z.object({
          regionId: z.string(),
          partnerId: z.string().nullable(),
          value: z.number().nullable(),
          score: z.number().nullable(),
        }),
      ),
    }),
    handler: ({ ctx, actor, query }) => indicatorHeatmap(ctx, actor.scope, query),
  }),
];
