/**
 * Context rules of the wording check (CW-1): whether an expression found at a place in a text is
 * really said to the customer in the forbidden sense. Pure functions over the text and offsets.
 * They are what separates a check from a substring list: quoted customer speech, negated
 * ("请不要说「不行」") and polite forms ("麻烦您再说一遍"), conditionals ("如果重启后还不行"),
 * forms of address used as address ("美女，你好" but not "美女装"), and questions that stand alone
 * ("啥？" but not "什么时间方便").
 */

/** Opening and closing quotation marks; straight quotes close themselves. */
const QUOTE_PAIRS: Record<string, string> = { '「': '」', '“': '”', '『': '』', '"': '"', '‘': '’' };

/** Words before a quotation that attribute it to the customer: what they said is not ours. */
const ZH_ATTRIBUTION =
  /(您|客户|用户|顾客|对方|机主)[^，。！？\n]{0,6}(说|反映|提到|表示|问|认为|投诉|讲|抱怨|称|留言)[：:，,\s]*$/;
const EN_ATTRIBUTION =
  /\b(customer|client|caller|user|you|they|he|she)\b[^".!?\n]{0,12}\b(said|says|asked|wrote|told us|reported|mentioned|complained)[\s:,]*$/i;

/**
 * The spans of the text quoted from the customer (start inclusive, end exclusive). Only quotes
 * attributed to the customer are exempt: a note that quotes our own engineer is still checked.
 */
export function customerQuotes(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    const close = QUOTE_PAIRS[text[i]!];
    if (!close) continue;
    const end = text.indexOf(close, i + 1);
    if (end < 0) break;
    const before = text.slice(Math.max(0, i - 20), i);
    if (ZH_ATTRIBUTION.test(before) || EN_ATTRIBUTION.test(before)) spans.push([i + 1, end]);
    i = end;
  }
  return spans;
}

/** True when [start, end) lies inside one of the spans. */
export function insideAny(spans: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start >= s && end <= e);
}

const CLAUSE_END = /[，。！？；,.!?;\n]/;

/** The text from `from` back to the start of its clause. */
function clauseBefore(text: string, at: number, max = 12): string {
  let i = at;
  while (i > 0 && at - i < max && !CLAUSE_END.test(text[i - 1]!)) i--;
  return text.slice(i, at);
}

/** Offset of the end of the clause that contains `from` (the clause punctuation or the text end). */
export function clauseEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !CLAUSE_END.test(text[i]!)) i++;
  return i;
}

const ZH_NEGATED =
  /(不要|别|请勿|切勿|禁止|避免|不能|不应|不会|绝不|从不|严禁)(再)?(说|讲|使用|用|回答|叫|称呼)[「“"‘]?$/;
const EN_NEGATED = /\b(never|don't|do not|avoid|must not|mustn't)\s+(say|use|answer|call them)\s*["'“‘]?$/i;

/** The expression is mentioned as something not to say: "请不要说「不行」", "never say 'calm down'". */
export function negated(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 16), start);
  return ZH_NEGATED.test(before) || EN_NEGATED.test(before);
}

const ZH_POLITE_BEFORE = /(请|麻烦|劳驾|能否|可否|可以|您能|能不能|是否|您可以)[^，。！？]{0,3}$/;
const ZH_POLITE_AFTER = /^(您|你)?(是否|什么时候|方便|能否|有没有|具体)/;
const EN_POLITE_BEFORE = /\b(please|could you|would you|kindly|you can|you may)\s+\S*\s*$/i;
const EN_POLITE_AFTER = /^\s*(if|whether|when you)\b/i;

/** A polite frame around the words: "麻烦您再说一遍", "我不知道您是否方便", "please read the manual". */
export function politeForm(text: string, start: number, end: number): boolean {
  const before = clauseBefore(text, start);
  const after = text.slice(end, end + 8);
  return (
    ZH_POLITE_BEFORE.test(before) ||
    ZH_POLITE_AFTER.test(after) ||
    EN_POLITE_BEFORE.test(text.slice(Math.max(0, start - 24), start)) ||
    EN_POLITE_AFTER.test(after)
  );
}

const CONDITIONAL_BEFORE = /(如果|若|要是|万一|假如|如有|是否|行|听|看)[^，。！？]*$/;
const CONDITIONAL_AFTER = /^(的话|吗|呢|的地方|之处|的|了吗|再)/;

/**
 * A refusal said as a refusal: not a condition ("如果重启后还不行，…"), a question ("行不行？"),
 * or "unclear" about something else ("如有不清楚的地方", "听不清楚").
 */
export function realRefusal(text: string, start: number, end: number): boolean {
  return (
    !CONDITIONAL_BEFORE.test(clauseBefore(text, start)) && !CONDITIONAL_AFTER.test(text.slice(end, end + 4))
  );
}

const BREAK_BEFORE = /(^|[，。！？；、,.!?;:：\s]|喂|你说|说|啊)$/;
const QUESTION_AFTER = /^(啊|呀|呢)?\s*[？?！!]/;

/** A word that stands alone as a question: "啥？", "什么？", "What?" — not "什么时间方便". */
export function standaloneQuestion(text: string, start: number, end: number): boolean {
  return (
    BREAK_BEFORE.test(text.slice(Math.max(0, start - 2), start)) &&
    QUESTION_AFTER.test(text.slice(end, end + 3))
  );
}

const ADDRESS_BEFORE =
  /(^|[，。！？；、,.!?;:：\s]|你好|您好|喂|嗨|哎|这位|那位|小|hey|hi|hello|thanks|thank you|ok|yes|no)$/i;
const ADDRESS_AFTER = /^($|[，。！？；、,.!?;:：\s]|你|您|啊|呀|们)/;

/** A form of address used to address someone: "美女，你好", "哥们儿，网好了" — not "美女装", "兄弟单位". */
export function vocative(text: string, start: number, end: number): boolean {
  return (
    ADDRESS_BEFORE.test(text.slice(Math.max(0, start - 9), start)) &&
    ADDRESS_AFTER.test(text.slice(end, end + 1))
  );
}
