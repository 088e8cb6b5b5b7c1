import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { migrateToLatest, migrationVersion, openDatabase } from '../../db/database.ts';
import { type Command, UsageError } from '../command.ts';
import { databaseInUse, fileStamp, inspectBackup, readChecksumFile, sha256File } from '../sqlite-files.ts';
import { postgresBackupAdvice } from './backup.ts';

function fsyncPath(p: string): void {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces the SQLite database with a backup. The backup is checked first (checksum,
 * integrity, Onsite migrations table); the live file is replaced only when no other process
 * has it open, by one atomic rename, and the previous file is kept beside it.
 */
export const restoreCommand: Command = {
  words: ['restore'],
  summary: 'Replace the SQLite database with a verified backup (server must be stopped)',
  usage: `onsite restore FILE

Checks FILE before touching anything: its SHA-256 against FILE.sha256 when that exists, the
SQLite integrity check, and that it is an Onsite database from this or an older version.
Refuses while another process (a running server) has the database open: stop the server first.
The current database is kept as <database>.before-restore-<UTC time>; the backup then replaces
it with one atomic rename, and pending migrations are applied.
For PostgreSQL use pg_restore (the command says how).`,
  options: {},
  async run(_values, positionals) {
    const config = loadConfig();
    if (config.databaseKind === 'postgres') {
      console.error(postgresBackupAdvice(config, 'restore'));
      return 1;
    }
    const target = config.sqlitePath;
    if (!target || target === ':memory:') throw new UsageError('an in-memory database cannot be restored');
    if (positionals.length !== 1) throw new UsageError(`restore needs exactly one FILE\n\n${this.usage}`);
    const backup = path.resolve(positionals[0]!);
    if (!existsSync(backup)) {
      console.error(`onsite restore: ${backup} does not exist`);
      return 1;
    }
    if (backup === target) throw new UsageError('the backup file is the database itself');

    const expected = readChecksumFile(backup);
    if (expected) {
      const actual = await sha256File(backup);
      if (actual !== expected) {
        console.error(
          `onsite restore: ${backup} does not match its checksum (${path.basename(backup)}.sha256): expected ${expected}, got ${actual}; refusing to restore`,
        );
        return 1;
      }
      console.log(`checksum ok (sha256 ${actual})`);
    } else {
      console.log(`no ${path.basename(backup)}.sha256 beside the backup; skipping the checksum check`);
    }
    let inspection: ReturnType<typeof inspectBackup>;
    try {
      inspection = inspectBackup(backup);
    } catch (err) {
      console.error(`onsite restore: ${(err as Error).message}; refusing to restore`);
      return 1;
    }
    if (inspection.unknown.length) {
      console.error(
        `onsite restore: the backup comes from a newer Onsite (it has migrations ${inspection.unknown.join(', ')} this version does not know); upgrade Onsite first`,
      );
      return 1;
    }
    console.log(
      `backup ok: integrity ok, migration ${inspection.applied.at(-1) ?? 'none'}, ${inspection.people} people, ${inspection.historyEntries} history entries`,
    );

    if (existsSync(target) && databaseInUse(target)) {
      console.error(
        `onsite restore: ${target} is in use by another process (is the server running?); stop it and run restore again`,
      );
      return 1;
    }

    // Copy next to the target first, so the final step is a rename within one file system.
    const staging = `${target}.restoring`;
    copyFileSync(backup, staging);
    fsyncPath(staging);
    if (existsSync(target)) {
      const kept = `${target}.before-restore-${fileStamp(new Date())}`;
      linkSync(target, kept);
      console.log(`previous database kept as ${kept}`);
    }
    // databaseInUse checkpointed and removed the WAL; leftovers must not be replayed onto the backup.
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(staging, target);
    fsyncPath(path.dirname(target));

    const database = await openDatabase(config);
    try {
      const applied = await migrateToLatest(database);
      for (const name of applied) console.log(`applied ${name}`);
      console.log(`restored ${backup} → ${target}; database is at ${await migrationVersion(database)}`);
      console.log('run `onsite audit verify` to check the history chain of the restored data');
    } finally {
      await database.close();
    }
    return 0;
  },
};
