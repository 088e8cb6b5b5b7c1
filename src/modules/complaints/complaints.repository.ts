/** All SQL of complaints, their corrective actions and deadline policies. */
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type { ComplaintCategory, ComplaintSeverity } from './complaints.rules.ts';
import type { ComplaintActionTable, ComplaintPolicyTable, ComplaintTable } from './complaints.tables.ts';

function underPaths(paths: readonly string[]): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(
    paths.map((p) => sql`r.path like ${`${p}%`}`),
    sql` or `,
  )})`;
}

/**
 * Complaints the scope may see, like work orders: own staff all (a field engineer those about
 * them, owned by them or in their area); a partner those in its regions or about its work.
 */
export function scopedComplaints(db: Kysely<DB>, scope: Scope) {
  let q = db.selectFrom('complaints as c').innerJoin('regions as r', 'r.id', 'c.region_id');
  if (scope.kind === 'partner') {
    const partnerId = scope.partnerId;
    q = q.where((eb) => eb.or([underPaths(scope.regionPaths), eb('c.partner_id', '=', partnerId)]));
  } else if (scope.kind === 'customer') {
    q = q.where(sql<SqlBool>`1 = 0`);
  } else if (scope.engineerOf) {
    const { personId, regionPaths } = scope.engineerOf;
    q = q.where((eb) =>
      eb.or([eb('c.engineer_id', '=', personId), eb('c.owner_id', '=', personId), underPaths(regionPaths)]),
    );
  }
  return q;
}

export function findVisible(db: Kysely<DB>, scope: Scope, id: string) {
  return scopedComplaints(db, scope).selectAll('c').where('c.id', '=', id).executeTakeFirst();
}

export function lockComplaint(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('complaints').selectAll().where('id', '=', id)).executeTakeFirst();
}

export interface ComplaintFilter {
  state?: ComplaintTable['state'] | undefined;
  category?: ComplaintCategory | undefined;
  partnerId?: string | undefined;
  orderId?: string | undefined;
  repeatOnly?: boolean | undefined;
}

export async function listComplaints(
  db: Kysely<DB>,
  scope: Scope,
  f: ComplaintFilter,
  page: { limit: number; offset: number },
) {
  let q = scopedComplaints(db, scope);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.category) q = q.where('c.category', '=', f.category);
  if (f.partnerId) q = q.where('c.partner_id', '=', f.partnerId);
  if (f.orderId) q = q.where('c.order_id', '=', f.orderId);
  if (f.repeatOnly) q = q.where('c.repeat_of_id', 'is not', null);
  const [items, total] = await Promise.all([
    q
      .selectAll('c')
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The latest complaint about the same order or customer since `since` (CS-1 repeat). */
export function earlierComplaint(
  db: Kysely<DB>,
  about: { orderId: string | null; customerId: string | null },
  since: string,
) {
  const { orderId, customerId } = about;
  if (!orderId && !customerId) return Promise.resolve(undefined);
  return db
    .selectFrom('complaints')
    .select(['id', 'number'])
    .where('created_at', '>=', since)
    .where((eb) =>
      eb.or([
        ...(orderId ? [eb('order_id', '=', orderId)] : []),
        ...(customerId ? [eb('customer_id', '=', customerId)] : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertComplaint(db: Kysely<DB>, row: ComplaintTable): Promise<void> {
  await db.insertInto('complaints').values(row).execute();
}

export async function updateComplaint(
  db: Kysely<DB>,
  id: string,
  patch: Partial<ComplaintTable>,
): Promise<void> {
  await db.updateTable('complaints').set(patch).where('id', '=', id).execute();
}

export function actionsOf(db: Kysely<DB>, complaintId: string) {
  return db
    .selectFrom('complaint_actions')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertAction(db: Kysely<DB>, row: ComplaintActionTable): Promise<void> {
  await db.insertInto('complaint_actions').values(row).execute();
}

export async function updateAction(
  db: Kysely<DB>,
  id: string,
  patch: Partial<ComplaintActionTable>,
): Promise<void> {
  await db.updateTable('complaint_actions').set(patch).where('id', '=', id).execute();
}

export function policyFor(db: Kysely<DB>, category: ComplaintCategory, severity: ComplaintSeverity) {
  return db
    .selectFrom('complaint_policies')
    .selectAll()
    .where('category', '=', category)
    .where('severity', '=', severity)
    .executeTakeFirst();
}

export function policies(db: Kysely<DB>) {
  return db.selectFrom('complaint_policies').selectAll().orderBy('category').orderBy('severity').execute();
}

export async function updatePolicy(db: Kysely<DB>, row: ComplaintPolicyTable): Promise<void> {
  await db
    .updateTable('complaint_policies')
    .set(row)
    .where('category', '=', row.category)
    .where('severity', '=', row.severity)
    .execute();
}

/** The region, partner and customer of an order, and its lead engineer (current, else the last). */
export async function orderLinks(db: Kysely<DB>, orderId: string) {
  const order = await db
    .selectFrom('work_orders')
    .select(['id', 'number', 'region_id', 'partner_id', 'customer_id', 'contact_name', 'contact_phone'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order) return undefined;
  const lead = await db
    .selectFrom('work_order_assignments')
    .select('person_id')
    .where('order_id', '=', orderId)
    .where('role', '=', 'lead')
    // The current lead first (released_at is null), else the last one; the same on both databases.
    .orderBy(sql`case when released_at is null then 0 else 1 end`)
    .orderBy('assigned_at', 'desc')
    .executeTakeFirst();
  return { ...order, engineer_id: lead?.person_id ?? null };
}

/**
 * Complaints received in [from, to) per group key and category, in the scope (CS-2). `month` is
 * the dialect's 'YYYY-MM' of `c.created_at`, given by the caller that knows the dialect.
 */
export function complaintCountsBy(
  db: Kysely<DB>,
  scope: Scope,
  group: 'none' | 'region' | 'partner' | 'engineer' | 'month',
  month: RawBuilder<string | null>,
  range: { from?: string | undefined; to?: string | undefined; regionPath?: string | undefined },
) {
  let inner = scopedComplaints(db, scope);
  if (range.from) inner = inner.where('c.created_at', '>=', range.from);
  if (range.to) inner = inner.where('c.created_at', '<', range.to);
  // The same region narrowing as the orders it is divided by (vendor assessment by region).
  if (range.regionPath) inner = inner.where('r.path', 'like', `${range.regionPath}%`);
  const keys = {
    none: sql<string | null>`''`,
    region: sql<string | null>`c.region_id`,
    partner: sql<string | null>`c.partner_id`,
    engineer: sql<string | null>`c.engineer_id`,
    month,
  };
  return db
    .selectFrom(inner.select([keys[group].as('k'), 'c.category as category']).as('x'))
    .select((eb) => ['x.k as k', 'x.category as category', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['x.k', 'x.category'])
    .execute();
}
