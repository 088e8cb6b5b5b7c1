/**
 * `npm run bench:vrptw -- --quick` as a test: a handful of Solomon instances, 1 s each; any
 * infeasible solution (under the harness's independent checker) or a left-out customer fails.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readBks } from '../../../../bench/vrptw/instances.ts';
import { DATA, instanceFiles, QUICK, runInstance } from '../../../../bench/vrptw.ts';

const dir = path.join(DATA, 'solomon');

test('VRPTW quick benchmark: every solution feasible under the independent checker', {
  skip: !existsSync(dir) && 'no benchmark data beside the clone',
}, () => {
  const bks = readBks(path.join(dir, 'bks.csv'));
  for (const file of instanceFiles('solomon', QUICK)) {
    const name = path.basename(file, '.txt');
    const row = runInstance(file, 1, 1, bks.get(name));
    assert.deepEqual(row.problems, [], name);
    assert.ok(row.vehicles <= (bks.get(name)?.vehicles ?? 0) + 3, `${name}: ${row.vehicles} vehicles`);
  }
});
