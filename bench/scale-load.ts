/**
 * Bulk loader for the province-scale benchmark: copies the rows one real intake wrote (the
 * order, its clocks, timers, customer notices, notifications and history) N times with fresh
 * ids, spread over a year of receipt times, 70 % of them closed with a rating. Multi-row
 * INSERTs in one transaction per batch, because a million orders through the API would take
 * hours on this machine; the rows are what the API writes, so the reads see realistic data.
 *
 * The copies' history rows keep the template's hashes: the chain is not valid across them (the
 * benchmark measures reads, it does not verify history); the head's sequence is moved past
 * them so later intakes still append.
 */

import { sql } from 'kysely';
import type { AppContext } from '../src/app/context.ts';
import { phoneIntake, type World } from '../src/modules/work-orders/work-orders.fixtures.ts';
import { newId } from '../src/shared/ids.ts';
import type { TestApp } from '../test/harness.ts';

type Row = Record<string, unknown>;

export interface Template {
  order: Row;
  clocks: Row[];
  timers: Row[];
  notices: Row[];
  notifications: Row[];
  history: Row[];
}

/** One real phone intake through the API, read back as the template the copies are made from. */
export async function intakeTemplate(t: TestApp, w: World): Promise<Template> {
  const created = await t.request({
    method: 'POST',
    url: '/api/v1/work-orders',
    payload: phoneIntake(w),
    as: w.callCenter,
  });
  if (created.statusCode !== 201) throw new Error(`template intake failed on ${t.kind}: ${created.body}`);
  return readTemplate(t.ctx, (created.json() as { id: string }).id);
}

/** Reads back every row the intake of `orderId` wrote, to copy them. */
export async function readTemplate(ctx: AppContext, orderId: string): Promise<Template> {
  const db = ctx.db;
  const [order, clocks, timers, notices, notifications, history] = await Promise.all([
    db.selectFrom('work_orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow(),
    db.selectFrom('order_clocks').selectAll().where('order_id', '=', orderId).execute(),
    db.selectFrom('timers').selectAll().where('payload', 'like', `%${orderId}%`).execute(),
    db.selectFrom('customer_notices').selectAll().where('order_id', '=', orderId).execute(),
    db.selectFrom('notifications').selectAll().where('subject_id', '=', orderId).execute(),
    db.selectFrom('history').selectAll().where('entity_id', '=', orderId).execute(),
  ]);
  return { order, clocks, timers, notices, notifications, history } as Template;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Replaces the template order's id in every string field of a copied row. */
function retarget(row: Row, from: string, to: string, patch: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'string' ? v.split(from).join(to) : v;
  return { ...out, ...patch };
}

/** The rows of copy number `i` (0-based over the whole load), one array per table. */
function copyRows(t: Template, i: number, total: number, now: number): Record<string, Row[]> {
  const from = t.order.id as string;
  const id = newId();
  // Spread receipt times evenly over the past year, newest first for the lowest i.
  const received = now - Math.floor(((i + 1) * YEAR_MS) / Math.max(total, 1));
  const closed = i % 10 < 7;
  const at = iso(received);
  const order = retarget(t.order, from, id, {
    id,
    number: `SC-${String(i).padStart(7, '0')}`,
    external_ref: null,
    received_at: at,
    created_at: at,
    updated_at: at,
    ...(closed
      ? { state: 'closed', resolved_at: iso(received + 3_600_000), closed_at: iso(received + 7_200_000) }
      : {}),
  });
  const clocks = t.clocks.map((c) => {
    const started = received;
    const due = started + Number(c.budget_minutes) * 60_000;
    const breached = closed && i % 5 === 0;
    return retarget(c, from, id, {
      id: newId(),
      started_at: iso(started),
      due_at: iso(due),
      created_at: at,
      updated_at: at,
      ...(closed
        ? {
            state: 'stopped',
            stopped_at: iso(breached ? due + 600_000 : started + 600_000),
            breached_at: breached ? iso(due) : null,
          }
        : {}),
    });
  });
  const timers = closed ? [] : t.timers.map((r) => retarget(r, from, id, { id: newId(), dedupe_key: null }));
  const notices = t.notices.map((r) => retarget(r, from, id, { id: newId(), created_at: at }));
  const notifications = t.notifications.map((r) => retarget(r, from, id, { id: newId(), created_at: at }));
  const history = t.history.map((r) => retarget(r, from, id, { id: newId(), at }));
  const ratings = closed
    ? [
        {
          id: newId(),
          order_id: id,
          score: 1 + (i % 5),
          refused: 0,
          comment: null,
          via: 'staff',
          recorded_by: null,
          recorded_at: iso(received + 7_200_000),
        },
      ]
    : [];
  return {
    work_orders: [order],
    order_clocks: clocks,
    timers,
    customer_notices: notices,
    notifications,
    history,
    satisfaction_ratings: ratings,
  };
}

/** Tables in foreign-key order: the order row before the rows that point at it. */
const TABLES = [
  'work_orders',
  'order_clocks',
  'timers',
  'customer_notices',
  'notifications',
  'history',
  'satisfaction_ratings',
] as const;

/**
 * Inserts copies `from` … `from + count - 1` (of a load of `total`), `batch` orders per
 * transaction, calling `progress` after each. Returns the ids of the copies that stay open.
 */
export async function loadCopies(
  ctx: AppContext,
  t: Template,
  range: { from: number; count: number; total: number; now: number },
  progress: (done: number) => void = () => {},
  batch = 2000,
): Promise<string[]> {
  const open: string[] = [];
  for (let start = range.from; start < range.from + range.count; start += batch) {
    const end = Math.min(start + batch, range.from + range.count);
    const rows: Record<string, Row[]> = Object.fromEntries(TABLES.map((n) => [n, []]));
    for (let i = start; i < end; i++) {
      const copy = copyRows(t, i, range.total, range.now);
      for (const n of TABLES) rows[n]!.push(...copy[n]!);
      if (copy.work_orders![0]!.state !== 'closed') open.push(copy.work_orders![0]!.id as string);
    }
    await ctx.db.transaction().execute(async (trx) => {
      // Locked: intakes still finishing after the load test (autocannon stops mid-flight) move
      // the head too, and an unlocked read handed the same sequence numbers out twice.
      const head = await ctx.kit
        .forUpdate(trx.selectFrom('history_head').select('seq').where('id', '=', 1))
        .executeTakeFirstOrThrow();
      let seq = Number(head.seq);
      for (const h of rows.history!) h.seq = ++seq;
      for (const n of TABLES) {
        const all = rows[n]!;
        if (all.length === 0) continue;
        // Stay under both databases' bound-parameter limits (PostgreSQL 65,535).
        const per = Math.max(1, Math.floor(30_000 / Object.keys(all[0]!).length));
        for (let k = 0; k < all.length; k += per) {
          await trx
            .insertInto(n)
            .values(all.slice(k, k + per) as never)
            .execute();
        }
      }
      await sql`update history_head set seq = ${seq} where id = 1`.execute(trx);
    });
    progress(end - range.from);
  }
  return open;
}
