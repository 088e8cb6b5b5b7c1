import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ftsPhrase, likePattern, queryTerms, relatedGrams, searchText } from './knowledge.rules.ts';

test('WO-12 query terms: split at spaces and Chinese punctuation, folded, short terms marked unindexed', () => {
  assert.deepEqual(queryTerms('  光纤，ONU  光纤 '), [
    { text: '光纤', indexed: false },
    { text: 'onu', indexed: true },
  ]);
  assert.deepEqual(queryTerms('ＯＮＵ掉线'), [{ text: 'onu掉线', indexed: true }]);
  assert.deepEqual(queryTerms(' ， '), []);
  assert.equal(queryTerms('a b c d e f g h i j k').length, 8);
});

test('WO-12 related grams: long runs become overlapping three-character pieces; single characters are dropped', () => {
  assert.deepEqual(
    relatedGrams('光纤中断 掉线 x').map((g) => g.text),
    ['光纤中', '纤中断', '掉线'],
  );
  assert.equal(relatedGrams('一'.repeat(500)).length, 1);
  assert.ok(relatedGrams('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'.repeat(3)).length <= 40);
});

test('WO-12 search text folds every field; wildcards and quotes cannot change the query', () => {
  assert.equal(
    searchText({ symptom: 'ONU 掉线', cause: 'C', fix: 'F', product: 'MA5800', version: null }),
    'onu 掉线\nc\nf\nma5800\n',
  );
  assert.equal(likePattern('100%_a\\b'), '%100\\%\\_a\\\\b%');
  assert.equal(ftsPhrase('a"b'), '"a""b"');
});
