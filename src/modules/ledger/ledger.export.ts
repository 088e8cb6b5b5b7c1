/**
 * RS-7: the reconciliation items a filter selects, as an xlsx workbook headed in the reader's
 * language, so a vendor can work through its mismatches offline or hand them to the operator.
 * Values are the API's own; kinds, fields and states are spelled out, never shown as codes.
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../app/context.ts';
import type { Locale } from '../../shared/i18n.ts';
import type { Scope } from '../access/policy.ts';
import type { ItemFilter } from './ledger.repository.ts';
import { fieldLabels } from './ledger.rules.ts';
import { listItems } from './ledger.service.ts';
import type { LedgerItemTable } from './ledger.tables.ts';

/** More rows than anyone works through in a spreadsheet; the filter narrows a bigger list. */
export const EXPORT_CAP = 50_000;
const PAGE = 1_000;

const KIND: Record<LedgerItemTable['kind'], [string, string]> = {
  only_eoms: ['仅 EOMS 有', 'Only in EOMS'],
  only_ledger: ['仅台账有', 'Only in the ledger'],
  field: ['字段不一致', 'Field differs'],
};
const STATE: Record<LedgerItemTable['state'], [string, string]> = {
  open: ['待处理', 'Open'],
  corrected: ['已按 EOMS 更正', 'Corrected to EOMS'],
  explained: ['已说明', 'Explained'],
  gone: ['已消除', 'Gone'],
};
const HEAD: [string, string][] = [
  ['电路编号', 'Line number'],
  ['类型', 'Kind'],
  ['字段', 'Field'],
  ['EOMS 值', 'EOMS value'],
  ['台账值', 'Ledger value'],
  ['区县', 'County'],
  ['状态', 'State'],
  ['说明', 'Note'],
  ['处理时间', 'Settled at'],
];

export async function itemsWorkbook(
  ctx: AppContext,
  scope: Scope,
  filter: Omit<ItemFilter, 'limit' | 'offset'>,
  locale: Locale,
): Promise<Buffer> {
  const at = locale === 'en' ? 1 : 0;
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(locale === 'en' ? 'Mismatches' : '对账差异');
  sheet.addRow(HEAD.map((h) => h[at])).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (let offset = 0; offset < EXPORT_CAP; offset += PAGE) {
    const page = await listItems(ctx, scope, { ...filter, limit: PAGE, offset });
    for (const i of page)
      sheet.addRow([
        i.line_no,
        KIND[i.kind][at],
        i.field ? (locale === 'en' ? fieldLabels[i.field].en : fieldLabels[i.field].zh) : '',
        i.eoms_value ?? '',
        i.ledger_value ?? '',
        i.region_name ?? '',
        STATE[i.state][at],
        i.note ?? '',
        i.resolved_at ?? '',
      ]);
    if (page.length < PAGE) break;
  }
  sheet.columns.forEach((c, k) => {
    c.width = k === 0 ? 18 : k === 7 ? 40 : 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
