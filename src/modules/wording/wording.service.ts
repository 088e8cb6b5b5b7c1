import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, type FieldProblem, notFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { type Actor, can, type HistoryActor } from '../access/policy.ts';
import { isPerson } from '../access/principal.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import * as repo from './wording.repository.ts';
import {
  type CompiledLexicon,
  checkWording,
  compileLexicon,
  type Finding,
  type LexiconEntry,
  verdictOf,
  type WordingCategory,
} from './wording.rules.ts';
import { segment } from './wording.segmenter.ts';
import type { WordingExpressionTable } from './wording.tables.ts';

export const CATEGORY_LABELS: Record<WordingCategory, { 'zh-CN': string; en: string }> = {
  irresponsible: { 'zh-CN': '没有责任心的话', en: 'irresponsible' },
  blame_company: { 'zh-CN': '埋怨的话', en: 'blaming our own company' },
  accuse_customer: { 'zh-CN': '指责用户的话', en: 'accusing the customer' },
  deflect: { 'zh-CN': '推脱语言', en: 'deflecting' },
  vague: { 'zh-CN': '模棱两可', en: 'vague' },
  impatient: { 'zh-CN': '不耐烦语', en: 'impatient' },
  address: { 'zh-CN': '称呼不当', en: 'improper form of address' },
};

const cache = new WeakMap<object, { version: number; lexicon: CompiledLexicon }>();

/**
 * The active lexicon, recompiled only when its version moved (another process may have changed
 * it). Cached per database, so checks inside transactions share the compiled lexicon.
 */
export async function currentLexicon(ctx: AppContext): Promise<CompiledLexicon> {
  const version = await repo.lexiconVersion(ctx.db);
  const hit = cache.get(ctx.database);
  if (hit && hit.version === version) return hit.lexicon;
  const lexicon = compileLexicon((await repo.activeExpressions(ctx.db)).map(toEntry));
  cache.set(ctx.database, { version, lexicon });
  return lexicon;
}

function toEntry(r: WordingExpressionTable): LexiconEntry {
  return {
    id: r.id,
    locale: r.locale,
    expression: r.expression,
    category: r.category,
    severity: r.severity,
    rule: r.rule,
    suggestion: r.suggestion,
    replacement: r.replacement,
  };
}

/** Findings of one text against the current lexicon. */
export async function checkText(ctx: AppContext, text: string): Promise<Finding[]> {
  return checkWording(text, await currentLexicon(ctx), segment);
}

/** One customer-facing text and the request field it came from (named in a refusal). */
export interface CustomerText {
  field: string;
  text: string;
}

/** A supervisor's decision to send a blocked text anyway. */
export interface WordingOverride {
  reason: string;
}

function findingProblem(field: string, f: Finding): FieldProblem {
  const c = CATEGORY_LABELS[f.category];
  const better = f.replacement || f.suggestion;
  return {
    field,
    message: {
      'zh-CN': `「${f.text}」属于${c['zh-CN']}，不能发给客户。建议：${better}`,
      en: `"${f.text}" is ${c.en} and cannot go to a customer. Suggestion: ${better}`,
    },
  };
}

/**
 * CW-1: the guard before a text reaches a customer. A blocked text is refused (422
 * `wording_blocked`, each finding named on its field) unless a supervisor overrides it with a
 * reason, which is written to the history of `subject` in the caller's transaction.
 * Returns every finding (warnings included) for the caller to show.
 */
