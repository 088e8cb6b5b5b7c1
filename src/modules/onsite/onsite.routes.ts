/** /api/v1/work-orders/:id/… on-site work (WO-6, WO-7, WO-8) and /api/v1/checklist-items (configuration). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zText } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { WORK_ORDER_TYPES } from '../work-orders/work-orders.rules.ts';
import { getOrder } from '../work-orders/work-orders.service.ts';
import { CONSENT_ITEMS, type PlaceCheck } from './onsite.rules.ts';
import * as onsite from './onsite.service.ts';
import type { ChecklistItemTable, SiteVisitTable } from './onsite.tables.ts';

const zLat = z.number().min(-90).max(90);
const zLng = z.number().min(-180).max(180);
/** The GPS accuracy radius in metres, as the phone reports it. */
const zAccuracy = z.number().min(0).max(100_000);

const zVisit = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string().nullable(),
  checkInAt: z.string(),
  checkInLat: z.number().nullable(),
  checkInLng: z.number().nullable(),
  checkInAccuracyM: z.number().nullable(),
  checkOutAt: z.string().nullable(),
  checkOutLat: z.number().nullable(),
  checkOutLng: z.number().nullable(),
  checkOutAccuracyM: z.number().nullable(),
  checkOutNote: z.string().nullable(),
  /** Metres from the site's pin and whether that is too far (WO-6); absent on a single visit's answer. */
  checkInDistanceM: z.number().nullable().optional(),
  checkInFar: z.boolean().optional(),
  checkOutDistanceM: z.number().nullable().optional(),
  checkOutFar: z.boolean().optional(),
});

function presentVisit(
  v: SiteVisitTable & { checkIn?: PlaceCheck; checkOut?: PlaceCheck },
  names?: Map<string, string>,
): z.infer<typeof zVisit> {
  return {
    ...(v.checkIn ? { checkInDistanceM: v.checkIn.distanceM, checkInFar: v.checkIn.far } : {}),
    ...(v.checkOut ? { checkOutDistanceM: v.checkOut.distanceM, checkOutFar: v.checkOut.far } : {}),
    id: v.id,
    personId: v.person_id,
    personName: names?.get(v.person_id) ?? null,
    checkInAt: v.check_in_at,
    checkInLat: v.check_in_lat,
    checkInLng: v.check_in_lng,
    checkInAccuracyM: v.check_in_accuracy_m,
    checkOutAt: v.check_out_at,
    checkOutLat: v.check_out_lat,
    checkOutLng: v.check_out_lng,
    checkOutAccuracyM: v.check_out_accuracy_m,
    checkOutNote: v.check_out_note,
  };
}

const zItem = z.object({
  id: z.string(),
  orderType: z.string(),
  code: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  required: z.boolean(),
  position: z.number().int(),
  active: z.boolean(),
});

function presentItem(i: ChecklistItemTable): z.infer<typeof zItem> {
  return {
    id: i.id,
    orderType: i.order_type,
    code: i.code,
    labelZh: i.label_zh,
    labelEn: i.label_en,
    required: i.required === 1,
    position: i.position,
    active: i.active === 1,
  };
}

const zCheck = z.object({
  item: zItem,
  done: z.boolean(),
  note: z.string().nullable(),
  markedBy: z.string().nullable(),
  markedAt: z.string().nullable(),
});

const zOnsite = z.object({
  visits: z.array(zVisit),
  serviceRequests: z.array(
    z.object({
      id: z.string(),
      scopeOfWork: z.string(),
      signerName: z.string(),
      signerTitle: z.string().nullable(),
      signatureAttachmentId: z.string(),
      signedAt: z.string(),
    }),
  ),
  consents: z.array(
    z.object({
      id: z.string(),
      item: z.string(),
      description: z.string(),
      consentedBy: z.string(),
      recordedAt: z.string(),
    }),
  ),
  checklist: z.array(zCheck),
  dailyLogs: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      personName: z.string().nullable(),
      date: z.string(),
      workDone: z.string(),
      nextSteps: z.string().nullable(),
    }),
  ),
  weeklyReports: z.array(
    z.object({
      id: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      summary: z.string(),
      reason: z.string(),
      createdAt: z.string(),
    }),
  ),
  weeklyReportStatus: z.object({
    firstCheckIn: z.string().nullable(),
    owed: z.number().int(),
    made: z.number().int(),
    due: z.boolean(),
  }),
});

