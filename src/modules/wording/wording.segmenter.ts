/**
 * The Chinese word segmenter of the wording check: jieba (a native module with its dictionary)
 * loaded once per process on first use, in precise mode without HMM so that the same text is
 * always cut the same way.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from './wording.rules.ts';

let jieba: Jieba | null = null;

/** The shared segmenter. */
export const segment: Segmenter = (text) => {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, false);
};
