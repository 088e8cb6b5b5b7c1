/** Query keys of wording (lexicon, checks) and message templates. */
export const wordingKeys = {
  check: (text: unknown) => ['wording-check', text] as const,
  lexiconAll: ['lexicon'] as const,
  lexicon: (category: unknown, q: unknown) => ['lexicon', category, q] as const,
};

export const templateKeys = {
  all: ['templates'] as const,
  ofKind: (kind: string) => ['templates', kind] as const,
  variablesAll: ['template-variables'] as const,
  variables: (language: string) => ['template-variables', language] as const,
};
