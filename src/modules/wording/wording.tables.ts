/** Row types of the wording lexicon (CW-1). `DB` in src/db/schema.ts extends `WordingTables`. */
import type { WordingCategory, WordingLocale, WordingRule, WordingSeverity } from './wording.rules.ts';

export interface WordingExpressionTable {
  id: string;
  locale: WordingLocale;
  expression: string;
  category: WordingCategory;
  severity: WordingSeverity;
  rule: WordingRule;
  suggestion: string;
  replacement: string;
  /** 1 while the check uses it; disabled expressions stay for the record (RC-1). */
  active: number;
  /** Starts at 1; each change adds one. */
  version: number;
  created_at: string;
  updated_at: string;
}

/** One row (id 1): the lexicon's version, raised by every change, so each process knows when to recompile. */
export interface WordingLexiconStateTable {
  id: number;
  version: number;
}

export interface WordingTables {
  wording_expressions: WordingExpressionTable;
  wording_lexicon_state: WordingLexiconStateTable;
}
