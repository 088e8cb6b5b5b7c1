/**
 * The order list as an xlsx workbook, written as a stream: rows go out page by page while the
 * next page is read, so a long list never sits whole in memory. Headers and values (type,
 * severity, state) are in the reader's language, times in the reader's zone.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { Locale } from '../../shared/i18n.ts';
import type { Actor } from '../access/policy.ts';
import { getCustomer } from '../customers/customers.service.ts';
import { XLSX } from '../dashboard/dashboard.xlsx.ts';
import { getSite } from '../sites/sites.service.ts';
import { severityLabels, stateLabels, typeLabels } from '../work-orders/work-orders.labels.ts';
import { type OrderFilter, pageOfOrders } from '../work-orders/work-orders.search.ts';
import { getOrder } from '../work-orders/work-orders.service.ts';

/** Beyond this an export is refused with a request to narrow the filters, never cut short. */
export const MAX_EXPORT_ROWS = 20_000;
const PAGE = 500;

export { XLSX };

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': [
    '工单号',
    '类型',
    '严重程度',
    '状态',
    '客户',
    '站点',
    '联系人',
    '联系电话',
    '地址',
    '故障现象',
    '受理时间',
  ],
  en: [
    'Order number',
    'Type',
    'Severity',
    'State',
    'Customer',
    'Site',
    'Contact',
    'Phone',
    'Address',
    'Symptom',
    'Received',
  ],
};

/** "2026-11-29 14:05" in the given zone. */
function localTime(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

const label = (labels: Record<string, Record<Locale, string>>, key: string, locale: Locale) =>
  labels[key]?.[locale] ?? key;

/** Customer and site names, each read once per export through its owner's service. */
function nameBook(ctx: AppContext, actor: Actor) {
  const memo = (read: (id: string) => Promise<{ name: string }>) => {
    const seen = new Map<string, Promise<string>>();
    return (id: string) => {
      let name = seen.get(id);
      if (!name) {
        name = read(id).then((r) => r.name);
        seen.set(id, name);
      }
      return name;
    };
  };
  return {
    customer: memo((id) => getCustomer(ctx, actor.scope, id)),
    site: memo((id) => getSite(ctx, actor.scope, id)),
  };
}

/** What to export: the list under its filters, or the orders someone selected on it. */
export type ExportSource = { filter: OrderFilter } | { orderIds: readonly string[] };

type OrderPage = Awaited<ReturnType<typeof pageOfOrders>>;

/**
 * Checks the size first (so a refusal is a clear 422, not a broken download), then returns the
 * stream the workbook is being written into. Selected orders are read in the caller's scope: one
 * the caller may not see answers 404, as it would alone.
 */
export async function exportOrders(
  ctx: AppContext,
  actor: Actor,
  source: ExportSource,
  locale: Locale,
): Promise<PassThrough> {
  let first: OrderPage;
  let next: (offset: number) => Promise<OrderPage>;
  if ('orderIds' in source) {
    const items: OrderPage['items'] = [];
    for (const id of new Set(source.orderIds)) items.push(await getOrder(ctx, actor.scope, id));
    first = { items, total: items.length } as OrderPage;
    next = async () => ({ ...first, items: [] });
  } else {
    first = await pageOfOrders(ctx, actor.scope, source.filter, { limit: PAGE, offset: 0 });
    next = (offset) => pageOfOrders(ctx, actor.scope, source.filter, { limit: PAGE, offset });
  }
  if (first.total > MAX_EXPORT_ROWS) {
    throw new AppError(422, 'validation_failed', {}, [
      {
        field: 'q',
        message: {
          'zh-CN': `共 ${first.total} 个工单，超过一次导出的上限 ${MAX_EXPORT_ROWS} 个，请缩小筛选范围`,
          en: `${first.total} orders is more than the ${MAX_EXPORT_ROWS} one export can hold: narrow the filters`,
        },
      },
    ]);
  }
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const ws = wb.addWorksheet(locale === 'en' ? 'Work orders' : '工单');
  ws.columns = HEADERS[locale].map((header, i) => ({ header, width: i === 9 ? 40 : 18 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const names = nameBook(ctx, actor);
  const write = async () => {
    let page = first;
    let offset = 0;
    while (page.items.length > 0) {
      for (const o of page.items) {
        ws.addRow([
          o.number,
          label(typeLabels, o.type, locale),
          label(severityLabels, o.severity, locale),
          label(stateLabels, o.state, locale),
          o.customer_id ? await names.customer(o.customer_id) : (o.customer_name ?? ''),
          o.site_id ? await names.site(o.site_id) : '',
          o.contact_name,
          o.contact_phone,
          o.address ?? '',
          o.symptom,
          localTime(o.received_at, actor.timeZone),
        ]).commit();
      }
      offset += page.items.length;
      if (offset >= first.total) break;
      page = await next(offset);
    }
    ws.commit();
    await wb.commit();
  };
  // A failure half-way ends the download with an error instead of a truncated file that looks whole.
  write().catch((err: unknown) => stream.destroy(err instanceof Error ? err : new Error(String(err))));
  return stream;
}
