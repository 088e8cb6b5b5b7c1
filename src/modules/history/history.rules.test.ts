import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ChainedEntry, checkLink, diffRecords, entryHash, GENESIS_HASH } from './history.rules.ts';

const base: ChainedEntry = {
  seq: 1,
  id: 'e1',
  at: '2026-11-21T00:00:00.000Z',
  actor_id: 'p1',
  actor_label: '张伟',
  entity_type: 'site',
  entity_id: 's1',
  action: 'create',
  changes: '{"name":[null,"站点"]}',
  reason: null,
  prev_hash: GENESIS_HASH,
};

test('RC-2: a correct link verifies', () => {
  assert.equal(checkLink({ ...base, hash: entryHash(base) }, 1, GENESIS_HASH), null);
});

test('RC-2: any change to any covered field breaks the hash', () => {
  const hash = entryHash(base);
  for (const [key, value] of Object.entries({
    at: 'x',
    actor_label: '李',
    changes: '{}',
    reason: 'r',
    action: 'update',
  })) {
    const tampered = { ...base, [key]: value, hash };
    assert.match(checkLink(tampered, 1, GENESIS_HASH) ?? '', /hash/, `field ${key}`);
  }
});

test('RC-2: a removed entry shows as a sequence gap, a reordered one as a broken link', () => {
  assert.match(
    checkLink({ ...base, seq: 3, hash: entryHash({ ...base, seq: 3 }) }, 2, GENESIS_HASH) ?? '',
    /gap/,
  );
  assert.match(checkLink({ ...base, hash: entryHash(base) }, 1, 'f'.repeat(64)) ?? '', /previous/);
});

test('RC-1: diff names exactly the changed fields, ignoring timestamps', () => {
  assert.deepEqual(diffRecords({ a: 1, b: 'x', updated_at: 't1' }, { a: 1, b: 'y', updated_at: 't2' }), {
    b: ['x', 'y'],
  });
  assert.deepEqual(diffRecords(null, { a: 1 }), { a: [null, 1] });
});
