import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assignmentProblems,
  type CandidateFacts,
  coversRegion,
  haversineKm,
  rankCandidates,
} from './dispatch.rules.ts';

test('DP-1: haversine distance matches known city pairs', () => {
  // Guiyang → Zunyi is about 123 km as the crow flies.
  const d = haversineKm({ lat: 26.647, lng: 106.63 }, { lat: 27.725, lng: 106.927 });
  assert.ok(d > 118 && d < 128, `${d}`);
  assert.equal(haversineKm({ lat: 10, lng: 20 }, { lat: 10, lng: 20 }), 0);
});

test('DP-1: an engineer covers a region when one of their paths contains it', () => {
  assert.equal(coversRegion(['/p/a/'], '/p/a/a1/'), true);
  assert.equal(coversRegion(['/p/a/a1/'], '/p/a/'), false);
  assert.equal(coversRegion(['/p/b/'], '/p/a/a1/'), false);
  assert.equal(coversRegion([], '/p/'), false);
});

const base: CandidateFacts = {
  personId: 'x',
  name: 'x',
  gaps: [],
  openLoad: 0,
  distanceKm: 1,
  product: 'OLT',
  regionName: '南明区',
};

test('DP-1: eligible first, then lighter load, then nearer, unknown position last; each says why', () => {
  const ranked = rankCandidates([
    { ...base, personId: 'far', name: '远', distanceKm: 40 },
    { ...base, personId: 'busy', name: '忙', openLoad: 3, distanceKm: 0.5 },
    { ...base, personId: 'nocert', name: '无证', gaps: ['not_certified'], distanceKm: 0.1 },
    { ...base, personId: 'near', name: '近', distanceKm: 2 },
    { ...base, personId: 'lost', name: '失联', distanceKm: null },
  ]);
  assert.deepEqual(
    ranked.map((r) => r.personId),
    ['near', 'far', 'lost', 'busy', 'nocert'],
  );
  assert.deepEqual(
    ranked.map((r) => r.rank),
    [1, 2, 3, 4, 5],
  );
  assert.equal(ranked[4]?.eligible, false);
  assert.ok(ranked[4]?.reasons.some((r) => r.en === 'not certified for the product'));
  assert.ok(ranked[0]?.reasons.some((r) => r['zh-CN'] === '距站点约 2.0 公里'));
  assert.ok(ranked[2]?.reasons.some((r) => r.en === 'last position unknown'));
  assert.ok(ranked[3]?.reasons.some((r) => r.en === '3 open orders in hand'));
});

test('DP-1/RS-3: ineligible people are refused by name unless a manager gives a reason', () => {
  const people = [
    { field: 'leadEngineerId', name: '甲', gaps: ['work_card_expired' as const] },
    { field: 'helperIds', name: '乙', gaps: [] },
  ];
  const refused = assignmentProblems(people, { reason: undefined, mayOverride: true });
  assert.equal(refused.length, 1);
  assert.equal(refused[0]?.field, 'leadEngineerId');
  assert.match(refused[0]?.message.en ?? '', /甲: the work card has expired/);
  assert.deepEqual(
    assignmentProblems(people, { reason: '紧急', mayOverride: false }).map((p) => p.field),
    ['overrideReason'],
  );
  assert.deepEqual(assignmentProblems(people, { reason: '紧急', mayOverride: true }), []);
  assert.deepEqual(assignmentProblems([people[1]!], { reason: undefined, mayOverride: false }), []);
});
