/**
 * The indicators other capabilities supply (VA-1), registered from assessment's `register()`:
 * complaints per 1,000 closed orders exactly as the satisfaction figures count them (CS-2, one
 * implementation), and the major-operation violations the operations capability recorded.
 */
import { satisfactionBy } from '../dashboard/dashboard.satisfaction.ts';
import { violationCounts } from '../operations/operations.violations.ts';
import { type IndicatorSource, registerIndicatorSource } from './assessment.sources.ts';

export const complaintsSource: IndicatorSource = async (ctx, w) =>
  (
    await satisfactionBy(ctx, w.scope, 'partner', {
      from: w.from,
      to: w.to,
      regionPath: w.regionPath ?? undefined,
    })
  ).map((r) => ({
    partnerId: r.key,
    count: r.complaints,
    total: r.closedOrders,
    value: r.complaintsPer1000,
  }));

export const violationsSource: IndicatorSource = (ctx, w) =>
  violationCounts(ctx, w.scope, { from: w.from, to: w.to, regionPath: w.regionPath });

export function registerAssessmentFeeds(): void {
  registerIndicatorSource('complaints', complaintsSource);
  registerIndicatorSource('operation_violations', violationsSource);
}
