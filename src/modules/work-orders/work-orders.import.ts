/**
 * Intake from an EOMS export (CSV or xlsx). Every row is answered: accepted with its order, or
 * refused with each reason — nothing is silently dropped, blank rows included.
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../app/context.ts';
import { AppError, type FieldProblem, problem } from '../../shared/errors.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { isPerson } from '../access/principal.ts';
import { getCustomer } from '../customers/customers.service.ts';
import { getEquipment } from '../equipment/equipment.service.ts';
import { getRegion } from '../regions/regions.service.ts';
import { getSite } from '../sites/sites.service.ts';
import { localToUtc } from './local-time.ts';
import * as repo from './work-orders.repository.ts';
import {
  SEVERITIES,
  type Severity,
  severityLabels,
  typeLabels,
  WORK_ORDER_TYPES,
} from './work-orders.rules.ts';
import { createOrder, type IntakeInput } from './work-orders.service.ts';

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a leading BOM is ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows of an xlsx workbook's first sheet as text; dates become `YYYY-MM-DD HH:MM` wall-clock text. */
export async function parseXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const out: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const v = row.getCell(c).value;
      if (v === null || v === undefined) cells.push('');
      else if (v instanceof Date) cells.push(v.toISOString().slice(0, 16).replace('T', ' '));
      else if (typeof v === 'object' && 'text' in v) cells.push(String((v as { text: unknown }).text));
      else if (typeof v === 'object' && 'result' in v)
        cells.push(String((v as { result: unknown }).result ?? ''));
      else cells.push(String(v));
    }
    out.push(cells);
  }
  return out;
}

/** EOMS column names (Chinese or English) → the field they fill. */
const HEADERS: Record<string, string> = {
  工单号: 'externalRef',
  eoms单号: 'externalRef',
  eoms_no: 'externalRef',
  externalref: 'externalRef',
  工单类型: 'type',
  type: 'type',
  紧急程度: 'severity',
  等级: 'severity',
  severity: 'severity',
  客户编码: 'customerCode',
  customer_code: 'customerCode',
  客户名称: 'customerName',
  customer_name: 'customerName',
  联系人: 'contactName',
  contact_name: 'contactName',
  联系电话: 'contactPhone',
  contact_phone: 'contactPhone',
  站点编码: 'siteCode',
  site_code: 'siteCode',
  地址: 'address',
  address: 'address',
  区域编码: 'regionCode',
  region_code: 'regionCode',
  设备序列号: 'serialNo',
  serial_no: 'serialNo',
  产品: 'product',
  product: 'product',
  发生时间: 'occurredAt',
  occurred_at: 'occurredAt',
  故障现象: 'symptom',
  现象: 'symptom',
  symptom: 'symptom',
  告警: 'alarms',
  alarms: 'alarms',
  疑似原因: 'suspectedCause',
  suspected_cause: 'suspectedCause',
  发现方式: 'foundHow',
  found_how: 'foundHow',
  业务中断: 'interruption',
  service_interruption: 'interruption',
  kpi劣化: 'kpi',
  kpi_degradation: 'kpi',
  影响计费: 'billing',
  billing: 'billing',
};

function typeOf(v: string): string {
  const t = v.trim();
  const byLabel = WORK_ORDER_TYPES.find(
    (k) => typeLabels[k]['zh-CN'] === t || typeLabels[k].en.toLowerCase() === t.toLowerCase(),
  );
  return byLabel ?? t;
}

function severityOf(v: string): Severity | 'invalid' | undefined {
  const t = v.trim();
  if (!t) return undefined;
  const found = SEVERITIES.find((s) => s === t.toLowerCase() || severityLabels[s]['zh-CN'] === t);
  return found ?? 'invalid';
}

function flag(v: string | undefined): boolean {
  return ['1', 'y', 'yes', 'true', '是', '有'].includes((v ?? '').trim().toLowerCase());
}

/** One row's answer. */
export type ImportRowResult =
  | { row: number; status: 'accepted'; orderId: string; number: string; externalRef: string | null }
  | {
      row: number;
      status: 'refused';
      externalRef: string | null;
      problems: { field: string; message: Bilingual }[];
    };

function refused(row: number, externalRef: string | null, problems: FieldProblem[]): ImportRowResult {
  return { row, status: 'refused', externalRef, problems };
}

/** Parses a time cell: ISO with an offset, or `YYYY-MM-DD HH:MM` wall-clock in `tz`. */
function timeOf(v: string, tz: string): string | null | 'invalid' {
  const t = v.trim();
  if (!t) return null;
  if (/[zZ]|[+-]\d\d:?\d\d$/.test(t) && !Number.isNaN(Date.parse(t))) return new Date(t).toISOString();
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (!m) return 'invalid';
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return localToUtc(date, `${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}`, tz).toISOString();
}

/**
 * Imports rows (first row = headers). Each data row becomes an order through the same intake as
 * the API (5W1H, severity), or a refusal naming every problem; each accepted row commits alone.
 */
