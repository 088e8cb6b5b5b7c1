/** /api/v1/wording: the wording check for integrations and the console, and the lexicon's administration (CW-1). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zIdParams, zList, zPage, zText } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { WORDING_CATEGORIES, WORDING_RULES } from './wording.rules.ts';
import * as wording from './wording.service.ts';
import type { WordingExpressionTable } from './wording.tables.ts';

const zCategory = z.enum(WORDING_CATEGORIES);
const zSeverity = z.enum(['block', 'warn']);
const zLocale = z.enum(['zh-CN', 'en']);

export const zFinding = z.object({
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  expression: z.string(),
  category: zCategory,
  categoryLabel: z.string(),
  severity: zSeverity,
  suggestion: z.string(),
  replacement: z.string(),
});

/** A finding as API JSON, its category named in the reader's language. */
export function presentFinding(f: wording.CheckedFinding, locale: 'zh-CN' | 'en'): z.infer<typeof zFinding> {
  return {
    start: f.start,
    end: f.end,
    text: f.text,
    expression: f.expression,
    category: f.category,
    categoryLabel: wording.CATEGORY_LABELS[f.category][locale],
    severity: f.severity,
    suggestion: f.suggestion,
    replacement: f.replacement,
  };
}

const zExpression = z.object({
  id: z.string(),
  locale: zLocale,
  expression: z.string(),
  category: zCategory,
  severity: zSeverity,
  rule: z.enum(WORDING_RULES),
  suggestion: z.string(),
  replacement: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});

function presentExpression(r: WordingExpressionTable): z.infer<typeof zExpression> {
  return {
    id: r.id,
    locale: r.locale,
    expression: r.expression,
    category: r.category,
    severity: r.severity,
    rule: r.rule,
    suggestion: r.suggestion,
    replacement: r.replacement,
    active: r.active === 1,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

const expressionFields = {
  locale: zLocale,
  expression: zText(60),
  category: zCategory,
  severity: zSeverity,
  rule: z.enum(WORDING_RULES).default('plain'),
  suggestion: zText(200),
  replacement: z.string().trim().max(200).default(''),
};

export const wordingRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/wording/check',
    summary:
      'CW-1/CW-2: check a customer-facing text — each finding with category, severity (block/warn), exact span (UTF-16 offsets), matched expression and suggested phrasing',
    tags: ['wording'],
    auth: 'user',
    permission: 'wording.check',
    body: z.strictObject({ text: z.string().max(5000) }),
    response: z.object({ verdict: z.enum(['block', 'warn', 'clean']), findings: z.array(zFinding) }),
    handler: async ({ ctx, body, locale }) => {
      const findings = await wording.checkText(ctx, body.text);
      return {
        verdict: wording.verdictOf(findings),
        findings: findings.map((f) => presentFinding(f, locale)),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/wording/expressions',
    summary: 'The lexicon of the wording check, filtered by language, category, state or text',
    tags: ['wording'],
    auth: 'user',
    permission: 'wording.admin',
    query: z.strictObject({
      locale: zLocale.optional(),
      category: zCategory.optional(),
      active: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
      q: z.string().max(60).optional(),
      ...zPage,
    }),
    response: zList(zExpression),
    handler: async ({ ctx, query }) => {
      const { limit, offset, ...filter } = query;
      const found = await wording.listExpressions(ctx, filter, { limit, offset });
      return { items: found.items.map(presentExpression), total: found.total };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/wording/expressions',
    summary: 'Add an expression to the lexicon; the check uses it at once',
    tags: ['wording'],
    auth: 'user',
    permission: 'wording.admin',
    status: 201,
    body: z.strictObject(expressionFields),
    response: zExpression,
    handler: async ({ ctx, actor, body }) =>
      presentExpression(await wording.createExpression(ctx, actor, body)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/wording/expressions/try',
    summary:
      'Try an expression on sample texts before saving it: findings with it added to the current lexicon',
    tags: ['wording'],
    auth: 'user',
    permission: 'wording.admin',
    body: z.strictObject({ ...expressionFields, texts: z.array(z.string().max(2000)).min(1).max(50) }),
    response: z.object({
      items: z.array(
        z.object({
          text: z.string(),
          verdict: z.enum(['block', 'warn', 'clean']),
          matchedByCandidate: z.boolean(),
          findings: z.array(zFinding),
        }),
      ),
    }),
    handler: async ({ ctx, body, locale }) => {
      const { texts, ...candidate } = body;
      const items = await wording.tryExpression(ctx, candidate, texts);
      return {
        items: items.map((i) => ({ ...i, findings: i.findings.map((f) => presentFinding(f, locale)) })),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/wording/expressions/:id',
    summary: 'One expression of the lexicon',
    tags: ['wording'],
    auth: 'user',
    permission: 'wording.admin',
    params: zIdParams,
    response: zExpression,
    handler: async ({ ctx, params }) => presentExpression(await wording.getExpression(ctx, params.id)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/wording/expressions/:id',
    summary:
      'Change or disable an expression (never deleted); its version moves and the change is kept in history',
    tags: ['wording'],
    auth: 'user',
    permission: 'wording.admin',
    params: zIdParams,
    body: z.strictObject({
      category: zCategory.optional(),
      severity: zSeverity.optional(),
      rule: z.enum(WORDING_RULES).optional(),
      suggestion: zText(200).optional(),
      replacement: z.string().trim().max(200).optional(),
      active: z.boolean().optional(),
      reason: zText(500).optional(),
    }),
    response: zExpression,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return presentExpression(await wording.updateExpression(ctx, actor, params.id, patch, reason));
    },
  }),
  historyRoute({
    base: '/api/v1/wording/expressions',
    entityType: 'wording_expression',
    tag: 'wording',
    ensureVisible: (ctx, _actor, id) => wording.getExpression(ctx, id),
  }),
];