export async function guardCustomerTexts(
  tx: AppContext,
  actor: HistoryActor,
  texts: readonly CustomerText[],
  subject: { entityType: string; entityId: string },
  override?: WordingOverride | null,
): Promise<Array<Finding & { field: string }>> {
  const lexicon = await currentLexicon(tx);
  const all = texts.flatMap((t) =>
    checkWording(t.text, lexicon, segment).map((f) => ({ ...f, field: t.field })),
  );
  const blocking = all.filter((f) => f.severity === 'block');
  if (blocking.length === 0) return all;
  if (!override)
    throw new AppError(
      422,
      'wording_blocked',
      {},
      blocking.map((f) => findingProblem(f.field, f)),
    );
  if (!isPerson(actor) || !can(actor, 'wording.override'))
    throw new AppError(403, 'wording_override_forbidden');
  await recordHistory(tx, actor, {
    entityType: subject.entityType,
    entityId: subject.entityId,
    action: 'wording_override',
    changes: {
      findings: [null, blocking.map((f) => ({ field: f.field, text: f.text, category: f.category }))],
    },
    reason: override.reason,
  });
  return all;
}

export { verdictOf };

/** A finding as the service returns it. */
export type CheckedFinding = Finding;

// ---------------------------------------------------------------------------------------------
// Administration of the lexicon

export type ExpressionInput = Pick<
  WordingExpressionTable,
  'locale' | 'expression' | 'category' | 'severity' | 'rule' | 'suggestion' | 'replacement'
>;

/** Adds an expression; the lexicon version moves so every process recompiles. */
export async function createExpression(
  ctx: AppContext,
  actor: Actor,
  input: ExpressionInput,
): Promise<WordingExpressionTable> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row: WordingExpressionTable = {
      id: newId(),
      ...input,
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertExpression(tx.db, row);
    await repo.bumpVersion(tx.db);
    await recordHistory(tx, actor, {
      entityType: 'wording_expression',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row, ['created_at', 'updated_at']),
    });
    return row;
  });
}

/** Changes or disables an expression (never deletes it), with its reason in history. */
export async function updateExpression(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<ExpressionInput> & { active?: boolean | undefined },
  reason: string | undefined,
): Promise<WordingExpressionTable> {
  return inTransaction(ctx, async (tx) => {
    const before = await tx.kit
      .forUpdate(tx.db.selectFrom('wording_expressions').selectAll().where('id', '=', id))
      .executeTakeFirst();
    if (!before) throw notFound('wording_expression');
    const { active, ...fields } = patch;
    const after: WordingExpressionTable = {
      ...before,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(active === undefined ? {} : { active: active ? 1 : 0 }),
    };
    const changes = diffRecords(before, after, ['created_at', 'updated_at', 'version']);
    if (Object.keys(changes).length === 0) return before;
    after.version = before.version + 1;
    after.updated_at = tx.clock.now().toISOString();
    await repo.updateExpression(tx.db, id, after);
    await repo.bumpVersion(tx.db);
    await recordHistory(tx, actor, {
      entityType: 'wording_expression',
      entityId: id,
      action: 'update',
      changes,
      reason,
    });
    return after;
  });
}

export async function getExpression(ctx: AppContext, id: string): Promise<WordingExpressionTable> {
  const row = await repo.findExpression(ctx.db, id);
  if (!row) throw notFound('wording_expression');
  return row;
}

/** The lexicon for its administrators. */
export function listExpressions(
  ctx: AppContext,
  filter: Parameters<typeof repo.listExpressions>[1],
  page: { limit: number; offset: number },
) {
  return repo.listExpressions(ctx.db, filter, page);
}

/**
 * Tries an expression before it is saved: the findings of each sample text with the current
 * lexicon plus the candidate, and which of them the candidate itself caused.
 */
export async function tryExpression(ctx: AppContext, candidate: ExpressionInput, texts: readonly string[]) {
  const active = (await repo.activeExpressions(ctx.db)).map(toEntry);
  const lexicon = compileLexicon([
    ...active.filter((e) => !(e.locale === candidate.locale && e.expression === candidate.expression)),
    { ...candidate, id: 'candidate' },
  ]);
  return texts.map((text) => {
    const findings = checkWording(text, lexicon, segment);
    return {
      text,
      verdict: verdictOf(findings),
      matchedByCandidate: findings.some((f) => f.entryId === 'candidate'),
      findings,
    };
  });
}
