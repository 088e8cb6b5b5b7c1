/**
 * VA-2 heat map: one indicator per partner × prefecture for a month, in the caller's scope.
 * Each cell is the month view narrowed to that prefecture (the same queries, so a cell matches
 * the page's figures), with the share of the scheme's target band it reaches (0–100), so cells
 * of "higher is better" and "lower is better" indicators colour alike.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import { prefectures } from './assessment.repository.ts';
import { getScheme } from './assessment.scorecards.ts';
import { itemPoints } from './assessment.scoring.ts';
import { monthIndicators, regionVisible } from './assessment.service.ts';

export interface HeatCell {
  regionId: string;
  partnerId: string | null;
  value: number | null;
  /** Share of the target band reached, 0–100; null without data or when the scheme does not weigh it. */
  score: number | null;
}

export async function indicatorHeatmap(
  ctx: AppContext,
  scope: Scope,
  q: { month: string; indicator: string },
) {
  const regions = (await prefectures(ctx.db)).filter((r) => regionVisible(scope, r.path));
  const item = (await getScheme(ctx)).items.find((i) => i.key === q.indicator);
  const partners = new Map<string, { partnerId: string | null; partnerName: string | null }>();
  const cells: HeatCell[] = [];
  for (const r of regions) {
    const view = await monthIndicators(ctx, scope, { month: q.month, regionId: r.id });
    for (const p of view.partners) {
      partners.set(p.partnerId ?? '', { partnerId: p.partnerId, partnerName: p.partnerName });
      const value = p.indicators[q.indicator]?.value ?? null;
      cells.push({
        regionId: r.id,
        partnerId: p.partnerId,
        value,
        score: item ? itemPoints(value, { ...item, weight: 100 }) : null,
      });
    }
  }
  return {
    month: q.month,
    indicator: q.indicator,
    regions: regions.map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en })),
    partners: [...partners.values()].sort((a, b) =>
      (a.partnerName ?? '').localeCompare(b.partnerName ?? '', 'zh-CN'),
    ),
    cells,
  };
}
