/** /api/v1/capacity: staffing, vehicles and hotlines against the ratios, per region and team (RS-4). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zText } from '../../http/schemas.ts';
import { zPhone } from '../partners/partners.routes.ts';
import type { CapacityFigures, CapacityRules } from './capacity.rules.ts';
import * as capacity from './capacity.service.ts';

export const CAPACITY_READ = 'capacity.read';
export const CAPACITY_MANAGE = 'capacity.manage';

const zRules = z.object({
  homePerMaintainer: z.number(),
  linesPerMaintainer: z.number(),
  maintainersPerVehicle: z.number(),
  hotlineHours: z.number(),
});
const rulesOut = (r: CapacityRules): z.infer<typeof zRules> => ({
  homePerMaintainer: r.home_per_maintainer,
  linesPerMaintainer: r.lines_per_maintainer,
  maintainersPerVehicle: r.maintainers_per_vehicle,
  hotlineHours: r.hotline_hours,
});
const zFigures = z.object({
  homeSubscribers: z.number(),
  enterpriseLines: z.number(),
  maintainers: z.number(),
  maintainersNeeded: z.number(),
  maintainerGap: z.number(),
  vehicles: z.number(),
  vehiclesNeeded: z.number(),
  vehicleGap: z.number(),
  hotlinesShort: z.number(),
});
const figuresOut = (f: CapacityFigures): z.infer<typeof zFigures> => ({
  homeSubscribers: f.homeSubscribers,
  enterpriseLines: f.enterpriseLines,
  maintainers: f.maintainers,
  maintainersNeeded: f.maintainersNeeded,
  maintainerGap: f.maintainerGap,
  vehicles: f.vehicles,
  vehiclesNeeded: f.vehiclesNeeded,
  vehicleGap: f.vehicleGap,
  hotlinesShort: f.hotlinesShort,
});
const zHotline = z.object({
  id: z.string(),
  regionId: z.string(),
  partnerId: z.string().nullable(),
  phone: z.string(),
  hoursPerDay: z.number(),
  updatedAt: z.string(),
});
const zRatio = z.number().positive().max(100_000).optional();

export const capacityRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/capacity',
    summary:
      'RS-4: per region (rolled up the region tree) and per team, subscribers, lines, maintainers, vehicles and hotlines against the ratios; gaps below 0 are shortfalls',
    tags: ['capacity'],
    auth: 'user',
    permission: CAPACITY_READ,
    query: z.strictObject({ regionId: zId.optional() }),
    response: z.object({
      rules: zRules,
      regions: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          level: z.string(),
          parentId: z.string().nullable(),
          total: zFigures,
          byPartner: z.array(z.object({ partnerId: z.string().nullable(), figures: zFigures })),
        }),
      ),
      unplaced: z.array(z.object({ regionName: z.string(), partnerId: z.string(), lines: z.number() })),
    }),
    handler: async ({ ctx, actor, query }) => {
      const r = await capacity.capacityReport(ctx, actor.scope, query.regionId);
      return {
        rules: rulesOut(r.rules),
        regions: r.regions.map((g) => ({
          id: g.id,
          name: g.name,
          level: g.level,
          parentId: g.parentId,
          total: figuresOut(g.total),
          byPartner: g.byPartner.map((p) => ({ partnerId: p.partnerId, figures: figuresOut(p.figures) })),
        })),
        unplaced: r.unplaced,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/capacity/rules',
    summary: 'RS-4: the staffing ratios in force',
    tags: ['capacity'],
    auth: 'user',
    permission: CAPACITY_READ,
    response: zRules,
    handler: async ({ ctx }) => rulesOut(await capacity.currentRules(ctx)),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/capacity/rules',
    summary: 'RS-4: change the staffing ratios (each change recorded with its reason)',
    tags: ['capacity'],
    auth: 'user',
    permission: 'capacity.rules',
    body: z.strictObject({
      homePerMaintainer: zRatio,
      linesPerMaintainer: zRatio,
      maintainersPerVehicle: zRatio,
      hotlineHours: z.number().int().min(1).max(24).optional(),
      reason: zText(500),
    }),
    response: zRules,
    handler: async ({ ctx, actor, body }) =>
      rulesOut(
        await capacity.updateRules(
          ctx,
          actor,
          {
            home_per_maintainer: body.homePerMaintainer,
            lines_per_maintainer: body.linesPerMaintainer,
            maintainers_per_vehicle: body.maintainersPerVehicle,
            hotline_hours: body.hotlineHours,
          },
          body.reason,
        ),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/v1/capacity/hotlines',
    summary: 'RS-4: the hotlines of the teams (a partner sees only its own)',
    tags: ['capacity'],
    auth: 'user',
    permission: CAPACITY_READ,
    response: z.object({ items: z.array(zHotline) }),
    handler: async ({ ctx, actor }) => ({
      items: (await capacity.listHotlines(ctx, actor.scope)).map((h) => ({
        id: h.id,
        regionId: h.region_id,
        partnerId: h.partner_id,
        phone: h.phone,
        hoursPerDay: h.hours_per_day,
        updatedAt: h.updated_at,
      })),
    }),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/capacity/hotlines',
    summary: "RS-4: set a region team's hotline and the hours a day it is answered (one per region and team)",
    tags: ['capacity'],
    auth: 'user',
    permission: CAPACITY_MANAGE,
    body: z.strictObject({
      regionId: zId,
      partnerId: zId.nullable(),
      phone: zPhone,
      hoursPerDay: z.number().int().min(1).max(24),
    }),
    response: zHotline,
    handler: async ({ ctx, actor, body }) => {
      const h = await capacity.setHotline(ctx, actor, body);
      return {
        id: h.id,
        regionId: h.region_id,
        partnerId: h.partner_id,
        phone: h.phone,
        hoursPerDay: h.hours_per_day,
        updatedAt: h.updated_at,
      };
    },
  }),
];
