import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, type Session, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { api } from '../onsite/onsite.fixtures.ts';
import { createPartner } from '../partners/partners.service.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';
import { registerAssessmentFeeds } from './assessment.feeds.ts';
import { seedOctober } from './assessment.fixtures.ts';
import { indicatorSource, registerIndicatorSource, unregisterIndicatorSource } from './assessment.sources.ts';

interface Value {
  value: number | null;
  p90?: number | null;
  sample: number;
  available: boolean;
}
interface PartnerRow {
  partnerId: string | null;
  partnerName: string | null;
  orders: number;
  indicators: Record<string, Value>;
}
interface View {
  month: string;
  from: string;
  to: string;
  partners: PartnerRow[];
}

const M = '2026-10';

for (const kind of testDatabases) {
  describe(`assessment indicators (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let otherPartner: string;
    let partnerManager: Session;
    let otherManager: Session;
    const ids: Record<string, string> = {};

    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      const other = await createPartner(
        t.ctx,
        { system: 'test' },
        { code: `VQ${Date.now()}`, name: '代维乙', regionIds: [w.regions.prefB] },
      );
      otherPartner = other.id;
      partnerManager = await t.personWith(['area_service_manager'], {
        partnerId: w.partnerId,
        regionIds: [w.regions.prefA],
      });
      otherManager = await t.personWith(['area_service_manager'], {
        partnerId: other.id,
        regionIds: [w.regions.prefB],
      });
      Object.assign(ids, await seedOctober(t, w));
    });
    after(async () => {
      await t.close();
    });

    const indicators = async (as: Session, q = '') => {
      const r = await api(t).get(as, `/api/v1/assessment/indicators?month=${M}${q}`);
      assert.equal(r.statusCode, 200, r.body);
      return json<View>(r);
    };

    test('VA-1: every indicator of the hand-computed month, per partner', async () => {
      const view = await indicators(w.manager);
      assert.equal(view.from, '2026-09-30T16:00:00.000Z');
      assert.equal(view.to, '2026-10-31T16:00:00.000Z');
      assert.deepEqual(view.partners.map((p) => p.partnerName).sort(), [null, '代维甲'].sort());
      const p = view.partners.find((r) => r.partnerId === w.partnerId)!;
      const v = (k: string) => p.indicators[k]!;
      // F1, F2, F3, I1, I2 received in October; F0 and I3 in September; X cancelled.
      assert.equal(p.orders, 5);
      // Installation hours 12 (I2), 48 (I1), 72 (I3): median 48, p90 48 + 0.8 × 24.
      assert.deepEqual(v('installation_lead_time'), { value: 48, p90: 67.2, sample: 3, available: true });
      // Respond minutes 10, 20, 40 (50 less a 10-minute pause), 100: median 30, p90 40 + 0.7 × 60.
      assert.deepEqual(v('respond_time'), { value: 30, p90: 82, sample: 4, available: true });
      assert.deepEqual(v('restore_time'), { value: 240, p90: 240, sample: 1, available: true });
      assert.deepEqual(
        v('resolve_time'),
        { value: null, p90: null, sample: 0, available: true },
        'a running clock has no time yet',
      );
      // Respond: F1, F3 met; F2, I1 breached. Restore: F1 met. The running resolve clock is undecided.
      assert.deepEqual(v('compliance_respond'), { value: 50, sample: 4, available: true });
      assert.deepEqual(v('compliance_restore'), { value: 100, sample: 1, available: true });
      assert.deepEqual(v('compliance_resolve'), { value: null, sample: 0, available: true });
      assert.deepEqual(v('compliance_arrive'), { value: null, sample: 0, available: true });
      // Faults resolved: F1 (one visit), F2 (reopened), F3 (two visits): 1 of 3.
      assert.deepEqual(v('first_time_fix'), { value: 33.3, sample: 3, available: true });
      // Faults received with a site: F1 (F0 was 34 days before: not a repeat), F2 (F1 15 days before).
      assert.deepEqual(v('repeat_faults'), { value: 50, sample: 2, available: true });
      // Due in October: F1 answered in time, F2 a day late, F3 still open.
      assert.deepEqual(v('follow_up_completion'), { value: 33.3, sample: 3, available: true });
      // F2 acknowledged at its first step; I1 only after two climbs; F3 never.
      assert.deepEqual(v('escalation_timeliness'), { value: 33.3, sample: 3, available: true });
      // Scores 5, 3, 4 and a refusal: average 4, two of three satisfied.
      assert.deepEqual(v('satisfaction_score'), { value: 4, sample: 3, available: true });
      assert.deepEqual(v('satisfaction_rate'), { value: 66.7, sample: 3, available: true });
      // Inspections are registered (inspections.test.ts): none was planned this month, so no rate.
      assert.deepEqual(v('inspection_completion'), { value: null, sample: 0, available: true });
      // Complaints and operations are registered (assessment.feeds.test.ts): nothing closed, no
      // complaint and no operation this month.
      assert.deepEqual(v('complaints_per_1000'), { value: null, sample: 0, available: true });
      assert.deepEqual(v('operation_violations'), { value: 0, sample: 5, available: true });

      const own = view.partners.find((r) => r.partnerId === null)!;
      assert.equal(own.orders, 1);
      assert.equal(own.indicators.first_time_fix!.value, 100);
      assert.equal(own.indicators.repeat_faults!.value, 0);
      assert.equal(own.indicators.satisfaction_rate!.value, 0);

      // CS-2: the same ratings, summed over partners, are the dashboard's figures.
      const dash = json<{ rated: number; average: number; rate: number }>(
        await api(t).get(w.manager, `/api/v1/dashboard/satisfaction?from=${view.from}&to=${view.to}`),
      );
      assert.equal(dash.rated, 4);
      assert.equal(dash.average, 3.5);
      assert.equal(dash.rate, 50);
    });

    test('VA-1: a region at any level narrows to the orders under it', async () => {
      const a2 = await indicators(w.manager, `&regionId=${w.regions.countyA2}`);
      assert.equal(a2.partners.length, 1);
      const p = a2.partners[0]!;
      assert.equal(p.orders, 1, 'F3 only (X is cancelled)');
      assert.deepEqual(p.indicators.first_time_fix, { value: 0, sample: 1, available: true });
      assert.deepEqual(p.indicators.respond_time, { value: 10, p90: 10, sample: 1, available: true });
      const b = await indicators(w.manager, `&regionId=${w.regions.prefB}`);
      assert.deepEqual(
        b.partners.map((r) => r.partnerId),
        [null],
      );
      const province = await indicators(w.manager, `&regionId=${w.regions.province}`);
      assert.equal(province.partners.length, 2);
      const nov = await api(t).get(w.manager, '/api/v1/assessment/indicators?month=2026-11');
      assert.deepEqual(
        json<View>(nov).partners.filter((r) => r.orders > 0),
        [],
      );
    });

    test('VA-1: a registered source fills its indicator; the source gets the month, region and scope', async () => {
      const seen: unknown[] = [];
      // The inspections capability's own source, put back afterwards for the next database's run.
      const inspections = indicatorSource('inspection_completion');
      registerIndicatorSource('complaints', async (_ctx, window) => {
        seen.push(window);
        return [{ partnerId: w.partnerId, count: 2 }];
      });
      registerIndicatorSource('inspection_completion', async () => [
        { partnerId: w.partnerId, count: 9, total: 12 },
      ]);
      try {
        const p = (await indicators(w.manager)).partners.find((r) => r.partnerId === w.partnerId)!;
        // 2 complaints over 5 orders received.
        assert.deepEqual(p.indicators.complaints_per_1000, { value: 400, sample: 5, available: true });
        assert.deepEqual(p.indicators.inspection_completion, { value: 75, sample: 12, available: true });
        unregisterIndicatorSource('operation_violations');
        assert.equal(
          (await indicators(w.manager)).partners[0]!.indicators.operation_violations!.available,
          false,
          'an absent capability is "no data"',
        );
        assert.deepEqual(seen[0], {
          from: '2026-09-30T16:00:00.000Z',
          to: '2026-10-31T16:00:00.000Z',
          regionPath: null,
          scope: { kind: 'all' },
        });
      } finally {
        unregisterIndicatorSource('inspection_completion');
        if (inspections) registerIndicatorSource('inspection_completion', inspections);
        registerAssessmentFeeds();
      }
    });

    test('VA-1: a partner sees only its own figures; another partner’s id answers 404', async () => {
      const mine = await indicators(partnerManager);
      assert.deepEqual(
        mine.partners.map((r) => r.partnerId),
        [w.partnerId],
      );
      assert.equal(mine.partners[0]!.orders, 5);
      assert.equal(
        (
          await api(t).get(
            partnerManager,
            `/api/v1/assessment/indicators?month=${M}&partnerId=${otherPartner}`,
          )
        ).statusCode,
        404,
      );
      const theirs = await indicators(otherManager);
      assert.deepEqual(
        theirs.partners.filter((r) => r.orders > 0),
        [],
      );
      assert.equal(
        (await api(t).get(otherManager, `/api/v1/assessment/indicators?month=${M}&partnerId=${w.partnerId}`))
          .statusCode,
        404,
      );
    });

    test('VA-2: a figure drills down to the orders behind it, in scope', async () => {
      const drill = async (as: Session, q: string, status = 200) => {
        const r = await api(t).get(as, `/api/v1/assessment/orders?month=${M}&${q}`);
        assert.equal(r.statusCode, status, r.body);
        return status === 200
          ? json<{ orders: { id: string; detail: number | null }[] }>(r).orders.map((o) => [o.id, o.detail])
          : [];
      };
      const P = `partnerId=${w.partnerId}`;
      // Respond minutes of the indicator (median 30 of 10, 20, 40, 100), longest first.
      assert.deepEqual(await drill(w.manager, `figure=respond_time&${P}`), [
        [ids.I1, 100],
        [ids.F2, 40],
        [ids.F1, 20],
        [ids.F3, 10],
      ]);
      // Compliance 50 %: the breached two first (1), then the met two (0).
      const compliance = await drill(w.manager, `figure=compliance_respond&${P}`);
      assert.deepEqual(
        compliance.map((r) => r[1]),
        [1, 1, 0, 0],
      );
      assert.deepEqual(new Set(compliance.slice(0, 2).map((r) => r[0])), new Set([ids.F2, ids.I1]));
      // First-time fix 1 of 3: F2 and F3 not (0), F1 fixed (1).
      const ftf = await drill(w.manager, `figure=first_time_fix&${P}`);
      assert.deepEqual(ftf.at(-1), [ids.F1, 1]);
      assert.equal(ftf.length, 3);
      assert.equal((await drill(w.manager, `figure=orders&${P}`)).length, 5);
      assert.deepEqual(await drill(w.manager, 'figure=orders'), [[ids.O1, null]], 'no partner: own staff');
      assert.deepEqual(
        (await drill(w.manager, `figure=orders&${P}&regionId=${w.regions.countyA2}`)).map((r) => r[0]),
        [ids.F3],
      );
      // A partner: its own orders whatever it asks; another's id 404; another partner sees none.
      assert.equal((await drill(partnerManager, 'figure=orders')).length, 5);
      await drill(partnerManager, `figure=orders&partnerId=${otherPartner}`, 404);
      assert.deepEqual(await drill(otherManager, 'figure=orders'), []);
      await drill(otherManager, `figure=orders&${P}`, 404);
      const bad = await api(t).get(w.manager, `/api/v1/assessment/orders?month=${M}&figure=luck`, 'en');
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('figure'), bad.body);
    });

    test('VA-2: the trend of an indicator over twelve months matches each month’s figure', async () => {
      const r = await api(t).get(w.manager, `/api/v1/assessment/trend?month=2026-11&indicator=respond_time`);
      assert.equal(r.statusCode, 200, r.body);
      const trend = json<{
        months: string[];
        partners: { partnerId: string | null; values: (number | null)[] }[];
      }>(r);
      assert.equal(trend.months.length, 12);
      assert.deepEqual(
        [trend.months[0], trend.months[10], trend.months[11]],
        ['2025-12', '2026-10', '2026-11'],
      );
      const p = trend.partners.find((x) => x.partnerId === w.partnerId)!;
      assert.equal(p.values[10], 30, 'October: the median of the month view');
      assert.equal(p.values[11], null, 'November: nothing stopped');
      const mine = json<{ partners: { partnerId: string | null }[] }>(
        await api(t).get(partnerManager, `/api/v1/assessment/trend?month=2026-11&indicator=respond_time`),
      );
      assert.deepEqual(
        mine.partners.map((x) => x.partnerId),
        [w.partnerId],
      );
      const bad = await api(t).get(w.manager, `/api/v1/assessment/trend?month=2026-11&indicator=luck`);
      assert.equal(bad.statusCode, 400);
    });

    test('VA-1: bad input names the field; no session 401, no permission 403', async () => {
      const { get } = api(t);
      const bad = await get(w.manager, '/api/v1/assessment/indicators?month=2026-13&extra=1', 'en');
      assert.equal(bad.statusCode, 400, bad.body);
      const fields = JSON.parse(bad.body).error.details.map((d: { field: string }) => d.field);
      assert.ok(fields.includes('month'), bad.body);
      const missing = await get(w.manager, `/api/v1/assessment/indicators?month=${M}&regionId=nope`);
      assert.equal(missing.statusCode, 404, missing.body);
      assert.equal((await get(null, `/api/v1/assessment/indicators?month=${M}`)).statusCode, 401);
      assert.equal((await get(w.callCenter, `/api/v1/assessment/indicators?month=${M}`)).statusCode, 403);
      const defs = await get(w.manager, '/api/v1/assessment/definitions');
      assert.equal(defs.statusCode, 200);
      const list = json<{ indicators: { key: string; name: { 'zh-CN': string; en: string } }[] }>(
        defs,
      ).indicators;
      const p = (await indicators(w.manager)).partners[0]!;
      assert.deepEqual(
        list.map((d) => d.key).sort(),
        Object.keys(p.indicators).sort(),
        'every figure has a definition',
      );
      assert.ok(list.every((d) => d.name['zh-CN'] && d.name.en));
    });
  });
}
