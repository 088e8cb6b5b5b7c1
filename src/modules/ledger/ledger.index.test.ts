/** RS-7: the off-heap line index answers exactly as a Map would, through growth and collisions. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from './ledger.index.ts';

/** A small seeded generator, so a failure repeats. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('ledger line index', () => {
  test('agrees with a Map over 100,000 keys of mixed scripts and lengths, set twice and swapped', () => {
    const rnd = lcg(14);
    const index = new LineIndex();
    const model = new Map<string, number>();
    const alphabet = ['0', '7', 'G', 'Y', '贵', '阳', '-', ' '];
    for (let i = 0; i < 100_000; i++) {
      let key = '';
      const len = 1 + Math.floor(rnd() * 12);
      for (let k = 0; k < len; k++) key += alphabet[Math.floor(rnd() * alphabet.length)];
      const print = Math.floor(rnd() * 2 ** 53);
      index.set(key, print);
      model.set(key, print);
    }
    assert.equal(index.size, model.size);
    for (const [k, v] of model) assert.equal(index.get(k), v, k);
    assert.equal(index.get('never-set'), undefined);
    assert.equal(index.get(''), undefined);

    const keys = [...model.keys()];
    const swapped = new Set(keys.filter((_, i) => i % 3 === 0));
    for (const k of swapped) assert.equal(index.swap(k, -1), model.get(k));
    assert.equal(index.swap('never-set', -1), undefined);
    assert.equal(index.size, model.size, 'a swap adds nothing');
    assert.deepEqual(
      [...index.keysExcept(-1)],
      keys.filter((k) => !swapped.has(k)),
      'the keys not swapped, in insertion order',
    );
  });

  test('keys that differ only in the last character, or share a prefix, stay apart', () => {
    const index = new LineIndex();
    index.set('GY0001', 1);
    index.set('GY0002', 2);
    index.set('GY000', 3);
    index.set('GY00011', 4);
    assert.deepEqual(
      ['GY0001', 'GY0002', 'GY000', 'GY00011', 'GY0003'].map((k) => index.get(k)),
      [1, 2, 3, 4, undefined],
    );
  });
});
