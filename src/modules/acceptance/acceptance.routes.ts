/** Engineering acceptance (RS-6): tests, leftover items, documents, the customer's signature, the PDF. */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams, zText } from '../../http/schemas.ts';
import type { Actor, Scope } from '../access/policy.ts';
import { attachmentById, contentOf } from '../attachments/attachments.service.ts';
import { historyRoute } from '../history/history.routes.ts';
import { renderAcceptancePdf } from './acceptance.pdf.ts';
import * as acceptance from './acceptance.service.ts';
import type { AcceptanceMemoTable } from './acceptance.tables.ts';

export const ACCEPTANCE_READ = 'acceptance.read';
export const ACCEPTANCE_WORK = 'acceptance.work';

const zTest = z.object({
  id: z.string(),
  item: z.string(),
  expected: z.string(),
  measured: z.string(),
  unit: z.string().nullable(),
  passed: z.boolean(),
  recordedAt: z.string(),
});
const zMemo = z.object({
  id: z.string(),
  description: z.string(),
  dueOn: z.string(),
  state: z.enum(['open', 'closed']),
  closingNote: z.string().nullable(),
  closedAt: z.string().nullable(),
});
const presentMemo = (m: AcceptanceMemoTable): z.infer<typeof zMemo> => ({
  id: m.id,
  description: m.description,
  dueOn: m.due_on,
  state: m.state,
  closingNote: m.closing_note,
  closedAt: m.closed_at,
});
const zRecord = z.object({
  orderId: z.string(),
  state: z.enum(['draft', 'signed']),
  signerName: z.string().nullable(),
  signedAt: z.string().nullable(),
  signatureAttachmentId: z.string().nullable(),
  tests: z.array(zTest),
  memos: z.array(zMemo),
  documents: z.array(z.object({ attachmentId: z.string(), title: z.string(), fileName: z.string() })),
});
const presentRecord = (r: acceptance.AcceptanceRecord): z.infer<typeof zRecord> => ({
  orderId: r.order.id,
  state: r.acceptance?.state ?? 'draft',
  signerName: r.acceptance?.signer_name ?? null,
  signedAt: r.acceptance?.signed_at ?? null,
  signatureAttachmentId: r.acceptance?.signature_attachment_id ?? null,
  tests: r.tests.map((x) => ({
    id: x.id,
    item: x.item,
    expected: x.expected,
    measured: x.measured,
    unit: x.unit,
    passed: x.passed === 1,
    recordedAt: x.recorded_at,
  })),
  memos: r.memos.map(presentMemo),
  documents: r.documents.map((d) => ({
    attachmentId: d.attachment_id,
    title: d.title,
    fileName: d.fileName,
  })),
});
const BASE = '/api/v1/work-orders/:id/acceptance';
/** Every write answers with the whole record as it now stands. */
const recordAfter = async (ctx: AppContext, scope: Scope, id: string) =>
  presentRecord(await acceptance.acceptanceRecord(ctx, scope, id));

/** A write to the draft record by the engineer on site; answers with the whole record. */
function recordingRoute<B extends z.ZodType>(
  path: string,
  summary: string,
  body: B,
  write: (ctx: AppContext, actor: Actor, orderId: string, input: z.infer<B>) => Promise<unknown>,
) {
  return route({
    method: 'POST',
    url: `${BASE}/${path}`,
    summary,
    tags: ['acceptance'],
    auth: 'user',
    permission: ACCEPTANCE_WORK,
    status: 201,
    params: zIdParams,
    body,
    response: zRecord,
    handler: async ({ ctx, actor, params, body: input }) => {
      await write(ctx, actor, params.id, input as z.infer<B>);
      return recordAfter(ctx, actor.scope, params.id);
    },
  });
}

export const acceptanceRoutes = [
  route({
    method: 'GET',
    url: BASE,
    summary:
      'RS-6: the acceptance record of an engineering order (tests, leftover items, documents, signature)',
    tags: ['acceptance'],
    auth: 'user',
    permission: ACCEPTANCE_READ,
    params: zIdParams,
    response: zRecord,
    handler: ({ ctx, actor, params }) => recordAfter(ctx, actor.scope, params.id),
  }),
  recordingRoute(
    'tests',
    'RS-6: record a test item with its expected and measured values and pass or fail (refused once signed)',
    z.strictObject({
      item: zText(200),
      expected: zText(100),
      measured: zText(100),
      unit: zText(20).optional(),
      passed: z.boolean(),
    }),
    acceptance.recordTest,
  ),
  recordingRoute(
    'memos',
    'RS-6: record a leftover item (工程备忘录) with the date it is to be done by (refused once signed)',
    z.strictObject({ description: zText(1000), dueOn: zDate }),
    acceptance.addMemo,
  ),
  recordingRoute(
    'documents',
    'RS-6: hand over an as-built document uploaded as an attachment of the order (refused once signed)',
    z.strictObject({ attachmentId: zId, title: zText(200) }),
    acceptance.addDocument,
  ),
  route({
    method: 'POST',
    url: `${BASE}/sign`,
    summary:
      'RS-6: the customer signs the acceptance on site (signature image, PNG/JPEG base64); afterwards the record never changes',
    tags: ['acceptance'],
    auth: 'user',
    permission: ACCEPTANCE_WORK,
    bodyLimit: () => 3 * 1_048_576,
    params: zIdParams,
    body: z.strictObject({
      signerName: zText(100),
      signaturePngBase64: z
        .string()
        .min(16)
        .max(3 * 1_048_576),
    }),
    response: zRecord,
    handler: async ({ ctx, actor, params, body }) => {
      await acceptance.signAcceptance(ctx, actor, params.id, body);
      return recordAfter(ctx, actor.scope, params.id);
    },
  }),
  route({
    method: 'GET',
    url: `${BASE}/pdf`,
    summary: 'RS-6: the acceptance record as a PDF',
    tags: ['acceptance'],
    auth: 'user',
    permission: ACCEPTANCE_READ,
    params: zIdParams,
    produces: 'application/pdf',
    handler: async ({ ctx, actor, params, locale, reply }) => {
      const record = await acceptance.acceptanceRecord(ctx, actor.scope, params.id);
      const sigFile = record.acceptance?.signature_attachment_id
        ? await attachmentById(ctx, record.acceptance.signature_attachment_id)
        : undefined;
      const signature = sigFile ? await contentOf(ctx, sigFile) : null;
      const bytes = await renderAcceptancePdf(record, signature, locale, ctx.clock.now().toISOString());
      await reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="acceptance-${record.order.number}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=0')
        .send(bytes);
      return undefined;
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/acceptance-memos/:id/close',
    summary: 'RS-6: close a leftover item with what was done (also after the acceptance was signed)',
    tags: ['acceptance'],
    auth: 'user',
    permission: ACCEPTANCE_WORK,
    params: zIdParams,
    body: z.strictObject({ note: zText(1000) }),
    response: zMemo,
    handler: async ({ ctx, actor, params, body }) =>
      presentMemo(await acceptance.closeMemo(ctx, actor, params.id, body.note)),
  }),
  historyRoute({
    base: '/api/v1/acceptance-memos',
    entityType: 'acceptance_memo',
    tag: 'acceptance',
    ensureVisible: (ctx, actor, id) => acceptance.getMemo(ctx, actor.scope, id),
  }),
];
