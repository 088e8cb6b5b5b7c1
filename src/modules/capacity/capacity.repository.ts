/** All SQL of capacity planning (RS-4): its rules and hotlines. */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type { CapacityHotlineTable, CapacityRuleKey } from './capacity.tables.ts';

export function allRules(db: Kysely<DB>) {
  return db.selectFrom('capacity_rules').selectAll().execute();
}

export function lockRules(db: Kysely<DB>, kit: DialectKit) {
  return kit.forUpdate(db.selectFrom('capacity_rules').selectAll()).execute();
}

export async function saveRule(db: Kysely<DB>, key: CapacityRuleKey, value: number, at: string) {
  await db.updateTable('capacity_rules').set({ value, updated_at: at }).where('key', '=', key).execute();
}

/** Hotlines the scope sees: own staff all, a partner its own. */
export function hotlines(db: Kysely<DB>, scope: Scope) {
  let q = db.selectFrom('capacity_hotlines').selectAll();
  if (scope.kind === 'partner') q = q.where('partner_id', '=', scope.partnerId);
  if (scope.kind === 'customer') q = q.where('id', '=', '');
  return q.orderBy('region_id').execute();
}

export function lockHotline(db: Kysely<DB>, kit: DialectKit, regionId: string, partnerId: string | null) {
  return kit
    .forUpdate(
      db
        .selectFrom('capacity_hotlines')
        .selectAll()
        .where('region_id', '=', regionId)
        .where((eb) => (partnerId ? eb('partner_id', '=', partnerId) : eb('partner_id', 'is', null))),
    )
    .executeTakeFirst();
}

export async function insertHotline(db: Kysely<DB>, row: CapacityHotlineTable) {
  await db.insertInto('capacity_hotlines').values(row).execute();
}

export async function saveHotline(db: Kysely<DB>, row: CapacityHotlineTable) {
  const { id, created_at, ...rest } = row;
  await db.updateTable('capacity_hotlines').set(rest).where('id', '=', id).execute();
}
