/** Query keys of the generic resource lists, reference selects and saved views. */
export const listKeys = {
  base: (base: string) => [base] as const,
  page: (base: string, q: unknown, filters: unknown, page: number) => [base, q, filters, page] as const,
  refAll: ['ref'] as const,
  ref: (url: unknown) => ['ref', url] as const,
  refSearch: (url: unknown, search: unknown) => ['ref', url, search] as const,
  refOne: (base: unknown, id: unknown) => ['ref-one', base, id] as const,
  savedViews: (list: string) => ['saved-views', list] as const,
};
