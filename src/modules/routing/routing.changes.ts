/**
 * DP-2 changes to a plan: move a stop by hand (re-checked), lock assignments, re-optimise the rest,
 * publish through the normal dispatch path (DP-1 rules apply), and insert an urgent order into
 * published routes with the least disruption. Each locks the plan row and checks its version.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, problem } from '../../shared/errors.ts';
import type { Actor } from '../access/policy.ts';
import { assign } from '../dispatch/dispatch.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { matrixFor, orderFacts, pointsKey } from './routing.input.ts';
import * as repo from './routing.repository.ts';
import {
  ENGINEER_COST_M,
  evaluate,
  LATENESS_M_PER_S,
  type PlanAssignment,
  type PlanInput,
} from './routing.rules.ts';
import { present, startSolving, visiblePlan } from './routing.service.ts';
import type { RoutePlanTable } from './routing.tables.ts';

/** Loads a plan for a change: locked, in scope, in the expected state and version. */
async function forChange(
  tx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  states: RoutePlanTable['state'][],
) {
  const row = await visiblePlan(tx, actor.scope, id, true);
  if (!states.includes(row.state)) {
    throw new AppError(409, 'plan_state', {}, [
      problem(
        'state',
        '方案当前状态不允许此操作',
        `the plan is ${row.state}; this needs it ${states.join(' or ')}`,
      ),
    ]);
  }
  if (row.version !== version) {
    throw new AppError(409, 'stale', {}, [
      problem(
        'version',
        '方案已被他人修改，请刷新后重试',
        'the plan changed meanwhile; reload and try again',
      ),
    ]);
  }
  return row;
}

export interface MoveInput {
  orderId: string;
  /** The engineer to take the stop, or null to take it out of every route. */
  personId: string | null;
  /** Position in that engineer's stops (0 = first); past the end means last. */
  index: number;
  version: number;
}

