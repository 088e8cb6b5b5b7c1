/** Turns zod failures into field problems in both languages. */
import { z } from 'zod';
import type { FieldProblem } from '../shared/errors.ts';
import type { Bilingual, Locale } from '../shared/i18n.ts';
import { isWellFormed } from '../shared/text.ts';
import { fieldMessage } from './messages.ts';

const zodLocales: Record<Locale, ReturnType<typeof z.locales.en>> = {
  'zh-CN': z.locales.zhCN(),
  en: z.locales.en(),
};

type RawIssue = Parameters<NonNullable<ReturnType<typeof z.locales.en>['localeError']>>[0];

function errorMapFor(locale: Locale) {
  return (issue: RawIssue) => {
    // A missing enum or literal field fails as invalid_value; it is still simply missing.
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined)
      return fieldMessage('required')[locale];
    const m = zodLocales[locale].localeError?.(issue);
    return typeof m === 'string' ? m : (m?.message ?? issue.code);
  };
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function issuesToProblems(zh: z.core.$ZodIssue[], en: z.core.$ZodIssue[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  zh.forEach((issue, i) => {
    const enIssue = en[i] ?? issue;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: pathOf([...issue.path, key]), message: fieldMessage('unknown_field') });
      }
      return;
    }
    const message: Bilingual = issue.message.startsWith('i18n:')
      ? fieldMessage(issue.message.slice(5))
      : { 'zh-CN': issue.message, en: enIssue.message };
    const field = pathOf(issue.path) || '(body)';
    // A format check and a refine with the same message both fail on the same bad value
    // (zod 4 runs every check); the person needs to read it once.
    if (out.some((p) => p.field === field && p.message['zh-CN'] === message['zh-CN'])) return;
    out.push({ field, message });
  });
  return out;
}

/** Parses `input` with `schema`; on failure returns the problems, each in both languages. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: FieldProblem[] } {
  const first = schema.safeParse(input);
  if (first.success) return { ok: true, value: first.data };
  // Only the failing path pays for the second and third parse that produce the two languages.
  const zh = schema.safeParse(input, { error: errorMapFor('zh-CN') });
  const en = schema.safeParse(input, { error: errorMapFor('en') });
  return {
    ok: false,
    problems: issuesToProblems(
      zh.error?.issues ?? first.error.issues,
      en.error?.issues ?? first.error.issues,
    ),
  };
}

/** A field-level custom message from the catalogue, usable in `.refine(..., { message: i18n('key') })`. */
export function i18n(key: string): string {
  return `i18n:${key}`;
}

/**
 * Why a piece of request text cannot be stored as given, or null when it can:
 * - U+0000: PostgreSQL cannot keep it in text and would fail with a server error;
 * - a lone UTF-16 surrogate: the drivers store it as U+FFFD, so what was hashed into the
 *   history chain would no longer be what is stored and `audit verify` would report tampering;
 * - a non-character (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF): never meant for interchange, and a
 *   common way to smuggle sentinels past comparisons.
 */
export function textFault(text: string): 'nul_character' | 'ill_formed_text' | 'non_character' | null {
  if (text.includes('\u0000')) return 'nul_character';
  if (!isWellFormed(text)) return 'ill_formed_text';
  if (NON_CHARACTER.test(text)) return 'non_character';
  return null;
}

const NON_CHARACTER =
  /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/u;

/**
 * Fields whose text (or key) cannot be stored as given (see `textFault`). Every request part
 * (path, query, body) of every route is checked here before its schema, so no service ever
 * sees such text. The walk is iterative, with paths linked to their parent, because a 1 MB
 * body can nest arrays far deeper than the call stack and copying paths would then cost
 * quadratic time.
 */
export function textProblems(input: unknown, limit = 20): FieldProblem[] {
  type Node = { value: unknown; key: string | null; parent: Node | null };
  const pathOfNode = (n: Node): string => {
    const keys: string[] = [];
    for (let at: Node | null = n; at?.key != null; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.') || '(body)';
  };
  const out: FieldProblem[] = [];
  const stack: Node[] = [{ value: input, key: null, parent: null }];
  while (stack.length && out.length < limit) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const fault = textFault(value);
      if (fault) out.push({ field: pathOfNode(node), message: fieldMessage(fault) });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], key: String(i), parent: node });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const fault = textFault(k);
        // The key itself is named in the answer, so it must be printable: escape what is wrong in it.
        const child = { value: v, key: fault ? escapeFaults(k) : k, parent: node };
        if (fault) out.push({ field: pathOfNode(child), message: fieldMessage(fault) });
        else stack.push(child);
      }
    }
  }
  return out;
}

/** A key with its NULs, lone surrogates and non-characters written as \uXXXX, for the error answer. */
function escapeFaults(key: string): string {
  let out = '';
  for (const ch of key) {
    out += textFault(ch) ? `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}
