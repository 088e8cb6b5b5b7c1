import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, type Migration, Migrator, sql } from 'kysely';
import type pg from 'pg';
import type { Config } from '../config.ts';
import { ConfigError } from '../config.ts';
import { Semaphore } from '../shared/semaphore.ts';
import { createDialect, type DialectKit, dialectKit } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

/** An open database: the Kysely handle, what kind it is, and how to close it. */
export interface OnsiteDatabase {
  db: Kysely<DB>;
  kit: DialectKit;
  /** The underlying better-sqlite3 handle (SQLite only): used for online backup. */
  sqlite?: Database.Database;
  /** The underlying pg pool (PostgreSQL only): used for LISTEN/NOTIFY. */
  pool?: pg.Pool;
  /**
   * Slots for write transactions (PostgreSQL): the pool less its reserve. Writers queued on a
   * lock hold their connection while they wait; capping them leaves the reserve to requests
   * that only read, so a pile-up of writers cannot make `GET /auth/me` wait for them.
   */
  writeSlots?: Semaphore;
  close(): Promise<void>;
}

/** Opens the configured database and checks that it answers; a failure names DATABASE_URL. */
export async function openDatabase(
  config: Pick<Config, 'databaseKind' | 'databaseUrl' | 'sqlitePath'> &
    Partial<Pick<Config, 'pgLockTimeoutMs' | 'pgStatementTimeoutMs' | 'pgPoolSize' | 'pgPoolReserve'>>,
  opts: { poolSize?: number } = {},
): Promise<OnsiteDatabase> {
  if (config.databaseKind === 'sqlite' && config.sqlitePath && config.sqlitePath !== ':memory:') {
    mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  }
  let made: ReturnType<typeof createDialect>;
  const poolSize = opts.poolSize ?? config.pgPoolSize ?? 10;
  try {
    made = createDialect(config.databaseKind, {
      databaseUrl: config.databaseUrl,
      sqlitePath: config.sqlitePath,
      poolSize,
      ...(config.pgLockTimeoutMs ? { lockTimeoutMs: config.pgLockTimeoutMs } : {}),
      ...(config.pgStatementTimeoutMs ? { statementTimeoutMs: config.pgStatementTimeoutMs } : {}),
    });
  } catch (err) {
    throw new ConfigError('DATABASE_URL', `cannot open the database: ${(err as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: made.dialect });
  try {
    await sql`SELECT 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => {});
    const safeUrl = config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@');
    throw new ConfigError('DATABASE_URL', `cannot reach ${safeUrl}: ${(err as Error).message}`);
  }
  return {
    db,
    kit: dialectKit(config.databaseKind),
    ...(made.sqlite ? { sqlite: made.sqlite } : {}),
    ...(made.pool
      ? {
          pool: made.pool,
          writeSlots: new Semaphore(
            Math.max(1, poolSize - Math.min(config.pgPoolReserve ?? 2, poolSize - 1)),
          ),
        }
      : {}),
    close: () => db.destroy(),
  };
}

function migrator(database: OnsiteDatabase): Migrator {
  const kit = database.kit;
  return new Migrator({
    db: database.db,
    provider: {
      async getMigrations() {
        const out: Record<string, Migration> = {};
        for (const [name, m] of Object.entries(migrations)) {
          out[name] = { up: (db) => m.up(db, kit) };
        }
        return out;
      },
    },
  });
}

/** Applies pending migrations; returns the names applied. Throws with the failing migration's name. */
export async function migrateToLatest(database: OnsiteDatabase): Promise<string[]> {
  const { error, results } = await migrator(database).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(
      `migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The name of the newest applied migration, or null for an empty database. */
export async function migrationVersion(database: OnsiteDatabase): Promise<string | null> {
  const all = await migrator(database).getMigrations();
  const applied = all.filter((m) => m.executedAt !== undefined);
  return applied.at(-1)?.name ?? null;
}

/** Names of migrations this build knows but the database has not applied. */
export async function pendingMigrations(database: OnsiteDatabase): Promise<string[]> {
  const all = await migrator(database).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
