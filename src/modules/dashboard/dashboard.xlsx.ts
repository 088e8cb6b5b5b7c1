/** CS-2: the satisfaction figures as an xlsx workbook (exceljs), headed in the reader's language. */
import ExcelJS from 'exceljs';
import type { Locale } from '../../shared/i18n.ts';
import type { SatisfactionFigures } from './dashboard.satisfaction.ts';
import type { SatisfactionGroup } from './dashboard.satisfaction-sql.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const GROUP_HEAD: Record<SatisfactionGroup, [string, string]> = {
  none: ['范围', 'Scope'],
  region: ['区域', 'Region'],
  partner: ['代维单位', 'Partner'],
  engineer: ['工程师', 'Engineer'],
  month: ['月份', 'Month'],
};

const COLUMNS: Array<[keyof SatisfactionFigures, string, string]> = [
  ['average', '平均分', 'Average score'],
  ['rate', '满意率 %', 'Satisfaction rate %'],
  ['rated', '评分数', 'Ratings'],
  ['refused', '拒评数', 'Declined'],
  ['closedOrders', '关闭工单数', 'Closed orders'],
  ['responseRate', '参评率 %', 'Response rate %'],
  ['complaints', '投诉数', 'Complaints'],
  ['complaintsPer1000', '千单投诉', 'Complaints per 1,000 orders'],
];

/** The workbook: one row per group and a total row. */
export async function satisfactionWorkbook(
  view: SatisfactionFigures & {
    groups: Array<SatisfactionFigures & { key: string | null; label: string | null }>;
  },
  group: SatisfactionGroup,
  locale: Locale,
): Promise<Buffer> {
  const en = locale === 'en';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(en ? 'Satisfaction' : '满意度');
  const [gzh, gen] = GROUP_HEAD[group];
  ws.addRow([en ? gen : gzh, ...COLUMNS.map(([, zh, e]) => (en ? e : zh))]).font = { bold: true };
  const own = en ? 'Own staff / none' : '自有人员/未指定';
  for (const g of view.groups)
    ws.addRow([g.label ?? g.key ?? own, ...COLUMNS.map(([k]) => g[k] as number | null)]);
  ws.addRow([en ? 'Total' : '合计', ...COLUMNS.map(([k]) => view[k] as number | null)]).font = { bold: true };
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
