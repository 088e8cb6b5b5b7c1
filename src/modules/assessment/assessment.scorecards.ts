/**
 * Scorecards (VA-2): the operator's scheme, the month's score and rank per partner, closing a
 * month into a frozen snapshot, corrections as new revisions with a reason, and the comments
 * of managers and the responses of partners. Every change writes history in its transaction.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { isPartnerUser } from '../access/principal.ts';
import { historyOf, recordHistory } from '../history/history.service.ts';
import * as repo from './assessment.repository.ts';
import { monthWindow } from './assessment.rules.ts';
import {
  DEFAULT_SCHEME,
  type PartnerScore,
  rank,
  type Scheme,
  schemeProblems,
  scorePartner,
} from './assessment.scoring.ts';
import { monthIndicators } from './assessment.service.ts';
import type { CommentSide } from './assessment.tables.ts';

/** Scheme and scorecard changes are the operator's: a partner's staff may only read and respond. */
function assertOperator(actor: Actor): void {
  if (actor.scope.kind !== 'all') throw new AppError(403, 'forbidden');
}

export async function getScheme(ctx: AppContext): Promise<Scheme & { version: number }> {
  const row = await repo.findScheme(ctx.db);
  if (!row) return { ...DEFAULT_SCHEME, version: 0 };
  return {
    items: JSON.parse(row.items),
    penaltyPerViolation: row.penalty_per_violation,
    version: row.version,
  };
}

/** Every change of the scheme, oldest first (the scheme is one for the organisation). */
export function schemeHistory(ctx: AppContext) {
  return historyOf(ctx, 'assessment_scheme', repo.SCHEME_ID);
}

export async function putScheme(ctx: AppContext, actor: Actor, scheme: Scheme) {
  assertOperator(actor);
  const problems = schemeProblems(scheme);
  if (problems.length) throw new AppError(422, 'validation_failed', {}, problems);
  return inTransaction(ctx, async (tx) => {
    const current = await repo.lockScheme(tx.db, tx.kit);
    const version = (current?.version ?? 0) + 1;
    await repo.saveScheme(tx.db, {
      items: JSON.stringify(scheme.items),
      penalty_per_violation: scheme.penaltyPerViolation,
      version,
      updated_by: actor.personId,
      at: tx.clock.now().toISOString(),
    });
    await recordHistory(tx, actor, {
      entityType: 'assessment_scheme',
      entityId: repo.SCHEME_ID,
      action: 'updated',
      changes: {
        items: [current ? JSON.parse(current.items) : DEFAULT_SCHEME.items, scheme.items],
        penaltyPerViolation: [
          current?.penalty_per_violation ?? DEFAULT_SCHEME.penaltyPerViolation,
          scheme.penaltyPerViolation,
        ],
      },
    });
    return { ...scheme, version };
  });
}

export interface ScoreRow extends PartnerScore {
  partnerId: string;
  partnerName: string | null;
  rank: number | null;
}

/** The month's scores computed now from the records, over every partner (operator-wide). */
async function liveRows(ctx: AppContext, month: string, scheme: Scheme): Promise<ScoreRow[]> {
  const view = await monthIndicators(ctx, { kind: 'all' }, { month });
  const scored = view.partners
    .filter((p): p is typeof p & { partnerId: string } => p.partnerId !== null)
    .map((p) => ({
      partnerId: p.partnerId,
      partnerName: p.partnerName,
      ...scorePartner(p.indicators, scheme),
    }));
  return rank(scored);
}

