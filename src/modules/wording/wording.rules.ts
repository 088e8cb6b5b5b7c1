/**
 * The wording check (CW-1, CW-2, CW-4), pure: a text, a compiled lexicon and a word segmenter in;
 * findings out. No I/O; the segmenter is passed in (wording.segmenter.ts wraps jieba).
 *
 * Precision comes from three things a substring list does not have:
 *  - Chinese expressions match only on word boundaries of the segmented text, so 「不行驶」 is
 *    not 「不行」 and 「可能性」 is not 「可能」; English ones only on word boundaries.
 *  - Each expression has a context rule (wording.context.ts): refusals, forms of address,
 *    stand-alone questions, polite forms, commands to rephrase.
 *  - Quoted customer speech and negated mentions ("请不要说…") are never findings.
 *
 * Offsets (`start`, `end`) are UTF-16 code-unit offsets into the text, as JavaScript strings
 * index them; `end` is exclusive.
 */
import {
  clauseEnd,
  customerQuotes,
  insideAny,
  negated,
  politeForm,
  realRefusal,
  standaloneQuestion,
  vocative,
} from './wording.context.ts';

export const WORDING_CATEGORIES = [
  'irresponsible',
  'blame_company',
  'accuse_customer',
  'deflect',
  'vague',
  'impatient',
  'address',
] as const;
export type WordingCategory = (typeof WORDING_CATEGORIES)[number];
export type WordingSeverity = 'block' | 'warn';
export const WORDING_RULES = [
  'plain',
  'polite',
  'refusal',
  'standalone',
  'address',
  'command',
  'should_have',
  'you_find',
] as const;
/** How the context decides whether a match counts (see wording.context.ts). */
export type WordingRule = (typeof WORDING_RULES)[number];
export type WordingLocale = 'zh-CN' | 'en';

export interface LexiconEntry {
  id?: string;
  locale: WordingLocale;
  expression: string;
  category: WordingCategory;
  severity: WordingSeverity;
  rule: WordingRule;
  /** What to write instead, in words, shown beside the finding. */
  suggestion: string;
  /** Text put in place of the match by "apply"; '' takes the words out. Command rules compute it. */
  replacement: string;
}

export interface Finding {
  start: number;
  end: number;
  /** The text of the span as written. */
  text: string;
  /** The lexicon expression that matched. */
  expression: string;
  entryId: string | null;
  category: WordingCategory;
  severity: WordingSeverity;
  suggestion: string;
  /** Replaces text[start, end) when the writer applies the suggestion. */
  replacement: string;
}

export type Verdict = 'block' | 'warn' | 'clean';

export interface CompiledLexicon {
  /** Chinese entries by the char code of their first character, longest expression first. */
  zhByFirst: Map<number, LexiconEntry[]>;
  /** English entries, lower-cased, by the char code of their first character. */
  enByFirst: Map<number, LexiconEntry[]>;
  /**
   * 1 at the char codes some expression starts with: the scan skips every other character with
   * one array read, without making a one-character string per character of the text.
   */
  starts: Uint8Array;
  size: number;
}

/** A word segmenter: the words of the text, in order, together covering the whole text. */
export type Segmenter = (text: string) => readonly string[];

function addByFirst(map: Map<number, LexiconEntry[]>, entry: LexiconEntry, starts: Uint8Array) {
  const code = entry.expression.charCodeAt(0);
  starts[code] = 1;
  const list = map.get(code);
  if (list) list.push(entry);
  else map.set(code, [entry]);
}

/** Indexes a lexicon for checking. */
export function compileLexicon(entries: readonly LexiconEntry[]): CompiledLexicon {
  const zhByFirst = new Map<number, LexiconEntry[]>();
  const enByFirst = new Map<number, LexiconEntry[]>();
  const starts = new Uint8Array(0x10000);
  for (const e of entries) {
    const expression = e.expression.trim();
    if (!expression) continue;
    if (e.locale === 'en')
      addByFirst(enByFirst, { ...e, expression: expression.toLowerCase().replace(/’/g, "'") }, starts);
    else addByFirst(zhByFirst, { ...e, expression }, starts);
  }
  for (const list of zhByFirst.values()) list.sort((a, b) => b.expression.length - a.expression.length);
  return { zhByFirst, enByFirst, starts, size: entries.length };
}

