/**
 * The wording check (CW-1) on the repository's labelled corpus: block recall, clean false
 * positives and per-category recall, then throughput on 100-character texts on one core —
 * beside a plain substring scan of the same lexicon, measured in the same run on the same texts.
 *
 *   npm run bench:wording                (BENCH_SECONDS=2 per measurement by default)
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadCorpus, scoreCorpus } from '../src/modules/wording/corpus/corpus.ts';
import { SEED_LEXICON } from '../src/modules/wording/wording.lexicon.ts';
import { checkWording, compileLexicon, type Finding } from '../src/modules/wording/wording.rules.ts';
import { segment, segmentUncached } from '../src/modules/wording/wording.segmenter.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const lexicon = compileLexicon(SEED_LEXICON);
const check = (text: string) => checkWording(text, lexicon, segment);

/** The baseline: every expression found anywhere as a substring is a finding. */
const plain = SEED_LEXICON.map((e) => ({
  ...e,
  needle: e.locale === 'en' ? e.expression.toLowerCase() : e.expression,
}));
function substringScan(text: string): Finding[] {
  const lower = text.toLowerCase();
  const out: Finding[] = [];
  for (const e of plain) {
    const at = (e.locale === 'en' ? lower : text).indexOf(e.needle);
    if (at >= 0)
      out.push({
        start: at,
        end: at + e.needle.length,
        text: e.needle,
        expression: e.expression,
        entryId: null,
        category: e.category,
        severity: e.severity,
        suggestion: e.suggestion,
        replacement: e.replacement,
      });
  }
  return out;
}

const corpus = loadCorpus();
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

console.log(`corpus: ${corpus.length} lines, lexicon: ${SEED_LEXICON.length} expressions\n`);
const ours = scoreCorpus(corpus, check);
const naive = scoreCorpus(corpus, substringScan);
console.log('                          wording check    substring scan    target');
console.log(
  `block recall (${ours.blockLines} lines)     ${pct(ours.blockRecall).padStart(9)}       ${pct(naive.blockRecall).padStart(9)}        >= 95 %`,
);
console.log(
  `warn found (${ours.warnLines} lines)        ${pct(ours.warnRecall).padStart(9)}       ${pct(naive.warnRecall).padStart(9)}`,
);
console.log(
  `clean false pos. (${ours.cleanLines})    ${pct(ours.falsePositiveRate).padStart(9)}       ${pct(naive.falsePositiveRate).padStart(9)}        <= 2 %`,
);
console.log('\nper category (share of its lines found with that category):');
for (const [cat, v] of Object.entries(ours.perCategory)) {
  console.log(
    `  ${cat.padEnd(16)} ${String(v.lines).padStart(3)} lines  ${pct(v.recall).padStart(8)}   (substring scan ${pct(naive.perCategory[cat]?.recall ?? 0)})`,
  );
}
if (ours.misses.length) console.log(`\nmissed: ${ours.misses.map((m) => m.text).join(' | ')}`);
if (ours.falsePositives.length)
  console.log(`false positives: ${ours.falsePositives.map((m) => m.text).join(' | ')}`);

// 100-character texts: corpus lines joined until they reach 100 characters, cut there.
const texts: string[] = [];
for (let i = 0; texts.length < 500; i++) {
  let t = '';
  for (let j = i; t.length < 100; j++) t += corpus[(j * 7) % corpus.length]!.text;
  texts.push(t.slice(0, 100));
}

/** Checks per second of each function, measured in alternating rounds of one pass over the texts. */
interface Rate {
  /** The best round: the speed when the shared machine let the process run. */
  best: number;
  /** The median round. */
  median: number;
}

/**
 * The machine is shared, so its load moves within a run: the functions are measured in
 * alternating rounds (each sees the same load) for SECONDS each, and each reports its best and
 * its median round rather than one average that depends on when it happened to run.
 */
function rates(fns: ReadonlyArray<(text: string) => unknown>): Rate[] {
  for (const fn of fns) for (const t of texts) fn(t); // warm up (and load jieba's dictionary)
  const rounds: number[][] = fns.map(() => []);
  const spent = fns.map(() => 0);
  while (spent.some((ms) => ms < SECONDS * 1000)) {
    fns.forEach((fn, i) => {
      const start = performance.now();
      for (const t of texts) fn(t);
      const ms = performance.now() - start;
      spent[i]! += ms;
      rounds[i]!.push(texts.length / (ms / 1000));
    });
  }
  return rounds.map((r) => {
    const sorted = [...r].sort((a, b) => a - b);
    return { best: sorted.at(-1)!, median: sorted[Math.floor(sorted.length / 2)]! };
  });
}

const [checkRate, coldRate, scanRate] = rates([
  check,
  // The same check with every run cut by jieba afresh: what a text made only of unseen fragments costs.
  (text) => checkWording(text, lexicon, segmentUncached),
  substringScan,
]) as [Rate, Rate, Rate];
// Most real notices are clean: the same measurement on 100-character texts made of clean lines only.
const cleanLines = corpus.filter((l) => l.label === 'clean');
const all = texts.splice(0, texts.length);
for (let i = 0; texts.length < 500; i++) {
  let t = '';
  for (let j = i; t.length < 100; j++) t += cleanLines[(j * 7) % cleanLines.length]!.text;
  texts.push(t.slice(0, 100));
}
const [cleanCheckRate, cleanScanRate] = rates([check, substringScan]) as [Rate, Rate];
texts.splice(0, texts.length, ...all);
const fmt = (r: Rate) =>
  `${Math.round(r.best).toLocaleString('en').padStart(8)} best, ${Math.round(r.median).toLocaleString('en').padStart(8)} median checks/s`;
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(', ');
console.log(`\nthroughput on one core, ${texts.length} texts of 100 characters (load average ${load}):`);
console.log(`  wording check          ${fmt(checkRate)}   (target >= 20,000)`);
console.log(`  substring scan         ${fmt(scanRate)}   (baseline, same texts, same rounds)`);
console.log(
  `  ratio                  ${(checkRate.best / scanRate.best).toFixed(2)} × the baseline (best), ${(checkRate.median / scanRate.median).toFixed(2)} × (median)`,
);
console.log(`  no segmentation cache  ${fmt(coldRate)}   (every run cut by jieba afresh)`);
console.log('clean texts only (the usual case):');
console.log(`  wording check          ${fmt(cleanCheckRate)}`);
console.log(`  substring scan         ${fmt(cleanScanRate)}`);
