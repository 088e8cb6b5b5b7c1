/**
 * Reads of the rollup tables within the caller's scope, summed over whole days and up the region
 * tree (a region path takes in every region under it). The scope is the one of scopedOrders in
 * work-orders: a partner sees its own cells and the unassigned ones in its coverage.
 */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';

/** Whole rollup days [fromDay, toDay), under a region path, optionally one partner ('' for own staff). */
export interface DaySlice {
  fromDay: string;
  toDay: string;
  regionPath?: string | null | undefined;
  partnerKey?: string | undefined;
}

type Count = number | string;
type RollupName = 'rollup_clocks' | 'rollup_minutes' | 'rollup_counts' | 'rollup_ratings';

const under = (paths: readonly string[]) =>
  paths.length === 0
    ? sql<SqlBool>`1 = 0`
    : sql<SqlBool>`(${sql.join(
        paths.map((p) => sql`r.path like ${`${p}%`}`),
        sql` or `,
      )})`;

/** The cells of one rollup in the slice and the scope (the scope has no engineer narrowing: see rollups.service.ts). */
function cells<T extends RollupName>(db: Kysely<DB>, table: T, scope: Scope, slice: DaySlice) {
  let q = db
    .selectFrom(`${table} as x` as 'rollup_counts as x')
    .innerJoin('regions as r', 'r.id', 'x.region_id')
    .where('x.day', '>=', slice.fromDay)
    .where('x.day', '<', slice.toDay);
  if (scope.kind === 'partner') {
    const id = scope.partnerId;
    q = q.where((eb) =>
      eb.or([eb('x.partner_key', '=', id), eb.and([eb('x.partner_key', '=', ''), under(scope.regionPaths)])]),
    );
  }
  if (slice.regionPath) q = q.where('r.path', 'like', `${slice.regionPath}%`);
  if (slice.partnerKey !== undefined) q = q.where('x.partner_key', '=', slice.partnerKey);
  return q;
}

/** Duration histograms per partner and measure, buckets ascending. */
export function durations(db: Kysely<DB>, scope: Scope, slice: DaySlice, measures: readonly string[]) {
  return cells(db, 'rollup_minutes', scope, slice)
    .where(sql.ref('x.measure'), 'in', [...measures])
    .select([
      'x.partner_key as partner_key',
      sql<string>`x.measure`.as('measure'),
      sql<Count>`x.bucket`.as('bucket'),
      sql<Count>`sum(x.n)`.as('n'),
      sql<Count>`sum(x.minutes)`.as('minutes'),
    ])
    .groupBy(['x.partner_key', sql`x.measure`, sql`x.bucket`])
    .orderBy('x.partner_key')
    .orderBy(sql`x.measure`)
    .orderBy(sql`x.bucket`)
    .execute();
}

/** How decided clocks are grouped: by the order's partner, or by the clock's own partner or region. */
export type ClockGroup = 'partner' | 'clock_partner' | 'clock_region';

const clockKey = {
  partner: 'x.partner_key',
  clock_partner: 'x.clock_partner_key',
  clock_region: 'x.clock_region_id',
};

/** Decided and breached clocks per group and clock kind (null kind filter: every kind). */
export function compliance(
  db: Kysely<DB>,
  scope: Scope,
  slice: DaySlice,
  group: ClockGroup,
  kind?: string | undefined,
) {
  let q = cells(db, 'rollup_clocks', scope, slice);
  if (kind) q = q.where(sql.ref('x.kind'), '=', kind);
  const k = sql.ref(clockKey[group]);
  return q
    .select([
      sql<string>`${k}`.as('k'),
      sql<string>`x.kind`.as('kind'),
      sql<Count>`sum(x.decided)`.as('total'),
      sql<Count>`sum(x.breached)`.as('breached'),
    ])
    .groupBy([k, sql`x.kind`])
    .execute();
}

/** A plain count per partner. */
export function counts(db: Kysely<DB>, scope: Scope, slice: DaySlice, measure: string) {
  return cells(db, 'rollup_counts', scope, slice)
    .where('x.measure', '=', measure)
    .select(['x.partner_key as partner_key', sql<Count>`sum(x.n)`.as('total')])
    .groupBy('x.partner_key')
    .execute();
}

/** Ratings per group: one row ('' key), per region of the order, or per partner. */
export function ratings(db: Kysely<DB>, scope: Scope, slice: DaySlice, group: 'none' | 'region' | 'partner') {
  const k =
    group === 'region' ? sql`x.region_id` : group === 'partner' ? sql`x.partner_key` : sql`cast('' as text)`;
  return cells(db, 'rollup_ratings', scope, slice)
    .select([
      sql<string>`${k}`.as('k'),
      sql<Count>`sum(x.rated)`.as('rated'),
      sql<Count>`sum(x.good)`.as('good'),
      sql<Count>`sum(x.score_sum)`.as('score_sum'),
      sql<Count>`sum(x.refused)`.as('refused'),
    ])
    .groupBy(k)
    .execute();
}
