/**
 * Spare parts (RS-1): depots, catalogue, stock and the movement ledger. Every movement locks
 * the stock row(s) it touches before reading them, so concurrent reservations of the last units
 * queue on the row and stock never goes negative; each movement appends a ledger line and a
 * history entry in the same transaction.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { EVERYTHING, personIdOf, scopeOf } from '../access/principal.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { getPartner } from '../partners/partners.service.ts';
import { getPerson } from '../people/people.service.ts';
import { getRegion } from '../regions/regions.service.ts';
import { getOrder, loadForChange } from '../work-orders/work-orders.service.ts';
import * as repo from './parts.repository.ts';
import {
  applyMovement,
  crossedBelowMinimum,
  faultyStatusProblems,
  NO_POSITION,
  type OrderPosition,
  positionOf,
  type StockLevels,
  unaccountedProblems,
} from './parts.rules.ts';
import type {
  FaultyPartTable,
  FaultyStatus,
  MovementKind,
  PartDepotTable,
  PartMovementTable,
  PartStockTable,
  PartTable,
} from './parts.tables.ts';

/** Turns a missing referenced record into a 422 naming the field. */
async function requireRef(load: Promise<unknown>, field: string, zh: string, en: string): Promise<void> {
  try {
    await load;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw invalid([problem(field, zh, en)]);
    throw e;
  }
}

export interface DepotCreate {
  code: string;
  name: string;
  regionId: string;
  partnerId?: string | null | undefined;
  keeperId?: string | null | undefined;
}

