/** /api/v1/ledger-*: a vendor's subscriber ledger, EOMS imports and reconciliation items (RS-7). */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zPage, zText } from '../../http/schemas.ts';
import { invalid, problem } from '../../shared/errors.ts';
import { XLSX } from '../dashboard/dashboard.xlsx.ts';
import { historyRoute } from '../history/history.routes.ts';
import { itemsWorkbook } from './ledger.export.ts';
import { LEDGER_IMPORT, LEDGER_READ, LEDGER_RESOLVE } from './ledger.permissions.ts';
import { type FileFormat, records } from './ledger.read.ts';
import { COMPARED } from './ledger.rules.ts';
import * as ledger from './ledger.service.ts';
import type { LedgerImportTable, LedgerItemTable, LedgerLineTable } from './ledger.tables.ts';

const ITEM_KINDS = ['only_eoms', 'only_ledger', 'field'] as const;
const ITEM_STATES = ['open', 'corrected', 'explained', 'gone'] as const;

const zLine = z.object({
  id: z.string(),
  partnerId: z.string(),
  lineNo: z.string(),
  kind: z.enum(['home', 'enterprise']),
  regionName: z.string(),
  customerName: z.string(),
  address: z.string(),
  bandwidth: z.string(),
  status: z.string(),
  updatedAt: z.string(),
});
const presentLine = (l: LedgerLineTable): z.infer<typeof zLine> => ({
  id: l.id,
  partnerId: l.partner_id,
  lineNo: l.line_no,
  kind: l.kind,
  regionName: l.region_name,
  customerName: l.customer_name,
  address: l.address,
  bandwidth: l.bandwidth,
  status: l.status,
  updatedAt: l.updated_at,
});

