/**
 * RS-7 rules, pure: how an EOMS export's Chinese headers map to line facts, which rows are
 * refused and why, and which fields of a line differ between EOMS and the ledger.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
/** Home broadband subscriber or enterprise line. */
export type LineKind = 'home' | 'enterprise';

/** The facts compared on both sides, keyed by the operator's line number. */
export interface LineFacts {
  lineNo: string;
  kind: LineKind;
  regionName: string;
  customerName: string;
  address: string;
  bandwidth: string;
  status: string;
}

export const COMPARED = ['kind', 'regionName', 'customerName', 'address', 'bandwidth', 'status'] as const;
export type ComparedField = (typeof COMPARED)[number];

/** Header spellings seen in EOMS exports, per fact. */
const HEADERS: Record<keyof LineFacts, string[]> = {
  lineNo: ['电路编号', '用户编号', '宽带账号', '业务号码'],
  kind: ['业务类型', '用户类型'],
  regionName: ['区县', '所属区县', '区域'],
  customerName: ['客户名称', '用户名称'],
  address: ['装机地址', '地址'],
  bandwidth: ['带宽', '速率'],
  status: ['状态', '业务状态'],
};

export type HeaderMap = Record<keyof LineFacts, number>;

/** Column positions of each fact, or the problems naming the missing headers. */
export function mapHeaders(header: string[]): { map: HeaderMap } | { problems: FieldProblem[] } {
  const clean = header.map((h) => h.trim());
  const map = {} as HeaderMap;
  const problems: FieldProblem[] = [];
  for (const [fact, names] of Object.entries(HEADERS) as [keyof LineFacts, string[]][]) {
    const at = clean.findIndex((h) => names.includes(h));
    if (at < 0)
      problems.push(problem('file', `缺少表头“${names[0]}”`, `the header "${names[0]}" is missing`));
    map[fact] = at;
  }
  return problems.length ? { problems } : { map };
}

const KINDS: Record<string, LineKind> = {
  家庭宽带: 'home',
  家宽: 'home',
  家庭: 'home',
  集团专线: 'enterprise',
  专线: 'enterprise',
  政企专线: 'enterprise',
};

/** The label of a line kind, the way EOMS spells it. */
export const kindLabel: Record<LineKind, { zh: string; en: string }> = {
  home: { zh: '家庭宽带', en: 'home broadband' },
  enterprise: { zh: '集团专线', en: 'enterprise line' },
};

/** One data row as facts, or the problems that refuse it. */
export function rowFacts(
  cells: string[],
  map: HeaderMap,
): { facts: LineFacts } | { problems: FieldProblem[] } {
  const get = (f: keyof LineFacts) => (cells[map[f]] ?? '').trim();
  const problems: FieldProblem[] = [];
  const lineNo = get('lineNo');
  if (!lineNo) problems.push(problem('电路编号', '缺少电路编号', 'the line number is missing'));
  else if (lineNo.length > 64)
    problems.push(problem('电路编号', '电路编号过长', 'the line number is too long'));
  const kind = KINDS[get('kind')];
  if (!kind)
    problems.push(
      problem('业务类型', `无法识别的业务类型“${get('kind')}”`, `unknown service type "${get('kind')}"`),
    );
  if (!get('regionName')) problems.push(problem('区县', '缺少区县', 'the county is missing'));
  if (problems.length || !kind) return { problems };
  return {
    facts: {
      lineNo,
      kind,
      regionName: get('regionName'),
      customerName: get('customerName'),
      address: get('address'),
      bandwidth: get('bandwidth'),
      status: get('status'),
    },
  };
}

/** The fields in which two records of one line differ. */
export function fieldDifferences(eoms: LineFacts, ledger: LineFacts): ComparedField[] {
  return COMPARED.filter((f) => eoms[f] !== ledger[f]);
}

/**
 * A compact fingerprint of a line's compared facts (53-bit, so a Map of a million stays small).
 * The fields are hashed in place, a separator between them, without joining them into a new
 * string: two million rows would otherwise allocate two million throw-away strings.
 */
export function factsHash(f: LineFacts): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const fields = [f.kind, f.regionName, f.customerName, f.address, f.bandwidth, f.status];
  for (let k = 0; k < fields.length; k++) {
    const s = fields[k] as string;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** How a compared field is named on screen. */
export const fieldLabels: Record<ComparedField, { zh: string; en: string }> = {
  kind: { zh: '业务类型', en: 'service type' },
  regionName: { zh: '区县', en: 'county' },
  customerName: { zh: '客户名称', en: 'customer name' },
  address: { zh: '装机地址', en: 'address' },
  bandwidth: { zh: '带宽', en: 'bandwidth' },
  status: { zh: '状态', en: 'status' },
};