export async function createDepot(
  ctx: AppContext,
  actor: HistoryActor,
  input: DepotCreate,
): Promise<PartDepotTable> {
  return inTransaction(ctx, async (tx) => {
    await requireRef(getRegion(tx, EVERYTHING, input.regionId), 'regionId', '区域不存在', 'no such region');
    if (input.partnerId)
      await requireRef(
        getPartner(tx, EVERYTHING, input.partnerId),
        'partnerId',
        '合作方不存在',
        'no such partner',
      );
    if (input.keeperId)
      await requireRef(getPerson(tx, EVERYTHING, input.keeperId), 'keeperId', '人员不存在', 'no such person');
    const now = tx.clock.now().toISOString();
    const row: PartDepotTable = {
      id: newId(),
      code: input.code,
      name: input.name,
      region_id: input.regionId,
      partner_id: input.partnerId ?? null,
      keeper_id: input.keeperId ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertDepot(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'part_depot',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

export async function getDepot(ctx: AppContext, scope: Scope, id: string): Promise<PartDepotTable> {
  const row = await repo.findVisibleDepot(ctx.db, scope, id);
  if (!row) throw notFound('part_depot');
  return row;
}

export const listDepots = (ctx: AppContext, scope: Scope) => repo.listDepots(ctx.db, scope);

export interface PartCreate {
  code: string;
  name: string;
  product?: string | null | undefined;
  unit: string;
}

export async function createPart(
  ctx: AppContext,
  actor: HistoryActor,
  input: PartCreate,
): Promise<PartTable> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row: PartTable = {
      id: newId(),
      code: input.code,
      name: input.name,
      product: input.product ?? null,
      unit: input.unit,
      created_at: now,
      updated_at: now,
    };
    await repo.insertPart(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'part',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

export const listParts = (ctx: AppContext, q?: string) => repo.listParts(ctx.db, q, ctx.kit);

async function requirePart(tx: AppContext, partId: string): Promise<PartTable> {
  const part = await repo.findPart(tx.db, partId);
  if (!part) throw invalid([problem('partId', '备件不存在', 'no such part')]);
  return part;
}

/** Sets the minimum stock of a part at a depot (below it the keeper is told). */
export async function setMinimum(
  ctx: AppContext,
  actor: HistoryActor,
  depotId: string,
  partId: string,
  minQty: number,
): Promise<PartStockTable> {
  return inTransaction(ctx, async (tx) => {
    await getDepot(tx, scopeOf(actor), depotId);
    await requirePart(tx, partId);
    const now = tx.clock.now().toISOString();
    const before = await repo.lockStock(tx.db, tx.kit, depotId, partId, now);
    const after = { ...before, min_qty: minQty, updated_at: now };
    await repo.saveStock(tx.db, after);
    await recordHistory(tx, actor, {
      entityType: 'part_depot',
      entityId: depotId,
      action: 'minimum',
      changes: { part_id: [null, partId], min_qty: [before.min_qty, minQty] },
    });
    return after;
  });
}

/** One movement as the API takes it; which fields matter depends on the kind. */
export interface MovementInput {
  kind: MovementKind;
  partId: string;
  /** For adjust: the counted quantity. */
  qty: number;
  orderId?: string | undefined;
  personId?: string | undefined;
  toDepotId?: string | undefined;
  faultCode?: string | undefined;
  serialNo?: string | undefined;
  reason?: string | undefined;
}

const levelsOf = (s: PartStockTable): StockLevels => ({
  onHand: s.on_hand,
  reserved: s.reserved,
  faulty: s.faulty,
});
const withLevels = (s: PartStockTable, l: StockLevels, now: string): PartStockTable => ({
  ...s,
  on_hand: l.onHand,
  reserved: l.reserved,
  faulty: l.faulty,
  updated_at: now,
});

async function positionFor(
  tx: AppContext,
  orderId: string,
  depotId: string,
  partId: string,
): Promise<OrderPosition> {
  const sums: Partial<Record<MovementKind, number>> = {};
  for (const r of await repo.orderSums(tx.db, orderId, { depotId, partId })) sums[r.kind] = r.total;
  return positionOf(sums);
}

const ORDER_KINDS: MovementKind[] = ['reserve', 'release', 'issue', 'consume', 'return_unused'];
const FINISHED_ORDER_STATES = ['closed', 'cancelled'];

/** Records one movement at a depot. Returns the ledger line. */
export async function recordMovement(
  ctx: AppContext,
  actor: HistoryActor,
  depotId: string,
  input: MovementInput,
): Promise<PartMovementTable> {
  return inTransaction(ctx, async (tx) => {
    const scope = scopeOf(actor);
    const depot = await getDepot(tx, scope, depotId);
    const part = await requirePart(tx, input.partId);
    if (input.orderId) {
      // Locking the order serialises movements with its closing (the close guard reads the ledger).
      const order = await loadForChange(tx, actor, input.orderId);
      if (FINISHED_ORDER_STATES.includes(order.state) && input.kind !== 'return_faulty')
        throw invalid([problem('orderId', '工单已关闭或已取消', 'the order is closed or cancelled')]);
    }
    if (input.personId)
      await requireRef(getPerson(tx, scope, input.personId), 'personId', '人员不存在', 'no such person');
    let toDepot: PartDepotTable | null = null;
    if (input.kind === 'transfer') {
      if (input.toDepotId === depotId)
        throw invalid([problem('toDepotId', '不能调拨到同一备件库', 'cannot transfer to the same depot')]);
      toDepot = (await repo.findVisibleDepot(tx.db, scope, input.toDepotId ?? '')) ?? null;
      if (!toDepot) throw invalid([problem('toDepotId', '目标备件库不存在', 'no such destination depot')]);
    }
    const now = tx.clock.now().toISOString();
    // Lock in id order so two opposite transfers cannot deadlock.
    const lockOrder = toDepot ? [depotId, toDepot.id].sort() : [depotId];
    const locked = new Map<string, PartStockTable>();
    for (const id of lockOrder) locked.set(id, await repo.lockStock(tx.db, tx.kit, id, part.id, now));
    const stock = locked.get(depotId) as PartStockTable;
    const position =
      input.orderId && ORDER_KINDS.includes(input.kind)
        ? await positionFor(tx, input.orderId, depotId, part.id)
        : NO_POSITION;
    const outcome = applyMovement(input.kind, levelsOf(stock), position, input.qty);
    if (!outcome.ok) throw new AppError(409, 'stock_refused', {}, outcome.problems);
    const after = withLevels(stock, outcome.levels, now);
    await repo.saveStock(tx.db, after);
    if (toDepot) {
      const dest = locked.get(toDepot.id) as PartStockTable;
      await repo.saveStock(tx.db, { ...dest, on_hand: dest.on_hand + input.qty, updated_at: now });
    }
    const line: PartMovementTable = {
      id: newId(),
      kind: input.kind,
      depot_id: depotId,
      part_id: part.id,
      qty: input.kind === 'adjust' ? input.qty - stock.on_hand : input.qty,
      order_id: input.orderId ?? null,
      person_id: input.personId ?? null,
      to_depot_id: toDepot?.id ?? null,
      fault_code: input.faultCode ?? null,
      serial_no: input.serialNo ?? null,
      reason: input.reason ?? null,
      actor_id: personIdOf(actor),
      at: now,
    };
    await repo.insertMovement(tx.db, line);
    if (input.kind === 'return_faulty') await recordFaulty(tx, line);
    await recordHistory(tx, actor, {
      entityType: 'part_depot',
      entityId: depotId,
      action: `movement.${input.kind}`,
      changes: { movement_id: [null, line.id], ...diffRecords(stock, after) },
      reason: input.reason,
    });
    if (crossedBelowMinimum(levelsOf(stock), outcome.levels, stock.min_qty))
      await warnKeeper(tx, depot, part, after);
    return line;
  });
}

async function recordFaulty(tx: AppContext, line: PartMovementTable): Promise<void> {
  const row: FaultyPartTable = {
    id: newId(),
    movement_id: line.id,
    depot_id: line.depot_id,
    part_id: line.part_id,
    order_id: line.order_id,
    fault_code: line.fault_code ?? '',
    serial_no: line.serial_no,
    qty: line.qty,
    status: 'awaiting_repair',
    created_at: line.at,
    updated_at: line.at,
  };
  await repo.insertFaulty(tx.db, row);
}

/** Tells the depot's keeper that a part fell below its minimum stock, in the movement's transaction. */
async function warnKeeper(
  tx: AppContext,
  depot: PartDepotTable,
  part: PartTable,
  s: PartStockTable,
): Promise<void> {
  if (!depot.keeper_id) return;
  const left = s.on_hand - s.reserved;
  await notify(tx, {
    personIds: [depot.keeper_id],
    kind: 'parts.low_stock',
    title: { 'zh-CN': `备件低于最低库存：${part.name}`, en: `Part below minimum stock: ${part.name}` },
    body: {
      'zh-CN': `${depot.name} 的 ${part.name}（${part.code}）可用 ${left} ${part.unit}，最低库存 ${s.min_qty}。`,
      en: `${depot.name}: ${left} ${part.unit} of ${part.name} (${part.code}) available, minimum ${s.min_qty}.`,
    },
    subjectType: 'part_depot',
    subjectId: depot.id,
  });
}

export async function stockOf(ctx: AppContext, scope: Scope, depotId: string) {
  await getDepot(ctx, scope, depotId);
  return repo.stockOfDepot(ctx.db, depotId);
}

export async function movementsOf(
  ctx: AppContext,
  scope: Scope,
  depotId: string,
  limit: number,
  offset: number,
) {
  await getDepot(ctx, scope, depotId);
  return repo.movementsOfDepot(ctx.db, depotId, limit, offset);
}

export async function faultyOf(ctx: AppContext, scope: Scope, depotId: string) {
  await getDepot(ctx, scope, depotId);
  return repo.faultyOfDepot(ctx.db, depotId);
}

/** Moves a faulty part along its repair/RMA path, with history. */
export async function setFaultyStatus(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  status: FaultyStatus,
  reason?: string,
): Promise<FaultyPartTable> {
  return inTransaction(ctx, async (tx) => {
    const row = await repo.lockFaulty(tx.db, tx.kit, id);
    if (!row || !(await repo.findVisibleDepot(tx.db, scopeOf(actor), row.depot_id)))
      throw notFound('faulty_part');
    const problems = faultyStatusProblems(row.status, status);
    if (problems.length) throw new AppError(409, 'stock_refused', {}, problems);
    const now = tx.clock.now().toISOString();
    await repo.setFaultyStatus(tx.db, id, status, now);
    await recordHistory(tx, actor, {
      entityType: 'faulty_part',
      entityId: id,
      action: 'status',
      changes: { status: [row.status, status] },
      reason,
    });
    return { ...row, status, updated_at: now };
  });
}

/** An order's parts: per depot and part, what is reserved, issued, consumed and returned. */
export async function partsOfOrder(ctx: AppContext, scope: Scope, orderId: string) {
  await getOrder(ctx, scope, orderId);
  return orderPartLines(ctx, orderId);
}

async function orderPartLines(ctx: AppContext, orderId: string) {
  const byKey = new Map<
    string,
    { depotId: string; partId: string; sums: Partial<Record<MovementKind, number>> }
  >();
  for (const r of await repo.orderSums(ctx.db, orderId)) {
    const key = `${r.depot_id}|${r.part_id}`;
    const entry = byKey.get(key) ?? { depotId: r.depot_id, partId: r.part_id, sums: {} };
    entry.sums[r.kind] = r.total;
    byKey.set(key, entry);
  }
  const names = new Map(
    (await repo.partNames(ctx.db, [...new Set([...byKey.values()].map((e) => e.partId))])).map((p) => [
      p.id,
      p,
    ]),
  );
  return [...byKey.values()].map((e) => {
    const pos = positionOf(e.sums);
    const n = (k: MovementKind) => e.sums[k] ?? 0;
    return {
      depotId: e.depotId,
      partId: e.partId,
      partCode: names.get(e.partId)?.code ?? '',
      partName: names.get(e.partId)?.name ?? '',
      reserved: pos.reservedOpen,
      issued: n('issue'),
      consumed: n('consume'),
      returned: n('return_unused'),
      inHand: pos.inHand,
      faultyReturned: n('return_faulty'),
    };
  });
}

/** The close guard (RS-1): no part issued to the order may be left unaccounted for. */
export async function closeProblems(tx: AppContext, orderId: string) {
  const lines = await orderPartLines(tx, orderId);
  return unaccountedProblems(lines.map((l) => ({ partName: l.partName, inHand: l.inHand })));
}
