/**
 * What a saved view may hold: the filters and sort a list page keeps in its URL, nothing else,
 * so a view opened later (or shared as a link) always means the same list. Pure.
 */
import type { FieldProblem } from '../../shared/errors.ts';

/** The list pages that have saved views, with the URL keys each one understands. */
export const VIEW_PAGES = {
  orders: ['state', 'open', 'type', 'severity', 'regionId', 'siteId', 'q', 'mine', 'sort'],
} as const;
export type ViewPage = keyof typeof VIEW_PAGES;

const MAX_VALUE = 100;

/**
 * The problems with a view's query for its page: an unknown key, a repeated key or an overlong
 * value is refused with the key named, rather than kept and silently ignored later.
 */
export function viewQueryProblems(page: ViewPage, query: string): FieldProblem[] {
  const known: readonly string[] = VIEW_PAGES[page];
  const params = new URLSearchParams(query);
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const [key, value] of params) {
    if (!known.includes(key)) {
      out.push({
        field: 'query',
        message: { 'zh-CN': `列表不认识筛选条件“${key}”`, en: `the list has no filter “${key}”` },
      });
    } else if (seen.has(key)) {
      out.push({
        field: 'query',
        message: { 'zh-CN': `筛选条件“${key}”重复`, en: `the filter “${key}” is given twice` },
      });
    } else if (value.length > MAX_VALUE) {
      out.push({
        field: 'query',
        message: {
          'zh-CN': `筛选条件“${key}”超过 ${MAX_VALUE} 个字符`,
          en: `the filter “${key}” is longer than ${MAX_VALUE} characters`,
        },
      });
    }
    seen.add(key);
  }
  return out;
}

/** The query in a stable order (keys sorted, empty values dropped), so equal views compare equal. */
export function normaliseViewQuery(query: string): string {
  const params = [...new URLSearchParams(query)].filter(([, v]) => v !== '');
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(params).toString();
}
