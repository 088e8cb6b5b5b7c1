import type { Kysely } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * The engineer's offline phone app: requests replayed from its queue carry an Idempotency-Key,
 * and the first answer is kept so a replay never does the work twice; check-in and check-out
 * keep the GPS accuracy beside the position, so a far check-in can be judged fairly; the
 * engineer's own signature on the service report.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;
  await db.schema
    .createTable('request_replays')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('request_replays_pk', ['person_id', 'key'])
    .execute();
  await db.schema.alterTable('site_visits').addColumn('check_in_accuracy_m', d.types.double).execute();
  await db.schema.alterTable('site_visits').addColumn('check_out_accuracy_m', d.types.double).execute();
  await db.schema
    .createTable('engineer_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('signature_attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('signed_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('engineer_signatures_order')
    .on('engineer_signatures')
    .columns(['order_id', 'signed_at'])
    .execute();
}
