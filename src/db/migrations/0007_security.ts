import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Integrity and security (issue 10): API token scopes, login throttling per address as well
 * as per account, and guards that stop the history chain from being emptied wholesale.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  // A JSON array of the permissions a token may use; NULL on tokens issued before scopes existed.
  await db.schema.alterTable('api_tokens').addColumn('scopes', 'text').execute();
  // Where a sign-in attempt came from, so one client guessing many accounts is slowed down too.
  await db.schema.alterTable('login_attempts').addColumn('address', 'text').execute();
  await db.schema
    .createIndex('login_attempts_address')
    .on('login_attempts')
    .columns(['address', 'at'])
    .execute();
  await historyGuards(db, d);
}

/**
 * RC-1: row triggers do not fire on TRUNCATE, so PostgreSQL let `TRUNCATE history` empty the
 * chain; a statement trigger refuses it. The head row may move but never disappear.
 */
async function historyGuards(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  if (d.kind === 'sqlite') {
    await sql`CREATE TRIGGER history_head_no_delete BEFORE DELETE ON history_head BEGIN SELECT RAISE(ABORT, 'the history head cannot be removed'); END`.execute(
      db,
    );
    return;
  }
  await sql`CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
    FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`.execute(db);
  await sql`CREATE TRIGGER history_head_no_truncate BEFORE TRUNCATE ON history_head
    FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`.execute(db);
  await sql`CREATE TRIGGER history_head_no_delete BEFORE DELETE ON history_head
    FOR EACH ROW EXECUTE FUNCTION history_append_only()`.execute(db);
}
