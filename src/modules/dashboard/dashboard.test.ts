import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { sweepOnce } from '../../jobs/timers.ts';
import { api, completeSiteWork, enRoute } from '../onsite/onsite.fixtures.ts';
import { createPartner } from '../partners/partners.service.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

interface Row {
  total: number;
  met: number;
  breached: number;
  percent: number | null;
}
interface ComplianceView {
  byPartner: (Row & { partnerId: string | null; partnerName: string | null })[];
  byRegion: (Row & { regionId: string; regionName: string })[];
}
interface SatisfactionView {
  scores: { score: number; count: number }[];
  refused: number;
  rated: number;
  average: number | null;
}

for (const kind of testDatabases) {
  describe(`dashboard API (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(async () => {
      await t.close();
    });

    test('SL-1 compliance per partner and region and WO-9 satisfaction come from the database, in scope', async () => {
      const { get, post } = api(t);
      const compliance = async (q = '') => {
        const r = await get(w.manager, `/api/v1/dashboard/deadline-compliance${q}`);
        assert.equal(r.statusCode, 200, r.body);
        return json<ComplianceView>(r);
      };
      const satisfaction = async (q = '') => {
        const r = await get(w.manager, `/api/v1/dashboard/satisfaction${q}`);
        assert.equal(r.statusCode, 200, r.body);
        return json<SatisfactionView>(r);
      };

      // Nothing decided yet: empty, and no average rather than a made-up zero.
      assert.deepEqual(await compliance(), { byPartner: [], byRegion: [] });
      const empty = await satisfaction();
      assert.equal(empty.average, null);
      assert.equal(empty.rated, 0);
      assert.deepEqual(
        empty.scores.map((s) => s.count),
        [0, 0, 0, 0, 0],
      );

      // A critical order worked in time: its respond / arrive / restore clocks stop met.
      const started = t.clock.now().toISOString();
      const o = await enRoute(t, w, { severity: 'critical' });
      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      await completeSiteWork(t, w.engNear, o.id);
      assert.equal(
        (await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'service_restored' }))
          .statusCode,
        200,
      );
      t.clock.advanceMinutes(5);
      assert.equal(
        (await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' })).statusCode,
        200,
      );
      const rated = await post(w.engNear, `/api/v1/work-orders/${o.id}/satisfaction`, { score: 4 });
      assert.equal(rated.statusCode, 201, rated.body);

      const met = await compliance();
      const regionA1 = met.byRegion.find((r) => r.regionId === w.regions.countyA1);
      assert.ok(regionA1, JSON.stringify(met));
      assert.equal(regionA1.breached, 0);
      assert.ok(regionA1.met >= 2, 'respond and arrive at least were met');
      assert.equal(regionA1.percent, 100);
      assert.equal(met.byPartner.length, 1);
      assert.equal(met.byPartner[0]!.partnerId, null, 'own staff worked it');

      // A second critical order nobody answers: its respond clock breaches (15 minutes).
      const late = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, { severity: 'critical' }));
      assert.equal(late.statusCode, 201, late.body);
      t.clock.advanceMinutes(30);
      await sweepOnce(t.ctx);
      const mixed = await compliance();
      const a1 = mixed.byRegion.find((r) => r.regionId === w.regions.countyA1)!;
      assert.ok(a1.breached >= 1, JSON.stringify(a1));
      assert.equal(a1.total, a1.met + a1.breached);
      assert.equal(a1.percent, Math.round((a1.met / a1.total) * 1000) / 10);
      assert.ok(a1.percent! < 100);
      // Only the breached respond clock of the late order counts for respond.
      const respond = await compliance('?kind=respond');
      const r1 = respond.byRegion.find((r) => r.regionId === w.regions.countyA1)!;
      assert.deepEqual([r1.met, r1.breached], [1, 1]);
      // A window that starts after everything holds nothing.
      assert.deepEqual(await compliance(`?from=${encodeURIComponent('2030-01-01T00:00:00+08:00')}`), {
        byPartner: [],
        byRegion: [],
      });
      assert.ok((await compliance(`?from=${encodeURIComponent(started)}`)).byRegion.length > 0);

      const sat = await satisfaction();
      assert.equal(sat.rated, 1);
      assert.equal(sat.average, 4);
      assert.equal(sat.scores.find((s) => s.score === 4)!.count, 1);
      assert.equal(sat.refused, 0);

      // Authorisation: no session 401, a role without the dashboard 403, the partner sees only its part.
      assert.equal((await get(null, '/api/v1/dashboard/satisfaction')).statusCode, 401);
      assert.equal((await get(w.callCenter, '/api/v1/dashboard/deadline-compliance')).statusCode, 403);
      const elsewhere = await createPartner(
        t.ctx,
        { system: 'test' },
        {
          code: 'PB-DASH',
          name: '代维乙',
          regionIds: [w.regions.prefB],
        },
      );
      const partnerManager = await t.personWith(['area_service_manager'], { partnerId: elsewhere.id });
      const theirs = await get(partnerManager, '/api/v1/dashboard/satisfaction');
      assert.equal(theirs.statusCode, 200, theirs.body);
      assert.equal(
        json<SatisfactionView>(theirs).rated,
        0,
        'the rated order is outside this partner’s regions',
      );
      const theirClocks = json<ComplianceView>(
        await get(partnerManager, '/api/v1/dashboard/deadline-compliance'),
      );
      assert.deepEqual(theirClocks, { byPartner: [], byRegion: [] });

      // Bad input answers 400 in the one error shape, naming each field.
      const bad = await get(w.manager, '/api/v1/dashboard/deadline-compliance?from=yesterday&kind=nap');
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual(
        JSON.parse(bad.body)
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
        ['from', 'kind'],
      );
    });
  });
}
