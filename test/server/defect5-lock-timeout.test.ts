/**
 * Issue 10, defect 5: on PostgreSQL a transaction holding the history head made writers wait
 * as long as it lasted, and waiting writers took every pooled connection so reads stalled too.
 * Now lock_timeout / statement_timeout bound the wait (503 busy with Retry-After, as on
 * SQLite) and a reserve of the pool stays free for requests that only read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { errorOf, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';

if (testDatabases.includes('postgres')) {
  describe('defect 5: lock timeout and a pool reserve on PostgreSQL', () => {
    let t: TestApp;
    let admin: Session;
    before(async () => {
      t = await startTestApp('postgres', {
        configure: (c) => ({ ...c, pgLockTimeoutMs: 1500, pgStatementTimeoutMs: 20_000, pgPoolReserve: 2 }),
      });
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());

    test('the configured limits are in force on every pooled connection', async () => {
      const lock = await sql<{ lock_timeout: string }>`SHOW lock_timeout`.execute(t.ctx.db);
      assert.equal(lock.rows[0]?.lock_timeout, '1500ms');
      const stmt = await sql<{ statement_timeout: string }>`SHOW statement_timeout`.execute(t.ctx.db);
      assert.equal(stmt.rows[0]?.statement_timeout, '20s');
    });

    test('writers queued behind a held history head get 503 busy with Retry-After, and reads still answer meanwhile', async () => {
      const holder = new pg.Client({ connectionString: t.ctx.config.databaseUrl });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT * FROM history_head WHERE id = 1 FOR UPDATE');
        let writersSettled = false;
        const writers = Promise.all(
          Array.from({ length: 4 }, (_, i) =>
            t.request({
              method: 'POST',
              url: '/api/v1/regions',
              as: admin,
              payload: { code: `LT${i}`, name: `锁等待${i}`, level: 'province' },
            }),
          ),
        ).then((all) => {
          writersSettled = true;
          return all;
        });
        // The writers hold the write slots and wait on the lock; a read still gets a connection.
        const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', as: admin });
        assert.equal(me.statusCode, 200);
        assert.equal(writersSettled, false, 'the read answered while the writers were still waiting');
        const answers = await writers;
        for (const res of answers) {
          assert.equal(res.statusCode, 503, res.body);
          assert.equal(errorOf(res).code, 'busy');
          assert.equal(res.headers['retry-after'], '1');
        }
      } finally {
        await holder.query('ROLLBACK').catch(() => {});
        await holder.end();
      }
      // Nothing was half-written: the regions do not exist and the chain verifies.
      const left = await t.ctx.db.selectFrom('regions').select('id').where('code', 'like', 'LT%').execute();
      assert.equal(left.length, 0);
      const again = await t.request({
        method: 'POST',
        url: '/api/v1/regions',
        as: admin,
        payload: { code: 'LT9', name: '锁释放后', level: 'province' },
      });
      assert.equal(again.statusCode, 201, again.body);
    });
  });
}
