/**
 * The triggers that keep the rollups in step with their base rows. A trigger runs inside the
 * statement's transaction, so every write — through any service, a correction, an import or a
 * test fixture — changes the rollups in the same transaction as the rows they summarise, and a
 * rolled-back change leaves them untouched. Each trigger takes away the old row's contribution
 * and adds the new one's, computed from the row's own values (never from a re-read of its
 * table), so a statement changing many rows gives the same result on both databases.
 */
import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import {
  applySql,
  type Contribution,
  clockCompliance,
  clockDurations,
  installationDurations,
  ratings,
  received,
} from './rollups.sql.ts';

type Event = 'insert' | 'update' | 'delete';

interface Trigger {
  name: string;
  table: string;
  event: Event;
  /** Fire only when this holds (both databases spell `is distinct from` differently). */
  when?: (kind: DatabaseKind) => string;
  statements: (kind: DatabaseKind) => string[];
}

const changed = (kind: DatabaseKind, cols: string[]) =>
  cols
    .map((c) => (kind === 'sqlite' ? `OLD.${c} IS NOT NEW.${c}` : `OLD.${c} IS DISTINCT FROM NEW.${c}`))
    .join(' or ');

/** Cancelling (or un-cancelling) removes an order from the duration and count figures. */
const cancelFlip = `(OLD.state = 'cancelled') <> (NEW.state = 'cancelled')`;

const both = (parts: (row: 'OLD' | 'NEW') => Contribution[]) => [
  ...parts('OLD').map((c) => applySql(c, -1)),
  ...parts('NEW').map((c) => applySql(c, 1)),
];

const clockParts = (kind: DatabaseKind) => (row: 'OLD' | 'NEW') => {
  const from = { from: 'from work_orders o', where: `o.id = ${row}.order_id` };
  return [clockCompliance(kind, row, 'o', from), clockDurations(kind, row, 'o', from)];
};

/** Contributions that hang on the order's own columns. */
const orderParts = (kind: DatabaseKind) => (row: 'OLD' | 'NEW') => [
  installationDurations(kind, row, { from: '' }),
  received(kind, row, { from: '' }),
];

/** Contributions of the order's clocks and ratings, which move when the order's region, partner or cancellation does. */
const childParts = (kind: DatabaseKind) => (row: 'OLD' | 'NEW') => {
  const clocks = { from: 'from order_clocks c', where: `c.order_id = ${row}.id` };
  return [
    clockCompliance(kind, 'c', row, clocks),
    clockDurations(kind, 'c', row, clocks),
    ratings(kind, 's', row, { from: 'from satisfaction_ratings s', where: `s.order_id = ${row}.id` }),
  ];
};

const TRIGGERS: Trigger[] = [
  {
    name: 'rollup_clock_insert',
    table: 'order_clocks',
    event: 'insert',
    statements: (k) => clockParts(k)('NEW').map((c) => applySql(c, 1)),
  },
  {
    name: 'rollup_clock_update',
    table: 'order_clocks',
    event: 'update',
    statements: (k) => both(clockParts(k)),
  },
  {
    name: 'rollup_clock_delete',
    table: 'order_clocks',
    event: 'delete',
    statements: (k) => clockParts(k)('OLD').map((c) => applySql(c, -1)),
  },
  {
    name: 'rollup_order_insert',
    table: 'work_orders',
    event: 'insert',
    statements: (k) => orderParts(k)('NEW').map((c) => applySql(c, 1)),
  },
  {
    name: 'rollup_order_update',
    table: 'work_orders',
    event: 'update',
    when: (k) =>
      `${changed(k, ['region_id', 'partner_id', 'type', 'received_at', 'resolved_at'])} or ${cancelFlip}`,
    statements: (k) => both(orderParts(k)),
  },
  {
    name: 'rollup_order_move',
    table: 'work_orders',
    event: 'update',
    when: (k) => `${changed(k, ['region_id', 'partner_id'])} or ${cancelFlip}`,
    statements: (k) => both(childParts(k)),
  },
  {
    name: 'rollup_order_delete',
    table: 'work_orders',
    event: 'delete',
    statements: (k) => orderParts(k)('OLD').map((c) => applySql(c, -1)),
  },
  {
    name: 'rollup_rating_insert',
    table: 'satisfaction_ratings',
    event: 'insert',
    statements: (k) =>
      [ratings(k, 'NEW', 'o', { from: 'from work_orders o', where: 'o.id = NEW.order_id' })].map((c) =>
        applySql(c, 1),
      ),
  },
];

/** The DDL creating every rollup trigger on this database. */
export function triggerDdl(kind: DatabaseKind): string[] {
  return TRIGGERS.flatMap((t) => {
    const body = t.statements(kind).map((s) => `${s};`);
    const when = t.when ? ` when (${t.when(kind)})` : '';
    if (kind === 'sqlite')
      return [
        `create trigger ${t.name} after ${t.event} on ${t.table} for each row${when}
         begin ${body.join('\n')} end`,
      ];
    return [
      `create or replace function ${t.name}() returns trigger language plpgsql as $fn$
       begin ${body.join('\n')} return null; end $fn$`,
      `create trigger ${t.name} after ${t.event} on ${t.table} for each row${when} execute function ${t.name}()`,
    ];
  });
}

/** Creates the triggers (migration 0030 and after a bulk load). */
export async function createTriggers(db: Kysely<unknown>, kind: DatabaseKind): Promise<void> {
  for (const ddl of triggerDdl(kind)) await sql.raw(ddl).execute(db);
}

/**
 * Drops the triggers, for a bulk load that rebuilds the rollups afterwards (bench, import):
 * one summing pass is far cheaper than a trigger per row.
 */
export async function dropTriggers(db: Kysely<unknown>, kind: DatabaseKind): Promise<void> {
  for (const t of TRIGGERS)
    await sql
      .raw(
        kind === 'sqlite'
          ? `drop trigger if exists ${t.name}`
          : `drop trigger if exists ${t.name} on ${t.table}`,
      )
      .execute(db);
}