interface Candidate {
  start: number;
  end: number;
  entry: LexiconEntry;
}

/**
 * The runs jieba segments on their own: it splits a text at every character outside this class
 * (Han, Latin letters, digits and `+#&._%-`; punctuation and spaces split), and cuts each run
 * independently, so the words around a match depend only on the runs the match touches. Tested
 * by char code: a regular expression per character was a tenth of the check's time.
 */
function inRun(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 43 || // +
    code === 35 || // #
    code === 38 || // &
    code === 46 || // .
    code === 95 || // _
    code === 37 || // %
    code === 45 // -
  );
}

/**
 * Word-boundary offsets around [start, end): the runs it touches are segmented (once per text and
 * run, through `cache`); null when the segments do not cover the run.
 */
function boundariesAround(
  text: string,
  start: number,
  end: number,
  segment: Segmenter,
  cache: Map<number, Set<number> | null>,
): Set<number> | null {
  let from = start;
  while (from > 0 && inRun(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < text.length && inRun(text.charCodeAt(to))) to++;
  // One number per span of runs, no string built.
  const key = from + to * (text.length + 1);
  if (cache.has(key)) return cache.get(key)!;
  const set = new Set<number>([from]);
  let at = from;
  for (const word of segment(text.slice(from, to))) {
    at += word.length;
    set.add(at);
  }
  const result = at === to ? set : null;
  cache.set(key, result);
  return result;
}

const PARTICLES = /^[吗呢吧啊呀了嘛啦]+$/;

/**
 * Whether a match ends on a word boundary — or where the segmenter glued a sentence-final
 * particle to its last word ("不懂吗"), which does not change the word.
 */
function endsOnWord(text: string, end: number, b: Set<number>): boolean {
  if (b.has(end)) return true;
  let next = end + 1;
  while (next < text.length && !b.has(next)) next++;
  return b.has(next) && PARTICLES.test(text.slice(end, next));
}

function zhCandidates(text: string, lex: CompiledLexicon): Candidate[] {
  const out: Candidate[] = [];
  const { starts, zhByFirst } = lex;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (starts[code] === 0) continue;
    const list = zhByFirst.get(code);
    if (!list) continue;
    for (const entry of list) {
      if (text.startsWith(entry.expression, i))
        out.push({ start: i, end: i + entry.expression.length, entry });
    }
  }
  return out;
}

/** Lower-case ASCII letters, digits and the apostrophe: the characters of an English word. */
function enWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39;
}

function enCandidates(text: string, lex: CompiledLexicon): Candidate[] {
  const lower = text.toLowerCase().replace(/’/g, "'");
  // Lower-casing may change the length of rare letters; offsets must stay those of the text.
  if (lower.length !== text.length) return [];
  const out: Candidate[] = [];
  const { starts, enByFirst } = lex;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (starts[code] === 0) continue;
    // Expressions start at a word start only.
    if (i > 0 && enWordChar(lower.charCodeAt(i - 1))) continue;
    const list = enByFirst.get(code);
    if (!list) continue;
    for (const entry of list) {
      const end = i + entry.expression.length;
      if (
        lower.startsWith(entry.expression, i) &&
        (end === lower.length || !enWordChar(lower.charCodeAt(end)))
      )
        out.push({ start: i, end, entry });
    }
  }
  return out;
}

/** Whether the context makes the match a finding, by the entry's rule. */
function counts(text: string, c: Candidate): boolean {
  switch (c.entry.rule) {
    case 'polite':
      return !politeForm(text, c.start, c.end);
    case 'refusal':
      return realRefusal(text, c.start, c.end);
    case 'standalone':
      return standaloneQuestion(text, c.start, c.end);
    case 'address':
      return vocative(text, c.start, c.end);
    default:
      return true;
  }
}

