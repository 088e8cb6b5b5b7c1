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

function rate(fn: (text: string) => unknown): number {
  for (const t of texts) fn(t); // warm up (and load jieba's dictionary)
  let n = 0;
  const start = performance.now();
  const until = start + SECONDS * 1000;
  while (performance.now() < until) {
    for (const t of texts) fn(t);
    n += texts.length;
  }
  return n / ((performance.now() - start) / 1000);
}

const checkRate = rate(check);
// The same check with every run cut by jieba afresh: what a text made only of unseen fragments costs.
const coldRate = rate((text) => checkWording(text, lexicon, segmentUncached));
const scanRate = rate(substringScan);
// Most real notices are clean: the same measurement on 100-character texts made of clean lines only.
const cleanLines = corpus.filter((l) => l.label === 'clean');
const all = texts.splice(0, texts.length);
for (let i = 0; texts.length < 500; i++) {
  let t = '';
  for (let j = i; t.length < 100; j++) t += cleanLines[(j * 7) % cleanLines.length]!.text;
  texts.push(t.slice(0, 100));
}
const cleanCheckRate = rate(check);
const cleanScanRate = rate(substringScan);
texts.splice(0, texts.length, ...all);
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(', ');
console.log(`\nthroughput on one core, ${texts.length} texts of 100 characters (load average ${load}):`);
console.log(
  `  wording check    ${Math.round(checkRate).toLocaleString('en').padStart(10)} checks/s   (target >= 20,000)`,
);
console.log(
  `  substring scan   ${Math.round(scanRate).toLocaleString('en').padStart(10)} checks/s   (baseline, same texts)`,
);
console.log(`  ratio            ${(checkRate / scanRate).toFixed(2)} × the baseline`);
console.log(
  `  without the segmentation cache ${Math.round(coldRate).toLocaleString('en').padStart(8)} checks/s   (every run cut afresh)`,
);
console.log('clean texts only (the usual case):');
console.log(`  wording check    ${Math.round(cleanCheckRate).toLocaleString('en').padStart(10)} checks/s`);
console.log(`  substring scan   ${Math.round(cleanScanRate).toLocaleString('en').padStart(10)} checks/s`);
