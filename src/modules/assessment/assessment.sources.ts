/**
 * Indicators supplied by other capabilities (complaints, inspections, major operations). They
 * plug in here with `registerIndicatorSource`, so assessment never reads their tables; until a
 * source is registered, its indicator says "no data" — never a made-up 0 or 100.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';

/** The slice an indicator source is asked about. */
export interface IndicatorWindow {
  /** First instant of the month (inclusive), ISO UTC text. */
  from: string;
  /** First instant of the next month (exclusive), ISO UTC text. */
  to: string;
  /**
   * Only records of orders / sites under this region path (`/province/prefecture/…/`, match
   * with `LIKE path || '%'`); null for every region.
   */
  regionPath: string | null;
  /** The caller's scope: a source must answer only what the caller may see. */
  scope: Scope;
}

/**
 * What a source answers, one row per partner (null: own staff):
 * - complaints: `count` = complaints received in the window, `total` = the orders they are
 *   divided by, `value` = complaints per 1,000 of them as the owning capability rounds it;
 * - inspection_completion: `count` = inspections completed as planned, `total` = planned;
 * - operation_violations: `count` = rule violations found in the window.
 */
export interface SourceRow {
  partnerId: string | null;
  count: number;
  total?: number;
  /** The figure itself when the owning capability computes it (one implementation). */
  value?: number | null;
}

export type IndicatorSource = (ctx: AppContext, window: IndicatorWindow) => Promise<SourceRow[]>;

export const SOURCE_NAMES = ['complaints', 'inspection_completion', 'operation_violations'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

const sources = new Map<SourceName, IndicatorSource>();

/** Called from a capability's `register()`; a second registration for a name replaces the first. */
export function registerIndicatorSource(name: SourceName, source: IndicatorSource): void {
  sources.set(name, source);
}

/** The registered source, or undefined when its capability is absent. */
export function indicatorSource(name: SourceName): IndicatorSource | undefined {
  return sources.get(name);
}

/** Removes a source (tests that prove the "no data" case after registering one). */
export function unregisterIndicatorSource(name: SourceName): void {
  sources.delete(name);
}
