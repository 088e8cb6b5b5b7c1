/**
 * DP-2 daily plan, pure: the solver problem made from a region's day (engineers on duty with their
 * certified products, open orders with appointment windows and deadline clocks), and the plan's
 * consequences re-checked from scratch for any assignment (the solver's, or a dispatcher's move):
 * arrival, start and end per stop, missed windows, lateness past the deadline, overtime.
 * Times are seconds from the plan day's local midnight; distances metres.
 */
import type { Bilingual } from '../../shared/i18n.ts';
import type { Problem, UnplacedReason } from './solver/model.ts';
import type { Matrix, Point } from './travel.ts';

export interface PlanEngineer {
  personId: string;
  name: string;
  /** Index into `points` where the day starts and ends. */
  point: number;
  shift: [number, number];
  /** Products the engineer may be sent for (RS-3: certified, work card valid). */
  products: string[];
}

export interface PlanOrder {
  orderId: string;
  number: string;
  point: number;
  severity: string;
  product: string | null;
  /** Confirmed appointment (WO-5) as the only window, or null for any time in the shift. */
  window: [number, number] | null;
  service: number;
  /** Earliest running deadline clock (SL-1), or null. */
  deadline: number | null;
}

export interface PlanInput {
  regionId: string;
  day: string;
  timeZone: string;
  /** UTC instant of local midnight of `day`. */
  dayStart: string;
  provider: string;
  pointsKey: string;
  points: Point[];
  engineers: PlanEngineer[];
  orders: PlanOrder[];
  /** Most stops one engineer takes in a day. */
  maxStops: number;
}

/** The assignment a plan holds: stops in order per engineer, locks, and what was left out. */
export interface PlanAssignment {
  routes: { personId: string; orderIds: string[] }[];
  locked: string[];
  unplaced: { orderId: string; reason: UnplacedReason | 'no_location' }[];
}

/** Leaving out a critical order costs more than anything; lateness weighs by severity. */
const SEVERITY_WEIGHT: Record<string, number> = { critical: 8, major: 4, minor: 2, advisory: 1 };
const PRIORITY: Record<string, number> = { critical: 3, major: 2, minor: 1, advisory: 0 };
/** Using one more engineer is worth this many metres of driving (vehicles before travel). */
export const ENGINEER_COST_M = 200_000;
/** A second of lateness at weight 1, in metres: lateness ranks before engineers and travel. */
export const LATENESS_M_PER_S = 1_000;

/** Service minutes by order type (default 60). */
export function serviceSeconds(type: string): number {
  return (type === 'fault_repair' ? 90 : type === 'installation' ? 120 : 60) * 60;
}

/** The solver problem for a plan; `lockedTo` pins orders to engineers (by index). */
export function toProblem(
  input: PlanInput,
  matrix: Matrix,
  lockedTo: Map<string, number> = new Map(),
): Problem {
  const products = [...new Set(input.orders.map((o) => o.product).filter((p): p is string => p !== null))];
  const skillOf = (p: string) => products.indexOf(p) % 31;
  return {
    size: input.points.length,
    distance: matrix.meters,
    duration: matrix.seconds,
    vehicles: input.engineers.map((e) => ({
      start: e.point,
      end: e.point,
      shift: e.shift,
      capacity: input.maxStops,
      skills: e.products.filter((p) => products.includes(p)).map(skillOf),
      fixedCost: ENGINEER_COST_M,
    })),
    jobs: input.orders.map((o) => ({
      location: o.point,
      ...(o.window ? { windows: [o.window] } : {}),
      service: o.service,
      demand: 1,
      skills: o.product ? [skillOf(o.product)] : [],
      priority: PRIORITY[o.severity] ?? 0,
      ...(o.deadline !== null
        ? { deadline: o.deadline, latenessWeight: LATENESS_M_PER_S * (SEVERITY_WEIGHT[o.severity] ?? 1) }
        : {}),
      mustDo: o.severity === 'critical',
      ...(lockedTo.has(o.orderId) ? { lockedVehicle: lockedTo.get(o.orderId) as number } : {}),
    })),
  };
}

export interface StopView {
  orderId: string;
  number: string;
  severity: string;
  arrival: number;
  start: number;
  end: number;
  window: [number, number] | null;
  deadline: number | null;
  /** Seconds past the deadline at the end of service (0 when on time). */
  lateBy: number;
  /** True when the appointment window is missed (arrival after its end). */
  missesWindow: boolean;
  /** True when the engineer is not certified for the product (RS-3). */
  notQualified: boolean;
  locked: boolean;
}

export interface RouteView {
  personId: string;
  name: string;
  shift: [number, number];
  stops: StopView[];
  meters: number;
  /** Back at the start point. */
  back: number;
  /** Seconds past the shift end (0 when within). */
  overtime: number;
}

/** The consequences of an assignment, computed from scratch (the server's own re-check). */
export function evaluate(input: PlanInput, matrix: Matrix, a: PlanAssignment): RouteView[] {
  const L = input.points.length;
  const orders = new Map(input.orders.map((o) => [o.orderId, o]));
  const locked = new Set(a.locked);
  return a.routes.flatMap((r) => {
    const e = input.engineers.find((x) => x.personId === r.personId);
    if (!e) return [];
    let t = e.shift[0];
    let at = e.point;
    let meters = 0;
    const stops: StopView[] = [];
    for (const id of r.orderIds) {
      const o = orders.get(id);
      if (!o) continue;
      const arrival = t + (matrix.seconds[at * L + o.point] as number);
      meters += matrix.meters[at * L + o.point] as number;
      const start = o.window ? Math.max(arrival, o.window[0]) : arrival;
      const end = start + o.service;
      stops.push({
        orderId: id,
        number: o.number,
        severity: o.severity,
        arrival,
        start,
        end,
        window: o.window,
        deadline: o.deadline,
        lateBy: o.deadline !== null ? Math.max(0, end - o.deadline) : 0,
        missesWindow: o.window !== null && arrival > o.window[1],
        notQualified: o.product !== null && !e.products.includes(o.product),
        locked: locked.has(id),
      });
      t = end;
      at = o.point;
    }
    const back = t + (matrix.seconds[at * L + e.point] as number);
    meters += matrix.meters[at * L + e.point] as number;
    return [
      {
        personId: e.personId,
        name: e.name,
        shift: e.shift,
        stops,
        meters: stops.length ? meters : 0,
        back: stops.length ? back : e.shift[0],
        overtime: stops.length ? Math.max(0, back - e.shift[1]) : 0,
      },
    ];
  });
}

export const unplacedLabels: Record<PlanAssignment['unplaced'][number]['reason'], Bilingual> = {
  no_skilled_vehicle: {
    'zh-CN': '当天值班人员中没有具备该产品认证的工程师',
    en: 'no engineer on duty is certified for the product',
  },
  over_capacity: { 'zh-CN': '超出工程师当天可承接的工单数', en: 'more than an engineer can take in a day' },
  window_unreachable: {
    'zh-CN': '预约时段内任何值班工程师都无法到达',
    en: 'no engineer on duty can reach it within the appointment window',
  },
  no_room: {
    'zh-CN': '当天路线已排满，无法在时限内插入',
    en: 'the day’s routes have no room for it in time',
  },
  no_location: { 'zh-CN': '站点没有坐标，无法排路线', en: 'the site has no coordinates to plan a route' },
};
