/** All SQL for attachments. There is deliberately no delete (RC-3). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AttachmentKind } from './attachments.rules.ts';
import type { AttachmentTable } from './attachments.tables.ts';

/** One attachment by id. */
export function findAttachment(db: Kysely<DB>, id: string) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The attachments of one owner, oldest first, optionally of one kind. */
export function listForOwner(db: Kysely<DB>, ownerType: string, ownerId: string, kind?: AttachmentKind) {
  let q = db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Records a stored file. */
export async function insertAttachment(db: Kysely<DB>, row: AttachmentTable): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}
