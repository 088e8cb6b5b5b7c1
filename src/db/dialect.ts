/**
 * Every difference between SQLite and PostgreSQL lives in this file: connection set-up,
 * column types, row locking and the few SQL fragments that are spelled differently.
 * Repositories and migrations ask this module instead of branching on the database kind.
 */
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type DialectAdapter,
  type Driver,
  PostgresDialect,
  type QueryExecutorProvider,
  type RawBuilder,
  type SelectQueryBuilder,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import pg from 'pg';
import type { DatabaseKind } from '../config.ts';

/** Column types whose spelling differs; the meaning is the same on both databases. */
export interface ColumnTypes {
  /** A UTC instant. SQLite keeps ISO-8601 text; PostgreSQL keeps timestamptz. Both read back as ISO text. */
  timestamp: 'text' | 'timestamptz';
  /** A floating-point number (coordinates). */
  double: 'real' | 'double precision';
  /** A 64-bit integer (counters that may grow past 2^31). */
  bigint: 'integer' | 'bigint';
}

/** What the rest of the code needs to know about the database it is talking to. */
export interface DialectKit {
  kind: DatabaseKind;
  types: ColumnTypes;
  /** Adds `FOR UPDATE` on PostgreSQL; SQLite serialises writers, so nothing is needed there. */
  forUpdate<QB extends SelectQueryBuilder<never, never, unknown>>(qb: QB): QB;
  /** Adds `FOR UPDATE SKIP LOCKED` on PostgreSQL so that several processes can share a queue. */
  forUpdateSkipLocked<QB extends SelectQueryBuilder<never, never, unknown>>(qb: QB): QB;
  /** Case-insensitive LIKE operator. */
  ilike: 'like' | 'ilike';
  /** Minutes from `earlier` to `later` (two timestamp columns or expressions), as a number. */
  minutesBetween(later: RawBuilder<unknown>, earlier: RawBuilder<unknown>): RawBuilder<number>;
  /** The instant `days` days before `instant`, comparable with timestamp columns. */
  daysBefore(instant: RawBuilder<unknown>, days: number): RawBuilder<string>;
  /**
   * Locks one row by its id until the transaction ends (PostgreSQL `FOR UPDATE`; SQLite's
   * BEGIN IMMEDIATE already holds the write lock). A service that decides on a row's current
   * state calls this first and reads the row after, so two concurrent requests cannot both
   * see the old state and both act on it.
   */
  lockRow(db: QueryExecutorProvider, table: string, id: string): Promise<void>;
}

const pgTimestampOids = [1184, 1114];

let pgTypesConfigured = false;
function configurePgTypes(): void {
  if (pgTypesConfigured) return;
  pgTypesConfigured = true;
  // Times travel as ISO-8601 UTC text everywhere, so both databases return the same string.
  for (const oid of pgTimestampOids) {
    pg.types.setTypeParser(oid, (v: string) =>
      new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(),
    );
  }
  // count(*) and bigint columns: values here stay far below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  pg.types.setTypeParser(1700, (v: string) => Number(v));
}

/**
 * SQLite transactions that take the write lock when they begin. A deferred BEGIN that reads and
 * then writes fails at once with SQLITE_BUSY_SNAPSHOT if another process (the CLI, a second
 * server) wrote in between, and busy_timeout cannot help it; BEGIN IMMEDIATE waits instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite does run DDL inside transactions; saying so makes Kysely's migrator apply all pending
 * migrations in one (immediate) transaction. Two processes starting on the same file then take
 * turns instead of both creating the same tables, and a failed migration leaves nothing behind.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Opens a Kysely dialect for the configured database. */
