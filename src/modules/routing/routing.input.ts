/**
 * Gathers what a plan is made from (DP-2): engineers covering the region and on duty that day
 * (duty roster; the usual 08:30–17:30 where no roster is kept), their products (RS-3), the open
 * orders with confirmed appointment windows (WO-5) and deadline clocks (SL-1), and the travel
 * matrix (cached per region, day and set of points).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../shared/ids.ts';
import * as dispatch from '../dispatch/dispatch.queries.ts';
import { dutyOn } from '../duty/duty.service.ts';
import { eligibilityGaps } from '../people/people.rules.ts';
import { localToUtc } from '../work-orders/local-time.ts';
import * as repo from './routing.repository.ts';
import { type PlanEngineer, type PlanInput, type PlanOrder, serviceSeconds } from './routing.rules.ts';
import { type Matrix, type Point, travelProvider } from './travel.ts';

const DEFAULT_SHIFT = ['08:30', '17:30'] as const;
export const MAX_STOPS = 12;

/** Seconds from the plan day's midnight. */
const secondsFrom = (dayStart: string, instant: string) =>
  Math.round((Date.parse(instant) - Date.parse(dayStart)) / 1000);

/** Engineers covering the region who are on duty on the day, with their shift and products. */
async function engineersFor(
  db: Kysely<DB>,
  region: { path: string },
  day: string,
  dayStart: string,
  tz: string,
  products: string[],
  partnerId: string | undefined,
) {
  const people = await dispatch.engineers(db, { partnerId });
  const ids = people.map((p) => p.id);
  const [paths, roles, certs, duty] = await Promise.all([
    dispatch.regionPathsOf(db, ids),
    dispatch.rolesOf(db, ids),
    dispatch.certificationsOf(db, ids),
    dutyOn(db, ids, day),
  ]);
  const out: (Omit<PlanEngineer, 'point'> & { lat: number | null; lng: number | null })[] = [];
  for (const p of people) {
    const mine = paths.filter((x) => x.person_id === p.id).map((x) => x.path);
    if (!mine.some((m) => region.path.startsWith(m) || m.startsWith(region.path))) continue;
    if (duty.leave.some((l) => l.person_id === p.id)) continue;
    let shift: [number, number];
    if (duty.rostered.has(p.id)) {
      const s = duty.shifts.find((x) => x.person_id === p.id && x.day === day);
      if (!s) continue;
      shift = [secondsFrom(dayStart, s.starts_at), secondsFrom(dayStart, s.ends_at)];
    } else {
      shift = [
        secondsFrom(dayStart, localToUtc(day, DEFAULT_SHIFT[0], tz).toISOString()),
        secondsFrom(dayStart, localToUtc(day, DEFAULT_SHIFT[1], tz).toISOString()),
      ];
    }
    const facts = {
      active: p.active === 1,
      roles: roles.filter((r) => r.person_id === p.id).map((r) => r.role),
      profile:
        p.profile_id && p.employment
          ? {
              employment: p.employment,
              workCardNo: p.work_card_no,
              workCardExpiresOn: p.work_card_expires_on,
            }
          : null,
      certifications: certs
        .filter((c) => c.person_id === p.id)
        .map((c) => ({ product: c.product, expiresOn: c.expires_on, revokedAt: c.revoked_at ?? null })),
    };
    out.push({
      personId: p.id,
      name: p.display_name,
      shift,
      products: products.filter((prod) => eligibilityGaps(facts, prod, day).length === 0),
      lat: p.last_lat,
      lng: p.last_lng,
    });
  }
  return out;
}

