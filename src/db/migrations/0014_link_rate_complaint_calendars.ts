import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Customer-link rate limit held in the database (issue 10, defect 6): one counter row per
 * link and minute, so the limit holds however many server processes share the database.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  await db.schema
    .createTable('customer_link_hits')
    // sha256 of the link token: the token itself is a credential and is not stored.
    .addColumn('token_hash', 'text', (c) => c.notNull())
    // Start of the one-minute window, in milliseconds since the epoch.
    .addColumn('window_ms', d.types.bigint, (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_link_hits_pk', ['token_hash', 'window_ms'])
    .execute();
  await db.schema
    .createIndex('customer_link_hits_window')
    .on('customer_link_hits')
    .column('window_ms')
    .execute();
  // CS-1: each category × severity counts its minutes on a calendar; the existing limits were
  // wall-clock minutes, so they keep the round-the-clock calendar.
  await db.schema.alterTable('complaint_policies').addColumn('calendar_id', 'text').execute();
  await sql`UPDATE complaint_policies SET calendar_id = (SELECT id FROM calendars WHERE code = 'ALWAYS')`.execute(
    db,
  );
}
