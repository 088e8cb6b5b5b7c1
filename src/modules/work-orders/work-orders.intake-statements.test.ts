/**
 * Issue 11, intake at a useful fraction of the database's speed: the statements one phone
 * intake runs are counted through a recording plugin on the context's database handle. The
 * clocks of every kind are written in one multi-row insert and their timers in another, and
 * the equipment read for the 5W1H is not read again for the contract check (WO-13).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

/** "insert order_clocks", "select equipment" … for a statement's root node. */
function describeNode(node: RootOperationNode): string {
  const n = node as unknown as {
    into?: { table: { identifier: { name: string } } };
    from?: { froms: { table?: { identifier: { name: string } } }[] };
    table?: { table: { identifier: { name: string } } };
  };
  const table =
    n.into?.table.identifier.name ??
    n.from?.froms[0]?.table?.identifier.name ??
    n.table?.table.identifier.name;
  return `${node.kind.replace('QueryNode', '').toLowerCase()} ${table ?? '?'}`;
}

for (const kind of testDatabases) {
  describe(`intake statements (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const intakeStatements = async () => {
      const seen: string[] = [];
      const recorder: KyselyPlugin = {
        transformQuery: (a) => {
          seen.push(describeNode(a.node));
          return a.node;
        },
        transformResult: async (a) => a.result,
      };
      const plain = t.ctx.db;
      (t.ctx as { db: typeof plain }).db = plain.withPlugin(recorder);
      try {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/work-orders',
          as: w.callCenter,
          payload: phoneIntake(w),
        });
        assert.equal(res.statusCode, 201, res.body);
        return { seen, id: (res.json() as { id: string }).id };
      } finally {
        (t.ctx as { db: typeof plain }).db = plain;
      }
    };

    test('SL-1 every clock of an order in one insert, their timers in another; no re-read of the equipment', async () => {
      await intakeStatements(); // the first request of a process warms nothing we count on
      const { seen, id } = await intakeStatements();
      const clocks = await t.ctx.db
        .selectFrom('order_clocks')
        .select('kind')
        .where('order_id', '=', id)
        .execute();
      assert.ok(clocks.length >= 2, `several clocks started (${clocks.length})`);
      const count = (what: string) => seen.filter((s) => s === what).length;
      assert.equal(count('insert order_clocks'), 1, seen.join('\n'));
      assert.equal(count('insert timers'), 1, seen.join('\n'));
      assert.equal(count('select deadline_policies'), 1, seen.join('\n'));
      assert.equal(count('select equipment'), 1, seen.join('\n'));
      // 51 statements before issue 11 (seven per clock kind); now a fixed number whatever the kinds.
      assert.ok(seen.length <= 24, `${seen.length} statements:\n${seen.join('\n')}`);
    });
  });
}
