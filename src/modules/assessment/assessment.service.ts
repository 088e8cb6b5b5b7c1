/** Vendor assessment (VA-1): a month's indicators per partner, in the caller's scope. */
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { Scope } from '../access/policy.ts';
import { satisfactionBy } from '../dashboard/dashboard.satisfaction.ts';
import { CLOCK_KINDS } from '../deadlines/deadlines.defaults.ts';
import { INSTALLATION, monthInputs } from './assessment.inputs.ts';
import * as repo from './assessment.repository.ts';
import {
  histogramTimeFigure,
  type IndicatorValue,
  monthWindow,
  NO_DATA,
  percent,
  round,
  shareFigure,
  TIMED_CLOCKS,
} from './assessment.rules.ts';
import {
  type IndicatorWindow,
  indicatorSource,
  type SourceName,
  type SourceRow,
} from './assessment.sources.ts';

/** One partner's figures for the month (partnerId null: the operator's own staff). */
export interface PartnerIndicators {
  partnerId: string | null;
  partnerName: string | null;
  /** Orders received (not cancelled) in the month. */
  orders: number;
  indicators: Record<string, IndicatorValue>;
}

export interface IndicatorQuery {
  month: string;
  regionId?: string | undefined;
  partnerId?: string | undefined;
}

const key = (partnerId: string | null) => partnerId ?? '';

/** Rows grouped by partner into a map keyed by partner id ('' for own staff). */
function byPartner<R extends { partner_id: string | null }>(rows: readonly R[]): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r.partner_id);
    // Appended in place: a month at scale has hundreds of thousands of clock rows.
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Whether the caller may narrow to a region: a partner to its regions or those above them. */
export function regionVisible(scope: Scope, path: string): boolean {
  return scope.kind !== 'partner' || scope.regionPaths.some((p) => path.startsWith(p) || p.startsWith(path));
}

/** The month, region path and partner the caller may assess; a partner is held to itself. */
export async function resolveSlice(ctx: AppContext, scope: Scope, q: IndicatorQuery) {
  const { from, to } = monthWindow(q.month);
  let region: Awaited<ReturnType<typeof repo.findRegion>> | null = null;
  if (q.regionId) {
    region = (await repo.findRegion(ctx.db, q.regionId)) ?? null;
    // A partner may narrow to its regions or the regions above them, never another's area.
    if (!region || !regionVisible(scope, region.path))
      throw new AppError(404, 'not_found', { entity: 'region' });
  }
  let partnerId = q.partnerId;
  if (scope.kind === 'partner') {
    // A partner sees only its own figures; another partner's id reveals nothing.
    if (partnerId && partnerId !== scope.partnerId)
      throw new AppError(404, 'not_found', { entity: 'partner' });
    partnerId = scope.partnerId;
  }
  return { slice: { from, to, regionPath: region?.path ?? null, partnerId }, region };
}

/** Calls a registered source; null when its capability is absent. Narrowed to the asked partner. */
async function fromSource(
  ctx: AppContext,
  name: SourceName,
  window: IndicatorWindow,
  partnerId: string | undefined,
) {
  const source = indicatorSource(name);
  if (!source) return null;
  const rows = (await source(ctx, window)).filter((r) => !partnerId || r.partnerId === partnerId);
  return byPartner(rows.map((r: SourceRow) => ({ ...r, partner_id: r.partnerId })));
}

/**
 * Complaints per 1,000 orders: the source's own figure and base when it gives them (the
 * satisfaction figures' closed orders), else its count over the orders received.
 */
function perThousand(row: SourceRow | undefined, received: number): IndicatorValue {
  if (row && row.value !== undefined) return { value: row.value, sample: row.total ?? 0, available: true };
  const count = row?.count ?? 0;
  return { value: received ? round((count * 1000) / received, 1) : null, sample: received, available: true };
}

/**
 * Every VA-1 indicator per partner for one month, region and (optionally) partner. Durations,
 * compliance and receipts come from the rollups unless `fromBaseRows` (the reference path).
 */
