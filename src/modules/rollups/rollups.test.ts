/**
 * Issue 11 item 2 / issue 15 item 4: after any sequence of changes — intakes through the API,
 * clocks met and missed, resolutions, cancellations, ratings, corrections of region, partner,
 * type and receipt, and changes rolled back — every rollup row equals its recomputation from the
 * base rows, and the dashboard compliance and the assessment month read from the rollups equal
 * the same figures counted from the base rows. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { newId } from '../../shared/ids.ts';
import type { Scope } from '../access/policy.ts';
import { monthIndicators } from '../assessment/assessment.service.ts';
import { complianceRows } from '../dashboard/dashboard.compliance.ts';
import * as dashRepo from '../dashboard/dashboard.repository.ts';
import { createPartner } from '../partners/partners.service.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';
import { rebuildRollups, rollupDifferences } from './rollups.rebuild.ts';

const MIN = 60_000;
const allScope = (): Scope => ({ kind: 'all' });
/** Receipts around the assessed month 2026-10 (CST), edges included: 2026-09-28 … 2026-11-03. */
const BASE = Date.parse('2026-09-28T00:00:00.000Z');
const SPAN_MIN = 36 * 1440;
const iso = (ms: number) => new Date(ms).toISOString();

type Change =
  | { kind: 'intake'; at: number; region: number; partner: number }
  | { kind: 'stop'; order: number; clock: number; minutes: number; paused: number; late: boolean }
  | { kind: 'miss'; order: number; clock: number }
  | { kind: 'resolve'; order: number; minutes: number }
  | { kind: 'cancel'; order: number; cancelled: boolean }
  | { kind: 'rate'; order: number; score: number | null; at: number }
  | { kind: 'move'; order: number; region: number; partner: number }
  | { kind: 'retype'; order: number; install: boolean }
  | { kind: 'rereceive'; order: number; at: number }
  | { kind: 'rolledBack'; order: number; region: number };

const at = fc.integer({ min: 0, max: SPAN_MIN });
const ix = fc.nat(50);
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('intake' as const), at, region: fc.nat(2), partner: fc.nat(2) }),
  fc.record({
    kind: fc.constant('stop' as const),
    order: ix,
    clock: fc.nat(5),
    // Whole minutes under a day: each fits a one-minute bucket, so percentiles are exact.
    minutes: fc.integer({ min: 0, max: 1439 }),
    paused: fc.integer({ min: 0, max: 30 }),
    late: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('miss' as const), order: ix, clock: fc.nat(5) }),
  fc.record({ kind: fc.constant('resolve' as const), order: ix, minutes: fc.integer({ min: 1, max: 1439 }) }),
  fc.record({ kind: fc.constant('cancel' as const), order: ix, cancelled: fc.boolean() }),
  fc.record({
    kind: fc.constant('rate' as const),
    order: ix,
    score: fc.option(fc.integer({ min: 1, max: 5 })),
    at,
  }),
  fc.record({ kind: fc.constant('move' as const), order: ix, region: fc.nat(2), partner: fc.nat(2) }),
  fc.record({ kind: fc.constant('retype' as const), order: ix, install: fc.boolean() }),
  fc.record({ kind: fc.constant('rereceive' as const), order: ix, at }),
  fc.record({ kind: fc.constant('rolledBack' as const), order: ix, region: fc.nat(2) }),
);

