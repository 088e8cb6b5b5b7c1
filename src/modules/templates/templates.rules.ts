/**
 * Message templates (CW-3), pure: the catalogue of typed variables, the placeholders of a body,
 * rendering with values (a missing or unknown variable is an error, never a hole in the message)
 * and SMS segment counting. No I/O.
 */
import type { Bilingual } from '../../shared/i18n.ts';

export type VariableType = 'text' | 'person' | 'phone' | 'order_number' | 'time_window' | 'datetime';

export interface VariableDef {
  type: VariableType;
  label: Bilingual;
  /** The value shown in previews. */
  sample: Bilingual;
  max: number;
}

/** Every variable a template may use, with its type and a sample for previews. */
export const VARIABLES: Record<string, VariableDef> = {
  customerName: {
    type: 'person',
    label: { 'zh-CN': '客户称呼', en: 'Customer name' },
    sample: { 'zh-CN': '王先生', en: 'Mr Wang' },
    max: 100,
  },
  orderNumber: {
    type: 'order_number',
    label: { 'zh-CN': '工单编号', en: 'Order number' },
    sample: { 'zh-CN': 'WO-2026-000123', en: 'WO-2026-000123' },
    max: 40,
  },
  engineerName: {
    type: 'person',
    label: { 'zh-CN': '工程师', en: 'Engineer' },
    sample: { 'zh-CN': '李工', en: 'Li Ming' },
    max: 50,
  },
  engineerPhone: {
    type: 'phone',
    label: { 'zh-CN': '工程师电话', en: 'Engineer phone' },
    sample: { 'zh-CN': '13800000000', en: '13800000000' },
    max: 20,
  },
  window: {
    type: 'time_window',
    label: { 'zh-CN': '预约时段', en: 'Appointment window' },
    sample: { 'zh-CN': '11月28日 14:00–16:00', en: '28 Nov 14:00–16:00' },
    max: 60,
  },
  expectedArrival: {
    type: 'datetime',
    label: { 'zh-CN': '预计到达时间', en: 'Expected arrival' },
    sample: { 'zh-CN': '14:30', en: '14:30' },
    max: 40,
  },
  cause: {
    type: 'text',
    label: { 'zh-CN': '故障原因', en: 'Cause' },
    sample: { 'zh-CN': '市政施工挖断光缆', en: 'a fibre cut by road works' },
    max: 200,
  },
  thirdParty: {
    type: 'text',
    label: { 'zh-CN': '第三方', en: 'Third party' },
    sample: { 'zh-CN': '电力公司', en: 'the power company' },
    max: 100,
  },
  complaintNumber: {
    type: 'order_number',
    label: { 'zh-CN': '投诉编号', en: 'Complaint number' },
    sample: { 'zh-CN': 'TS-2026-000045', en: 'TS-2026-000045' },
    max: 40,
  },
  respondBy: {
    type: 'datetime',
    label: { 'zh-CN': '答复时限', en: 'Reply by' },
    sample: { 'zh-CN': '11月29日 18:00', en: '29 Nov 18:00' },
    max: 40,
  },
  completeBy: {
    type: 'datetime',
    label: { 'zh-CN': '完成时间', en: 'Done by' },
    sample: { 'zh-CN': '今天 18:00', en: 'today 18:00' },
    max: 40,
  },
  resolution: {
    type: 'text',
    label: { 'zh-CN': '处理结果', en: 'Resolution' },
    sample: {
      'zh-CN': '已更换光猫并回访确认网络正常',
      en: 'we replaced the modem and confirmed the service works',
    },
    max: 500,
  },
  message: {
    type: 'text',
    label: { 'zh-CN': '补充说明', en: 'Note' },
    sample: { 'zh-CN': '路上堵车，请您谅解', en: 'There is heavy traffic; thank you for your patience' },
    max: 1000,
  },
  reason: {
    type: 'text',
    label: { 'zh-CN': '原因', en: 'Reason' },
    sample: { 'zh-CN': '备件明天到货', en: 'the spare part arrives tomorrow' },
    max: 2000,
  },
  ownerName: {
    type: 'person',
    label: { 'zh-CN': '负责人', en: 'Person in charge' },
    sample: { 'zh-CN': '张经理', en: 'Zhang Wei' },
    max: 50,
  },
  ownerPhone: {
    type: 'phone',
    label: { 'zh-CN': '负责人电话', en: 'Phone of the person in charge' },
    sample: { 'zh-CN': '13900000000', en: '13900000000' },
    max: 20,
  },
  wayForward: {
    type: 'text',
    label: { 'zh-CN': '后续安排', en: 'Way forward' },
    sample: {
      'zh-CN': '可联系客户经理续签合同，或按次付费服务',
      en: 'renew the contract with your account manager, or pay per visit',
    },
    max: 2000,
  },
  periodStart: {
    type: 'datetime',
    label: { 'zh-CN': '周期开始', en: 'Period start' },
    sample: { 'zh-CN': '2026-11-23', en: '2026-11-23' },
    max: 20,
  },
  periodEnd: {
    type: 'datetime',
    label: { 'zh-CN': '周期结束', en: 'Period end' },
    sample: { 'zh-CN': '2026-11-29', en: '2026-11-29' },
    max: 20,
  },
  summary: {
    type: 'text',
    label: { 'zh-CN': '工作摘要', en: 'Summary' },
    sample: {
      'zh-CN': '已完成机柜加固和光缆熔接，下周进行联调测试',
      en: 'the cabinet is secured and the fibres spliced; joint tests next week',
    },
    // A week of site logs compiled into one report.
    max: 60000,
  },
  progress: {
    type: 'text',
    label: { 'zh-CN': '进展', en: 'Progress' },
    sample: {
      'zh-CN': '备件已到货，工程师明天上午上门更换',
      en: 'the part has arrived; the engineer replaces it tomorrow morning',
    },
    max: 1000,
  },
};

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The variable names a body uses, in order of first use. */
export function placeholders(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export interface BodyProblem {
  kind: 'unknown_variable' | 'undeclared_variable' | 'stray_brace';
  name: string;
}

/** What is wrong with a body against the declared variables (empty when it may be saved). */
export function bodyProblems(body: string, declared: readonly string[]): BodyProblem[] {
  const out: BodyProblem[] = [];
  for (const name of placeholders(body)) {
    if (!VARIABLES[name]) out.push({ kind: 'unknown_variable', name });
    else if (!declared.includes(name)) out.push({ kind: 'undeclared_variable', name });
  }
  // A brace left over after the placeholders is a typo that would reach the customer.
  if (/[{}]/.test(body.replace(PLACEHOLDER, ''))) out.push({ kind: 'stray_brace', name: '' });
  return out;
}

/**
 * The values a system notice fills that a template would no longer carry: not declared, or not
 * used in one of its bodies. Empty when the template still says everything the notice needs.
 */
export function droppedNeeds(
  needs: readonly string[],
  declared: readonly string[],
  bodies: readonly string[],
): string[] {
  const used = bodies.map(placeholders);
  return needs.filter((n) => !declared.includes(n) || used.some((u) => !u.includes(n)));
}

export type RenderResult =
  | { ok: true; text: string }
  | { ok: false; missing: string[]; unknown: string[]; invalid: string[] };

const PHONE = /^[0-9+\- ]{5,20}$/;

/** Fills a body. Every placeholder needs a non-empty value, and no value may be unknown to the template. */
export function render(
  body: string,
  declared: readonly string[],
  values: Record<string, string>,
): RenderResult {
  const used = placeholders(body);
  const missing = used.filter((n) => !values[n]?.trim());
  const unknown = Object.keys(values).filter((n) => !declared.includes(n));
  const invalid = Object.entries(values)
    .filter(([n, v]) => {
      const def = VARIABLES[n];
      if (!def || !declared.includes(n)) return false;
      return v.length > def.max || (def.type === 'phone' && !PHONE.test(v));
    })
    .map(([n]) => n);
  if (missing.length || unknown.length || invalid.length) return { ok: false, missing, unknown, invalid };
  return { ok: true, text: body.replace(PLACEHOLDER, (_, n: string) => values[n]!.trim()) };
}

/** The sample values of the declared variables, in one language, for previews. */
export function sampleValues(declared: readonly string[], locale: 'zh-CN' | 'en'): Record<string, string> {
  return Object.fromEntries(
    declared.filter((n) => VARIABLES[n]).map((n) => [n, VARIABLES[n]!.sample[locale]]),
  );
}

/**
 * SMS segments of a text: 70 characters for a text with Chinese (UCS-2), 160 for plain
 * GSM text; a longer message is split into parts of 67 and 153 (the rest carries the
 * concatenation header).
 */
export function smsSegments(text: string): { segments: number; perSegment: number; length: number } {
  const length = [...text].length;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: GSM 7-bit is the printable ASCII range
  const ucs2 = /[^\x00-\x7F]/.test(text);
  const single = ucs2 ? 70 : 160;
  const part = ucs2 ? 67 : 153;
  const segments = length === 0 ? 0 : length <= single ? 1 : Math.ceil(length / part);
  return { segments, perSegment: length <= single ? single : part, length };
}
