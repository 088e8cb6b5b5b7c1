/** All SQL of instruments, vehicles and tool kits (RS-2). */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type { AssetKind, AssetTable } from './assets.tables.ts';

/** Assets the scope sees: own staff all, a partner its own, customers none. */
function scoped(db: Kysely<DB>, scope: Scope) {
  const q = db.selectFrom('assets').selectAll();
  if (scope.kind === 'partner') return q.where('partner_id', '=', scope.partnerId);
  if (scope.kind === 'customer') return q.where('id', '=', '');
  return q;
}

export function findVisibleAsset(db: Kysely<DB>, scope: Scope, id: string) {
  return scoped(db, scope).where('id', '=', id).executeTakeFirst();
}

export interface AssetFilter {
  kind?: AssetKind | undefined;
  personId?: string | undefined;
  regionId?: string | undefined;
  /** Instruments whose calibration is due on or before this day. */
  dueBy?: string | undefined;
  limit: number;
  offset: number;
}

export function listAssets(db: Kysely<DB>, scope: Scope, f: AssetFilter) {
  let q = scoped(db, scope);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.personId) q = q.where('person_id', '=', f.personId);
  if (f.regionId) q = q.where('region_id', '=', f.regionId);
  if (f.dueBy) q = q.where('calibration_due', '<=', f.dueBy);
  return q.orderBy('kind').orderBy('serial_no').limit(f.limit).offset(f.offset).execute();
}

export async function insertAsset(db: Kysely<DB>, row: AssetTable): Promise<void> {
  await db.insertInto('assets').values(row).execute();
}

export async function saveAsset(db: Kysely<DB>, row: AssetTable): Promise<void> {
  const { id, created_at, ...rest } = row;
  await db.updateTable('assets').set(rest).where('id', '=', id).execute();
}

export function lockAsset(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('assets').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** In-service instruments carried by these people whose calibration lapsed before `day`. */
export function lapsedInstrumentsOf(db: Kysely<DB>, personIds: readonly string[], day: string) {
  return db
    .selectFrom('assets')
    .select(['person_id', 'name', 'serial_no', 'calibration_due'])
    .where('person_id', 'in', [...personIds])
    .where('kind', '=', 'instrument')
    .where('status', '=', 'in_service')
    .where('calibration_due', '<', day)
    .execute();
}