/** The latest frozen revision of the month, or the live figures while the month is open. */
export async function getScorecard(ctx: AppContext, actor: Pick<Actor, 'scope'>, month: string) {
  const revisions = await repo.scorecardRevisions(ctx.db, month);
  const latest = revisions[0];
  const scheme = latest ? (JSON.parse(latest.scheme) as Scheme) : await getScheme(ctx);
  let rows: ScoreRow[] = latest ? JSON.parse(latest.rows) : await liveRows(ctx, month, scheme);
  const own = actor.scope.kind === 'partner' ? actor.scope.partnerId : undefined;
  // A partner sees its own line only (its rank among all stays, the others' figures do not).
  if (actor.scope.kind === 'customer') rows = [];
  if (own) rows = rows.filter((r) => r.partnerId === own);
  const comments = actor.scope.kind === 'customer' ? [] : await repo.monthComments(ctx.db, month, own);
  return {
    month,
    closed: !!latest,
    revision: latest?.revision ?? null,
    scheme: { items: scheme.items, penaltyPerViolation: scheme.penaltyPerViolation },
    revisions: revisions.map((r) => ({ revision: r.revision, reason: r.reason, createdAt: r.created_at })),
    rows,
    comments: comments.map((c) => ({
      id: c.id,
      partnerId: c.partner_id,
      side: c.author_side,
      authorName: c.author_name,
      body: c.body,
      createdAt: c.created_at,
    })),
  };
}

/**
 * Freezes the month (first revision) or, with a reason, records a corrected revision computed
 * from the records as they are now. A frozen revision is never changed (the table refuses it).
 */
export async function freeze(ctx: AppContext, actor: Actor, month: string, reason: string | null) {
  assertOperator(actor);
  if (monthWindow(month).to > ctx.clock.now().toISOString())
    throw new AppError(409, 'assessment_month_open', { month });
  return inTransaction(ctx, async (tx) => {
    // The scheme row is the lock every close / revision of any month queues on.
    await repo.lockScheme(tx.db, tx.kit);
    const revisions = await repo.scorecardRevisions(tx.db, month);
    const previous = revisions[0];
    if (!reason && previous) throw new AppError(409, 'assessment_already_closed', { month });
    if (reason && !previous) throw new AppError(409, 'assessment_not_closed', { month });
    const scheme = await getScheme(tx);
    const rows = await liveRows(tx, month, scheme);
    const revision = (previous?.revision ?? 0) + 1;
    const id = newId();
    await repo.insertScorecard(tx.db, {
      id,
      month,
      revision,
      reason,
      scheme: JSON.stringify({ items: scheme.items, penaltyPerViolation: scheme.penaltyPerViolation }),
      rows: JSON.stringify(rows),
      created_by: actor.personId,
      created_at: tx.clock.now().toISOString(),
    });
    const before: ScoreRow[] = previous ? JSON.parse(previous.rows) : [];
    const scoreOf = (rs: ScoreRow[]) =>
      Object.fromEntries(rs.map((r) => [r.partnerName ?? r.partnerId, r.score]));
    await recordHistory(tx, actor, {
      entityType: 'assessment_scorecard',
      entityId: month,
      action: previous ? 'revised' : 'closed',
      changes: { revision: [previous?.revision ?? null, revision], scores: [scoreOf(before), scoreOf(rows)] },
      reason,
    });
    return { month, revision };
  });
}

/** A manager's comment on a partner's line, or the partner's response on its own. */
export async function comment(ctx: AppContext, actor: Actor, month: string, partnerId: string, body: string) {
  if (actor.scope.kind === 'customer') throw new AppError(403, 'forbidden');
  const side: CommentSide = isPartnerUser(actor) ? 'partner' : 'operator';
  if (actor.scope.kind === 'partner' && actor.scope.partnerId !== partnerId)
    throw new AppError(404, 'not_found', { entity: 'partner' });
  const text = body.trim();
  if (!text) throw new AppError(422, 'validation_failed', {}, [problem('body', '请填写内容', 'is required')]);
  return inTransaction(ctx, async (tx) => {
    if (!(await repo.partnerExists(tx.db, partnerId)))
      throw new AppError(404, 'not_found', { entity: 'partner' });
    const id = newId();
    const at = tx.clock.now().toISOString();
    await repo.insertComment(tx.db, {
      id,
      month,
      partner_id: partnerId,
      author_id: actor.personId,
      author_side: side,
      body: text,
      created_at: at,
    });
    await recordHistory(tx, actor, {
      entityType: 'assessment_comment',
      entityId: id,
      action: side === 'partner' ? 'responded' : 'commented',
      changes: { month: [null, month], partnerId: [null, partnerId], body: [null, text] },
    });
    return { id, partnerId, side, body: text, createdAt: at };
  });
}
