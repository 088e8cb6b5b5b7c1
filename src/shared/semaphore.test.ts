import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from './errors.ts';
import { Semaphore } from './semaphore.ts';

test('at most `slots` holders at once, the rest in arrival order; a waiter past its limit gets 503 busy', async () => {
  const gate = new Semaphore(2);
  let inside = 0;
  let most = 0;
  const order: number[] = [];
  const releases: (() => void)[] = [];
  const runs = [0, 1, 2, 3].map((i) =>
    gate.run(async () => {
      inside += 1;
      most = Math.max(most, inside);
      order.push(i);
      await new Promise<void>((resolve) => releases.push(resolve));
      inside -= 1;
    }),
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, [0, 1]);
  const late = gate.run(async () => 'never', 5);
  await assert.rejects(late, (err) => err instanceof AppError && err.status === 503 && err.code === 'busy');
  while (releases.length) {
    releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(runs);
  assert.deepEqual(order, [0, 1, 2, 3]);
  assert.equal(most, 2);
});
