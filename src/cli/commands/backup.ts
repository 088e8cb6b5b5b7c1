import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Config, loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { type Command, progress, UsageError } from '../command.ts';
import { fileStamp, formatBytes, inspectBackup, sha256File, writeChecksumFile } from '../sqlite-files.ts';

/** Printed for PostgreSQL, whose own tools make consistent dumps. */
export function postgresBackupAdvice(config: Config, what: 'backup' | 'restore'): string {
  return [
    `onsite ${what} works on SQLite databases only; DATABASE_URL points to PostgreSQL.`,
    'Use PostgreSQL’s own tools, which take a consistent snapshot while the server runs:',
    '  back up:   pg_dump --format=custom --file=onsite.dump "$DATABASE_URL"',
    '  restore:   pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" onsite.dump',
    `(database kind: ${config.databaseKind}; see README.md, "PostgreSQL")`,
  ].join('\n');
}

/** Pages copied per step of the online backup: large enough to finish quickly, small enough to show progress. */
const PAGES_PER_STEP = 1024;

/**
 * A consistent copy of the SQLite database while the server keeps running (SQLite's online
 * backup API), verified and fingerprinted with SHA-256.
 */
export const backupCommand: Command = {
  words: ['backup'],
  summary: 'Copy the running SQLite database to a backup file, with a SHA-256 checksum',
  usage: `onsite backup [FILE] [--force]

Takes a consistent copy of the SQLite database named by DATABASE_URL while the server keeps
running (SQLite online backup). FILE defaults to backups/onsite-<UTC time>.db next to the
database. Writes FILE.sha256 beside it (checkable with sha256sum -c) and prints the checksum.
  --force   overwrite FILE if it exists
For PostgreSQL use pg_dump / pg_restore (the command says how).`,
  options: { force: { type: 'boolean' } },
  async run(values, positionals) {
    const config = loadConfig();
    if (config.databaseKind === 'postgres') {
      console.error(postgresBackupAdvice(config, 'backup'));
      return 1;
    }
    const source = config.sqlitePath;
    if (!source || source === ':memory:') throw new UsageError('an in-memory database cannot be backed up');
    if (!existsSync(source)) {
      console.error(`onsite backup: there is no database at ${source} (DATABASE_URL=${config.databaseUrl})`);
      return 1;
    }
    if (positionals.length > 1) throw new UsageError(`backup takes one FILE\n\n${this.usage}`);
    const target = path.resolve(
      positionals[0] ?? path.join(path.dirname(source), 'backups', `onsite-${fileStamp(new Date())}.db`),
    );
    if (target === source) throw new UsageError('the backup file cannot be the database itself');
    if (existsSync(target) && !values.force) {
      throw new UsageError(`${target} already exists; choose another FILE or pass --force`);
    }
    mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    rmSync(partial, { force: true });

    const database = await openDatabase(config);
    try {
      const sqlite = database.sqlite!;
      const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
      console.log(`backing up ${source} → ${target}`);
      let report: ((n: number) => void) | undefined;
      const meta = await sqlite.backup(partial, {
        progress({ totalPages, remainingPages }) {
          report ??= progress('copying pages', totalPages);
          report(totalPages - remainingPages);
          return PAGES_PER_STEP;
        },
      });
      report?.(meta.totalPages);
      console.log(`copied ${meta.totalPages} pages (${formatBytes(meta.totalPages * pageSize)})`);
    } catch (err) {
      rmSync(partial, { force: true });
      throw err;
    } finally {
      await database.close();
    }

    // The copy keeps the source's WAL flag; a backup is one self-contained file.
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const inspection = inspectBackup(partial);
    renameSync(partial, target);
    const sum = await sha256File(target);
    writeChecksumFile(target, sum);
    console.log(
      `verified: integrity ok, migration ${inspection.applied.at(-1) ?? 'none'}, ${inspection.people} people, ${inspection.historyEntries} history entries`,
    );
    console.log(`size ${formatBytes(statSync(target).size)}`);
    console.log(`sha256 ${sum}  ${target}`);
    console.log(`checksum written to ${target}.sha256`);
    return 0;
  },
};
