import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placementProblems, regionPath } from './regions.rules.ts';

test('§1 region tree: each level sits under the level above it', () => {
  const cases = [
    { level: 'province', parent: null, ok: true },
    { level: 'province', parent: { level: 'province' }, ok: false },
    { level: 'prefecture', parent: { level: 'province' }, ok: true },
    { level: 'prefecture', parent: null, ok: false },
    { level: 'prefecture', parent: { level: 'county' }, ok: false },
    { level: 'county', parent: { level: 'prefecture' }, ok: true },
    { level: 'county', parent: { level: 'province' }, ok: false },
  ] as const;
  for (const c of cases) {
    const problems = placementProblems(c.level, c.parent);
    assert.equal(problems.length === 0, c.ok, `${c.level} under ${c.parent?.level ?? 'nothing'}`);
    if (!c.ok) assert.equal(problems[0]?.field, 'parentId');
  }
});

test('paths nest so a subtree is a prefix', () => {
  const p = regionPath(null, 'a');
  const c = regionPath(p, 'b');
  assert.equal(p, '/a/');
  assert.equal(c, '/a/b/');
  assert.ok(c.startsWith(p));
});
