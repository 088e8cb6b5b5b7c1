/**
 * DP-2 daily plan use cases: build (asynchronous, in a worker) and read with its consequences.
 * Changes to a plan (moves, locks, re-optimising, publishing, urgent insertion) are in
 * routing.changes.ts.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { notFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { type Actor, regionInScope, type Scope } from '../access/policy.ts';
import { partnerIdOf } from '../access/principal.ts';
import { recordHistory } from '../history/history.service.ts';
import { gatherInput, matrixFor } from './routing.input.ts';
import * as repo from './routing.repository.ts';
import { evaluate, type PlanAssignment, type PlanInput, toProblem } from './routing.rules.ts';
import type { RoutePlanTable } from './routing.tables.ts';
import { solveInWorker } from './solver/run-in-worker.ts';

const SYSTEM = { system: 'daily-plan' };
const running = new Set<Promise<void>>();

/** Resolves when every plan being built in this process has finished (tests, shutdown). */
export async function plansSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

async function visibleRegion(ctx: AppContext, scope: Scope, regionId: string) {
  const region = await repo.findRegion(ctx.db, regionId);
  if (!region || !regionInScope(scope, region.path)) throw notFound('region');
  return region;
}

/** A plan whose region the scope sees, or 404. */
export async function visiblePlan(ctx: AppContext, scope: Scope, id: string, lock = false) {
  const row = lock ? await repo.lockPlan(ctx.db, ctx.kit, id) : await repo.findPlan(ctx.db, id);
  if (!row) throw notFound('plan');
  const region = await repo.findRegion(ctx.db, row.region_id);
  if (!region || !regionInScope(scope, region.path)) throw notFound('plan');
  return row;
}

export interface PlanRequest {
  regionId: string;
  day: string;
  seconds?: number | undefined;
}

/** Starts building a plan; answers at once with the plan in state "building". */
export async function createPlan(ctx: AppContext, actor: Actor, req: PlanRequest): Promise<RoutePlanTable> {
  const region = await visibleRegion(ctx, actor.scope, req.regionId);
  const { input, noLocation } = await gatherInput(ctx, region, req.day, partnerIdOf(actor));
  await matrixFor(ctx, input);
  const now = ctx.clock.now().toISOString();
  const row: RoutePlanTable = {
    id: newId(),
    region_id: region.id,
    day: req.day,
    state: 'building',
    progress: 0,
    version: 1,
    input: JSON.stringify(input),
    result: JSON.stringify({
      routes: [],
      locked: [],
      unplaced: noLocation.map((orderId) => ({ orderId, reason: 'no_location' })),
    } satisfies PlanAssignment),
    error: null,
    created_by: actor.personId,
    created_at: now,
    updated_at: now,
    published_at: null,
    published_by: null,
  };
  await inTransaction(ctx, async (tx) => {
    await repo.insertPlan(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'route_plan',
      entityId: row.id,
      action: 'create',
      changes: { regionId: [null, region.id], day: [null, req.day], orders: [null, input.orders.length] },
    });
  });
  startSolving(ctx, row.id, input, null, req.seconds ?? 5);
  return row;
}

/** Runs the solver in a worker and stores the result; progress is written as it comes. */
export function startSolving(
  ctx: AppContext,
  id: string,
  input: PlanInput,
  current: PlanAssignment | null,
  seconds: number,
) {
  const job = (async () => {
    const matrix = await matrixFor(ctx, input);
    const locked = new Set(current?.locked ?? []);
    const lockedTo = new Map<string, number>();
    for (const r of current?.routes ?? []) {
      const v = input.engineers.findIndex((e) => e.personId === r.personId);
      for (const o of r.orderIds) if (locked.has(o) && v >= 0) lockedTo.set(o, v);
    }
    const index = new Map(input.orders.map((o, i) => [o.orderId, i]));
    const initial = input.engineers.map(
      (e) =>
        current?.routes.find((r) => r.personId === e.personId)?.orderIds.map((o) => index.get(o) ?? -1) ?? [],
    );
    let written = 0;
    const solution = await solveInWorker(
      toProblem(input, matrix, lockedTo),
      { seed: 1, timeLimitMs: seconds * 1000, fleetShare: 0, initial },
      (p) => {
        if (p.fraction - written < 0.1) return;
        written = p.fraction;
        void repo.updatePlan(ctx.db, id, { progress: Math.min(0.99, p.fraction) }).catch(() => {});
      },
    );
    const assignment: PlanAssignment = {
      routes: solution.routes.map((r) => ({
        personId: (input.engineers[r.vehicle] as { personId: string }).personId,
        orderIds: r.jobs.map((j) => (input.orders[j] as { orderId: string }).orderId),
      })),
      locked: [...locked],
      unplaced: [
        ...solution.unassigned.map((u) => ({
          orderId: (input.orders[u.job] as { orderId: string }).orderId,
          reason: u.reason,
        })),
      ],
    };
    await inTransaction(ctx, async (tx) => {
      const row = await repo.lockPlan(tx.db, tx.kit, id);
      if (row?.state !== 'building') return;
      // Orders without coordinates were set aside when the plan was made; they stay listed.
      const before = JSON.parse(row.result ?? '{"unplaced":[]}') as PlanAssignment;
      assignment.unplaced.unshift(...before.unplaced.filter((u) => u.reason === 'no_location'));
      await repo.updatePlan(tx.db, id, {
        state: 'ready',
        progress: 1,
        version: row.version + 1,
        result: JSON.stringify(assignment),
        updated_at: tx.clock.now().toISOString(),
      });
      await recordHistory(tx, SYSTEM, {
        entityType: 'route_plan',
        entityId: id,
        action: 'optimised',
        changes: {
          engineers: [null, assignment.routes.length],
          unplaced: [null, assignment.unplaced.length],
        },
      });
    });
  })().catch(async (e: unknown) => {
    await repo
      .updatePlan(ctx.db, id, {
        state: 'failed',
        error: (e as Error).message.slice(0, 500),
        updated_at: ctx.clock.now().toISOString(),
      })
      .catch(() => {});
  });
  const tracked = job.finally(() => running.delete(tracked));
  running.add(tracked);
}

/** A plan with its consequences recomputed. */
export async function getPlan(ctx: AppContext, scope: Scope, id: string) {
  return present(ctx, await visiblePlan(ctx, scope, id));
}

export async function present(ctx: AppContext, row: RoutePlanTable) {
  const input = JSON.parse(row.input) as PlanInput;
  const assignment = JSON.parse(row.result ?? '{"routes":[],"locked":[],"unplaced":[]}') as PlanAssignment;
  const matrix = await matrixFor(ctx, input);
  return { row, input, assignment, routes: evaluate(input, matrix, assignment), matrix };
}

export async function listPlans(ctx: AppContext, scope: Scope, filter: { day?: string | undefined }) {
  const paths = scope.kind === 'all' ? null : scope.kind === 'partner' ? scope.regionPaths : [];
  return repo.listPlans(ctx.db, paths, filter.day, 100);
}