const QUOTE_CHARS = /[「“"『‘]/;
const LATIN = /[a-z]/i;

const ZH_TRAILING = /[吧啊呀呢嘛]+$/;

/**
 * The span and replacement of a finding. Commands cover the rest of their clause and are
 * rewritten as the seeds teach (000 §语言规范): 「你必须…」 → 「您能…吗？」, 「你本来应该…」 →
 * a request for next time, 「你找…吧」 → we contact them for the customer.
 */
function shape(text: string, c: Candidate): { end: number; replacement: string } {
  const { rule, locale } = c.entry;
  if (rule !== 'command' && rule !== 'should_have' && rule !== 'you_find') {
    return { end: c.end, replacement: c.entry.replacement };
  }
  let end = clauseEnd(text, c.end);
  const rest = text.slice(c.end, end).trim();
  const stop = text[end];
  const closes = stop === '。' || stop === '！' || stop === '.' || stop === '!';
  if (closes) end += 1;
  const q = locale === 'en' ? '?' : '？';
  const tail = closes ? q : '';
  if (locale === 'en') {
    if (rule === 'command') return { end, replacement: `could you ${rest}, please${tail || '?'}` };
    if (rule === 'should_have')
      return { end, replacement: `next time, could you let us know in time${tail || '?'}` };
    return { end, replacement: `we will contact ${rest} for you${closes ? '.' : ''}` };
  }
  if (rule === 'command') return { end, replacement: `您能${rest}吗${tail}` };
  if (rule === 'should_have') return { end, replacement: `下次请您${rest}，好吗${tail}` };
  return { end, replacement: `我来帮您联系${rest.replace(ZH_TRAILING, '')}${closes ? '。' : ''}` };
}

/** Every finding in the text, in order, without overlaps (the longer expression wins). */
export function checkWording(text: string, lex: CompiledLexicon, segment: Segmenter): Finding[] {
  // Segmentation is the expensive step: it runs only around expressions that occur at all.
  const cache = new Map<number, Set<number> | null>();
  let candidates = zhCandidates(text, lex);
  if (candidates.length > 0)
    candidates = candidates.filter((c) => {
      const b = boundariesAround(text, c.start, c.end, segment, cache);
      return !b || (b.has(c.start) && endsOnWord(text, c.end, b));
    });
  if (LATIN.test(text)) candidates = candidates.concat(enCandidates(text, lex));
  if (candidates.length === 0) return [];
  const quotes = QUOTE_CHARS.test(text) ? customerQuotes(text) : [];
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const findings: Finding[] = [];
  let taken = 0;
  for (const c of candidates) {
    if (c.start < taken) continue;
    if (insideAny(quotes, c.start, c.end) || negated(text, c.start) || !counts(text, c)) continue;
    const { end, replacement } = shape(text, c);
    findings.push({
      start: c.start,
      end,
      text: text.slice(c.start, end),
      expression: c.entry.expression,
      entryId: c.entry.id ?? null,
      category: c.entry.category,
      severity: c.entry.severity,
      suggestion: c.entry.suggestion,
      replacement,
    });
    taken = end;
  }
  return findings;
}

/** The overall verdict: any blocking finding blocks; otherwise any finding warns. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'block')) return 'block';
  return findings.length ? 'warn' : 'clean';
}

/** The text with one finding's replacement applied (what "apply" does in the console). */
export function applyFinding(text: string, f: Pick<Finding, 'start' | 'end' | 'replacement'>): string {
  let after = text.slice(f.end);
  // Taking a word out should not leave a doubled space or a space before punctuation.
  if (f.replacement === '' && /^\s/.test(after) && (f.start === 0 || /\s$/.test(text.slice(0, f.start))))
    after = after.trimStart();
  return text.slice(0, f.start) + f.replacement + after;
}