const zItem = z.object({
  id: z.string(),
  partnerId: z.string(),
  lineNo: z.string(),
  kind: z.enum(ITEM_KINDS),
  field: z.enum([...COMPARED, '']),
  eomsValue: z.string().nullable(),
  ledgerValue: z.string().nullable(),
  regionName: z.string().nullable(),
  state: z.enum(ITEM_STATES),
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const presentItem = (i: LedgerItemTable): z.infer<typeof zItem> => ({
  id: i.id,
  partnerId: i.partner_id,
  lineNo: i.line_no,
  kind: i.kind,
  field: i.field,
  eomsValue: i.eoms_value,
  ledgerValue: i.ledger_value,
  regionName: i.region_name,
  state: i.state,
  note: i.note,
  resolvedBy: i.resolved_by,
  resolvedAt: i.resolved_at,
  createdAt: i.created_at,
  updatedAt: i.updated_at,
});

const zRejected = z.object({
  rowNo: z.number().int(),
  problems: z.array(
    z.object({ field: z.string(), message: z.object({ 'zh-CN': z.string(), en: z.string() }) }),
  ),
});
const zImport = z.object({
  id: z.string(),
  partnerId: z.string(),
  target: z.enum(['eoms', 'ledger']),
  fileName: z.string(),
  rowsRead: z.number().int(),
  rowsRejected: z.number().int(),
  itemsOpened: z.number().int(),
  itemsClosed: z.number().int(),
  createdAt: z.string(),
});
const presentImport = (r: LedgerImportTable): z.infer<typeof zImport> => ({
  id: r.id,
  partnerId: r.partner_id,
  target: r.target,
  fileName: r.file_name,
  rowsRead: r.rows_read,
  rowsRejected: r.rows_rejected,
  itemsOpened: r.items_opened,
  itemsClosed: r.items_closed,
  createdAt: r.created_at,
});
const zImportReport = zImport.extend({ rejected: z.array(zRejected) });
const presentReport = (r: LedgerImportTable): z.infer<typeof zImportReport> => ({
  ...presentImport(r),
  rejected: JSON.parse(r.rejected_json) as z.infer<typeof zRejected>[],
});

/** The format a file name declares, or a 422 naming the field. */
export function formatOf(fileName: string): FileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw invalid([problem('fileName', '文件须为 .csv 或 .xlsx', 'the file must be .csv or .xlsx')]);
}

const zItemFilter = {
  partnerId: zId.optional(),
  kind: z.enum(ITEM_KINDS).optional(),
  state: z.enum(ITEM_STATES).optional(),
  regionName: zText(64).optional(),
  lineNo: zText(64).optional(),
};

const MAX_UPLOAD = 40 * 1_048_576;

export const ledgerRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/ledger-imports',
    summary:
      'Import a file (CSV in GBK or UTF-8, or xlsx): the vendor ledger itself, or an EOMS export reconciled against it',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_IMPORT,
    status: 201,
    bodyLimit: () => MAX_UPLOAD,
    body: z.strictObject({
      partnerId: zId,
      target: z.enum(['eoms', 'ledger']),
      fileName: zText(200),
      contentBase64: z.string().min(1).max(MAX_UPLOAD),
    }),
    response: zImportReport,
    handler: async ({ ctx, actor, body }) => {
      const format = formatOf(body.fileName);
      const bytes = Buffer.from(body.contentBase64, 'base64');
      if (!bytes.length)
        throw invalid([problem('contentBase64', '文件内容为空', 'the file content is empty')]);
      const row = await ledger.importFile(ctx, actor, {
        partnerId: body.partnerId,
        target: body.target,
        fileName: body.fileName,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        records: records(Readable.from([bytes]), format),
      });
      return presentReport(row);
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/ledger-imports',
    summary: 'Imports of ledgers and EOMS exports, newest first (a partner sees only its own)',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_READ,
    query: z.strictObject({ ...zPage }),
    response: z.object({ items: z.array(zImport) }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await ledger.listImports(ctx, actor.scope, query.limit, query.offset)).map(presentImport),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/ledger-imports/:id',
    summary: 'One import with its row-by-row report of refused rows',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_READ,
    params: zIdParams,
    response: zImportReport,
    handler: async ({ ctx, actor, params }) =>
      presentReport(await ledger.getImport(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/ledger-lines',
    summary: 'Lines of the subscriber ledger (a partner sees only its own)',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_READ,
    query: z.strictObject({ partnerId: zId.optional(), q: zText(64).optional(), ...zPage }),
    response: z.object({ items: z.array(zLine) }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await ledger.listLines(ctx, actor.scope, query)).map(presentLine),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/ledger-lines/:id',
    summary: 'One ledger line',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_READ,
    params: zIdParams,
    response: zLine,
    handler: async ({ ctx, actor, params }) => presentLine(await ledger.getLine(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/ledger-items',
    summary: 'Reconciliation items: only in EOMS, only in the ledger, field differences; filtered',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_READ,
    query: z.strictObject({ ...zItemFilter, ...zPage }),
    response: z.object({ items: z.array(zItem) }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await ledger.listItems(ctx, actor.scope, query)).map(presentItem),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/ledger-items/export',
    summary: 'The reconciliation items a filter selects, as an xlsx workbook in the reader’s language',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_READ,
    query: z.strictObject(zItemFilter),
    produces: XLSX,
    handler: async ({ ctx, actor, query, locale, reply }) =>
      sendDownload(
        reply,
        XLSX,
        'ledger-mismatches.xlsx',
        await itemsWorkbook(ctx, actor.scope, query, locale),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/v1/ledger-items/:id',
    summary: 'One reconciliation item',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_READ,
    params: zIdParams,
    response: zItem,
    handler: async ({ ctx, actor, params }) => presentItem(await ledger.getItem(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/ledger-items/:id/resolve',
    summary: 'Settle an open item: correct the ledger to match EOMS, or explain why the difference is right',
    tags: ['ledger'],
    auth: 'user',
    permission: LEDGER_RESOLVE,
    params: zIdParams,
    body: z.discriminatedUnion('action', [
      z.strictObject({ action: z.literal('correct'), note: zText(500).optional() }),
      z.strictObject({ action: z.literal('explain'), note: zText(500) }),
    ]),
    response: zItem,
    handler: async ({ ctx, actor, params, body }) =>
      presentItem(await ledger.resolveItem(ctx, actor, params.id, body)),
  }),
  historyRoute({
    base: '/api/v1/ledger-items',
    entityType: 'ledger_item',
    tag: 'ledger',
    ensureVisible: (ctx, actor, id) => ledger.getItem(ctx, actor.scope, id),
  }),
];