export async function monthIndicators(
  ctx: AppContext,
  scope: Scope,
  q: IndicatorQuery,
  opts: { fromBaseRows?: boolean } = {},
) {
  const { slice, region } = await resolveSlice(ctx, scope, q);
  const { db, kit } = ctx;
  const window: IndicatorWindow = { from: slice.from, to: slice.to, regionPath: slice.regionPath, scope };
  const [inputs, ftf, repeats, followUps, escalations, ratings] = await Promise.all([
    monthInputs(ctx, scope, slice, opts),
    repo.firstTimeFixCounts(db, scope, slice),
    repo.repeatFaultCounts(db, kit, scope, slice),
    repo.followUpCounts(db, scope, slice),
    repo.escalationCounts(db, scope, slice),
    satisfactionBy(ctx, scope, 'partner', {
      from: slice.from,
      to: slice.to,
      regionPath: slice.regionPath ?? undefined,
    }),
  ]);
  const [complaints, inspections, violations] = await Promise.all([
    fromSource(ctx, 'complaints', window, slice.partnerId),
    fromSource(ctx, 'inspection_completion', window, slice.partnerId),
    fromSource(ctx, 'operation_violations', window, slice.partnerId),
  ]);
  const groups = {
    durations: byPartner(inputs.durations),
    compliance: byPartner(inputs.compliance),
    ftf: byPartner(ftf),
    repeats: byPartner(repeats),
    followUps: byPartner(followUps),
    escalations: byPartner(escalations),
    received: byPartner(inputs.received),
    // Only the rating figures are taken from the shared satisfaction aggregate (CS-2).
    ratings: byPartner(
      ratings
        .map((r) => ({ ...r, partner_id: r.key }))
        .filter((r) => r.rated + r.refused > 0 && (!slice.partnerId || r.partner_id === slice.partnerId)),
    ),
  };
  const keys = new Set<string>();
  for (const g of Object.values(groups)) for (const k of g.keys()) keys.add(k);
  for (const g of [complaints, inspections, violations]) for (const k of g?.keys() ?? []) keys.add(k);
  const ids = [...keys].filter((k) => k !== '');
  const names = await repo.partnerNames(db, ids);

  const share = (rows: { total: number | string; hits: number | string | null }[] | undefined) =>
    shareFigure(Number(rows?.[0]?.hits ?? 0), Number(rows?.[0]?.total ?? 0));

  const rows: PartnerIndicators[] = [...keys].map((k) => {
    const orders = Number(groups.received.get(k)?.[0]?.total ?? 0);
    const ind: Record<string, IndicatorValue> = {};
    const buckets = (measure: string) =>
      (groups.durations.get(k) ?? []).find((r) => r.measure === measure)?.buckets ?? [];
    ind.installation_lead_time = histogramTimeFigure(buckets(INSTALLATION), 60);
    for (const kind of TIMED_CLOCKS) ind[`${kind}_time`] = histogramTimeFigure(buckets(kind));
    for (const kind of CLOCK_KINDS) {
      const c = (groups.compliance.get(k) ?? []).find((r) => r.kind === kind);
      const total = Number(c?.total ?? 0);
      ind[`compliance_${kind}`] = shareFigure(total - Number(c?.breached ?? 0), total);
    }
    ind.first_time_fix = share(groups.ftf.get(k));
    ind.repeat_faults = share(groups.repeats.get(k));
    ind.follow_up_completion = share(groups.followUps.get(k));
    ind.escalation_timeliness = share(groups.escalations.get(k));
    const sat = groups.ratings.get(k)?.[0];
    ind.satisfaction_score = { value: sat?.average ?? null, sample: sat?.rated ?? 0, available: true };
    ind.satisfaction_rate = { value: sat?.rate ?? null, sample: sat?.rated ?? 0, available: true };
    ind.complaints_per_1000 = complaints ? perThousand(complaints.get(k)?.[0], orders) : NO_DATA;
    const insp = inspections?.get(k)?.[0];
    ind.inspection_completion = inspections
      ? { value: percent(insp?.count ?? 0, insp?.total ?? 0), sample: insp?.total ?? 0, available: true }
      : NO_DATA;
    ind.operation_violations = violations
      ? { value: violations.get(k)?.[0]?.count ?? 0, sample: orders, available: true }
      : NO_DATA;
    return {
      partnerId: k === '' ? null : k,
      partnerName: k === '' ? null : (names.get(k) ?? null),
      orders,
      indicators: ind,
    };
  });
  rows.sort((a, b) => (a.partnerName ?? '').localeCompare(b.partnerName ?? '', 'zh-CN'));
  return {
    month: q.month,
    from: slice.from,
    to: slice.to,
    region: region ? { id: region.id, name: region.name, nameEn: region.name_en } : null,
    partners: rows,
  };
}