/** Moves one stop by hand; the server re-checks and stores the consequences (lateness, overtime). */
export async function moveStop(ctx: AppContext, actor: Actor, id: string, m: MoveInput) {
  return inTransaction(ctx, async (tx) => {
    const row = await forChange(tx, actor, id, m.version, ['ready']);
    const input = JSON.parse(row.input) as PlanInput;
    const a = JSON.parse(row.result as string) as PlanAssignment;
    const order = input.orders.find((o) => o.orderId === m.orderId);
    if (!order)
      throw new AppError(422, 'validation_failed', {}, [
        problem('orderId', '该工单不在方案中', 'the order is not in this plan'),
      ]);
    if (a.locked.includes(m.orderId)) {
      throw new AppError(409, 'plan_locked', {}, [
        problem('orderId', '该站点已锁定，请先解锁', 'the stop is locked; unlock it first'),
      ]);
    }
    const engineer = m.personId ? input.engineers.find((e) => e.personId === m.personId) : null;
    if (m.personId && !engineer) {
      throw new AppError(422, 'validation_failed', {}, [
        problem(
          'personId',
          '该工程师当天不在方案中（未值班或不负责该区域）',
          'the engineer is not in this plan (off duty or not covering the region)',
        ),
      ]);
    }
    if (engineer && order.product && !engineer.products.includes(order.product)) {
      throw new AppError(422, 'not_eligible', {}, [
        problem(
          'personId',
          `${engineer.name}：未持有 ${order.product} 有效认证`,
          `${engineer.name}: holds no valid ${order.product} certification`,
        ),
      ]);
    }
    const from = a.routes.find((r) => r.orderIds.includes(m.orderId))?.personId ?? null;
    for (const r of a.routes) r.orderIds = r.orderIds.filter((o) => o !== m.orderId);
    a.unplaced = a.unplaced.filter((u) => u.orderId !== m.orderId);
    if (engineer) {
      let r = a.routes.find((x) => x.personId === engineer.personId);
      if (!r) {
        r = { personId: engineer.personId, orderIds: [] };
        a.routes.push(r);
      }
      r.orderIds.splice(Math.min(m.index, r.orderIds.length), 0, m.orderId);
    } else a.unplaced.push({ orderId: m.orderId, reason: 'no_room' });
    a.routes = a.routes.filter((r) => r.orderIds.length > 0);
    await repo.updatePlan(tx.db, id, {
      result: JSON.stringify(a),
      version: row.version + 1,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordHistory(tx, actor, {
      entityType: 'route_plan',
      entityId: id,
      action: 'stop_moved',
      changes: { [m.orderId]: [from, m.personId] },
    });
    return present(tx, { ...row, result: JSON.stringify(a), version: row.version + 1 });
  });
}

/** Locks or unlocks assignments: locked stops stay with their engineer when re-optimising. */
export async function setLocks(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { orderIds: string[]; locked: boolean; version: number },
) {
  return inTransaction(ctx, async (tx) => {
    const row = await forChange(tx, actor, id, body.version, ['ready']);
    const a = JSON.parse(row.result as string) as PlanAssignment;
    const placed = new Set(a.routes.flatMap((r) => r.orderIds));
    const missing = body.orderIds.filter((o) => !placed.has(o));
    if (missing.length) {
      throw new AppError(422, 'validation_failed', {}, [
        problem('orderIds', '只能锁定已排入路线的工单', 'only stops on a route can be locked'),
      ]);
    }
    const set = new Set(a.locked);
    for (const o of body.orderIds) body.locked ? set.add(o) : set.delete(o);
    a.locked = [...set];
    await repo.updatePlan(tx.db, id, {
      result: JSON.stringify(a),
      version: row.version + 1,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordHistory(tx, actor, {
      entityType: 'route_plan',
      entityId: id,
      action: body.locked ? 'locked' : 'unlocked',
      changes: { orderIds: [null, body.orderIds] },
    });
    return present(tx, { ...row, result: JSON.stringify(a), version: row.version + 1 });
  });
}

/** Re-optimises everything not locked, starting from the current routes (asynchronous). */
export async function reoptimise(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; seconds?: number | undefined },
) {
  const { row, input, a } = await inTransaction(ctx, async (tx) => {
    const row = await forChange(tx, actor, id, body.version, ['ready']);
    await repo.updatePlan(tx.db, id, {
      state: 'building',
      progress: 0,
      version: row.version + 1,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordHistory(tx, actor, {
      entityType: 'route_plan',
      entityId: id,
      action: 'reoptimise',
      changes: {},
    });
    return {
      row,
      input: JSON.parse(row.input) as PlanInput,
      a: JSON.parse(row.result as string) as PlanAssignment,
    };
  });
  startSolving(ctx, id, input, a, body.seconds ?? 5);
  return { ...row, state: 'building' as const, version: row.version + 1 };
}

/**
 * Publishes: every stop's engineer is assigned through dispatch (DP-1 checks, history, customer
 * notice), all in one transaction: one refusal refuses the whole publish, naming the order.
 */
export async function publish(ctx: AppContext, actor: Actor, id: string, body: { version: number }) {
  return inTransaction(ctx, async (tx) => {
    const row = await forChange(tx, actor, id, body.version, ['ready']);
    const a = JSON.parse(row.result as string) as PlanAssignment;
    const input = JSON.parse(row.input) as PlanInput;
    const matrix = await matrixFor(tx, input);
    const starts = new Map(
      evaluate(input, matrix, a).flatMap((r) =>
        r.stops.map(
          (st) => [st.orderId, new Date(Date.parse(input.dayStart) + st.start * 1000).toISOString()] as const,
        ),
      ),
    );
    const leads = new Map(
      (
        await repo.currentLeads(
          tx.db,
          input.orders.map((o) => o.orderId),
        )
      ).map((l) => [l.order_id, l.person_id]),
    );
    for (const r of a.routes) {
      for (const orderId of r.orderIds) {
        if (leads.get(orderId) === r.personId) continue;
        try {
          await assign(tx, actor, orderId, { leadEngineerId: r.personId, plannedAt: starts.get(orderId) });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const number = input.orders.find((o) => o.orderId === orderId)?.number ?? '';
          throw new AppError(
            e.status,
            e.code,
            e.params,
            e.details.map((d) => ({ ...d, field: `${number}.${d.field}` })),
          );
        }
      }
    }
    const now = tx.clock.now().toISOString();
    for (const other of await repo.standingPlans(tx.db, row.region_id, row.day, id)) {
      await repo.updatePlan(tx.db, other.id, { state: 'superseded', updated_at: now });
    }
    await repo.updatePlan(tx.db, id, {
      state: 'published',
      published_at: now,
      published_by: actor.personId,
      version: row.version + 1,
      updated_at: now,
    });
    await recordHistory(tx, actor, {
      entityType: 'route_plan',
      entityId: id,
      action: 'published',
      changes: {
        assignments: [null, a.routes.map((r) => ({ personId: r.personId, orders: r.orderIds.length }))],
      },
    });
    return present(tx, { ...row, state: 'published', version: row.version + 1, published_at: now });
  });
}

/**
 * An urgent order into published routes: every engineer and position is tried without reordering
 * anyone else's stops; the cheapest by (lateness added, overtime added, metres added) wins and is
 * assigned through dispatch.
 */
export async function insertUrgent(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { orderId: string; version: number },
) {
  return inTransaction(ctx, async (tx) => {
    const row = await forChange(tx, actor, id, body.version, ['published']);
    const input = JSON.parse(row.input) as PlanInput;
    const a = JSON.parse(row.result as string) as PlanAssignment;
    if (input.orders.some((o) => o.orderId === body.orderId)) {
      throw new AppError(409, 'validation_failed', {}, [
        problem('orderId', '该工单已在方案中', 'the order is already in the plan'),
      ]);
    }
    const region = await repo.findRegion(tx.db, row.region_id);
    const facts = region ? await orderFacts(tx, region, input.dayStart, body.orderId) : null;
    if (!facts) {
      throw new AppError(422, 'validation_failed', {}, [
        problem(
          'orderId',
          '该工单不能排入本区域当天的路线（状态、区域或坐标不符）',
          'the order cannot join this region’s routes today (state, region or coordinates)',
        ),
      ]);
    }
    const { at, ...rest } = facts;
    const points = [...input.points, at];
    const next: PlanInput = {
      ...input,
      points,
      pointsKey: pointsKey(input.provider, points),
      orders: [...input.orders, { ...rest, point: points.length - 1 }],
    };
    const matrix = await matrixFor(tx, next);
    const before = evaluate(next, matrix, a);
    const score = (routes: ReturnType<typeof evaluate>) =>
      routes.reduce(
        (s, r) =>
          s +
          r.meters +
          r.overtime * LATENESS_M_PER_S * 4 +
          r.stops.reduce((x, st) => x + st.lateBy * LATENESS_M_PER_S + (st.missesWindow ? 1e9 : 0), 0),
        0,
      );
    const base = score(before);
    let best: { personId: string; index: number; cost: number } | null = null;
    for (const e of next.engineers) {
      if (rest.product && !e.products.includes(rest.product)) continue;
      const route = a.routes.find((r) => r.personId === e.personId)?.orderIds ?? [];
      for (let i = 0; i <= route.length; i++) {
        const orderIds = [...route.slice(0, i), body.orderId, ...route.slice(i)];
        const trial = {
          ...a,
          routes: [...a.routes.filter((r) => r.personId !== e.personId), { personId: e.personId, orderIds }],
        };
        const cost = score(evaluate(next, matrix, trial)) - base + (route.length === 0 ? ENGINEER_COST_M : 0);
        if (!best || cost < best.cost) best = { personId: e.personId, index: i, cost };
      }
    }
    if (!best) {
      throw new AppError(422, 'not_eligible', {}, [
        problem(
          'orderId',
          '当天值班人员中没有具备该产品认证的工程师',
          'no engineer on duty is certified for the product',
        ),
      ]);
    }
    const chosen = best;
    const route = a.routes.find((r) => r.personId === chosen.personId);
    if (route) route.orderIds.splice(chosen.index, 0, body.orderId);
    else a.routes.push({ personId: chosen.personId, orderIds: [body.orderId] });
    const planned = evaluate(next, matrix, a)
      .flatMap((r) => r.stops)
      .find((st) => st.orderId === body.orderId);
    await assign(tx, actor, body.orderId, {
      leadEngineerId: chosen.personId,
      plannedAt: planned
        ? new Date(Date.parse(input.dayStart) + planned.start * 1000).toISOString()
        : undefined,
    });
    await repo.updatePlan(tx.db, id, {
      input: JSON.stringify(next),
      result: JSON.stringify(a),
      version: row.version + 1,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordHistory(tx, actor, {
      entityType: 'route_plan',
      entityId: id,
      action: 'urgent_inserted',
      changes: { [body.orderId]: [null, { personId: chosen.personId, position: chosen.index + 1 }] },
    });
    return present(tx, {
      ...row,
      input: JSON.stringify(next),
      result: JSON.stringify(a),
      version: row.version + 1,
    });
  });
}