export function createDialect(
  kind: DatabaseKind,
  opts: {
    databaseUrl: string;
    sqlitePath?: string | undefined;
    poolSize?: number;
    /** PostgreSQL session limits; a statement past either fails with 55P03 / 57014, answered as 503 busy. */
    lockTimeoutMs?: number;
    statementTimeoutMs?: number;
  },
): { dialect: Dialect; close?: () => Promise<void>; sqlite?: Database.Database; pool?: pg.Pool } {
  if (kind === 'sqlite') {
    const file = opts.sqlitePath ?? ':memory:';
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // NORMAL with WAL (issue 11): a commit is appended to the WAL without an fsync, which is
    // synced at checkpoints. A process crash loses nothing; a power loss or OS crash may lose
    // the last commits since the last sync, whole (history entries go with their change, so the
    // chain stays whole), and never corrupts the file. FULL cost one fsync per commit: 181
    // single-row commits/s against 987 with NORMAL in one run (docs/ARCHITECTURE.md).
    sqlite.pragma('synchronous = NORMAL');
    return { dialect: new ImmediateSqliteDialect({ database: sqlite }), sqlite };
  }
  configurePgTypes();
  // The session time zone and the time limits are start-up parameters, so they hold from a
  // connection's first query; a SET issued on 'connect' raced the first query and pg
  // deprecates that overlap. Without lock_timeout a writer queued behind a long transaction
  // on the history head would wait for as long as that transaction lasts.
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    options: [
      '-c TimeZone=UTC',
      `-c lock_timeout=${opts.lockTimeoutMs ?? 5000}`,
      `-c statement_timeout=${opts.statementTimeoutMs ?? 30_000}`,
    ].join(' '),
  });
  // An idle connection that the server ends (restart, failover, pg_terminate_backend) emits
  // 'error' on the pool; without a listener that is an uncaught exception and the whole
  // process exits. The pool drops the dead client and opens a new one on next use.
  pool.on('error', (err) => {
    console.warn(`onsite: an idle PostgreSQL connection was lost (${err.message}); it will be replaced`);
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}

/** The dialect kit for a database kind. */
export function dialectKit(kind: DatabaseKind): DialectKit {
  if (kind === 'sqlite') {
    return {
      kind,
      types: { timestamp: 'text', double: 'real', bigint: 'integer' },
      forUpdate: (qb) => qb,
      forUpdateSkipLocked: (qb) => qb,
      ilike: 'like',
      minutesBetween: (later, earlier) =>
        sql<number>`((julianday(${later}) - julianday(${earlier})) * 1440.0)`,
      // Stored instants are ISO text with milliseconds, so the shifted one must be spelled alike.
      daysBefore: (instant, days) =>
        sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${instant}, ${`-${days} days`})`,
      lockRow: async () => {},
    };
  }
  return {
    kind,
    types: { timestamp: 'timestamptz', double: 'double precision', bigint: 'bigint' },
    forUpdate: (qb) => qb.forUpdate() as typeof qb,
    forUpdateSkipLocked: (qb) => qb.forUpdate().skipLocked() as typeof qb,
    ilike: 'ilike',
    minutesBetween: (later, earlier) => sql<number>`(extract(epoch from (${later} - ${earlier})) / 60.0)`,
    daysBefore: (instant, days) => sql<string>`(${instant} - make_interval(days => ${sql.lit(days)}))`,
    lockRow: async (db, table, id) => {
      await sql`SELECT 1 FROM ${sql.table(table)} WHERE id = ${id} FOR UPDATE`.execute(db);
    },
  };
}

/** A constraint violation recognised from either driver's error. */
export type DbConstraintError =
  | { kind: 'unique'; field: string; value: string }
  | { kind: 'foreign_key'; field?: string }
  /** Transient contention: a deadlock, a serialization failure or a busy SQLite file; retrying may succeed. */
  | { kind: 'busy' };

/** Recognises unique and foreign-key violations and transient contention from SQLite and PostgreSQL errors. */
export function classifyDbError(err: unknown): DbConstraintError | null {
  const e = err as { code?: string; message?: string; detail?: string; constraint?: string };
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const cols = e.message?.match(/failed: (.*)$/)?.[1] ?? '';
    return {
      kind: 'unique',
      field: cols
        .split(', ')
        .map((c) => c.split('.').pop())
        .join(','),
      value: '',
    };
  }
  if (e?.code === '23505') {
    const m = e.detail?.match(/Key \((.*)\)=\((.*)\) already exists/);
    return { kind: 'unique', field: m?.[1] ?? e.constraint ?? '', value: m?.[2] ?? '' };
  }
  if (e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreign_key' };
  // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available; SQLITE_BUSY and
  // its variants (a stale WAL snapshot after another process wrote) when busy_timeout ran out.
  // 57014 is a statement cancelled by statement_timeout: the database was too busy to answer in time.
  if (e?.code === '40001' || e?.code === '40P01' || e?.code === '55P03' || e?.code === '57014')
    return { kind: 'busy' };
  if (e?.code?.startsWith('SQLITE_BUSY') || e?.code?.startsWith('SQLITE_LOCKED')) return { kind: 'busy' };
  if (e?.code === '23503') {
    const m = e.detail?.match(/Key \((.*)\)=/);
    return m?.[1] ? { kind: 'foreign_key', field: m[1] } : { kind: 'foreign_key' };
  }
  return null;
}
