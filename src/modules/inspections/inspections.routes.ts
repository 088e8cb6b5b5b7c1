/** /api/v1/inspection-*: checklists, plans, inspections and their completion rate (RS-5). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zInstant, zPage, zText } from '../../http/schemas.ts';
import { MONTH_PATTERN, monthWindow } from '../assessment/assessment.rules.ts';
import { historyRoute } from '../history/history.routes.ts';
import { zPhone } from '../partners/partners.routes.ts';
import { regionPathOf } from '../regions/regions.service.ts';
import { completionRate } from './inspections.rules.ts';
import * as inspections from './inspections.service.ts';
import type { InspectionFindingTable, InspectionPlanTable, InspectionTable } from './inspections.tables.ts';

export const INSPECTIONS_READ = 'inspections.read';
export const INSPECTIONS_PLAN = 'inspections.plan';
export const INSPECTIONS_WORK = 'inspections.work';
export const INSPECTIONS_CHECKLISTS = 'inspections.checklists';

const zEntry = z.object({ key: z.string(), label: z.string(), expected: z.string().optional() });
const zPlan = z.object({
  id: z.string(),
  name: z.string(),
  target: z.enum(['site', 'equipment_class']),
  siteId: z.string().nullable(),
  equipmentClass: z.string(),
  regionId: z.string(),
  partnerId: z.string().nullable(),
  recurrence: z.enum(['monthly', 'quarterly', 'cron']),
  cron: z.string(),
  timeZone: z.string(),
  active: z.boolean(),
  nextAt: z.string().nullable(),
  updatedAt: z.string(),
});
const presentPlan = (p: InspectionPlanTable): z.infer<typeof zPlan> => ({
  id: p.id,
  name: p.name,
  target: p.target,
  siteId: p.site_id,
  equipmentClass: p.equipment_class,
  regionId: p.region_id,
  partnerId: p.partner_id,
  recurrence: p.recurrence,
  cron: p.cron,
  timeZone: p.time_zone,
  active: p.active === 1,
  nextAt: p.next_at,
  updatedAt: p.updated_at,
});
const zResult = z.strictObject({
  key: zText(64),
  ok: z.boolean(),
  reading: zText(100).optional(),
  note: zText(1000).optional(),
  fault: z.boolean().optional(),
});
const zInspection = z.object({
  id: z.string(),
  planId: z.string(),
  occurrence: z.string(),
  dueAt: z.string(),
  siteId: z.string().nullable(),
  equipmentId: z.string().nullable(),
  regionId: z.string(),
  partnerId: z.string().nullable(),
  equipmentClass: z.string(),
  state: z.enum(['open', 'completed']),
  results: z
    .array(
      z.object({
        key: z.string(),
        ok: z.boolean(),
        reading: z.string().optional(),
        note: z.string().optional(),
        fault: z.boolean().optional(),
      }),
    )
    .nullable(),
  completedAt: z.string().nullable(),
});
const presentInspection = (i: InspectionTable): z.infer<typeof zInspection> => ({
  id: i.id,
  planId: i.plan_id,
  occurrence: i.occurrence,
  dueAt: i.due_at,
  siteId: i.site_id,
  equipmentId: i.equipment_id,
  regionId: i.region_id,
  partnerId: i.partner_id,
  equipmentClass: i.equipment_class,
  state: i.state,
  results: i.results_json ? JSON.parse(i.results_json) : null,
  completedAt: i.completed_at,
});
const zFinding = z.object({ itemKey: z.string(), note: z.string(), workOrderId: z.string() });
const presentFinding = (f: InspectionFindingTable) => ({
  itemKey: f.item_key,
  note: f.note,
  workOrderId: f.work_order_id,
});

export const inspectionsRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/inspection-checklists',
    summary: 'RS-5: the inspection checklist of each equipment class',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_READ,
    response: z.object({ items: z.array(z.object({ equipmentClass: z.string(), items: z.array(zEntry) })) }),
    handler: async ({ ctx }) => ({
      items: (await inspections.listChecklists(ctx)).map((c) => ({
        equipmentClass: c.equipment_class,
        items: inspections.parseItems(c),
      })),
    }),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/inspection-checklists',
    summary: 'RS-5: set the checklist of an equipment class (the product of the equipment)',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_CHECKLISTS,
    body: z.strictObject({
      equipmentClass: zText(100),
      items: z
        .array(z.strictObject({ key: zText(64), label: zText(200), expected: zText(100).optional() }))
        .min(1)
        .max(100),
    }),
    response: z.object({ equipmentClass: z.string(), items: z.array(zEntry) }),
    handler: async ({ ctx, actor, body }) => {
      const c = await inspections.putChecklist(ctx, actor, body.equipmentClass, body.items);
      return { equipmentClass: c.equipment_class, items: inspections.parseItems(c) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/inspection-plans',
    summary: 'RS-5: inspection plans (a partner sees only its own)',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_READ,
    query: z.strictObject({ ...zPage }),
    response: z.object({ items: z.array(zPlan) }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await inspections.listPlans(ctx, actor.scope, query)).map(presentPlan),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/inspection-plans',
    summary:
      'RS-5: plan inspections of a site, or of every piece of an equipment class in a region, monthly, quarterly or by a cron expression',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_PLAN,
    status: 201,
    body: z.strictObject({
      name: zText(200),
      target: z.enum(['site', 'equipment_class']),
      siteId: zId.nullable().optional(),
      regionId: zId.nullable().optional(),
      equipmentClass: zText(100),
      partnerId: zId.nullable().optional(),
      recurrence: z.enum(['monthly', 'quarterly', 'cron']),
      cron: zText(100).nullable().optional(),
    }),
    response: zPlan,
    handler: async ({ ctx, actor, body }) => presentPlan(await inspections.createPlan(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/inspection-plans/:id',
    summary: 'RS-5: one inspection plan',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_READ,
    params: zIdParams,
    response: zPlan,
    handler: async ({ ctx, actor, params }) =>
      presentPlan(await inspections.getPlan(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/inspection-plans/:id',
    summary: 'RS-5: pause, resume or re-time a plan (the next occurrence counts from now)',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_PLAN,
    params: zIdParams,
    body: z.strictObject({
      active: z.boolean().optional(),
      recurrence: z.enum(['monthly', 'quarterly', 'cron']).optional(),
      cron: zText(100).nullable().optional(),
      reason: zText(500).optional(),
    }),
    response: zPlan,
    handler: async ({ ctx, actor, params, body }) =>
      presentPlan(await inspections.updatePlan(ctx, actor, params.id, body)),
  }),
  historyRoute({
    base: '/api/v1/inspection-plans',
    entityType: 'inspection_plan',
    tag: 'inspections',
    ensureVisible: (ctx, actor, id) => inspections.getPlan(ctx, actor.scope, id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/inspections',
    summary: 'RS-5: inspections by due time (the calendar of due inspections), plan or state',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_READ,
    query: z.strictObject({
      planId: zId.optional(),
      state: z.enum(['open', 'completed']).optional(),
      dueFrom: zInstant.optional(),
      dueTo: zInstant.optional(),
      ...zPage,
    }),
    response: z.object({ items: z.array(zInspection) }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await inspections.listInspections(ctx, actor.scope, query)).map(presentInspection),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/inspections/:id',
    summary: 'RS-5: one inspection with its checklist and the fault orders its findings became',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_READ,
    params: zIdParams,
    response: zInspection.extend({ checklist: z.array(zEntry), findings: z.array(zFinding) }),
    handler: async ({ ctx, actor, params }) => {
      const d = await inspections.inspectionDetail(ctx, actor.scope, params.id);
      return {
        ...presentInspection(d.row),
        checklist: d.checklist,
        findings: d.findings.map(presentFinding),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/inspections/:id/complete',
    summary:
      'RS-5: complete an inspection with every checklist item answered; each fault becomes a fault work order found by the engineer',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_WORK,
    params: zIdParams,
    body: z.strictObject({
      results: z.array(zResult).min(1).max(100),
      contactName: zText(100).optional(),
      contactPhone: zPhone.optional(),
    }),
    response: zInspection.extend({ findings: z.array(zFinding) }),
    handler: async ({ ctx, actor, params, body }) => {
      await inspections.completeInspection(ctx, actor, params.id, body);
      const d = await inspections.inspectionDetail(ctx, actor.scope, params.id);
      return { ...presentInspection(d.row), findings: d.findings.map(presentFinding) };
    },
  }),
  historyRoute({
    base: '/api/v1/inspections',
    entityType: 'inspection',
    tag: 'inspections',
    ensureVisible: (ctx, actor, id) => inspections.getInspection(ctx, actor.scope, id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/inspection-completion',
    summary:
      'RS-5: per region and partner, inspections planned in a month and those completed before the next was due, as a rate',
    tags: ['inspections'],
    auth: 'user',
    permission: INSPECTIONS_READ,
    query: z.strictObject({
      month: z.string().regex(MONTH_PATTERN),
      regionId: zId.optional(),
    }),
    response: z.object({
      items: z.array(
        z.object({
          regionId: z.string(),
          partnerId: z.string().nullable(),
          planned: z.number(),
          completed: z.number(),
          rate: z.number().nullable(),
        }),
      ),
    }),
    handler: async ({ ctx, actor, query }) => {
      // An unknown region matches no path, so it answers no rows rather than every region.
      const regionPath = query.regionId ? ((await regionPathOf(ctx, query.regionId)) ?? '/unknown/') : null;
      const rows = await inspections.completionCounts(ctx, actor.scope, {
        ...monthWindow(query.month),
        regionPath,
      });
      return {
        items: rows.map((r) => ({
          regionId: r.region_id,
          partnerId: r.partner_id,
          planned: Number(r.planned),
          completed: Number(r.done),
          rate: completionRate(Number(r.done), Number(r.planned)),
        })),
      };
    },
  }),
];
