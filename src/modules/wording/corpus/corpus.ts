/**
 * The labelled wording corpus (block.tsv, warn.tsv, clean.tsv beside this file) and its scoring,
 * shared by the corpus test and `npm run bench:wording`. Each line: label, category ('-' for
 * clean lines), text, separated by tabs; '#' starts a comment line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Finding, verdictOf } from '../wording.rules.ts';

export type CorpusLabel = 'block' | 'warn' | 'clean';

export interface CorpusLine {
  label: CorpusLabel;
  category: string;
  text: string;
}

/** Every line of the corpus. */
export function loadCorpus(): CorpusLine[] {
  const lines: CorpusLine[] = [];
  for (const file of ['block.tsv', 'warn.tsv', 'clean.tsv']) {
    const raw = readFileSync(join(import.meta.dirname, file), 'utf8');
    for (const line of raw.split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const [label, category, ...rest] = line.split('\t');
      lines.push({ label: label as CorpusLabel, category: category ?? '-', text: rest.join('\t') });
    }
  }
  return lines;
}

export interface CorpusScore {
  blockLines: number;
  blockRecall: number;
  warnLines: number;
  warnRecall: number;
  cleanLines: number;
  falsePositiveRate: number;
  /** Per category: lines labelled with it, and the share found with that category. */
  perCategory: Record<string, { lines: number; recall: number }>;
  misses: CorpusLine[];
  falsePositives: Array<CorpusLine & { findings: Finding[] }>;
}

/**
 * Scores a checker on the corpus. A block line counts as found when the verdict is block; a
 * warn line when there is any finding; a clean line is a false positive when there is any
 * finding at all (a warning on a good sentence is noise too). A line counts for its category
 * when some finding has that category.
 */
export function scoreCorpus(lines: readonly CorpusLine[], check: (text: string) => Finding[]): CorpusScore {
  let blockHit = 0;
  let warnHit = 0;
  let fp = 0;
  const perCat: Record<string, { lines: number; hit: number }> = {};
  const misses: CorpusLine[] = [];
  const falsePositives: CorpusScore['falsePositives'] = [];
  for (const line of lines) {
    const findings = check(line.text);
    const verdict = verdictOf(findings);
    if (line.label === 'clean') {
      if (findings.length) {
        fp++;
        falsePositives.push({ ...line, findings });
      }
      continue;
    }
    const found = line.label === 'block' ? verdict === 'block' : verdict !== 'clean';
    if (line.label === 'block' && found) blockHit++;
    if (line.label === 'warn' && found) warnHit++;
    if (!found) misses.push(line);
    perCat[line.category] ??= { lines: 0, hit: 0 };
    const cat = perCat[line.category]!;
    cat.lines++;
    if (findings.some((f) => f.category === line.category)) cat.hit++;
  }
  const count = (l: CorpusLabel) => lines.filter((x) => x.label === l).length;
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    blockLines: count('block'),
    blockRecall: ratio(blockHit, count('block')),
    warnLines: count('warn'),
    warnRecall: ratio(warnHit, count('warn')),
    cleanLines: count('clean'),
    falsePositiveRate: ratio(fp, count('clean')),
    perCategory: Object.fromEntries(
      Object.entries(perCat).map(([k, v]) => [k, { lines: v.lines, recall: ratio(v.hit, v.lines) }]),
    ),
    misses,
    falsePositives,
  };
}
