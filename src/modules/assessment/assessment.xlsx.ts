/**
 * VA-2: a month's assessment as an xlsx workbook — the scorecard first, then one sheet per
 * indicator — with values (not formulas) exactly as the API answers them, headed in the
 * reader's language.
 */
import ExcelJS from 'exceljs';
import type { Locale } from '../../shared/i18n.ts';
import { XLSX } from '../dashboard/dashboard.xlsx.ts';
import { INDICATORS } from './assessment.rules.ts';
import type { ScoreRow } from './assessment.scorecards.ts';
import type { PartnerIndicators } from './assessment.service.ts';

export { XLSX };

/** Sheet names may not exceed 31 characters in xlsx. */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

export async function assessmentWorkbook(
  month: string,
  scorecard: { rows: ScoreRow[]; revision: number | null },
  partners: PartnerIndicators[],
  locale: Locale,
): Promise<Buffer> {
  const en = locale === 'en';
  const own = en ? 'Own staff' : '自有人员';
  const wb = new ExcelJS.Workbook();
  const card = wb.addWorksheet(en ? `Scorecard ${month}` : `考核评分 ${month}`);
  card.addRow(en ? ['Partner', 'Score', 'Rank', 'Penalty'] : ['代维单位', '得分', '排名', '扣分']).font = {
    bold: true,
  };
  for (const r of scorecard.rows) card.addRow([r.partnerName ?? r.partnerId, r.score, r.rank, r.penalty]);
  for (const def of INDICATORS) {
    const ws = wb.addWorksheet(sheetName(en ? def.name.en : def.name['zh-CN']));
    const timed = def.unit === 'minutes' || def.unit === 'hours';
    const head = en
      ? ['Partner', timed ? 'Median' : 'Value', ...(timed ? ['P90'] : []), 'Records']
      : ['代维单位', timed ? '中位数' : '数值', ...(timed ? ['第 90 百分位'] : []), '样本数'];
    ws.addRow(head).font = { bold: true };
    for (const p of partners) {
      const v = p.indicators[def.key];
      if (!v) continue;
      ws.addRow([p.partnerName ?? own, v.value, ...(timed ? [v.p90 ?? null] : []), v.sample]);
    }
    ws.addRow([]);
    ws.addRow([en ? def.definition.en : def.definition['zh-CN']]);
  }
  for (const ws of wb.worksheets)
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
