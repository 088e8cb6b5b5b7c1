/**
 * Travel times and distances between points for the daily plan (DP-2). The default estimates
 * from coordinates (great-circle × detour at the destination's area-class speed); a routing
 * engine's distance table (OSRM `table`, Valhalla `sources_to_targets`) is used when configured.
 */
import type { RoutingConfig } from '../../config.ts';
import { AppError, problem } from '../../shared/errors.ts';
import { haversineKm } from '../dispatch/dispatch.rules.ts';

export interface Point {
  lat: number;
  lng: number;
  areaClass: 'urban' | 'county' | 'rural';
}

/** Row-major L×L matrices: seconds and metres. */
export interface Matrix {
  seconds: number[];
  meters: number[];
}

export interface TravelProvider {
  name: string;
  table(points: readonly Point[]): Promise<Matrix>;
}

/** Great-circle × detour; the speed is the destination's area class (the slow end of the trip). */
export function greatCircleMatrix(
  points: readonly Point[],
  cfg: Pick<RoutingConfig, 'detour' | 'speeds'>,
): Matrix {
  const L = points.length;
  const seconds = new Array<number>(L * L).fill(0);
  const meters = new Array<number>(L * L).fill(0);
  for (let a = 0; a < L; a++) {
    for (let b = 0; b < L; b++) {
      if (a === b) continue;
      const pa = points[a] as Point;
      const pb = points[b] as Point;
      const m = haversineKm(pa, pb) * 1000 * cfg.detour;
      meters[a * L + b] = Math.round(m);
      seconds[a * L + b] = Math.round(m / ((cfg.speeds[pb.areaClass] * 1000) / 3600));
    }
  }
  return { seconds, meters };
}

function unreachable(provider: string, why: string): AppError {
  return new AppError(503, 'routing_unavailable', {}, [
    problem(
      'provider',
      `路径服务（${provider}）不可用：${why}`,
      `the routing engine (${provider}) failed: ${why}`,
    ),
  ]);
}

async function fetchJson(provider: string, url: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw unreachable(provider, (e as Error).message);
  }
  if (!res.ok) throw unreachable(provider, `HTTP ${res.status}`);
  return res.json();
}

/** A finite, non-negative number or the engine's answer is refused (null = no route). */
function cell(provider: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
    throw unreachable(provider, 'no route between two points');
  return x;
}

/** OSRM: GET /table/v1/driving/lng,lat;…?annotations=duration,distance */
export function osrmProvider(base: string): TravelProvider {
  return {
    name: 'osrm',
    async table(points) {
      const coords = points.map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
      const body = (await fetchJson(
        'osrm',
        `${base.replace(/\/$/, '')}/table/v1/driving/${coords}?annotations=duration,distance`,
      )) as {
        code?: string;
        durations?: unknown[][];
        distances?: unknown[][];
      };
      if (body.code !== 'Ok' || !body.durations || !body.distances)
        throw unreachable('osrm', String(body.code));
      return {
        seconds: body.durations.flatMap((row) => row.map((x) => Math.round(cell('osrm', x)))),
        meters: body.distances.flatMap((row) => row.map((x) => Math.round(cell('osrm', x)))),
      };
    },
  };
}

/** Valhalla: POST /sources_to_targets with every point as source and target; distance in km. */
export function valhallaProvider(base: string): TravelProvider {
  return {
    name: 'valhalla',
    async table(points) {
      const locs = points.map((p) => ({ lat: p.lat, lon: p.lng }));
      const body = (await fetchJson('valhalla', `${base.replace(/\/$/, '')}/sources_to_targets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sources: locs, targets: locs, costing: 'auto', units: 'kilometers' }),
      })) as { sources_to_targets?: { time?: unknown; distance?: unknown }[][] };
      const rows = body.sources_to_targets;
      if (!rows || rows.length !== points.length) throw unreachable('valhalla', 'unexpected answer');
      return {
        seconds: rows.flatMap((row) => row.map((c) => Math.round(cell('valhalla', c.time)))),
        meters: rows.flatMap((row) => row.map((c) => Math.round(cell('valhalla', c.distance) * 1000))),
      };
    },
  };
}

/** The provider the configuration selects. */
export function travelProvider(cfg: RoutingConfig): TravelProvider {
  if (cfg.provider === 'osrm' && cfg.url) return osrmProvider(cfg.url);
  if (cfg.provider === 'valhalla' && cfg.url) return valhallaProvider(cfg.url);
  return { name: 'great-circle', table: async (points) => greatCircleMatrix(points, cfg) };
}
