/**
 * File-level helpers for SQLite backup and restore: checksums, inspecting a backup before it
 * is trusted, and finding out whether another process still has a database open.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from '../db/migrations/index.ts';

/** SHA-256 of a file, hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The checksum file kept beside a backup, in the format `sha256sum -c` reads. */
export function checksumFileOf(file: string): string {
  return `${file}.sha256`;
}

/** Writes `<hex>  <basename>` beside the backup, so `sha256sum -c` can check it too. */
export function writeChecksumFile(file: string, hex: string): void {
  writeFileSync(checksumFileOf(file), `${hex}  ${path.basename(file)}\n`);
}

/** The checksum recorded beside a backup, or null when there is none. */
export function readChecksumFile(file: string): string | null {
  const sidecar = checksumFileOf(file);
  if (!existsSync(sidecar)) return null;
  const m = /^([0-9a-f]{64})\b/i.exec(readFileSync(sidecar, 'utf8').trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** What a backup file holds, as far as restore needs to know. */
export interface BackupInspection {
  /** Migrations applied in the backup, in order. */
  applied: string[];
  /** Applied migrations this build does not know (the backup comes from a newer version). */
  unknown: string[];
  /** Migrations this build has that the backup lacks; they are applied after the restore. */
  pending: string[];
  people: number;
  historyEntries: number;
}

/**
 * Opens a file read-only and checks that it is an intact Onsite SQLite database: the
 * integrity check passes and the migrations table is there. Throws with the reason otherwise.
 */
export function inspectBackup(file: string): BackupInspection {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Error(`${file} cannot be opened as SQLite: ${(err as Error).message}`);
  }
  try {
    let check: string;
    try {
      check = String(db.pragma('integrity_check', { simple: true }));
    } catch (err) {
      throw new Error(`${file} is not a SQLite database: ${(err as Error).message}`);
    }
    if (check !== 'ok') throw new Error(`${file} fails the SQLite integrity check: ${check}`);
    const hasTable = (name: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    if (!hasTable('kysely_migration')) {
      throw new Error(`${file} is not an Onsite database: it has no migrations table (kysely_migration)`);
    }
    const applied = (
      db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]
    ).map((r) => r.name);
    const known = Object.keys(migrations);
    const count = (table: string) =>
      hasTable(table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    return {
      applied,
      unknown: applied.filter((n) => !known.includes(n)),
      pending: known.filter((n) => !applied.includes(n)),
      people: count('people'),
      historyEntries: count('history'),
    };
  } finally {
    db.close();
  }
}

/**
 * True when some other connection has the database open. An idle WAL connection holds a
 * shared lock on the WAL index, so leaving WAL mode (which needs the only connection) fails
 * with SQLITE_BUSY while a server is running. When nobody else has it open the switch
 * succeeds, checkpoints the WAL into the main file and removes it, which is what a file
 * replacement needs anyway.
 */
export function databaseInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    const mode = String(db.pragma('journal_mode = DELETE', { simple: true }));
    return mode !== 'delete';
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    throw err;
  } finally {
    db.close();
  }
}

/** A UTC time stamp for file names: 20260131T235959Z. */
export function fileStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Human-readable size. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
