/** /api/v1/attachments: upload (base64 JSON), list by owner, metadata and download. No delete (RC-3). */
import { z } from 'zod';
import { entityNames } from '../../http/messages.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zText } from '../../http/schemas.ts';
import { forbidden } from '../../shared/errors.ts';
import { can, grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { historyRoute } from '../history/history.routes.ts';
import { getEntry } from '../knowledge/knowledge.service.ts';
import { registerAttachmentOwner } from './attachments.owners.ts';
import { ATTACHMENT_KINDS, uploadBodyLimit } from './attachments.rules.ts';
import * as attachments from './attachments.service.ts';
import type { AttachmentTable } from './attachments.tables.ts';

/** Who deals with files at all, and knowledge entries as file owners. Called from the capability's `register`. */
export function registerAttachmentAccess(): void {
  // Reading is decided by the owner's visibility; these grants only say who deals with files at all.
  grant('attachments.read', [
    'call_center',
    'dispatcher',
    'engineer',
    'auditor',
    'admin',
    'customer_escort',
    'network_monitoring',
    'end_customer',
    ...MANAGER_ROLES,
  ]);
  grant('attachments.write', ['call_center', 'dispatcher', 'engineer', 'admin', ...MANAGER_ROLES]);
  entityNames.attachment = { 'zh-CN': '附件', en: 'attachment' };

  registerAttachmentOwner('knowledge_entry', {
    ensureVisible: async (ctx, actor, id) => {
      if (!can(actor, 'knowledge.read')) throw forbidden();
      await getEntry(ctx, id);
    },
    ensureWritable: async (ctx, actor, id) => {
      if (!can(actor, 'knowledge.write')) throw forbidden();
      await getEntry(ctx, id);
    },
  });
}

const zAttachment = z.object({
  id: z.string(),
  ownerType: z.string(),
  ownerId: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  caption: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
  contentUrl: z.string(),
});

/** The API shape of an attachment. */
export function presentAttachment(r: AttachmentTable): z.infer<typeof zAttachment> {
  return {
    id: r.id,
    ownerType: r.owner_type,
    ownerId: r.owner_id,
    kind: r.kind,
    fileName: r.file_name,
    mimeType: r.mime_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    caption: r.caption,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at,
    contentUrl: `/api/v1/attachments/${r.id}/content`,
  };
}

export const zAttachmentResult = zAttachment;

const zOwnerType = z.string().regex(/^[a-z_]{1,40}$/);

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const attachmentRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/attachments',
    summary:
      'Upload a photo or file as base64 JSON; the content must match its type (magic bytes), and is kept forever (RC-3)',
    tags: ['attachments'],
    auth: 'user',
    replayable: true,
    permission: 'attachments.write',
    status: 201,
    bodyLimit: (config) => uploadBodyLimit(config.attachmentMaxBytes),
    body: z.strictObject({
      ownerType: zOwnerType,
      ownerId: zId,
      kind: z.enum(ATTACHMENT_KINDS).exclude(['report']),
      fileName: zText(255),
      mimeType: z.string().trim().toLowerCase().max(100),
      caption: zText(500).nullable().optional(),
      sha256: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/)
        .optional(),
      contentBase64: z.string().min(1),
    }),
    response: zAttachment,
    handler: async ({ ctx, actor, body }) =>
      presentAttachment(await attachments.uploadAttachment(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/attachments',
    summary: 'The attachments of one record the caller may see',
    tags: ['attachments'],
    auth: 'user',
    permission: 'attachments.read',
    query: z.strictObject({ ownerType: zOwnerType, ownerId: zId }),
    response: z.object({ items: z.array(zAttachment) }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await attachments.listAttachments(ctx, actor, query.ownerType, query.ownerId)).map(
        presentAttachment,
      ),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/attachments/:id',
    summary: 'Metadata of one attachment (404 unless the caller may see its owner)',
    tags: ['attachments'],
    auth: 'user',
    permission: 'attachments.read',
    params: zIdParams,
    response: zAttachment,
    handler: async ({ ctx, actor, params }) =>
      presentAttachment(await attachments.getAttachment(ctx, actor, params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/attachments/:id/content',
    summary:
      'Download an attachment, verified against its SHA-256 first; ?inline=1 shows images in the browser',
    tags: ['attachments'],
    auth: 'user',
    permission: 'attachments.read',
    params: zIdParams,
    query: z.strictObject({ inline: z.enum(['0', '1']).optional() }),
    produces: 'application/octet-stream',
    handler: async ({ ctx, actor, params, query, reply }) => {
      const { row, bytes } = await attachments.readAttachment(ctx, actor, params.id);
      const inline =
        query.inline === '1' && (row.mime_type.startsWith('image/') || row.mime_type === 'application/pdf');
      await reply
        .type(row.mime_type)
        .header('content-length', bytes.length)
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', row.file_name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=0')
        .header('etag', `"${row.sha256}"`)
        .send(bytes);
      return undefined;
    },
  }),
  historyRoute({
    base: '/api/v1/attachments',
    entityType: 'attachment',
    tag: 'attachments',
    ensureVisible: (ctx, actor, id) => attachments.getAttachment(ctx, actor, id),
  }),
];
