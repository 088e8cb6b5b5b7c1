/**
 * WO-9 closing: sign-off, satisfaction and reports through the staff API, and sign-off and
 * rating through the customer's link (the same token H5's link routes verify).
 */

import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { entityNames } from '../../http/messages.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zText } from '../../http/schemas.ts';
import { notFound } from '../../shared/errors.ts';
import { customerLinkPrincipal } from '../access/principal.ts';
import {
  contentDisposition,
  presentAttachment,
  zAttachmentResult,
} from '../attachments/attachments.routes.ts';
import { attachmentById, contentOf } from '../attachments/attachments.service.ts';
import { zTokenParams } from '../customer-link/customer-link.routes.ts';
import { registerCustomerLinkSection, resolveCustomerLink } from '../customer-link/customer-link.service.ts';
import { REPORT_TYPES, reportTitles, requiredReport } from '../reports/reports.rules.ts';
import { generateReport, reportsOf, reportTypeFor } from '../reports/reports.service.ts';
import { getOrder, type WorkOrderRow } from '../work-orders/work-orders.service.ts';
import { draftReport } from './closing.draft.ts';
import { recordEngineerSignature } from './closing.engineer.ts';
import { registerClosingGuards } from './closing.guards.ts';
import { CLOSING_VIAS } from './closing.rules.ts';
import { currentRating, currentSignOff, recordSatisfaction, recordSignOff } from './closing.service.ts';

/** WO-9 transition guards and the report entity name. Called from the capability's `register`. */
export function registerClosing(): void {
  registerClosingGuards();
  entityNames.report = { 'zh-CN': '报告', en: 'report' };
}

const zSignOffBody = z.strictObject({
  signerName: zText(100),
  signaturePngBase64: z
    .string()
    .min(16)
    .max(3 * 1_048_576),
  opinion: zText(2000),
});

const zRatingBody = z.union([
  z.strictObject({ score: z.number().int().min(1).max(5), comment: zText(1000).optional() }),
  z.strictObject({ refused: z.literal(true), comment: zText(1000) }),
]);

const zClosing = z.object({
  state: z.string(),
  signOff: z
    .object({
      signerName: z.string(),
      opinion: z.string(),
      signedAt: z.string(),
      via: z.enum(CLOSING_VIAS),
      signatureAttachmentId: z.string(),
    })
    .nullable(),
  satisfaction: z
    .object({
      score: z.number().int().nullable(),
      refused: z.boolean(),
      comment: z.string().nullable(),
      via: z.enum(CLOSING_VIAS),
      recordedAt: z.string(),
    })
    .nullable(),
  requiredReport: z.enum(REPORT_TYPES).nullable(),
  requiredReportTitle: z.string().nullable(),
});

/** What closing needs and what is there, for the staff page and the customer's link. */
async function closingStatus(ctx: AppContext, order: WorkOrderRow, locale: 'zh-CN' | 'en') {
  const signOff = await currentSignOff(ctx, order);
  const rating = await currentRating(ctx, order);
  const required = requiredReport(order.type);
  return {
    state: order.state,
    signOff: signOff
      ? {
          signerName: signOff.signer_name,
          opinion: signOff.opinion,
          signedAt: signOff.signed_at,
          via: signOff.via,
          signatureAttachmentId: signOff.signature_attachment_id,
        }
      : null,
    satisfaction: rating
      ? {
          score: rating.score,
          refused: rating.refused === 1,
          comment: rating.comment,
          via: rating.via,
          recordedAt: rating.recorded_at,
        }
      : null,
    requiredReport: required,
    requiredReportTitle: required ? reportTitles[required][locale] : null,
  };
}

/** What the customer's link shows of closing: sign-off, rating and reports. Called from the capability's `register`. */
export function registerClosingLinkSection(): void {
  registerCustomerLinkSection('closing', async (ctx, order) => {
    const status = await closingStatus(ctx, order, 'zh-CN');
    // The customer sees what they signed and rated, not internal attachment ids.
    return {
      canSignOff: order.state === 'resolved',
      canRate: (order.state === 'resolved' || order.state === 'signed_off') && status.satisfaction === null,
      signOff: status.signOff
        ? {
            signerName: status.signOff.signerName,
            opinion: status.signOff.opinion,
            signedAt: status.signOff.signedAt,
          }
        : null,
      satisfaction: status.satisfaction
        ? { score: status.satisfaction.score, refused: status.satisfaction.refused }
        : null,
      reports: (await reportsOf(ctx, order.id)).map((r) => ({
        id: r.id,
        title: reportTitles[r.report_type]['zh-CN'],
        generatedAt: r.generated_at,
      })),
    };
  });
}

