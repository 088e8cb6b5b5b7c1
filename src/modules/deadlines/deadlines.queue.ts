/**
 * The dispatcher's unassigned queue, most urgent first across pages (issue 17, SL-1): the order
 * of the rows is decided by the database (see `unassignedByRisk`), so page 2 continues page 1
 * instead of re-sorting 20 rows in the browser. Each row carries its nearest running clock as
 * the boards show it (remaining business minutes, at risk, overdue).
 */
import type { AppContext } from '../../app/context.ts';
import { invalid, problem } from '../../shared/errors.ts';
import type { Scope } from '../access/policy.ts';
import * as repo from './deadlines.repository.ts';
import { type ClockView, nextClocks } from './deadlines.service.ts';

export interface QueueItem {
  orderId: string;
  number: string;
  severity: string;
  state: string;
  type: string;
  regionId: string;
  receivedAt: string;
  siteName: string | null;
  siteLat: number | null;
  siteLng: number | null;
  clock: ClockView | null;
}

export async function unassignedQueue(
  ctx: AppContext,
  scope: Scope,
  filter: { regionId?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ items: QueueItem[]; total: number }> {
  let regionPath: string | undefined;
  if (filter.regionId) {
    const r = await repo.regionPathOf(ctx.db, filter.regionId);
    if (!r) throw invalid([problem('regionId', '区域不存在', 'no such region')]);
    regionPath = r.path;
  }
  const [rows, total] = await Promise.all([
    repo.unassignedPage(ctx.db, scope, regionPath, page),
    repo.unassignedCount(ctx.db, scope, regionPath),
  ]);
  const clocks = new Map(
    (
      await nextClocks(
        ctx,
        scope,
        rows.map((r) => r.id),
      )
    ).map((c) => [c.orderId, c]),
  );
  return {
    total,
    items: rows.map((r) => ({
      orderId: r.id,
      number: r.number,
      severity: r.severity,
      state: r.state,
      type: r.type,
      regionId: r.region_id,
      receivedAt: r.received_at,
      siteName: r.site_name,
      siteLat: r.site_lat,
      siteLng: r.site_lng,
      clock: clocks.get(r.id) ?? null,
    })),
  };
}
