/**
 * Words (issue 17 item 5): every string of the console's locale files and the shared labels
 * follows the glossary (web/src/locales/glossary.ts) — the chosen term for each concept, none of
 * the words it replaces — and carries no rule id. No database involved.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  channelLabels,
  severityLabels,
  stateLabels,
  typeLabels,
} from '../../src/modules/work-orders/work-orders.labels.ts';
import { consoleEn, consoleZh } from '../../web/src/locales/console.ts';
import { en } from '../../web/src/locales/en.ts';
import { GLOSSARY, RULE_ID } from '../../web/src/locales/glossary.ts';
import { zhCN } from '../../web/src/locales/zh-CN.ts';

/** Every string in a locale tree, with its key path. */
function strings(tree: unknown, at = ''): [string, string][] {
  if (typeof tree === 'string') return [[at, tree]];
  if (tree && typeof tree === 'object')
    return Object.entries(tree).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

const labels = { channelLabels, severityLabels, stateLabels, typeLabels };
const zhStrings = [
  ...strings(zhCN),
  ...strings(consoleZh),
  ...Object.entries(labels).flatMap(([n, l]) =>
    Object.entries(l).map(([k, v]) => [`${n}.${k}`, v['zh-CN']] as [string, string]),
  ),
];
const enStrings = [
  ...strings(en),
  ...strings(consoleEn),
  ...Object.entries(labels).flatMap(([n, l]) =>
    Object.entries(l).map(([k, v]) => [`${n}.${k}`, v.en] as [string, string]),
  ),
];

describe('glossary', () => {
  test('the locale files and labels hold hundreds of strings (the check reads them all)', () => {
    assert.ok(zhStrings.length > 500, `only ${zhStrings.length} zh-CN strings found`);
    assert.equal(zhStrings.length, enStrings.length, 'every zh-CN string has its English');
  });

  test('no string uses a word the glossary replaces', () => {
    const found: string[] = [];
    for (const term of GLOSSARY) {
      for (const word of term.avoid.zh)
        for (const [key, s] of zhStrings) if (s.includes(word)) found.push(`${key}: “${word}” → ${term.zh}`);
      for (const word of term.avoid.en) {
        const re = new RegExp(`\\b${word}`, 'i');
        for (const [key, s] of enStrings) if (re.test(s)) found.push(`${key}: “${word}” → ${term.en}`);
      }
    }
    assert.deepEqual(found, []);
  });

  test('the chosen terms are the ones the console shows for their concepts', () => {
    const term = (zh: string) => GLOSSARY.find((g) => g.zh === zh);
    assert.equal(severityLabels.critical['zh-CN'], term('关键')?.zh);
    assert.equal(severityLabels.critical.en.toLowerCase(), term('关键')?.en);
    assert.equal(zhCN.dispatch.assign, term('派工')?.zh);
    assert.equal(en.dispatch.assign.toLowerCase(), term('派工')?.en);
    assert.ok(stateLabels.dispatched['zh-CN'].includes('派工'));
  });

  test('no rule id in any label, in either language', () => {
    const withIds = [...zhStrings, ...enStrings]
      .filter(([, s]) => RULE_ID.test(s))
      .map(([k, s]) => `${k}: ${s}`);
    assert.deepEqual(withIds, []);
    assert.ok(RULE_ID.test('按规定（WO-4）'), 'the pattern does catch a rule id');
    assert.ok(!RULE_ID.test('SHA-256 {{sha}}…'));
  });
});
