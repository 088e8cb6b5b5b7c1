/** The capability list: every module folder is on it, nothing registers at import, registering twice changes nothing. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { apiRoutes } from '../http/routes.ts';
import { rolesGranted } from '../modules/access/policy.ts';
import { CAPABILITIES, registerCapabilities } from './modules.ts';

test('every module with a <x>.module.ts is listed once, and the API is exactly their routes', () => {
  const folders = readdirSync(new URL('../modules/', import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .filter((d) =>
      readdirSync(new URL(`../modules/${d.name}/`, import.meta.url)).includes(`${d.name}.module.ts`),
    )
    .map((d) => d.name)
    .sort();
  const names = CAPABILITIES.map((c) => c.name);
  assert.deepEqual([...names].sort(), folders);
  assert.equal(new Set(names).size, names.length);
  assert.deepEqual(
    apiRoutes,
    CAPABILITIES.flatMap((c) => c.routes),
  );
});

test('importing the capabilities registers nothing; registerCapabilities does, once', () => {
  // Every module file is imported by now (through the list), yet no capability grant exists.
  assert.deepEqual(rolesGranted('work_orders.read'), []);
  assert.deepEqual(rolesGranted('deadlines.read'), []);
  registerCapabilities();
  const afterFirst = rolesGranted('work_orders.read');
  assert.ok(afterFirst.includes('dispatcher'));
  registerCapabilities();
  assert.deepEqual(rolesGranted('work_orders.read'), afterFirst);
});
