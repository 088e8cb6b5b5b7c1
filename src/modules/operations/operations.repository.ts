/** The only SQL of major operations: its own tables (MO-1 … MO-13). */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type { OperationRecordKind } from './operations.rules.ts';
import type {
  OperationApprovalRuleTable,
  OperationApprovalTable,
  OperationFreezeTable,
  OperationPlanTable,
  OperationRecordTable,
  OperationStepTable,
  OperationTable,
  OperationTimeRuleTable,
  SoftwareVersionTable,
} from './operations.tables.ts';

/** Operations the scope may see: a partner only those its own people lead, a customer only its own. */
export function scopedOperations(db: Kysely<DB>, scope: Scope) {
  const q = db.selectFrom('operations').selectAll();
  if (scope.kind === 'partner') return q.where('partner_id', '=', scope.partnerId);
  if (scope.kind === 'customer') return q.where('customer_id', '=', scope.customerId);
  return q;
}

export function findVisible(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedOperations(db, scope).where('id', '=', id).executeTakeFirst();
}

export function lockOperation(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('operations').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function listOperations(db: Kysely<DB>, scope: Scope, state?: OperationTable['state']) {
  let q = scopedOperations(db, scope);
  if (state) q = q.where('state', '=', state);
  return q.orderBy('window_start', 'desc').limit(500).execute();
}

export async function insertOperation(db: Kysely<DB>, row: OperationTable, siteIds: string[]) {
  await db.insertInto('operations').values(row).execute();
  await db
    .insertInto('operation_sites')
    .values(siteIds.map((site_id) => ({ operation_id: row.id, site_id })))
    .execute();
}

export async function updateOperation(db: Kysely<DB>, id: string, patch: Partial<OperationTable>) {
  await db.updateTable('operations').set(patch).where('id', '=', id).execute();
}

export async function siteIdsOf(db: Kysely<DB>, operationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('operation_sites')
    .select('site_id')
    .where('operation_id', '=', operationId)
    .execute();
  return rows.map((r) => r.site_id);
}

export function plansOf(db: Kysely<DB>, operationId: string) {
  return db
    .selectFrom('operation_plans')
    .selectAll()
    .where('operation_id', '=', operationId)
    .orderBy('version', 'asc')
    .execute();
}

export async function insertPlan(db: Kysely<DB>, row: OperationPlanTable) {
  await db.insertInto('operation_plans').values(row).execute();
}

export function approvalsOf(db: Kysely<DB>, operationId: string) {
  return db
    .selectFrom('operation_approvals')
    .selectAll()
    .where('operation_id', '=', operationId)
    .orderBy('approved_at', 'asc')
    .execute();
}

export async function insertApproval(db: Kysely<DB>, row: OperationApprovalTable) {
  await db.insertInto('operation_approvals').values(row).execute();
}

export function stepsOf(db: Kysely<DB>, operationId: string) {
  return db
    .selectFrom('operation_steps')
    .selectAll()
    .where('operation_id', '=', operationId)
    .orderBy('created_at', 'asc')
    .orderBy('plan_step', 'asc')
    .execute();
}

export function findStep(db: Kysely<DB>, operationId: string, id: string) {
  return db
    .selectFrom('operation_steps')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertSteps(db: Kysely<DB>, rows: OperationStepTable[]) {
  if (rows.length) await db.insertInto('operation_steps').values(rows).execute();
}

export async function updateStep(db: Kysely<DB>, id: string, patch: Partial<OperationStepTable>) {
  await db.updateTable('operation_steps').set(patch).where('id', '=', id).execute();
}

export function recordsOf(db: Kysely<DB>, operationId: string, kind?: OperationRecordKind) {
  let q = db.selectFrom('operation_records').selectAll().where('operation_id', '=', operationId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('recorded_at', 'asc').orderBy('id', 'asc').execute();
}

export async function insertRecord(db: Kysely<DB>, row: OperationRecordTable) {
  await db.insertInto('operation_records').values(row).execute();
}

export function timeRules(db: Kysely<DB>) {
  return db.selectFrom('operation_time_rules').selectAll().orderBy('created_at').execute();
}

export async function insertTimeRule(db: Kysely<DB>, row: OperationTimeRuleTable) {
  await db.insertInto('operation_time_rules').values(row).execute();
}

/** Freezes overlapping [from, to), with their region's path (MO-2 applies to the subtree). */
export function freezesBetween(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('operation_freezes as f')
    .innerJoin('regions as r', 'r.id', 'f.region_id')
    .selectAll('f')
    .select('r.path as region_path')
    .where('f.starts_at', '<', to)
    .where('f.ends_at', '>', from)
    .orderBy('f.starts_at')
    .execute();
}

export async function insertFreeze(db: Kysely<DB>, row: OperationFreezeTable) {
  await db.insertInto('operation_freezes').values(row).execute();
}

/** Approved-but-not-started operations whose window overlaps [from, to) (a new freeze flags them). */
export function pendingInWindow(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('operations')
    .selectAll()
    .where('state', 'in', ['approved', 'notified', 'ready'])
    .where('window_start', '<', to)
    .where('window_end', '>', from)
    .execute();
}

export async function approvalRules(db: Kysely<DB>) {
  const rows = await db.selectFrom('operation_approval_rules').selectAll().execute();
  return rows.map((r) => ({ kind: r.kind, regionId: r.region_id, roles: JSON.parse(r.roles) as string[] }));
}

export async function putApprovalRule(db: Kysely<DB>, row: OperationApprovalRuleTable) {
  let del = db.deleteFrom('operation_approval_rules').where('kind', '=', row.kind);
  del =
    row.region_id === null ? del.where('region_id', 'is', null) : del.where('region_id', '=', row.region_id);
  await del.execute();
  await db.insertInto('operation_approval_rules').values(row).execute();
}

export function listVersions(db: Kysely<DB>, product?: string) {
  let q = db.selectFrom('software_versions').selectAll();
  if (product) q = q.where('product', '=', product);
  return q.orderBy('product').orderBy('version').execute();
}

export function findVersion(db: Kysely<DB>, id: string) {
  return db.selectFrom('software_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertVersion(db: Kysely<DB>, row: SoftwareVersionTable) {
  await db.insertInto('software_versions').values(row).execute();
}

export async function updateVersion(db: Kysely<DB>, id: string, patch: Partial<SoftwareVersionTable>) {
  await db.updateTable('software_versions').set(patch).where('id', '=', id).execute();
}

/** MO-11: operations with this version that passed verification in the field (watching or completed). */
export function provenRuns(db: Kysely<DB>, versionId: string) {
  return db
    .selectFrom('operations as o')
    .innerJoin('operation_sites as s', 's.operation_id', 'o.id')
    .select(['o.id as operation_id', 's.site_id', 'o.state'])
    .where('o.version_id', '=', versionId)
    .where('o.state', 'in', ['watching', 'completed'])
    .execute();
}

/**
 * Departures from the rules recorded in [from, to) per partner (null: own staff), in the scope:
 * emergencies reported during the work (MO-9) and steps run outside the approved plan (MO-12).
 * Breaches the server refuses outright (MO-1, MO-2, MO-5 …) never reach the tables.
 */
export function violationCountsBy(
  db: Kysely<DB>,
  scope: Scope,
  range: { from: string; to: string; regionPath: string | null },
) {
  const events = db
    .selectFrom('operation_records')
    .select(['operation_id', 'recorded_at as at'])
    .where('kind', '=', 'emergency')
    .unionAll(
      db
        .selectFrom('operation_steps')
        .select(['operation_id', 'created_at as at'])
        .where('plan_step', 'is', null),
    );
  let q = db
    .selectFrom(events.as('v'))
    .innerJoin('operations as o', 'o.id', 'v.operation_id')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .where('v.at', '>=', range.from)
    .where('v.at', '<', range.to);
  if (range.regionPath) q = q.where('r.path', 'like', `${range.regionPath}%`);
  if (scope.kind === 'partner') q = q.where('o.partner_id', '=', scope.partnerId);
  if (scope.kind === 'customer') q = q.where('o.customer_id', '=', scope.customerId);
  return q
    .select((eb) => ['o.partner_id as partner_id', eb.fn.countAll<number | string>().as('n')])
    .groupBy('o.partner_id')
    .execute();
}

/** Operations in the scope waiting for a plan review or approvals (MO-3, MO-4), soonest window first. */
export function awaitingApproval(db: Kysely<DB>, scope: Scope) {
  return scopedOperations(db, scope)
    .where('state', 'in', ['submitted', 'plan_reviewed'])
    .orderBy('window_start', 'asc')
    .limit(500)
    .execute();
}

/** Operations in the scope whose window overlaps [from, to), cancelled ones left out. */
export function operationsBetween(db: Kysely<DB>, scope: Scope, from: string, to: string) {
  return scopedOperations(db, scope)
    .where('state', '!=', 'cancelled')
    .where('window_start', '<', to)
    .where('window_end', '>', from)
    .orderBy('window_start', 'asc')
    .limit(500)
    .execute();
}
