/**
 * The orders behind an assessment figure (VA-2 drill-down): the same filters as the counts in
 * assessment.repository.ts, listing the orders instead of counting them, each with the detail
 * that decided it (minutes of a clock, breached or met, fixed first time or not).
 */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { decidedClocks } from '../dashboard/dashboard.repository.ts';
import { scopedOrders } from '../work-orders/work-orders.repository.ts';
import { INSTALLATION_TYPES, type TIMED_CLOCKS } from './assessment.rules.ts';

/** Which figure: 'orders' (received), a clock time, a clock's compliance, installation, first-time fix. */
export type DrillFigure =
  | { kind: 'orders' }
  | { kind: 'time'; clock: (typeof TIMED_CLOCKS)[number] }
  | { kind: 'compliance'; clock: string }
  | { kind: 'installation' }
  | { kind: 'first_time_fix' };

export interface DrillSlice {
  from: string;
  to: string;
  regionPath: string | null;
  /** The partner, or null for the operator's own staff. */
  partnerId: string | null;
}

export const DRILL_LIMIT = 500;

const num = (s: ReturnType<typeof sql>) => sql<number | string | null>`${s}`;

export function drillOrders(
  db: Kysely<DB>,
  kit: DialectKit,
  scope: Scope,
  slice: DrillSlice,
  figure: DrillFigure,
) {
  const narrow = <Q extends ReturnType<typeof scopedOrders>>(q: Q): Q => {
    let out = q;
    if (slice.regionPath) out = out.where('r.path', 'like', `${slice.regionPath}%`) as Q;
    out = (
      slice.partnerId === null
        ? out.where('o.partner_id', 'is', null)
        : out.where('o.partner_id', '=', slice.partnerId)
    ) as Q;
    return out;
  };
  const base = [
    'o.id as id',
    'o.number as number',
    'o.type as type',
    'o.state as state',
    'o.received_at as received_at',
    'o.resolved_at as resolved_at',
    'r.name as region_name',
  ] as const;
  if (figure.kind === 'time') {
    const minutes = sql<number>`(${kit.minutesBetween(sql.ref('c.stopped_at'), sql.ref('c.started_at'))} - c.paused_ms / 60000.0)`;
    return narrow(scopedOrders(db, scope))
      .innerJoin('order_clocks as c', 'c.order_id', 'o.id')
      .where('c.state', '=', 'stopped')
      .where('c.kind', '=', figure.clock)
      .where('c.stopped_at', '>=', slice.from)
      .where('c.stopped_at', '<', slice.to)
      .where('o.state', '!=', 'cancelled')
      .select([...base, num(minutes).as('detail')])
      .orderBy(minutes, 'desc')
      .limit(DRILL_LIMIT)
      .execute();
  }
  if (figure.kind === 'compliance') {
    let q = decidedClocks(db, scope, { from: slice.from, to: slice.to, kind: figure.clock });
    if (slice.regionPath) q = q.where('r.path', 'like', `${slice.regionPath}%`);
    q =
      slice.partnerId === null
        ? q.where('o.partner_id', 'is', null)
        : q.where('o.partner_id', '=', slice.partnerId);
    const breached = sql<number>`case when c.breached_at is not null then 1 else 0 end`;
    return q
      .select([...base, num(breached).as('detail')])
      .orderBy(breached, 'desc')
      .orderBy('o.received_at')
      .limit(DRILL_LIMIT)
      .execute();
  }
  if (figure.kind === 'installation') {
    const minutes = kit.minutesBetween(sql.ref('o.resolved_at'), sql.ref('o.received_at'));
    return narrow(scopedOrders(db, scope))
      .where('o.type', 'in', [...INSTALLATION_TYPES])
      .where('o.resolved_at', '>=', slice.from)
      .where('o.resolved_at', '<', slice.to)
      .where('o.state', '!=', 'cancelled')
      .select([...base, num(minutes).as('detail')])
      .orderBy(minutes, 'desc')
      .limit(DRILL_LIMIT)
      .execute();
  }
  if (figure.kind === 'first_time_fix') {
    const visits = sql<number>`(select count(*) from site_visits v where v.order_id = o.id)`;
    const fixed = sql<number>`case when ${sql<SqlBool>`o.repeat_count = 0 and ${visits} <= 1`} then 1 else 0 end`;
    return narrow(scopedOrders(db, scope))
      .where('o.type', '=', 'fault_repair')
      .where('o.resolved_at', '>=', slice.from)
      .where('o.resolved_at', '<', slice.to)
      .select([...base, num(fixed).as('detail')])
      .orderBy(fixed)
      .orderBy('o.received_at')
      .limit(DRILL_LIMIT)
      .execute();
  }
  return narrow(scopedOrders(db, scope))
    .where('o.received_at', '>=', slice.from)
    .where('o.received_at', '<', slice.to)
    .where('o.state', '!=', 'cancelled')
    .select([...base, sql<null>`null`.as('detail')])
    .orderBy('o.received_at')
    .limit(DRILL_LIMIT)
    .execute();
}
