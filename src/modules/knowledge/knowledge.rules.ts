/** WO-12 knowledge rules: what a search query means, and what is searched. Pure. */

/** The shortest term the trigram indexes can serve; shorter terms (two Chinese characters) fall back to a scan. */
export const TRIGRAM_MIN = 3;

/** At most this many terms are taken from a query, so a pasted paragraph cannot build a huge statement. */
export const MAX_TERMS = 8;

/** At most this many grams are taken from a long text when looking for related entries. */
export const MAX_GRAMS = 40;

/** One piece of a query: its text and whether a trigram index can answer it. */
export interface SearchTerm {
  text: string;
  /** True when the term has at least TRIGRAM_MIN characters (code points, not UTF-16 units). */
  indexed: boolean;
}

const SEPARATORS = /[\s,.;:!?()[\]{}"'`，。、；：！？（）【】《》“”‘’]+/u;

/** Case- and width-folded text, so 'ＯＮＵ', 'onu' and 'ONU' match each other. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function chars(text: string): string[] {
  return [...text];
}

function term(text: string): SearchTerm {
  return { text, indexed: chars(text).length >= TRIGRAM_MIN };
}

/**
 * The terms of a search box query: every term must occur in an entry (AND). Terms are split
 * at spaces and punctuation, folded, de-duplicated, and capped in number and length.
 */
export function queryTerms(query: string): SearchTerm[] {
  const seen = new Set<string>();
  const out: SearchTerm[] = [];
  for (const raw of fold(query).split(SEPARATORS)) {
    const t = chars(raw).slice(0, 64).join('');
    if (!t || seen.has(t)) continue;
    seen.add(t);
    out.push(term(t));
    if (out.length === MAX_TERMS) break;
  }
  return out;
}

/**
 * The grams used to find entries related to a longer text (an order's symptom): short terms as
 * they are, longer ones as overlapping three-character pieces, so '光纤中断导致掉线' finds an
 * entry about '光纤中断' although Chinese has no spaces. An entry matching any gram is related;
 * more matching grams rank it higher.
 */
export function relatedGrams(text: string): SearchTerm[] {
  const seen = new Set<string>();
  const out: SearchTerm[] = [];
  const add = (g: string) => {
    if (seen.has(g) || out.length >= MAX_GRAMS) return;
    seen.add(g);
    out.push(term(g));
  };
  for (const raw of fold(text).split(SEPARATORS)) {
    const cs = chars(raw);
    if (cs.length === 0) continue;
    if (cs.length <= TRIGRAM_MIN) {
      // A single character matches nearly everything; it says nothing about relatedness.
      if (cs.length > 1) add(raw);
      continue;
    }
    for (let i = 0; i + TRIGRAM_MIN <= cs.length; i++) add(cs.slice(i, i + TRIGRAM_MIN).join(''));
  }
  return out;
}

/** What an entry is searched by: its fields, folded, one per line. */
export function searchText(entry: {
  symptom: string;
  cause: string;
  fix: string;
  product: string | null;
  version: string | null;
}): string {
  return fold([entry.symptom, entry.cause, entry.fix, entry.product ?? '', entry.version ?? ''].join('\n'));
}

/** Escapes LIKE wildcards so a user's '%' or '_' is matched literally (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An FTS5 phrase for one term: quoted, with embedded quotes doubled, so no query syntax leaks through. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The work-order states from which a fault counts as resolved, so it may become an entry (WO-12). */
export const RESOLVED_STATES: readonly string[] = ['resolved', 'signed_off', 'closed'];
