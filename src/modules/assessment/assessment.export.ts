/**
 * VA-2: the month's assessment as a file, the same from the page and from the command line:
 * xlsx (scorecard and one sheet per indicator) or PDF (Chinese first, with the ranking and the
 * twelve-month trend drawn), in the reader's scope.
 */
import type { AppContext } from '../../app/context.ts';
import type { Locale } from '../../shared/i18n.ts';
import type { Actor } from '../access/policy.ts';
import { renderAssessmentPdf, type TrendLine } from './assessment.pdf.ts';
import { getScorecard } from './assessment.scorecards.ts';
import { monthIndicators } from './assessment.service.ts';
import { assessmentWorkbook, XLSX } from './assessment.xlsx.ts';

export const EXPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const PDF = 'application/pdf';

/** The twelve months ending with `month`, oldest first ('YYYY-MM'). */
export function twelveMonths(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 12 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** Each partner's score over the twelve months (the frozen revision where a month is closed). */
export async function scoreTrend(ctx: AppContext, who: Pick<Actor, 'scope'>, month: string) {
  const months = twelveMonths(month);
  const cards = [];
  for (const m of months) cards.push(await getScorecard(ctx, who, m));
  const lines = new Map<string, TrendLine>();
  cards.forEach((card, i) => {
    for (const r of card.rows) {
      const line = lines.get(r.partnerId) ?? {
        partnerName: r.partnerName ?? r.partnerId,
        scores: months.map(() => null),
      };
      line.scores[i] = r.score;
      lines.set(r.partnerId, line);
    }
  });
  return { months, lines: [...lines.values()] };
}

export async function exportMonth(
  ctx: AppContext,
  who: Pick<Actor, 'scope'>,
  month: string,
  format: ExportFormat,
  locale: Locale,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const [card, view] = await Promise.all([
    getScorecard(ctx, who, month),
    monthIndicators(ctx, who.scope, { month }),
  ]);
  const fileName = `assessment-${month}.${format}`;
  if (format === 'xlsx')
    return {
      body: await assessmentWorkbook(month, card, view.partners, locale),
      contentType: XLSX,
      fileName,
    };
  const body = await renderAssessmentPdf(
    {
      month,
      revision: card.revision,
      generatedAt: ctx.clock.now().toISOString(),
      rows: card.rows,
      partners: view.partners,
      trend: await scoreTrend(ctx, who, month),
    },
    locale,
  );
  return { body, contentType: PDF, fileName };
}
