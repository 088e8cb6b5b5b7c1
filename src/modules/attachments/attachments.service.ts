/** Photos, documents, signatures and generated reports kept with their records (RC-3). */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { registerMessages } from '../../http/messages.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, HistoryActor } from '../access/policy.ts';
import { personIdOf } from '../access/principal.ts';
import { recordHistory } from '../history/history.service.ts';
import { ownerOf } from './attachments.owners.ts';
import * as repo from './attachments.repository.ts';
import { type AttachmentKind, cleanFileName, contentProblems, decodeBase64 } from './attachments.rules.ts';
import { getContent, putContent, sha256Hex } from './attachments.storage.ts';
import type { AttachmentTable } from './attachments.tables.ts';

/** The damaged-content error code. Called from the capability's `register`. */
export function registerAttachmentMessages(): void {
  registerMessages({
    attachment_damaged: {
      'zh-CN': '附件 {id} 的存储内容与登记的校验值不符或已丢失，已记录，请联系管理员。',
      en: 'The stored content of attachment {id} is missing or does not match its checksum; this was logged, please contact the administrator.',
    },
  });
}

/** A file to keep with a record. */
export interface NewAttachment {
  ownerType: string;
  ownerId: string;
  kind: AttachmentKind;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  caption?: string | null | undefined;
}

/**
 * Checks and stores a file and records it with history on the attachment and on its owner.
 * Must run inside the transaction of the change it belongs to; the caller has already checked
 * that the actor may write to the owner.
 */
export async function addAttachment(
  tx: AppContext,
  actor: HistoryActor,
  input: NewAttachment,
): Promise<AttachmentTable> {
  const problems = contentProblems(input.kind, input.mimeType, input.bytes, tx.config.attachmentMaxBytes);
  if (problems.length) throw invalid(problems);
  const sha = await putContent(tx.config.attachmentsDir, input.bytes);
  const row: AttachmentTable = {
    id: newId(),
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    kind: input.kind,
    file_name: cleanFileName(input.fileName),
    mime_type: input.mimeType,
    size_bytes: input.bytes.length,
    sha256: sha,
    caption: input.caption ?? null,
    uploaded_by: personIdOf(actor),
    created_at: tx.clock.now().toISOString(),
  };
  await repo.insertAttachment(tx.db, row);
  const summary = {
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    kind: row.kind,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
  };
  await recordHistory(tx, actor, {
    entityType: 'attachment',
    entityId: row.id,
    action: 'create',
    changes: summary,
  });
  await recordHistory(tx, actor, {
    entityType: input.ownerType,
    entityId: input.ownerId,
    action: 'attachment_added',
    changes: { attachmentId: row.id, ...summary },
  });
  return row;
}

/** An upload from the API: base64 content, an optional checksum the client computed. */
export interface Upload extends Omit<NewAttachment, 'bytes'> {
  contentBase64: string;
  sha256?: string | undefined;
}

/** Checks the owner is visible and writable, decodes and verifies the upload, then stores it. */
export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  input: Upload,
): Promise<AttachmentTable> {
  const owner = ownerOf(input.ownerType);
  await (owner.ensureWritable ?? owner.ensureVisible)(ctx, actor, input.ownerId);
  const bytes = decodeBase64(input.contentBase64);
  if (!bytes) {
    throw invalid([problem('contentBase64', '不是有效的 Base64 编码', 'is not valid base64')]);
  }
  if (input.sha256 && input.sha256.toLowerCase() !== sha256Hex(bytes)) {
    throw invalid([
      problem(
        'sha256',
        '校验值与收到的内容不符，文件可能在传输中损坏，请重新上传',
        'the checksum does not match the content received; the file may have been damaged in transit, upload it again',
      ),
    ]);
  }
  const { contentBase64: _c, sha256: _s, ...rest } = input;
  return inTransaction(ctx, (tx) => addAttachment(tx, actor, { ...rest, bytes }));
}

/** An attachment whose owner the actor may see, or 404 (never 403). */
export async function getAttachment(ctx: AppContext, actor: Actor, id: string): Promise<AttachmentTable> {
  const row = await repo.findAttachment(ctx.db, id);
  if (!row) throw notFound('attachment');
  try {
    await ownerOf(row.owner_type).ensureVisible(ctx, actor, row.owner_id);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('attachment');
    throw err;
  }
  return row;
}

/** The content of a visible attachment, checked against its SHA-256 before it leaves. */
export async function readAttachment(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ row: AttachmentTable; bytes: Buffer }> {
  const row = await getAttachment(ctx, actor, id);
  return { row, bytes: await contentOf(ctx, row) };
}

/** The stored bytes of an attachment row, verified; a missing or altered file is reported, never served. */
export async function contentOf(ctx: AppContext, row: AttachmentTable): Promise<Buffer> {
  const bytes = await getContent(ctx.config.attachmentsDir, row.sha256);
  if (!bytes || sha256Hex(bytes) !== row.sha256) {
    ctx.log.error({ attachmentId: row.id, sha256: row.sha256 }, 'attachment content missing or altered');
    throw new AppError(500, 'attachment_damaged', { id: row.id });
  }
  return bytes;
}

/** The attachments of an owner the actor may see. */
export async function listAttachments(
  ctx: AppContext,
  actor: Actor,
  ownerType: string,
  ownerId: string,
): Promise<AttachmentTable[]> {
  await ownerOf(ownerType).ensureVisible(ctx, actor, ownerId);
  return repo.listForOwner(ctx.db, ownerType, ownerId);
}

/** An attachment by id with no visibility check, for a module that has already authorised its owner (closing's reports). */
export async function attachmentById(ctx: AppContext, id: string): Promise<AttachmentTable | undefined> {
  return repo.findAttachment(ctx.db, id);
}
