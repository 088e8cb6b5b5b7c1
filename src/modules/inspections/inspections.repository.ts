/** All SQL of inspections (RS-5). */
import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type {
  InspectionChecklistTable,
  InspectionFindingTable,
  InspectionPlanTable,
  InspectionState,
  InspectionTable,
} from './inspections.tables.ts';

/** A partner sees the plans given to it; customers none; own staff all. */
function scopedPlans(db: Kysely<DB>, scope: Scope) {
  const q = db.selectFrom('inspection_plans').selectAll();
  if (scope.kind === 'partner') return q.where('partner_id', '=', scope.partnerId);
  return scope.kind === 'customer' ? q.where('id', '=', '') : q;
}

/** The same rule for inspections: a partner sees its own, customers none. */
function scopedInspections(db: Kysely<DB>, scope: Scope) {
  const q = db.selectFrom('inspections').selectAll();
  if (scope.kind === 'partner') return q.where('partner_id', '=', scope.partnerId);
  return scope.kind === 'customer' ? q.where('id', '=', '') : q;
}

export function checklistOf(db: Kysely<DB>, equipmentClass: string) {
  return db
    .selectFrom('inspection_checklists')
    .selectAll()
    .where('equipment_class', '=', equipmentClass)
    .executeTakeFirst();
}

export function checklists(db: Kysely<DB>) {
  return db.selectFrom('inspection_checklists').selectAll().orderBy('equipment_class').execute();
}

export function lockChecklist(db: Kysely<DB>, kit: DialectKit, equipmentClass: string) {
  return kit
    .forUpdate(
      db.selectFrom('inspection_checklists').selectAll().where('equipment_class', '=', equipmentClass),
    )
    .executeTakeFirst();
}

export async function saveChecklist(db: Kysely<DB>, row: InspectionChecklistTable, exists: boolean) {
  if (exists)
    await db
      .updateTable('inspection_checklists')
      .set({ items_json: row.items_json, updated_at: row.updated_at })
      .where('id', '=', row.id)
      .execute();
  else await db.insertInto('inspection_checklists').values(row).execute();
}

export async function insertPlan(db: Kysely<DB>, row: InspectionPlanTable) {
  await db.insertInto('inspection_plans').values(row).execute();
}

export async function savePlan(db: Kysely<DB>, row: InspectionPlanTable) {
  const { id, created_at, ...rest } = row;
  await db.updateTable('inspection_plans').set(rest).where('id', '=', id).execute();
}

export function findVisiblePlan(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedPlans(db, scope).where('id', '=', id).executeTakeFirst();
}

export function listPlans(db: Kysely<DB>, scope: Scope, page: { limit: number; offset: number }) {
  return scopedPlans(db, scope).orderBy('created_at').limit(page.limit).offset(page.offset).execute();
}

export function lockPlan(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('inspection_plans').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** Inserts the inspections of one occurrence; one already there (a second run) is kept. */
export async function insertInspections(db: Kysely<DB>, rows: InspectionTable[]): Promise<InspectionTable[]> {
  const made: InspectionTable[] = [];
  for (const row of rows) {
    const r = await db
      .insertInto('inspections')
      .values(row)
      .onConflict((oc) => oc.columns(['plan_id', 'occurrence', 'target_key']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) made.push(row);
  }
  return made;
}

export interface InspectionFilter {
  planId?: string | undefined;
  state?: InspectionState | undefined;
  /** Due on or after this instant. */
  dueFrom?: string | undefined;
  /** Due before this instant. */
  dueTo?: string | undefined;
  limit: number;
  offset: number;
}

export function listInspections(db: Kysely<DB>, scope: Scope, f: InspectionFilter) {
  let q = scopedInspections(db, scope);
  if (f.planId) q = q.where('plan_id', '=', f.planId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.dueFrom) q = q.where('due_at', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('due_at', '<', f.dueTo);
  return q.orderBy('due_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
}

export function findVisibleInspection(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedInspections(db, scope).where('id', '=', id).executeTakeFirst();
}

export function lockInspection(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('inspections').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function completeInspection(
  db: Kysely<DB>,
  id: string,
  patch: Pick<InspectionTable, 'results_json' | 'completed_by' | 'completed_at'>,
) {
  await db
    .updateTable('inspections')
    .set({ ...patch, state: 'completed' })
    .where('id', '=', id)
    .execute();
}

export async function insertFinding(db: Kysely<DB>, row: InspectionFindingTable) {
  await db.insertInto('inspection_findings').values(row).execute();
}

export function findingsOf(db: Kysely<DB>, inspectionId: string) {
  return db
    .selectFrom('inspection_findings')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('item_key')
    .execute();
}

/**
 * Planned and completed-as-planned inspections whose occurrence falls in [from, to), per region
 * and partner, under a region path; the scope narrows to the partner's own.
 */
export function completionCounts(
  db: Kysely<DB>,
  scope: Scope,
  w: { from: string; to: string; regionPath: string | null },
) {
  let q = db
    .selectFrom('inspections')
    .select((eb) => [
      'region_id',
      'partner_id',
      eb.fn.countAll<number>().as('planned'),
      sql<number>`sum(case when state = 'completed' and completed_at <= due_at then 1 else 0 end)`.as('done'),
    ])
    .where('occurrence', '>=', w.from)
    .where('occurrence', '<', w.to);
  if (w.regionPath) q = q.where('region_path', 'like', `${w.regionPath}%`);
  if (scope.kind === 'partner') q = q.where('partner_id', '=', scope.partnerId);
  if (scope.kind === 'customer') q = q.where('id', '=', '');
  return q.groupBy(['region_id', 'partner_id']).execute();
}
