/**
 * Counts that do not scan: a list's total is counted up to COUNT_CAP + 1 rows and reported as
 * capped beyond that ("1,000+"), so the count of a page costs the same at a thousand rows
 * and at a million. Nobody pages through a thousand rows: they narrow the filter, and the
 * keyset cursor still reaches every row. (Counting 10,001 rows took 25–36 ms per request on
 * PostgreSQL at 20,000 orders, a hundred times the page itself — see bench/README.md.)
 */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Cursor } from '../shared/cursor.ts';

export const COUNT_CAP = 1_000;

export interface CappedCount {
  total: number;
  /** True when there are more than `total` rows. */
  totalCapped: boolean;
}

/** Counts the rows of `q` (a query without its select list), stopping past COUNT_CAP. */
export async function cappedCount(
  // biome-ignore lint/suspicious/noExplicitAny: any database shape; only the row count is read
  db: Kysely<any>,
  // biome-ignore lint/suspicious/noExplicitAny: any list query
  q: SelectQueryBuilder<any, any, any>,
): Promise<CappedCount> {
  const r = await db
    .selectFrom(
      q
        .select(sql`1`.as('one'))
        .limit(COUNT_CAP + 1)
        .as('capped'),
    )
    .select(sql<number | string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/**
 * Keyset: the rows strictly after `cursor` in (key desc, id desc) order — the last row of the
 * previous page — so a page is read from the index at the right place, never counted off.
 */
// biome-ignore lint/suspicious/noExplicitAny: any list query
export function afterCursor<Q extends SelectQueryBuilder<any, any, any>>(
  q: Q,
  keyColumn: string,
  idColumn: string,
  cursor: Cursor | undefined,
): Q {
  if (!cursor) return q;
  const key = sql.ref(keyColumn);
  const id = sql.ref(idColumn);
  return q.where(
    sql<boolean>`(${key} < ${cursor.key} or (${key} = ${cursor.key} and ${id} < ${cursor.id}))`,
  ) as Q;
}