for (const kind of testDatabases) {
  describe(`maintained rollups (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let regions: string[];
    let partners: (string | null)[];
    const orders: string[] = [];
    before(async () => {
      t = await startTestApp(kind, { configure: (c) => ({ ...c, sessionTtlHours: 24 * 400 }) });
      w = await buildWorld(t);
      const other = await createPartner(
        t.ctx,
        { system: 'test' },
        { code: `R${newId().slice(-6)}`, name: '代维丙', regionIds: [w.regions.prefB] },
      );
      regions = [w.regions.countyA1, w.regions.countyA2, w.regions.countyB1];
      partners = [w.partnerId, other.id, null];
    });
    after(() => t.close());

    const db = () => t.ctx.db;
    const clockOf = async (order: string, n: number) => {
      const clocks = await db()
        .selectFrom('order_clocks')
        .select(['id', 'started_at'])
        .where('order_id', '=', order)
        .orderBy('id')
        .execute();
      return clocks.length ? clocks[n % clocks.length] : undefined;
    };
    const orderAt = (n: number) => (orders.length ? orders[n % orders.length] : undefined);

    async function apply(c: Change): Promise<void> {
      if (c.kind === 'intake') {
        t.clock.set(iso(BASE + c.at * MIN));
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/work-orders',
          as: w.callCenter,
          payload: phoneIntake(w, { occurredAt: iso(BASE + (c.at - 10) * MIN) }),
        });
        assert.equal(res.statusCode, 201, res.body);
        const id = json<{ id: string }>(res).id;
        orders.push(id);
        await db()
          .updateTable('work_orders')
          .set({ region_id: regions[c.region]!, partner_id: partners[c.partner]! })
          .where('id', '=', id)
          .execute();
        return;
      }
      const id = orderAt(c.order);
      if (!id) return;
      const set = (patch: Record<string, unknown>) =>
        db().updateTable('work_orders').set(patch).where('id', '=', id).execute();
      switch (c.kind) {
        case 'stop':
        case 'miss': {
          const clock = await clockOf(id, c.clock);
          if (!clock) return;
          const start = Date.parse(clock.started_at);
          const patch =
            c.kind === 'miss'
              ? { breached_at: iso(start + MIN) }
              : {
                  state: 'stopped' as const,
                  stopped_at: iso(start + (c.minutes + c.paused) * MIN),
                  paused_ms: c.paused * MIN,
                  breached_at: c.late ? iso(start + MIN) : null,
                };
          await db().updateTable('order_clocks').set(patch).where('id', '=', clock.id).execute();
          return;
        }
        case 'resolve': {
          const o = await db()
            .selectFrom('work_orders')
            .select('received_at')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          await set({ state: 'resolved', resolved_at: iso(Date.parse(o.received_at) + c.minutes * MIN) });
          return;
        }
        case 'cancel':
          await set({ state: c.cancelled ? 'cancelled' : 'accepted' });
          return;
        case 'rate':
          await db()
            .insertInto('satisfaction_ratings')
            .values({
              id: newId(),
              order_id: id,
              score: c.score,
              refused: c.score === null ? 1 : 0,
              comment: null,
              via: 'staff',
              recorded_by: null,
              recorded_at: iso(BASE + c.at * MIN),
            })
            .execute();
          return;
        case 'move':
          await set({ region_id: regions[c.region]!, partner_id: partners[c.partner]! });
          return;
        case 'retype':
          await set({ type: c.install ? 'activation' : 'fault_repair' });
          return;
        case 'rereceive':
          await set({ received_at: iso(BASE + c.at * MIN) });
          return;
        case 'rolledBack':
          // A change that fails after writing: its rollup changes go with it.
          await assert.rejects(
            db()
              .transaction()
              .execute(async (trx) => {
                await trx
                  .updateTable('work_orders')
                  .set({ region_id: regions[c.region]! })
                  .where('id', '=', id)
                  .execute();
                throw new Error('refused after the write');
              }),
            /refused after the write/,
          );
          return;
      }
    }

    /** The rollup-read figures equal the base-row figures for the month, the region and a partner. */
    async function sameFigures(): Promise<void> {
      const scopes = [
        allScope(),
        { kind: 'partner' as const, partnerId: w.partnerId, regionPaths: await pathsOf(w.regions.prefA) },
      ];
      for (const scope of scopes)
        for (const q of [{ month: '2026-10' }, { month: '2026-10', regionId: w.regions.prefA }]) {
          const fromRollups = await monthIndicators(t.ctx, scope, q);
          const fromBase = await monthIndicators(t.ctx, scope, q, { fromBaseRows: true });
          assert.deepEqual(fromRollups, fromBase);
        }
      const range = { from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' };
      const [p, r] = await complianceRows(t.ctx, allScope(), range);
      const base = await Promise.all([
        dashRepo.complianceByPartner(t.ctx.db, allScope(), range),
        dashRepo.complianceByRegion(t.ctx.db, allScope(), range),
      ]);
      const norm = (rows: readonly Record<string, unknown>[]) =>
        rows
          .map((x) => JSON.stringify({ ...x, total: Number(x.total), breached: Number(x.breached) }))
          .sort();
      assert.deepEqual(norm(p), norm(base[0]));
      assert.deepEqual(norm(r), norm(base[1]));
    }
    const pathsOf = async (regionId: string) => [
      (await db().selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow())
        .path,
    ];

    test('every rollup equals its recomputation from the base rows after random changes, and the figures read from them match', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 25 }), async (changes) => {
          for (const c of changes) await apply(c);
          assert.deepEqual(await rollupDifferences(t.ctx.db, kind), []);
          await sameFigures();
        }),
        { numRuns: 12 },
      );
      assert.ok(orders.length > 0);
    });

    test('a rollup that drifted is found by the check and set right by the rebuild', async () => {
      await db().updateTable('rollup_counts').set({ n: 999 }).where('measure', '=', 'received').execute();
      assert.notDeepEqual(await rollupDifferences(t.ctx.db, kind), []);
      const seen: number[] = [];
      await rebuildRollups(t.ctx.db, kind, (done) => seen.push(done));
      assert.deepEqual(await rollupDifferences(t.ctx.db, kind), []);
      assert.ok(seen.length > 0, 'the rebuild reports its progress');
    });
  });
}
