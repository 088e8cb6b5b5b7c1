/** All SQL of message templates. */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { MessageTemplateTable } from './templates.tables.ts';

export function findTemplate(db: Kysely<DB>, id: string) {
  return db.selectFrom('message_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('message_templates').selectAll().where('code', '=', code).executeTakeFirst();
}

export function lockTemplate(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit
    .forUpdate(db.selectFrom('message_templates').selectAll().where('id', '=', id))
    .executeTakeFirst();
}

export function listTemplates(
  db: Kysely<DB>,
  filter: {
    purpose?: MessageTemplateTable['purpose'] | undefined;
    channel?: MessageTemplateTable['channel'] | undefined;
  },
) {
  let q = db.selectFrom('message_templates').selectAll();
  if (filter.purpose) q = q.where('purpose', '=', filter.purpose);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  return q.orderBy('purpose').orderBy('code').execute();
}

export async function insertTemplate(db: Kysely<DB>, row: MessageTemplateTable): Promise<void> {
  await db.insertInto('message_templates').values(row).execute();
}

export async function updateTemplate(
  db: Kysely<DB>,
  id: string,
  row: Partial<MessageTemplateTable>,
): Promise<void> {
  await db.updateTable('message_templates').set(row).where('id', '=', id).execute();
}
