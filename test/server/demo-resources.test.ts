/**
 * The demo's resources step (issue 14 item 8): for each of Guizhou's three vendors the depot,
 * asset and ledger pages have something true to show — stock below a minimum, a lapsed and a
 * due-soon calibration, an engineer without a kit, and reconciliation items of every kind, some
 * settled — with movements of every kind behind the stock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bootstrap } from '../../src/app/bootstrap.ts';
import type { AppContext } from '../../src/app/context.ts';
import { loadDemo } from '../../src/cli/demo/load.ts';
import { actorFor } from '../../src/modules/access/access.service.ts';
import { myOrders } from '../../src/modules/self-service/self-service.service.ts';
import { ManualClock } from '../../src/shared/clock.ts';
import { scratchDatabase, testDatabases } from '../harness.ts';

for (const kind of testDatabases)
  describe(`demo resources (${kind})`, () => {
    let ctx: AppContext;
    let drop: () => Promise<void>;
    before(async () => {
      const scratch = await scratchDatabase(kind);
      ctx = await bootstrap(scratch.config, {
        clock: new ManualClock('2026-11-02T02:00:00.000Z'),
        log: { info() {}, warn() {}, error() {} },
      });
      await loadDemo(ctx, { scale: 'small', seed: 3 });
      drop = async () => {
        await ctx.database.close();
        await scratch.drop();
      };
    });
    after(() => drop());

    test('every vendor has a depot with parts below their minimum, and movements of every kind', async () => {
      const partners = await ctx.db.selectFrom('partners').select(['id']).execute();
      assert.equal(partners.length, 3);
      for (const p of partners) {
        const depots = await ctx.db
          .selectFrom('part_depots')
          .select('id')
          .where('partner_id', '=', p.id)
          .execute();
        assert.ok(depots.length > 0);
        const low = await ctx.db
          .selectFrom('part_stock')
          .selectAll()
          .where(
            'depot_id',
            'in',
            depots.map((d) => d.id),
          )
          .execute();
        assert.ok(low.some((s) => s.on_hand - s.reserved < s.min_qty));
      }
      const kinds = await ctx.db.selectFrom('part_movements').select('kind').distinct().execute();
      for (const k of ['receive', 'reserve', 'issue', 'consume', 'return_faulty', 'transfer', 'adjust'])
        assert.ok(
          kinds.some((r) => r.kind === k),
          k,
        );
    });

    test('each vendor has a lapsed and a due-soon instrument, vehicles, and one engineer without a kit', async () => {
      const today = '2026-11-02';
      for (const p of await ctx.db.selectFrom('partners').select('id').execute()) {
        const mine = await ctx.db.selectFrom('assets').selectAll().where('partner_id', '=', p.id).execute();
        const instruments = mine.filter((a) => a.kind === 'instrument');
        assert.ok(instruments.some((a) => (a.calibration_due ?? '') < today));
        assert.ok(instruments.some((a) => (a.calibration_due ?? '') >= today));
        assert.ok(mine.some((a) => a.kind === 'vehicle'));
        const withKit = new Set(mine.filter((a) => a.kind === 'tool_kit').map((a) => a.person_id));
        const carriers = new Set(instruments.map((a) => a.person_id));
        assert.equal([...carriers].filter((c) => !withKit.has(c)).length, 1);
      }
    });

    test('each vendor ledger has items of every kind, a refused row, and settled items with history', async () => {
      for (const p of await ctx.db.selectFrom('partners').select('id').execute()) {
        const items = await ctx.db
          .selectFrom('ledger_items')
          .selectAll()
          .where('partner_id', '=', p.id)
          .execute();
        for (const k of ['only_eoms', 'only_ledger', 'field'] as const)
          assert.ok(
            items.some((i) => i.kind === k),
            k,
          );
        assert.ok(items.some((i) => i.state === 'corrected'));
        assert.ok(items.some((i) => i.state === 'explained'));
        const eoms = await ctx.db
          .selectFrom('ledger_imports')
          .selectAll()
          .where('partner_id', '=', p.id)
          .where('target', '=', 'eoms')
          .executeTakeFirstOrThrow();
        assert.equal(eoms.rows_rejected, 1);
      }
    });

    test('issue 17 item 7: the escort and the subscriber sign in to their own orders, one reported by each through their page', async () => {
      for (const username of ['escort', 'subscriber']) {
        const me = await ctx.db
          .selectFrom('people')
          .select(['id', 'customer_id'])
          .where('username', '=', username)
          .executeTakeFirstOrThrow();
        const actor = await actorFor(ctx, me.id, 'session');
        assert.ok(actor && me.customer_id);
        const { items } = await myOrders(ctx, actor, { limit: 100, offset: 0 });
        assert.ok(items.length > 0, `${username} sees orders`);
        assert.ok(
          items.every((o) => o.customer_id === me.customer_id),
          `${username} sees only their own`,
        );
        const reported = await ctx.db
          .selectFrom('history')
          .select('entity_id')
          .where('action', '=', 'reported_by_customer')
          .where('actor_id', '=', me.id)
          .execute();
        assert.equal(reported.length, 1, `${username} reported one fault`);
        assert.ok(items.some((o) => o.id === reported[0]?.entity_id));
      }
    });
  });
