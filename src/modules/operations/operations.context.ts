/**
 * What every operations use case shares: loading an operation within the actor's scope, locking
 * it, refusing with named fields, the sites' clocks and the calendar rules that apply (MO-1, MO-2).
 */
import type { AppContext } from '../../app/context.ts';
import { AppError, type FieldProblem, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, HistoryActor } from '../access/policy.ts';
import { personIdOf } from '../access/principal.ts';
import { recordHistory } from '../history/history.service.ts';
import { findRegion } from '../regions/regions.queries.ts';
import { findSite } from '../sites/sites.queries.ts';
import * as repo from './operations.repository.ts';
import {
  type CalendarRules,
  DEFAULT_WINDOW,
  type OperationRecordKind,
  type OperationState,
  type PlanBody,
  type SiteClock,
} from './operations.rules.ts';
import type { OperationTable } from './operations.tables.ts';

export const OPERATION_REFUSED = 'operation_refused';

/** 409 naming what is missing; never partial writes (the transaction rolls back). */
export function refuse(problems: FieldProblem[], status: 409 | 422 = 409): never {
  throw new AppError(status, OPERATION_REFUSED, {}, problems);
}

export function requireState(op: OperationTable, states: readonly OperationState[], field = 'state'): void {
  if (!states.includes(op.state))
    refuse([
      problem(
        field,
        `当前状态（${op.state}）不能进行此操作`,
        `this cannot be done while the operation is ${op.state.replaceAll('_', ' ')}`,
      ),
    ]);
}

/** The operations the actor may see (in one state, if given), newest window first. */
export function listOperations(
  ctx: AppContext,
  actor: Actor,
  state?: OperationState,
): Promise<OperationTable[]> {
  return repo.listOperations(ctx.db, actor.scope, state);
}

export async function getOperation(ctx: AppContext, actor: Actor, id: string): Promise<OperationTable> {
  const op = await repo.findVisible(ctx.db, actor.scope, id);
  if (!op) throw notFound('operation');
  return op;
}

/** Checks visibility, then locks the row and reads it again inside the transaction. */
export async function lockVisible(tx: AppContext, actor: Actor, id: string): Promise<OperationTable> {
  await getOperation(tx, actor, id);
  const op = await repo.lockOperation(tx.db, tx.kit, id);
  if (!op) throw notFound('operation');
  return op;
}

/** Moves the operation and writes its history entry in the caller's transaction. */
export async function moveTo(
  tx: AppContext,
  actor: HistoryActor,
  op: OperationTable,
  to: OperationState,
  extra: Partial<OperationTable> = {},
  reason?: string,
): Promise<OperationTable> {
  const patch = { ...extra, state: to, updated_at: tx.clock.now().toISOString() };
  await repo.updateOperation(tx.db, op.id, patch);
  await recordHistory(tx, actor, {
    entityType: 'operation',
    entityId: op.id,
    action: `state:${to}`,
    changes: { state: [op.state, to], ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v])) },
    reason: reason ?? null,
  });
  return { ...op, ...patch };
}

/** Appends an evidence record and its history entry. */
export async function addRecord(
  tx: AppContext,
  actor: HistoryActor,
  op: OperationTable,
  kind: OperationRecordKind,
  body: Record<string, unknown>,
): Promise<string> {
  const id = newId(tx.clock.now().getTime());
  await repo.insertRecord(tx.db, {
    id,
    operation_id: op.id,
    kind,
    body: JSON.stringify(body),
    recorded_by: personIdOf(actor),
    recorded_at: tx.clock.now().toISOString(),
  });
  await recordHistory(tx, actor, {
    entityType: 'operation',
    entityId: op.id,
    action: `record:${kind}`,
    changes: { recordId: id, ...body },
  });
  return id;
}

/** Each site's name, IANA zone and region path. */
export async function siteClocks(ctx: AppContext, siteIds: readonly string[]): Promise<SiteClock[]> {
  const out: SiteClock[] = [];
  for (const id of siteIds) {
    const site = await findSite(ctx.db, id);
    if (!site) throw notFound('site');
    const region = await findRegion(ctx.db, site.region_id);
    out.push({ name: site.name, timeZone: site.time_zone, regionPath: region?.path ?? '/' });
  }
  return out;
}

/** MO-1/MO-2 rules for a product over [from, to): its window (or the default), peaks, freezes. */
export async function calendarRulesFor(
  ctx: AppContext,
  product: string,
  from: string,
  to: string,
): Promise<CalendarRules> {
  const rules = await repo.timeRules(ctx.db);
  const span = (r: { start_minute: number; end_minute: number }) => ({
    startMinute: r.start_minute,
    endMinute: r.end_minute,
  });
  const window = rules.find((r) => r.kind === 'window' && r.product === product);
  const freezes = await repo.freezesBetween(ctx.db, from, to);
  return {
    window: window ? span(window) : DEFAULT_WINDOW,
    peaks: rules.filter((r) => r.kind === 'peak' && (r.product === null || r.product === product)).map(span),
    freezes: freezes.map((f) => ({
      regionPath: f.region_path,
      startsAt: Date.parse(f.starts_at),
      endsAt: Date.parse(f.ends_at),
      reason: f.reason,
    })),
  };
}

export async function currentPlan(ctx: AppContext, op: OperationTable): Promise<PlanBody | null> {
  const plans = await repo.plansOf(ctx.db, op.id);
  const row = plans.find((p) => p.version === op.plan_version);
  return row ? (JSON.parse(row.body) as PlanBody) : null;
}

/** The region and its ancestors, nearest first (from the materialised path). */
export async function regionChainOf(ctx: AppContext, regionId: string): Promise<string[]> {
  const region = await findRegion(ctx.db, regionId);
  return region ? region.path.split('/').filter(Boolean).reverse() : [regionId];
}