/** Orders to plan, their windows and deadlines; orders with no coordinates are reported apart. */
async function ordersFor(
  db: Kysely<DB>,
  region: { path: string },
  dayStart: string,
  filter: { partnerId?: string | undefined; ids?: readonly string[] | undefined },
) {
  const rows = await repo.plannableOrders(db, region.path, filter);
  const ids = rows.map((r) => r.id);
  const dayEnd = new Date(Date.parse(dayStart) + 86_400_000).toISOString();
  const [appts, allAppts, clocks] = await Promise.all([
    repo.confirmedAppointments(db, ids, dayStart, dayEnd),
    repo.confirmedAppointments(db, ids, '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'),
    repo.runningClocks(db, ids),
  ]);
  const orders: (Omit<PlanOrder, 'point'> & { at: Point })[] = [];
  const noLocation: string[] = [];
  for (const r of rows) {
    const appt = appts.find((a) => a.order_id === r.id);
    // An order agreed for another day is not today's work.
    if (!appt && allAppts.some((a) => a.order_id === r.id)) continue;
    if (r.lat === null || r.lng === null) {
      noLocation.push(r.id);
      continue;
    }
    const dues = clocks.filter((c) => c.order_id === r.id && c.due_at).map((c) => c.due_at as string);
    dues.sort();
    orders.push({
      orderId: r.id,
      number: r.number,
      severity: r.severity,
      product: r.product,
      window: appt
        ? [Math.max(0, secondsFrom(dayStart, appt.window_start)), secondsFrom(dayStart, appt.window_end)]
        : null,
      service: serviceSeconds(r.type),
      deadline: dues[0] ? secondsFrom(dayStart, dues[0]) : null,
      at: { lat: r.lat, lng: r.lng, areaClass: r.area_class ?? 'county' },
    });
  }
  return { orders, noLocation };
}

/** The plan input for a region and day, and the orders that could not be placed on the map. */
export async function gatherInput(
  ctx: AppContext,
  region: { id: string; path: string; time_zone: string },
  day: string,
  partnerId: string | undefined,
): Promise<{ input: PlanInput; noLocation: string[] }> {
  const tz = region.time_zone;
  const dayStart = localToUtc(day, '00:00', tz).toISOString();
  const { orders, noLocation } = await ordersFor(ctx.db, region, dayStart, { partnerId });
  const products = [...new Set(orders.map((o) => o.product).filter((p): p is string => p !== null))];
  const engineers = await engineersFor(ctx.db, region, day, dayStart, tz, products, partnerId);
  // Engineers without a known position start from the middle of the day's work.
  const centre: Point = orders.length
    ? {
        lat: orders.reduce((a, o) => a + o.at.lat, 0) / orders.length,
        lng: orders.reduce((a, o) => a + o.at.lng, 0) / orders.length,
        areaClass: 'county',
      }
    : { lat: 26.58, lng: 106.71, areaClass: 'urban' };
  const points: Point[] = [];
  const plannedEngineers: PlanEngineer[] = engineers.map(({ lat, lng, ...e }) => {
    points.push(lat !== null && lng !== null ? { lat, lng, areaClass: 'county' } : centre);
    return { ...e, point: points.length - 1 };
  });
  const plannedOrders: PlanOrder[] = orders.map(({ at, ...o }) => {
    points.push(at);
    return { ...o, point: points.length - 1 };
  });
  const provider = travelProvider(ctx.config.routing).name;
  return {
    input: {
      regionId: region.id,
      day,
      timeZone: tz,
      dayStart,
      provider,
      pointsKey: pointsKey(provider, points),
      points,
      engineers: plannedEngineers,
      orders: plannedOrders,
      maxStops: MAX_STOPS,
    },
    noLocation,
  };
}

/** One order's plan facts (urgent insertion), or null when it is not plannable today. */
export async function orderFacts(
  ctx: AppContext,
  region: { path: string },
  dayStart: string,
  orderId: string,
) {
  const { orders } = await ordersFor(ctx.db, region, dayStart, { ids: [orderId] });
  return orders[0] ?? null;
}

export function pointsKey(provider: string, points: readonly Point[]): string {
  const text = JSON.stringify([
    provider,
    points.map((p) => [p.lat.toFixed(6), p.lng.toFixed(6), p.areaClass]),
  ]);
  return createHash('sha256').update(text).digest('hex');
}

/** The travel matrix for the input's points: from the cache, or from the provider (then cached). */
export async function matrixFor(ctx: AppContext, input: PlanInput): Promise<Matrix> {
  const cached = await repo.findMatrix(ctx.db, input.regionId, input.day, input.pointsKey);
  if (cached) return JSON.parse(cached.data) as Matrix;
  const provider = travelProvider(ctx.config.routing);
  const matrix = await provider.table(input.points);
  await repo.insertMatrix(ctx.db, {
    id: newId(),
    region_id: input.regionId,
    day: input.day,
    points_key: input.pointsKey,
    provider: provider.name,
    data: JSON.stringify(matrix),
    created_at: ctx.clock.now().toISOString(),
  });
  return matrix;
}
