/** /api/v1/assessment/scheme and /scorecards: VA-2 scheme, monthly scorecards, revisions, comments. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zHistoryEntry } from '../history/history.routes.ts';
import { EXPORT_FORMATS, exportMonth } from './assessment.export.ts';
import { MONTH_PATTERN } from './assessment.rules.ts';
import * as scorecards from './assessment.scorecards.ts';
import { XLSX } from './assessment.xlsx.ts';

const zMonthParams = z.strictObject({ month: z.string().regex(MONTH_PATTERN) });
const zItem = z.strictObject({
  key: z.string().min(1).max(60),
  weight: z.number().finite().min(0).max(1000),
  full: z.number().finite(),
  zero: z.number().finite(),
});
const zScheme = z.strictObject({
  items: z.array(zItem).max(40),
  penaltyPerViolation: z.number().finite().min(0).max(100),
});
const zScoreRow = z.object({
  partnerId: z.string(),
  partnerName: z.string().nullable(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  violations: z.number(),
  penalty: z.number(),
  items: z.array(
    z.object({
      key: z.string(),
      weight: z.number(),
      value: z.number().nullable(),
      points: z.number().nullable(),
    }),
  ),
});

export const scorecardRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/assessment/scheme',
    summary: 'VA-2: the operator’s assessment scheme (weights, target bands, penalty per violation)',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    response: zScheme.extend({ version: z.number().int() }),
    handler: ({ ctx }) => scorecards.getScheme(ctx),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/assessment/scheme',
    summary: 'VA-2: replace the assessment scheme (operator staff only); history keeps the old one',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.manage',
    body: zScheme,
    response: zScheme.extend({ version: z.number().int() }),
    handler: ({ ctx, actor, body }) => scorecards.putScheme(ctx, actor, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assessment/scheme/history',
    summary: 'VA-2: every change of the assessment scheme: who, when, the old and the new weights and bands',
    tags: ['assessment'],
    auth: 'user',
    permission: 'history.read',
    response: z.object({ items: z.array(zHistoryEntry) }),
    handler: async ({ ctx }) => ({ items: await scorecards.schemeHistory(ctx) }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assessment/scorecards/:month',
    summary:
      'VA-2: score and rank per partner for a month (frozen once closed); a partner sees only its own line',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    params: zMonthParams,
    response: z.object({
      month: z.string(),
      closed: z.boolean(),
      revision: z.number().int().nullable(),
      scheme: zScheme,
      revisions: z.array(
        z.object({ revision: z.number().int(), reason: z.string().nullable(), createdAt: z.string() }),
      ),
      rows: z.array(zScoreRow),
      comments: z.array(
        z.object({
          id: z.string(),
          partnerId: z.string(),
          side: z.enum(['operator', 'partner']),
          authorName: z.string(),
          body: z.string(),
          createdAt: z.string(),
        }),
      ),
    }),
    handler: ({ ctx, actor, params }) => scorecards.getScorecard(ctx, actor, params.month),
  }),
  route({
    method: 'POST',
    url: '/api/v1/assessment/scorecards/:month/close',
    summary: 'VA-2: close a month that has ended, freezing its scorecard as revision 1',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.manage',
    params: zMonthParams,
    body: z.strictObject({}),
    response: z.object({ month: z.string(), revision: z.number().int() }),
    handler: ({ ctx, actor, params }) => scorecards.freeze(ctx, actor, params.month, null),
  }),
  route({
    method: 'POST',
    url: '/api/v1/assessment/scorecards/:month/revisions',
    summary: 'VA-2: correct a closed month: a new revision recomputed from the records, with its reason',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.manage',
    params: zMonthParams,
    body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
    response: z.object({ month: z.string(), revision: z.number().int() }),
    handler: ({ ctx, actor, params, body }) => scorecards.freeze(ctx, actor, params.month, body.reason),
  }),
  route({
    method: 'POST',
    url: '/api/v1/assessment/scorecards/:month/comments',
    summary: 'VA-2: a manager comments on a partner’s line; the partner responds on its own',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    params: zMonthParams,
    body: z.strictObject({ partnerId: z.string().min(1).max(100), body: z.string().max(4000) }),
    response: z.object({
      id: z.string(),
      partnerId: z.string(),
      side: z.enum(['operator', 'partner']),
      body: z.string(),
      createdAt: z.string(),
    }),
    handler: ({ ctx, actor, params, body }) =>
      scorecards.comment(ctx, actor, params.month, body.partnerId, body.body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assessment/scorecards/:month/export',
    summary:
      'VA-2: the month as an xlsx workbook (scorecard and one sheet per indicator) or a PDF with the ranking and trend charts, in the caller’s scope',
    tags: ['assessment'],
    auth: 'user',
    permission: 'assessment.read',
    params: zMonthParams,
    query: z.strictObject({ format: z.enum(EXPORT_FORMATS).optional() }),
    produces: XLSX,
    handler: async ({ ctx, actor, params, query, locale, reply }) => {
      const file = await exportMonth(ctx, actor, params.month, query.format ?? 'xlsx', locale);
      await reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
      return undefined;
    },
  }),
];
