/** All SQL for spare parts (RS-1). */
import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type {
  FaultyPartTable,
  MovementKind,
  PartDepotTable,
  PartMovementTable,
  PartStockTable,
  PartTable,
} from './parts.tables.ts';

/** Depots the scope sees: own staff all, a partner only its own, customers none. */
export function scopedDepots(db: Kysely<DB>, scope: Scope) {
  const q = db.selectFrom('part_depots');
  if (scope.kind === 'partner') return q.where('part_depots.partner_id', '=', scope.partnerId);
  if (scope.kind === 'customer') return q.where(sql<boolean>`1 = 0`);
  return q;
}

export function findVisibleDepot(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedDepots(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDepots(db: Kysely<DB>, scope: Scope) {
  return scopedDepots(db, scope).selectAll().orderBy('code').execute();
}

export async function insertDepot(db: Kysely<DB>, row: PartDepotTable): Promise<void> {
  await db.insertInto('part_depots').values(row).execute();
}

export async function insertPart(db: Kysely<DB>, row: PartTable): Promise<void> {
  await db.insertInto('parts').values(row).execute();
}

export function findPart(db: Kysely<DB>, id: string) {
  return db.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listParts(db: Kysely<DB>, q: string | undefined, kit: DialectKit) {
  let query = db.selectFrom('parts').selectAll();
  if (q)
    query = query.where((eb) => eb.or([eb('code', kit.ilike, `%${q}%`), eb('name', kit.ilike, `%${q}%`)]));
  return query.orderBy('code').limit(500).execute();
}

/** Locks one stock row (creating it empty first, so the first movement of a part has a row to lock). */
export async function lockStock(
  db: Kysely<DB>,
  kit: DialectKit,
  depotId: string,
  partId: string,
  now: string,
): Promise<PartStockTable> {
  await db
    .insertInto('part_stock')
    .values({
      depot_id: depotId,
      part_id: partId,
      on_hand: 0,
      reserved: 0,
      faulty: 0,
      min_qty: 0,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['depot_id', 'part_id']).doNothing())
    .execute();
  const q = db
    .selectFrom('part_stock')
    .selectAll()
    .where('depot_id', '=', depotId)
    .where('part_id', '=', partId);
  return kit.forUpdate(q).executeTakeFirstOrThrow();
}

export async function saveStock(db: Kysely<DB>, row: PartStockTable): Promise<void> {
  await db
    .updateTable('part_stock')
    .set({
      on_hand: row.on_hand,
      reserved: row.reserved,
      faulty: row.faulty,
      min_qty: row.min_qty,
      updated_at: row.updated_at,
    })
    .where('depot_id', '=', row.depot_id)
    .where('part_id', '=', row.part_id)
    .execute();
}

export function stockOfDepot(db: Kysely<DB>, depotId: string) {
  return db
    .selectFrom('part_stock')
    .innerJoin('parts', 'parts.id', 'part_stock.part_id')
    .select([
      'part_stock.part_id',
      'parts.code',
      'parts.name',
      'parts.unit',
      'part_stock.on_hand',
      'part_stock.reserved',
      'part_stock.faulty',
      'part_stock.min_qty',
      'part_stock.updated_at',
    ])
    .where('part_stock.depot_id', '=', depotId)
    .orderBy('parts.code')
    .execute();
}

export async function insertMovement(db: Kysely<DB>, row: PartMovementTable): Promise<void> {
  await db.insertInto('part_movements').values(row).execute();
}

export function movementsOfDepot(db: Kysely<DB>, depotId: string, limit: number, offset: number) {
  return db
    .selectFrom('part_movements')
    .selectAll()
    .where((eb) => eb.or([eb('depot_id', '=', depotId), eb('to_depot_id', '=', depotId)]))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Ledger sums of one order by depot, part and kind. */
export async function orderSums(
  db: Kysely<DB>,
  orderId: string,
  only?: { depotId: string; partId: string },
): Promise<{ depot_id: string; part_id: string; kind: MovementKind; total: number }[]> {
  let q = db
    .selectFrom('part_movements')
    .select(['depot_id', 'part_id', 'kind', sql<number>`sum(qty)`.as('total')])
    .where('order_id', '=', orderId)
    .groupBy(['depot_id', 'part_id', 'kind']);
  if (only) q = q.where('depot_id', '=', only.depotId).where('part_id', '=', only.partId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

export async function insertFaulty(db: Kysely<DB>, row: FaultyPartTable): Promise<void> {
  await db.insertInto('faulty_parts').values(row).execute();
}

export function lockFaulty(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('faulty_parts').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function setFaultyStatus(
  db: Kysely<DB>,
  id: string,
  status: FaultyPartTable['status'],
  now: string,
) {
  await db.updateTable('faulty_parts').set({ status, updated_at: now }).where('id', '=', id).execute();
}

export function faultyOfDepot(db: Kysely<DB>, depotId: string) {
  return db
    .selectFrom('faulty_parts')
    .selectAll()
    .where('depot_id', '=', depotId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

export function partNames(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('parts').select(['id', 'name', 'code']).where('id', 'in', ids).execute();
}
