import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  applyMovement,
  crossedBelowMinimum,
  faultyStatusProblems,
  NO_POSITION,
  positionOf,
  unaccountedProblems,
} from './parts.rules.ts';

const stock = { onHand: 5, reserved: 2, faulty: 0 };

test('RS-1 stock never negative: reserve and transfer take only what is available', () => {
  assert.equal(applyMovement('reserve', stock, NO_POSITION, 4).ok, false);
  assert.equal(applyMovement('transfer', stock, NO_POSITION, 4).ok, false);
  const ok = applyMovement('reserve', stock, NO_POSITION, 3);
  assert.ok(ok.ok && ok.levels.reserved === 5 && ok.position.reservedOpen === 3);
});

test('RS-1 an order gets only what was reserved for it, and accounts only for what was issued', () => {
  const pos = { reservedOpen: 2, inHand: 1 };
  assert.equal(applyMovement('issue', stock, pos, 3).ok, false);
  const issued = applyMovement('issue', stock, pos, 2);
  assert.ok(issued.ok);
  assert.deepEqual(issued.levels, { onHand: 3, reserved: 0, faulty: 0 });
  assert.deepEqual(issued.position, { reservedOpen: 0, inHand: 3 });
  assert.equal(applyMovement('consume', stock, pos, 2).ok, false);
  const back = applyMovement('return_unused', stock, pos, 1);
  assert.ok(back.ok && back.levels.onHand === 6 && back.position.inHand === 0);
});

test('RS-1 a stock-take cannot count below what is reserved', () => {
  const r = applyMovement('adjust', stock, NO_POSITION, 1);
  assert.ok(!r.ok && r.problems[0]?.field === 'countedQty');
  const ok = applyMovement('adjust', stock, NO_POSITION, 2);
  assert.ok(ok.ok && ok.levels.onHand === 2);
});

test('RS-1 the ledger sums into an order position', () => {
  assert.deepEqual(positionOf({ reserve: 5, release: 1, issue: 3, consume: 1, return_unused: 1 }), {
    reservedOpen: 1,
    inHand: 1,
  });
});

test('RS-1 minimum stock: notice only when crossing below the minimum', () => {
  const before = { onHand: 5, reserved: 0, faulty: 0 };
  assert.equal(crossedBelowMinimum(before, { ...before, reserved: 3 }, 3), true);
  assert.equal(crossedBelowMinimum({ ...before, reserved: 3 }, { ...before, reserved: 4 }, 3), false);
  assert.equal(crossedBelowMinimum(before, { ...before, reserved: 5 }, 0), false);
});

test('RS-1 close guard names unaccounted parts; faulty status only moves forward', () => {
  assert.deepEqual(unaccountedProblems([{ partName: 'SFP', inHand: 0 }]), []);
  assert.equal(unaccountedProblems([{ partName: 'SFP', inHand: 2 }])[0]?.field, 'parts');
  assert.deepEqual(faultyStatusProblems('awaiting_repair', 'rma'), []);
  assert.equal(faultyStatusProblems('repaired', 'rma').length, 1);
  assert.equal(faultyStatusProblems('scrapped', 'repaired').length, 1);
});
