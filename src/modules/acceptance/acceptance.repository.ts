/** All SQL of engineering acceptance (RS-6). */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type {
  AcceptanceDocumentTable,
  AcceptanceMemoTable,
  AcceptanceTable,
  AcceptanceTestTable,
} from './acceptance.tables.ts';

export function acceptanceOf(db: Kysely<DB>, orderId: string) {
  return db.selectFrom('acceptances').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

export function lockAcceptance(db: Kysely<DB>, kit: DialectKit, orderId: string) {
  return kit
    .forUpdate(db.selectFrom('acceptances').selectAll().where('order_id', '=', orderId))
    .executeTakeFirst();
}

export async function insertAcceptance(db: Kysely<DB>, row: AcceptanceTable) {
  await db.insertInto('acceptances').values(row).execute();
}

export async function signAcceptance(
  db: Kysely<DB>,
  id: string,
  patch: Pick<
    AcceptanceTable,
    'signer_name' | 'signature_attachment_id' | 'signed_by' | 'signed_at' | 'updated_at'
  >,
) {
  // Only a draft is signed: the condition makes a second signature a no-op even if a check were missed.
  const r = await db
    .updateTable('acceptances')
    .set({ ...patch, state: 'signed' })
    .where('id', '=', id)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTest(db: Kysely<DB>, row: AcceptanceTestTable) {
  await db.insertInto('acceptance_tests').values(row).execute();
}

export function testsOf(db: Kysely<DB>, acceptanceId: string) {
  return db
    .selectFrom('acceptance_tests')
    .selectAll()
    .where('acceptance_id', '=', acceptanceId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export async function insertMemo(db: Kysely<DB>, row: AcceptanceMemoTable) {
  await db.insertInto('acceptance_memos').values(row).execute();
}

export function memosOf(db: Kysely<DB>, acceptanceId: string) {
  return db
    .selectFrom('acceptance_memos')
    .selectAll()
    .where('acceptance_id', '=', acceptanceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findMemo(db: Kysely<DB>, id: string) {
  return db.selectFrom('acceptance_memos').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockMemo(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('acceptance_memos').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function closeMemo(
  db: Kysely<DB>,
  id: string,
  patch: Pick<AcceptanceMemoTable, 'closing_note' | 'closed_by' | 'closed_at' | 'updated_at'>,
) {
  await db
    .updateTable('acceptance_memos')
    .set({ ...patch, state: 'closed' })
    .where('id', '=', id)
    .execute();
}

export async function insertDocument(db: Kysely<DB>, row: AcceptanceDocumentTable) {
  await db
    .insertInto('acceptance_documents')
    .values(row)
    .onConflict((oc) => oc.columns(['acceptance_id', 'attachment_id']).doNothing())
    .execute();
}

export function documentsOf(db: Kysely<DB>, acceptanceId: string) {
  return db
    .selectFrom('acceptance_documents')
    .selectAll()
    .where('acceptance_id', '=', acceptanceId)
    .orderBy('added_at')
    .execute();
}
