/**
 * Narrowing reads to a partner's coverage: a record is in coverage when its region's
 * materialised path starts with one of the partner's region paths (one LIKE per covered region,
 * identical on SQLite and PostgreSQL).
 */
import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * A condition no row meets. Written as SQL rather than a bound `false`, because SQLite's driver
 * cannot bind a boolean parameter.
 */
export function noRows(): Expression<SqlBool> {
  return sql<SqlBool>`1 = 0`;
}

/** `column LIKE p1% OR column LIKE p2% …`; false when there are no paths. */
export function underAnyPath(column: string, paths: readonly string[]): Expression<SqlBool> {
  if (paths.length === 0) return noRows();
  return sql<SqlBool>`(${sql.join(
    paths.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`),
    sql` or `,
  )})`;
}
