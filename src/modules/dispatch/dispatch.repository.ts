/** All SQL for dispatch: engineers with their profiles, certifications, regions and open load. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { OPEN_STATES } from '../work-orders/work-orders.rules.ts';

/** Active people holding the engineer role (optionally only some, or only one partner's). */
export async function engineers(
  db: Kysely<DB>,
  filter: { ids?: readonly string[]; partnerId?: string | undefined },
) {
  let q = db
    .selectFrom('people as p')
    .leftJoin('engineer_profiles as e', 'e.person_id', 'p.id')
    .select([
      'p.id',
      'p.display_name',
      'p.active',
      'p.partner_id',
      'e.person_id as profile_id',
      'e.employment',
      'e.work_card_no',
      'e.work_card_expires_on',
      'e.last_lat',
      'e.last_lng',
    ]);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('p.id', 'in', [...filter.ids]);
  } else {
    q = q
      .where('p.active', '=', 1)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('person_roles as pr')
            .select('pr.person_id')
            .whereRef('pr.person_id', '=', 'p.id')
            .where('pr.role', '=', 'engineer'),
        ),
      );
  }
  if (filter.partnerId) q = q.where('p.partner_id', '=', filter.partnerId);
  return q.orderBy('p.display_name').execute();
}

export function rolesOf(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person_roles')
    .select(['person_id', 'role'])
    .where('person_id', 'in', [...ids])
    .execute();
}

export function certificationsOf(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('certifications')
    .select(['person_id', 'product', 'expires_on', 'revoked_at'])
    .where('person_id', 'in', [...ids])
    .execute();
}

export function regionPathsOf(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person_regions as pr')
    .innerJoin('regions as r', 'r.id', 'pr.region_id')
    .select(['pr.person_id', 'r.path', 'r.name'])
    .where('pr.person_id', 'in', [...ids])
    .execute();
}

/** Open orders each person is lead or helper on (DP-1 load). */
export function openLoads(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('work_order_assignments as a')
    .innerJoin('work_orders as o', 'o.id', 'a.order_id')
    .select(['a.person_id', (eb) => eb.fn.count<number>('a.order_id').distinct().as('n')])
    .where('a.person_id', 'in', [...ids])
    .where('a.released_at', 'is', null)
    .where('a.role', 'in', ['lead', 'helper'])
    .where('o.state', 'in', [...OPEN_STATES])
    .groupBy('a.person_id')
    .execute();
}

/** Where the order is: its region path, the site's position and time zone. */
export function orderPlace(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('work_orders as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .leftJoin('sites as s', 's.id', 'o.site_id')
    .select([
      'o.id',
      'o.product',
      'r.path',
      'r.name as region_name',
      'r.time_zone as region_tz',
      's.lat',
      's.lng',
      's.time_zone as site_tz',
    ])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
}

/**
 * DP-1: who of `ids` is already booked (lead or helper) on another open order whose appointment
 * in force overlaps [start, end).
 */
export async function bookedDuring(
  db: Kysely<DB>,
  ids: readonly string[],
  orderId: string,
  start: string,
  end: string,
) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('work_order_assignments as a')
    .innerJoin('work_orders as o', 'o.id', 'a.order_id')
    .innerJoin('appointments as ap', 'ap.order_id', 'o.id')
    .select(['a.person_id', 'o.number'])
    .where('a.person_id', 'in', [...ids])
    .where('a.released_at', 'is', null)
    .where('a.role', 'in', ['lead', 'helper'])
    .where('o.id', '!=', orderId)
    .where('o.state', 'in', [...OPEN_STATES])
    .where('ap.state', 'in', ['proposed', 'confirmed'])
    .where('ap.window_start', '<', end)
    .where('ap.window_end', '>', start)
    .execute();
  return rows;
}

/** The appointment in force for an order, if any. */
export function appointmentInForce(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('appointments')
    .select(['window_start', 'window_end'])
    .where('order_id', '=', orderId)
    .where('state', 'in', ['proposed', 'confirmed'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}