export async function importRows(
  ctx: AppContext,
  actor: HistoryActor,
  table: string[][],
): Promise<{ accepted: number; refused: number; rows: ImportRowResult[] }> {
  const [header, ...data] = table;
  // Codes resolve only inside the importing person's scope: a code of another partner's area
  // reads exactly like one that does not exist, so an import reveals nothing outside the scope.
  const scope = isPerson(actor) ? actor.scope : null;
  const visible = async (load: (scope: Scope) => Promise<unknown>): Promise<boolean> => {
    if (!scope) return true;
    try {
      await load(scope);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return false;
      throw err;
    }
  };
  if (!header || header.every((h) => !h.trim())) {
    throw new AppError(422, 'validation_failed', {}, [
      problem('content', '文件没有表头行', 'the file has no header row'),
    ]);
  }
  const columns = header.map(
    (h) => HEADERS[h.trim().toLowerCase().replace(/\s+/g, '_')] ?? HEADERS[h.trim()] ?? null,
  );
  const unknown = header.filter((h, i) => h.trim() && columns[i] === null);
  if (unknown.length) {
    throw new AppError(422, 'validation_failed', {}, [
      problem(
        'content',
        `无法识别的列：${unknown.join('、')}`,
        `unrecognised columns: ${unknown.join(', ')}`,
      ),
    ]);
  }
  const results: ImportRowResult[] = [];
  for (let i = 0; i < data.length; i++) {
    const rowNo = i + 2;
    const cells = data[i]!;
    const v: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) v[c] = (cells[j] ?? '').trim();
    });
    const externalRef = v.externalRef || null;
    if (cells.every((c) => !c.trim())) {
      results.push(refused(rowNo, null, [problem('(row)', '空行，未导入', 'blank row; nothing imported')]));
      continue;
    }
    const problems: FieldProblem[] = [];
    const input: IntakeInput = {
      type: v.type ? typeOf(v.type) : undefined,
      channel: 'eoms_import',
      customerName: v.customerName || undefined,
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      address: v.address || undefined,
      product: v.product || undefined,
      symptom: v.symptom,
      alarms: v.alarms || undefined,
      suspectedCause: v.suspectedCause || undefined,
      foundHow: v.foundHow || undefined,
      externalRef,
      impacts: {
        serviceInterruption: flag(v.interruption),
        kpiDegradation: flag(v.kpi),
        billing: flag(v.billing),
      },
    };
    const sev = severityOf(v.severity ?? '');
    if (sev === 'invalid')
      problems.push(problem('severity', `未知的紧急程度“${v.severity}”`, `unknown severity "${v.severity}"`));
    else input.severity = sev;
    if (v.customerCode) {
      const c = await repo.byCode.customer(ctx.db, v.customerCode);
      if (c && (await visible((sc) => getCustomer(ctx, sc, c.id)))) input.customerId = c.id;
      else
        problems.push(
          problem(
            'customerCode',
            `客户编码“${v.customerCode}”不存在`,
            `no customer with code "${v.customerCode}"`,
          ),
        );
    }
    let tz = ctx.config.defaultTimeZone;
    if (v.siteCode) {
      const s = await repo.byCode.site(ctx.db, v.siteCode);
      if (s && (await visible((sc) => getSite(ctx, sc, s.id)))) {
        input.siteId = s.id;
        tz = (await repo.findSite(ctx.db, s.id))?.time_zone ?? tz;
      } else
        problems.push(
          problem('siteCode', `站点编码“${v.siteCode}”不存在`, `no site with code "${v.siteCode}"`),
        );
    }
    if (v.regionCode) {
      const r = await repo.byCode.region(ctx.db, v.regionCode);
      if (r && (await visible((sc) => getRegion(ctx, sc, r.id)))) input.regionId = r.id;
      else
        problems.push(
          problem('regionCode', `区域编码“${v.regionCode}”不存在`, `no region with code "${v.regionCode}"`),
        );
    }
    if (v.serialNo) {
      const units = await repo.byCode.equipmentBySerial(ctx.db, v.serialNo);
      const candidate = units.find((u) => !input.siteId || u.site_id === input.siteId) ?? null;
      const unit =
        candidate && (await visible((sc) => getEquipment(ctx, sc, candidate.id))) ? candidate : null;
      if (unit) input.equipmentId = unit.id;
      else
        problems.push(
          problem(
            'serialNo',
            `序列号“${v.serialNo}”的设备不存在`,
            `no equipment with serial "${v.serialNo}"`,
          ),
        );
    }
    const when = timeOf(v.occurredAt ?? '', tz);
    if (when === 'invalid') {
      problems.push(
        problem('occurredAt', `无法识别的时间“${v.occurredAt}”`, `unreadable time "${v.occurredAt}"`),
      );
    } else if (when) input.occurredAt = when;
    if (problems.length) {
      results.push(refused(rowNo, externalRef, problems));
      continue;
    }
    try {
      const order = await createOrder(ctx, actor, input);
      results.push({ row: rowNo, status: 'accepted', orderId: order.id, number: order.number, externalRef });
    } catch (err) {
      if (err instanceof AppError) {
        const details =
          err.details.length > 0
            ? err.details
            : err.code === 'duplicate'
              ? [
                  problem(
                    'externalRef',
                    `已导入过：${err.params.value}`,
                    `already imported: ${err.params.value}`,
                  ),
                ]
              : [problem('(row)', err.code, err.code)];
        results.push(refused(rowNo, externalRef, details));
        continue;
      }
      throw err;
    }
  }
  return {
    accepted: results.filter((r) => r.status === 'accepted').length,
    refused: results.filter((r) => r.status === 'refused').length,
    rows: results,
  };
}

/** Reads a CSV text or base64 xlsx file into rows. */
export async function readTable(format: 'csv' | 'xlsx', content: string): Promise<string[][]> {
  if (format === 'csv') return parseCsv(content);
  try {
    return await parseXlsx(Buffer.from(content, 'base64'));
  } catch {
    throw new AppError(422, 'validation_failed', {}, [
      problem('content', '无法读取 xlsx 文件', 'the xlsx file cannot be read'),
    ]);
  }
}
