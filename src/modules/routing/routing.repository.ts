/** All SQL of the daily plan (DP-2): its own tables, and the facts a plan is built from. */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { RoutePlanTable } from './routing.tables.ts';

/** Orders a plan may route: accepted, dispatched or with an agreed appointment; nobody on the way yet. */
export const PLANNABLE_STATES = ['accepted', 'dispatched', 'appointment_agreed'] as const;

export function findRegion(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'path', 'name', 'time_zone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Open orders under a region path with their site (a partner sees its own and unassigned ones). */
export function plannableOrders(
  db: Kysely<DB>,
  regionPath: string,
  filter: { partnerId?: string | undefined; ids?: readonly string[] | undefined },
) {
  let q = db
    .selectFrom('work_orders as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .leftJoin('sites as s', 's.id', 'o.site_id')
    .select([
      'o.id',
      'o.number',
      'o.type',
      'o.severity',
      'o.product',
      'o.state',
      'o.partner_id',
      's.lat',
      's.lng',
      's.area_class',
    ])
    .where('r.path', 'like', `${regionPath}%`);
  if (filter.ids) {
    if (filter.ids.length === 0) return Promise.resolve([]);
    q = q.where('o.id', 'in', [...filter.ids]);
  } else q = q.where('o.state', 'in', [...PLANNABLE_STATES]);
  if (filter.partnerId) {
    const pid = filter.partnerId;
    q = q.where((eb) => eb.or([eb('o.partner_id', '=', pid), eb('o.partner_id', 'is', null)]));
  }
  return q.orderBy('o.number').execute();
}

/** Confirmed appointments of these orders overlapping [from, to). */
export function confirmedAppointments(db: Kysely<DB>, orderIds: readonly string[], from: string, to: string) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('appointments')
    .select(['order_id', 'window_start', 'window_end'])
    .where('order_id', 'in', [...orderIds])
    .where('state', '=', 'confirmed')
    .where('window_start', '<', to)
    .where('window_end', '>', from)
    .execute();
}

/** Running deadline clocks of these orders (SL-1) that have a due time. */
export function runningClocks(db: Kysely<DB>, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('order_clocks')
    .select(['order_id', 'kind', 'due_at'])
    .where('order_id', 'in', [...orderIds])
    .where('state', '=', 'running')
    .where('due_at', 'is not', null)
    .execute();
}

/** The lead engineer currently assigned to each of these orders. */
export function currentLeads(db: Kysely<DB>, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('work_order_assignments')
    .select(['order_id', 'person_id'])
    .where('order_id', 'in', [...orderIds])
    .where('role', '=', 'lead')
    .where('released_at', 'is', null)
    .execute();
}

export function insertPlan(db: Kysely<DB>, row: RoutePlanTable) {
  return db.insertInto('route_plans').values(row).execute();
}

export function findPlan(db: Kysely<DB>, id: string) {
  return db.selectFrom('route_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockPlan(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('route_plans').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function updatePlan(db: Kysely<DB>, id: string, set: Partial<RoutePlanTable>) {
  return db.updateTable('route_plans').set(set).where('id', '=', id).execute();
}

/** Plans of a region subtree (optionally one day), newest first. */
export function listPlans(
  db: Kysely<DB>,
  regionPaths: string[] | null,
  day: string | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('route_plans as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select([
      'p.id',
      'p.region_id',
      'r.name as region_name',
      'p.day',
      'p.state',
      'p.progress',
      'p.created_at',
      'p.version',
    ])
    .orderBy('p.created_at', 'desc')
    .limit(limit);
  if (regionPaths) {
    if (regionPaths.length === 0) return Promise.resolve([]);
    q = q.where((eb) => eb.or(regionPaths.map((p) => eb('r.path', 'like', `${p}%`))));
  }
  if (day) q = q.where('p.day', '=', day);
  return q.execute();
}

/** Other plans of the same region and day still standing (superseded when one is published). */
export function standingPlans(db: Kysely<DB>, regionId: string, day: string, except: string) {
  return db
    .selectFrom('route_plans')
    .select(['id'])
    .where('region_id', '=', regionId)
    .where('day', '=', day)
    .where('id', '!=', except)
    .where('state', 'in', ['ready', 'published'])
    .execute();
}

export function findMatrix(db: Kysely<DB>, regionId: string, day: string, key: string) {
  return db
    .selectFrom('travel_matrices')
    .select(['data', 'provider'])
    .where('region_id', '=', regionId)
    .where('day', '=', day)
    .where('points_key', '=', key)
    .executeTakeFirst();
}

export function insertMatrix(
  db: Kysely<DB>,
  row: {
    id: string;
    region_id: string;
    day: string;
    points_key: string;
    provider: string;
    data: string;
    created_at: string;
  },
) {
  // Two planners may compute the same matrix at once; the first one kept is as good as the other.
  return db
    .insertInto('travel_matrices')
    .values(row)
    .onConflict((oc) => oc.columns(['region_id', 'day', 'points_key']).doNothing())
    .execute();
}