const ORDER_TYPES = ['*', ...WORK_ORDER_TYPES] as const;
const signatureBody = { bodyLimit: () => 3 * 1_048_576 };
const zSignature = z
  .string()
  .min(16)
  .max(3 * 1_048_576);

export const onsiteRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/onsite',
    summary:
      'Everything recorded on site: visits, service request, consents, checklist, daily logs, weekly reports',
    tags: ['onsite'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: zOnsite,
    handler: async ({ ctx, actor, params }) => {
      const order = await getOrder(ctx, actor.scope, params.id);
      const r = await onsite.onsiteRecord(ctx, order);
      return {
        visits: r.visits.map((v) => presentVisit(v, r.names)),
        serviceRequests: r.requests.map((s) => ({
          id: s.id,
          scopeOfWork: s.scope_of_work,
          signerName: s.signer_name,
          signerTitle: s.signer_title,
          signatureAttachmentId: s.signature_attachment_id,
          signedAt: s.signed_at,
        })),
        consents: r.consents.map((c) => ({
          id: c.id,
          item: c.item,
          description: c.description,
          consentedBy: c.consented_by,
          recordedAt: c.recorded_at,
        })),
        checklist: r.checklist.map((c) => ({
          item: presentItem(c.item),
          done: c.mark?.done === 1,
          note: c.mark?.note ?? null,
          markedBy: c.mark?.marked_by ?? null,
          markedAt: c.mark?.marked_at ?? null,
        })),
        dailyLogs: r.logs.map((l) => ({
          id: l.id,
          personId: l.person_id,
          personName: r.names.get(l.person_id) ?? null,
          date: l.log_date,
          workDone: l.work_done,
          nextSteps: l.next_steps,
        })),
        weeklyReports: r.weekly.map((w) => ({
          id: w.id,
          periodStart: w.period_start,
          periodEnd: w.period_end,
          summary: w.summary,
          reason: w.reason,
          createdAt: w.created_at,
        })),
        weeklyReportStatus: r.weeklyStatus,
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/check-in',
    summary:
      'WO-6: check in on site (time from the server, position optional); the first arrival moves the order on site',
    tags: ['onsite'],
    auth: 'user',
    replayable: true,
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z
      .strictObject({ lat: zLat.optional(), lng: zLng.optional(), accuracyM: zAccuracy.optional() })
      .optional(),
    response: zVisit,
    handler: async ({ ctx, actor, params, body }) =>
      presentVisit(await onsite.checkIn(ctx, actor, params.id, body ?? {})),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/check-out',
    summary:
      'WO-7/WO-8: check out; refused while the site has an unrestored critical fault and nobody else is checked in, or before the day is logged',
    tags: ['onsite'],
    auth: 'user',
    replayable: true,
    permission: 'work_orders.act',
    params: zIdParams,
    body: z
      .strictObject({
        lat: zLat.optional(),
        lng: zLng.optional(),
        accuracyM: zAccuracy.optional(),
        note: zText(1000).optional(),
      })
      .optional(),
    response: zVisit,
    handler: async ({ ctx, actor, params, body }) =>
      presentVisit(await onsite.checkOut(ctx, actor, params.id, body ?? {})),
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/service-requests',
    summary:
      'WO-6: the service request (现场技术服务申请) signed by the customer responsible, with the signature image (PNG/JPEG, base64)',
    tags: ['onsite'],
    auth: 'user',
    replayable: true,
    permission: 'work_orders.act',
    status: 201,
    ...signatureBody,
    params: zIdParams,
    body: z.strictObject({
      scopeOfWork: zText(2000),
      signerName: zText(100),
      signerTitle: zText(100).nullable().optional(),
      signaturePngBase64: zSignature,
    }),
    response: z.object({
      id: z.string(),
      signerName: z.string(),
      signatureAttachmentId: z.string(),
      signedAt: z.string(),
    }),
    handler: async ({ ctx, actor, params, body }) => {
      const r = await onsite.recordServiceRequest(ctx, actor, params.id, body);
      return {
        id: r.id,
        signerName: r.signer_name,
        signatureAttachmentId: r.signature_attachment_id,
        signedAt: r.signed_at,
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/consents',
    summary: "WO-6: the customer's consent for a PC, USB disk, phone or tools borrowed or plugged in",
    tags: ['onsite'],
    auth: 'user',
    replayable: true,
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z.strictObject({ item: z.enum(CONSENT_ITEMS), description: zText(500), consentedBy: zText(100) }),
    response: z.object({ id: z.string(), item: z.string(), recordedAt: z.string() }),
    handler: async ({ ctx, actor, params, body }) => {
      const r = await onsite.recordConsent(ctx, actor, params.id, body);
      return { id: r.id, item: r.item, recordedAt: r.recorded_at };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/work-orders/:id/checklist/:itemId',
    summary: 'WO-6: mark a checklist item done or open; required open items block restoring and resolving',
    tags: ['onsite'],
    auth: 'user',
    replayable: true,
    permission: 'work_orders.act',
    params: z.strictObject({ id: zId, itemId: zId }),
    body: z.strictObject({ done: z.boolean(), note: zText(500).nullable().optional() }),
    response: zCheck,
    handler: async ({ ctx, actor, params, body }) => {
      const r = await onsite.markChecklist(ctx, actor, params.id, params.itemId, body);
      return {
        item: presentItem(r.item),
        done: r.mark.done === 1,
        note: r.mark.note,
        markedBy: r.mark.marked_by,
        markedAt: r.mark.marked_at,
      };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/work-orders/:id/daily-log',
    summary:
      "WO-8: today's site log of the caller (site-local date); writing it again the same day changes it, with history",
    tags: ['onsite'],
    auth: 'user',
    replayable: true,
    permission: 'work_orders.act',
    params: zIdParams,
    body: z.strictObject({ workDone: zText(4000), nextSteps: zText(2000).nullable().optional() }),
    response: z.object({
      id: z.string(),
      date: z.string(),
      workDone: z.string(),
      nextSteps: z.string().nullable(),
    }),
    handler: async ({ ctx, actor, params, body }) => {
      const r = await onsite.writeDailyLog(ctx, actor, params.id, body);
      return { id: r.id, date: r.log_date, workDone: r.work_done, nextSteps: r.next_steps };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/weekly-reports',
    summary:
      'WO-8: a weekly report to the customer compiled from the daily logs; on_schedule once work on the site passes a week, customer_request any time',
    tags: ['onsite'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    params: zIdParams,
    body: z.strictObject({
      reason: z.enum(['on_schedule', 'customer_request']),
      summary: zText(4000).nullable().optional(),
    }),
    response: z.object({
      id: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      summary: z.string(),
      reason: z.string(),
    }),
    handler: async ({ ctx, actor, params, body }) => {
      const r = await onsite.createWeeklyReport(ctx, actor, params.id, body);
      return {
        id: r.id,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        summary: r.summary,
        reason: r.reason,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/checklist-items',
    summary: 'WO-6: the configured on-site checklist items (per order type; * applies to every type)',
    tags: ['onsite'],
    auth: 'user',
    permission: 'work_orders.read',
    response: z.object({ items: z.array(zItem) }),
    handler: async ({ ctx }) => ({ items: (await onsite.listChecklistItems(ctx)).map(presentItem) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/checklist-items',
    summary:
      'WO-6: add a checklist item for an order type; one with the code of a general item replaces it for that type',
    tags: ['onsite'],
    auth: 'user',
    permission: 'onsite.checklists.manage',
    status: 201,
    body: z.strictObject({
      orderType: z.enum(ORDER_TYPES),
      code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
      labelZh: zText(200),
      labelEn: zText(200),
      required: z.boolean().default(true),
      position: z.number().int().min(0).max(10_000).default(100),
    }),
    response: zItem,
    handler: async ({ ctx, actor, body }) => presentItem(await onsite.createChecklistItem(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/checklist-items/:id',
    summary: 'WO-6: reword, reorder, make optional or required, or retire a checklist item (never deleted)',
    tags: ['onsite'],
    auth: 'user',
    permission: 'onsite.checklists.manage',
    params: zIdParams,
    body: z.strictObject({
      labelZh: zText(200).optional(),
      labelEn: zText(200).optional(),
      required: z.boolean().optional(),
      position: z.number().int().min(0).max(10_000).optional(),
      active: z.boolean().optional(),
      reason: zText(500).optional(),
    }),
    response: zItem,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return presentItem(await onsite.updateChecklistItem(ctx, actor, params.id, patch, reason));
    },
  }),
  historyRoute({
    base: '/api/v1/checklist-items',
    entityType: 'checklist_item',
    tag: 'onsite',
    ensureVisible: async (ctx, _actor, id) => {
      return onsite.getChecklistItem(ctx, id);
    },
  }),
];
