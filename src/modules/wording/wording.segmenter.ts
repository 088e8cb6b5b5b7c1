/**
 * The Chinese word segmenter of the wording check: jieba (a native module with its dictionary)
 * loaded once per process on first use, in precise mode without HMM so that the same text is
 * always cut the same way — which is what lets the cuts of a run be remembered.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from './wording.rules.ts';

let jieba: Jieba | null = null;

/**
 * Cuts of recently seen runs. Customer texts repeat the same fragments (template sentences,
 * greetings, the usual phrases), and crossing into the native module was a third of a check's
 * time. Bounded: when full, the oldest half is dropped (a Map iterates in insertion order).
 */
const MAX_CACHED = 20_000;
const cuts = new Map<string, readonly string[]>();

function remember(run: string, words: readonly string[]): void {
  if (cuts.size >= MAX_CACHED) {
    let drop = MAX_CACHED / 2;
    for (const k of cuts.keys()) {
      cuts.delete(k);
      if (--drop === 0) break;
    }
  }
  cuts.set(run, words);
}

/** The jieba cut of a text, uncached (the benchmark measures the cache against it). */
export const segmentUncached: Segmenter = (text) => {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, false);
};

/** The shared segmenter. Runs longer than a sentence are cut without being remembered. */
export const segment: Segmenter = (text) => {
  const known = cuts.get(text);
  if (known) return known;
  const words = segmentUncached(text);
  if (text.length <= 200) remember(text, words);
  return words;
};
