import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/**
 * Team-chat group robots (企业微信 WeCom and 钉钉 DingTalk webhooks) as a notification channel,
 * with their own delivery record; and a group key on notices so that repeated escalations of one
 * order show as one live item per recipient.
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('group_robots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('wecom','dingtalk')`))
    .addColumn('webhook_url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('critical_only', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('group_robot_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('robot_id', 'text', (c) => c.notNull().references('group_robots.id'))
    .addColumn('notice_kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('critical', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','sent','failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('not_before', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .execute();
  await db.schema
    .createIndex('group_robot_messages_robot')
    .on('group_robot_messages')
    .columns(['robot_id', 'created_at'])
    .execute();

  // Repeated escalations of one subject share a key; the inbox shows one live item per key.
  await db.schema.alterTable('notifications').addColumn('group_key', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('escalation_level', 'integer').execute();
  await db.schema
    .createIndex('notifications_person_group')
    .on('notifications')
    .columns(['person_id', 'group_key'])
    .execute();
}