const zPart = z.strictObject({
  name: zText(200),
  code: zText(100).nullable().optional(),
  quantity: z.number().int().min(1).max(100_000),
  faultyPartCode: zText(100).nullable().optional(),
});

const zReport = z.object({
  id: z.string(),
  reportType: z.enum(REPORT_TYPES),
  title: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string().nullable(),
  attachment: zAttachmentResult,
});

const linkActor = (linkOrder: WorkOrderRow) => customerLinkPrincipal(linkOrder.number);

export const closingRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/closing',
    summary:
      'WO-9: what closing needs (sign-off, rating or refusal, the report for the type) and what is recorded',
    tags: ['closing'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: zClosing,
    handler: async ({ ctx, actor, params, locale }) =>
      closingStatus(ctx, await getOrder(ctx, actor.scope, params.id), locale),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/sign-off',
    summary:
      "WO-9: the customer's sign-off (name, signature image, opinion) recorded by staff; moves the resolved order to signed off",
    tags: ['closing'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    bodyLimit: () => 4 * 1_048_576,
    params: zIdParams,
    body: zSignOffBody,
    response: zClosing,
    handler: async ({ ctx, actor, params, body, locale }) => {
      const { order } = await recordSignOff(ctx, actor, params.id, body, 'staff');
      return closingStatus(ctx, order, locale);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/satisfaction',
    summary: 'WO-9/CS-2: a satisfaction score 1–5, or the customer’s refusal to rate with what they said',
    tags: ['closing'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: zRatingBody,
    response: zClosing,
    handler: async ({ ctx, actor, params, body, locale }) => {
      await recordSatisfaction(ctx, actor, params.id, body, 'staff');
      return closingStatus(ctx, await getOrder(ctx, actor.scope, params.id), locale);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/reports',
    summary:
      'WO-9: generate the report for the order’s type (field technical-service report, version-upgrade summary, inspection summary) as PDF, kept with the order',
    tags: ['closing'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    bodyLimit: () => 4 * 1_048_576,
    params: zIdParams,
    body: z.strictObject({
      // Left out, the report takes these from the draft of what was recorded (GET …/report-draft).
      workDone: zText(8000).optional(),
      cause: zText(2000).nullable().optional(),
      partsUsed: z.array(zPart).max(200).optional(),
      leftovers: zText(4000).nullable().optional(),
      upgrade: z
        .strictObject({ fromVersion: zText(100), toVersion: zText(100), verification: zText(4000) })
        .optional(),
      inspection: z
        .array(
          z.strictObject({ item: zText(200), result: zText(100), note: zText(1000).nullable().optional() }),
        )
        .max(500)
        .optional(),
      engineerSignaturePngBase64: z
        .string()
        .min(16)
        .max(3 * 1_048_576)
        .optional(),
    }),
    response: zReport,
    handler: async ({ ctx, actor, params, body, locale }) => {
      const { report } = await generateReport(ctx, actor, params.id, body);
      const file = await attachmentById(ctx, report.attachment_id);
      return {
        id: report.id,
        reportType: report.report_type,
        title: reportTitles[report.report_type][locale],
        generatedAt: report.generated_at,
        generatedBy: report.generated_by,
        attachment: presentAttachment(file!),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/report-draft',
    summary:
      'WO-9: the service report drafted from what was recorded (symptom, cause, daily logs, parts, checklist, restore and resolve times, engineer signature)',
    tags: ['closing'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: z.object({
      symptom: z.string(),
      cause: z.string().nullable(),
      workDone: z.string(),
      partsUsed: z.array(z.object({ name: z.string(), code: z.string().nullable(), quantity: z.number() })),
      checklist: z.array(z.object({ labelZh: z.string(), labelEn: z.string(), done: z.boolean() })),
      restoredAt: z.string().nullable(),
      resolvedAt: z.string().nullable(),
      engineerSignature: z.object({ name: z.string(), signedAt: z.string() }).nullable(),
    }),
    handler: async ({ ctx, actor, params }) =>
      draftReport(ctx, actor.scope, await getOrder(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/engineer-signature',
    summary:
      "WO-9: the engineer's own signature for the service report, drawn on the phone (only an engineer who checked in on the order)",
    tags: ['closing'],
    auth: 'user',
    replayable: true,
    permission: 'work_orders.act',
    status: 201,
    bodyLimit: () => 4 * 1_048_576,
    params: zIdParams,
    body: z.strictObject({
      signaturePngBase64: z
        .string()
        .min(16)
        .max(3 * 1_048_576),
    }),
    response: z.object({ id: z.string(), signatureAttachmentId: z.string(), signedAt: z.string() }),
    handler: async ({ ctx, actor, params, body }) => {
      const r = await recordEngineerSignature(ctx, actor, params.id, body.signaturePngBase64);
      return { id: r.id, signatureAttachmentId: r.signature_attachment_id, signedAt: r.signed_at };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/reports',
    summary: 'WO-9: the reports generated for an order, newest first, each with its PDF',
    tags: ['closing'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: z.object({ items: z.array(zReport), reportType: z.enum(REPORT_TYPES) }),
    handler: async ({ ctx, actor, params, locale }) => {
      const order = await getOrder(ctx, actor.scope, params.id);
      const items = [];
      for (const r of await reportsOf(ctx, order.id)) {
        const file = await attachmentById(ctx, r.attachment_id);
        if (!file) continue;
        const type = r.report_type;
        items.push({
          id: r.id,
          reportType: type,
          title: reportTitles[type][locale],
          generatedAt: r.generated_at,
          generatedBy: r.generated_by,
          attachment: presentAttachment(file),
        });
      }
      return { items, reportType: reportTypeFor(order) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/customer/orders/:token/sign-off',
    summary: "WO-9 through the customer's link: sign off the resolved work (name, signature image, opinion)",
    tags: ['customer-link'],
    auth: 'public',
    status: 201,
    bodyLimit: () => 4 * 1_048_576,
    params: zTokenParams,
    body: zSignOffBody,
    response: z.object({ state: z.string(), signedAt: z.string() }),
    handler: async ({ ctx, params, body }) => {
      const order = await resolveCustomerLink(ctx, params.token);
      const { signOff, order: after } = await recordSignOff(ctx, linkActor(order), order.id, body, 'link');
      return { state: after.state, signedAt: signOff.signed_at };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/customer/orders/:token/satisfaction',
    summary: "WO-9/CS-2 through the customer's link: rate the service 1–5, or decline to rate",
    tags: ['customer-link'],
    auth: 'public',
    status: 201,
    params: zTokenParams,
    body: zRatingBody,
    response: z.object({ score: z.number().int().nullable(), refused: z.boolean(), recordedAt: z.string() }),
    handler: async ({ ctx, params, body }) => {
      const order = await resolveCustomerLink(ctx, params.token);
      const r = await recordSatisfaction(ctx, linkActor(order), order.id, body, 'link');
      return { score: r.score, refused: r.refused === 1, recordedAt: r.recorded_at };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/customer/orders/:token/reports/:reportId',
    summary:
      "RC-3 through the customer's link: download a report of this order (PDF, checked against its SHA-256)",
    tags: ['customer-link'],
    auth: 'public',
    params: zTokenParams.extend({ reportId: zId }),
    produces: 'application/pdf',
    handler: async ({ ctx, params, reply }) => {
      const order = await resolveCustomerLink(ctx, params.token);
      const report = (await reportsOf(ctx, order.id)).find((r) => r.id === params.reportId);
      const file = report ? await attachmentById(ctx, report.attachment_id) : undefined;
      if (!report || !file) throw notFound('report');
      const bytes = await contentOf(ctx, file);
      await reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', file.file_name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=0')
        .send(bytes);
      return undefined;
    },
  }),
];
