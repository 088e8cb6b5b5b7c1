/** Row types of generated reports (WO-9, RC-3). Kept forever. */
import type { ReportType } from './reports.rules.ts';

/** A generated report PDF kept with its order (WO-9, RC-3). */
export interface OrderReportTable {
  id: string;
  order_id: string;
  report_type: ReportType;
  attachment_id: string;
  /** JSON text: the inputs the engineer wrote (work done, parts, upgrade or inspection details). */
  content: string;
  generated_by: string | null;
  generated_at: string;
}

/** The reports tables. */
export interface ReportTables {
  order_reports: OrderReportTable;
}
