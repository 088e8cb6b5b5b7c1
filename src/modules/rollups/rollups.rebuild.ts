/**
 * Filling the rollups from the base rows (migration 0030, `onsite rollups rebuild`, after a bulk
 * load) and checking them against the base rows (tests, `onsite rollups rebuild --check`).
 */
import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import {
  baseContributions,
  type Contribution,
  ROLLUP_TABLES,
  type RollupTable,
  totalSql,
} from './rollups.sql.ts';

/** Months of receipts summed per pass, so the progress moves and no pass holds the whole table. */
async function receiptMonths(db: Kysely<DB>): Promise<[string, string][]> {
  const r = await db
    .selectFrom('work_orders')
    .select((eb) => [eb.fn.min('received_at').as('lo'), eb.fn.max('received_at').as('hi')])
    .executeTakeFirst();
  if (!r?.lo || !r.hi) return [];
  const out: [string, string][] = [];
  const end = Date.parse(String(r.hi));
  let at = Date.parse(`${String(r.lo).slice(0, 7)}-01T00:00:00.000Z`);
  while (at <= end) {
    const d = new Date(at);
    const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    out.push([new Date(at).toISOString(), new Date(next).toISOString()]);
    at = next;
  }
  return out;
}

function upsertTotals(c: Contribution, where: string): string {
  const t = c.table;
  const set = t.values.map((v) => `${v} = ${t.name}.${v} + excluded.${v}`).join(', ');
  return `insert into ${t.name} (${[...t.keys, ...t.values].join(', ')}) ${totalSql(c, where)}
    on conflict (${t.keys.join(', ')}) do update set ${set}`;
}

/**
 * Empties the rollups and sums them again from the base rows, a month of receipts at a time,
 * in one transaction when called with one (the migration's), so readers never see half.
 */
export async function rebuildRollups(
  db: Kysely<DB>,
  kind: DatabaseKind,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  for (const t of Object.values(ROLLUP_TABLES)) await db.deleteFrom(t.name).execute();
  const months = await receiptMonths(db);
  const parts = baseContributions(kind);
  let done = 0;
  for (const [from, to] of months) {
    // Instants are compared as stored: ISO text on SQLite, timestamptz on PostgreSQL.
    const where = `o.received_at >= '${from}' and o.received_at < '${to}'`;
    for (const c of parts) await sql.raw(upsertTotals(c, where)).execute(db);
    done += 1;
    onProgress?.(done, months.length);
  }
}

type Row = Record<string, unknown>;

const keyOf = (t: RollupTable, r: Row) => t.keys.map((k) => String(r[k])).join('|');

/**
 * Every rollup row that differs from the recomputation from the base rows (rows whose values
 * are all zero count as absent). Durations are compared to a millionth of a minute, since
 * floating-point sums taken away and added back in another order differ in the last digits.
 */
export async function rollupDifferences(db: Kysely<DB>, kind: DatabaseKind) {
  const out: { table: string; key: string; kept: Row | null; recomputed: Row | null }[] = [];
  for (const t of Object.values(ROLLUP_TABLES) as RollupTable[]) {
    const expected = new Map<string, Row>();
    for (const c of baseContributions(kind).filter((x) => x.table.name === t.name)) {
      const res = await sql.raw<Row>(totalSql(c)).execute(db);
      for (const r of res.rows) expected.set(keyOf(t, r), r);
    }
    const kept = new Map<string, Row>();
    const res = await sql.raw<Row>(`select * from ${t.name}`).execute(db);
    for (const r of res.rows) if (t.values.some((v) => Number(r[v]) !== 0)) kept.set(keyOf(t, r), r);
    for (const k of new Set([...expected.keys(), ...kept.keys()])) {
      const a = kept.get(k) ?? null;
      const b = expected.get(k) ?? null;
      const same = t.values.every((v) => Math.abs(Number(a?.[v] ?? 0) - Number(b?.[v] ?? 0)) < 1e-6);
      if (!same) out.push({ table: t.name, key: k, kept: a, recomputed: b });
    }
  }
  return out;
}
