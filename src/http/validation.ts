/** Turns zod failures into field problems in both languages. */
import { z } from 'zod';
import type { FieldProblem } from '../shared/errors.ts';
import type { Bilingual, Locale } from '../shared/i18n.ts';
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
 * Fields whose text (or key) holds U+0000. PostgreSQL cannot store that character in text and
 * would fail with a server error, so every request part is checked before its schema. The walk
 * is iterative, with paths linked to their parent, because a 1 MB body can nest arrays far
 * deeper than the call stack and copying paths would then cost quadratic time.
 */
export function nulProblems(input: unknown, limit = 20): FieldProblem[] {
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
      if (value.includes('\u0000'))
        out.push({ field: pathOfNode(node), message: fieldMessage('nul_character') });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], key: String(i), parent: node });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const child = { value: v, key: k.replaceAll('\u0000', '\\u0000'), parent: node };
        if (k.includes('\u0000'))
          out.push({ field: pathOfNode(child), message: fieldMessage('nul_character') });
        else stack.push(child);
      }
    }
  }
  return out;
}
