/**
 * Makes the test summary say whether the PostgreSQL half of the suite ran: when PostgreSQL
 * is unreachable this test is reported as skipped with the reason, so "skipped 1" shows up in
 * the final lines of `npm test` instead of a silent SQLite-only pass.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { PG_ADMIN_URL, testDatabases } from '../harness.ts';

const sqliteOnly = process.env.ONSITE_TEST_DBS === 'sqlite';
const shownUrl = PG_ADMIN_URL.replace(/\/\/[^@/]*@/, '//***@');

if (sqliteOnly) {
  test('PostgreSQL suite', { skip: 'not run: ONSITE_TEST_DBS=sqlite' }, () => {});
} else if (!testDatabases.includes('postgres')) {
  test('PostgreSQL suite', { skip: `NOT RUN: PostgreSQL unreachable at ${shownUrl}` }, () => {});
} else {
  test(`PostgreSQL suite runs against ${shownUrl}`, async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
      assert.match(rows[0]!.v, /^\d+/);
    } finally {
      await client.end();
    }
  });
}
