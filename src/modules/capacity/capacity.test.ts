import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { importFile } from '../ledger/ledger.service.ts';
import { api } from '../onsite/onsite.fixtures.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';

type Figures = {
  homeSubscribers: number;
  enterpriseLines: number;
  maintainers: number;
  maintainersNeeded: number;
  maintainerGap: number;
  vehicles: number;
  vehiclesNeeded: number;
  vehicleGap: number;
  hotlinesShort: number;
};
type Report = {
  rules: Record<string, number>;
  regions: { id: string; total: Figures; byPartner: { partnerId: string | null; figures: Figures }[] }[];
  unplaced: { regionName: string; partnerId: string; lines: number }[];
};

async function* ledgerRows(rows: string[][]) {
  yield ['电路编号', '业务类型', '区县', '客户名称', '装机地址', '带宽', '状态'];
  yield* rows;
}

for (const kind of testDatabases) {
  describe(`capacity against the staffing ratios (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
      const rows: string[][] = [];
      // 南明区: 601 home subscribers in service (three started blocks of 300) and one removed.
      for (let i = 0; i < 601; i++)
        rows.push([`H${i}`, '家庭宽带', '南明区', `用户${i}`, '地址', '100M', '在用']);
      rows.push(['H-gone', '家庭宽带', '南明区', '已拆用户', '地址', '100M', '拆机']);
      // 花溪区: 31 enterprise lines (two started blocks of 30).
      for (let i = 0; i < 31; i++)
        rows.push([`E${i}`, '集团专线', '花溪区', `集团${i}`, '地址', '1G', '在用']);
      // A county name no region has: counted nowhere, so listed.
      rows.push(['X1', '家庭宽带', '不存在区', '某用户', '地址', '100M', '在用']);
      await importFile(
        t.ctx,
        { system: 'test' },
        {
          partnerId: w.partnerId,
          target: 'ledger',
          fileName: 'ledger.csv',
          sha256: 'x',
          records: ledgerRows(rows),
        },
      );
    });
    after(() => t.close());
    const { get, put, post } = api({ request: (o) => t.request(o) } as TestApp);
    const report = async (as: Session, q = '') => {
      const res = await get(as, `/api/v1/capacity${q}`);
      assert.equal(res.statusCode, 200, res.body);
      return json<Report>(res);
    };
    const region = (r: Report, id: string) => r.regions.find((g) => g.id === id)!;
    const team = (r: Report, id: string, partnerId: string | null) =>
      region(r, id).byPartner.find((p) => p.partnerId === partnerId)?.figures;

    test('RS-4 needs per county and team: a started block of 300 subscribers or 30 lines needs a maintainer', async () => {
      const r = await report(w.dispatcher);
      assert.deepEqual(r.rules, {
        homePerMaintainer: 300,
        linesPerMaintainer: 30,
        maintainersPerVehicle: 4,
        hotlineHours: 24,
      });
      const a1 = team(r, w.regions.countyA1, w.partnerId)!;
      assert.equal(a1.homeSubscribers, 601, 'the removed line needs nobody');
      assert.equal(a1.maintainersNeeded, 3);
      // The partner's one engineer works in 南明区.
      assert.equal(a1.maintainers, 1);
      assert.equal(a1.maintainerGap, -2);
      assert.equal(a1.vehiclesNeeded, 1);
      assert.equal(a1.vehicleGap, -1);
      const a2 = team(r, w.regions.countyA2, w.partnerId)!;
      assert.equal(a2.enterpriseLines, 31);
      assert.equal(a2.maintainersNeeded, 2);
      assert.equal(a2.maintainerGap, -2);
      assert.deepEqual(r.unplaced, [{ regionName: '不存在区', partnerId: w.partnerId, lines: 1 }]);
    });

    test('RS-4 rolls up the region tree: the prefecture and the province add their teams', async () => {
      const r = await report(w.manager);
      const pref = team(r, w.regions.prefA, w.partnerId)!;
      assert.equal(pref.maintainersNeeded, 5);
      assert.equal(pref.maintainers, 1);
      assert.equal(pref.maintainerGap, -4);
      // Own staff: three engineers in 贵阳市 with no subscribers of their own — a surplus of three.
      assert.equal(team(r, w.regions.prefA, null)!.maintainerGap, 3);
      assert.equal(region(r, w.regions.prefA).total.maintainers, 4);
      assert.equal(region(r, w.regions.prefA).total.maintainerGap, -1);
      assert.equal(region(r, w.regions.province).total.maintainers, 5, 'the engineer in 遵义市 adds up too');
      const only = await report(w.manager, `?regionId=${w.regions.countyA1}`);
      assert.deepEqual(
        only.regions.map((g) => g.id),
        [w.regions.countyA1],
      );
    });

    test('RS-4 vehicles and the 24-hour hotline close their gaps; a 12-hour hotline does not', async () => {
      const before = team(await report(w.dispatcher), w.regions.prefA, w.partnerId)!;
      assert.equal(before.hotlinesShort, 2, 'two counties with work and no hotline');
      const van = await post(admin, '/api/v1/assets', {
        kind: 'vehicle',
        type: 'van',
        name: '抢修车',
        serialNo: `VAN-${kind}`,
        regionId: w.regions.countyA1,
        partnerId: w.partnerId,
      });
      assert.equal(van.statusCode, 201, van.body);
      const day = await put(w.partnerDispatcher, '/api/v1/capacity/hotlines', {
        regionId: w.regions.countyA1,
        partnerId: w.partnerId,
        phone: '0851-12345678',
        hoursPerDay: 24,
      });
      assert.equal(day.statusCode, 200, day.body);
      const half = await put(w.partnerDispatcher, '/api/v1/capacity/hotlines', {
        regionId: w.regions.countyA2,
        partnerId: w.partnerId,
        phone: '0851-87654321',
        hoursPerDay: 12,
      });
      assert.equal(half.statusCode, 200, half.body);
      const r = await report(w.dispatcher);
      assert.equal(team(r, w.regions.countyA1, w.partnerId)!.vehicleGap, 0);
      assert.equal(team(r, w.regions.countyA1, w.partnerId)!.hotlinesShort, 0);
      assert.equal(team(r, w.regions.countyA2, w.partnerId)!.hotlinesShort, 1);
      // A partner sets only its own hotline.
      const own = await put(w.partnerDispatcher, '/api/v1/capacity/hotlines', {
        regionId: w.regions.countyA1,
        partnerId: null,
        phone: '0851-11111111',
        hoursPerDay: 24,
      });
      assert.equal(own.statusCode, 422, own.body);
      assert.deepEqual(
        errorOf(own).details.map((d) => d.field),
        ['partnerId'],
      );
      const bad = await put(w.dispatcher, '/api/v1/capacity/hotlines', {
        regionId: w.regions.countyA1,
        partnerId: null,
        phone: '0851',
        hoursPerDay: 25,
      });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.ok(errorOf(bad).details.some((d) => d.field === 'hoursPerDay'));
    });

    test('RS-4 a partner sees only its own teams', async () => {
      const r = await report(w.partnerDispatcher);
      for (const g of r.regions) for (const p of g.byPartner) assert.equal(p.partnerId, w.partnerId);
      const hotlines = json<{ items: { partnerId: string | null }[] }>(
        await get(w.partnerDispatcher, '/api/v1/capacity/hotlines'),
      ).items;
      assert.ok(hotlines.length > 0 && hotlines.every((h) => h.partnerId === w.partnerId));
    });

    test('RS-4 the ratios are rules an administrator changes with a reason, recorded in history', async () => {
      const refused = await put(w.dispatcher, '/api/v1/capacity/rules', {
        homePerMaintainer: 200,
        reason: '试',
      });
      assert.equal(refused.statusCode, 403);
      const zero = await put(admin, '/api/v1/capacity/rules', { homePerMaintainer: 0, reason: '试' });
      assert.equal(zero.statusCode, 422, zero.body);
      assert.deepEqual(
        errorOf(zero).details.map((d) => d.field),
        ['homePerMaintainer'],
      );
      const ok = await put(admin, '/api/v1/capacity/rules', {
        homePerMaintainer: 200,
        reason: '省公司新标准',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(json<{ homePerMaintainer: number }>(ok).homePerMaintainer, 200);
      assert.equal(team(await report(w.dispatcher), w.regions.countyA1, w.partnerId)!.maintainersNeeded, 4);
      const history = await t.ctx.db
        .selectFrom('history')
        .select(['action', 'reason'])
        .where('entity_type', '=', 'capacity_rule')
        .where('entity_id', '=', 'home_per_maintainer')
        .execute();
      assert.deepEqual(history, [{ action: 'update', reason: '省公司新标准' }]);
      // The same value again changes nothing and records nothing.
      await put(admin, '/api/v1/capacity/rules', { homePerMaintainer: 200, reason: '重复' });
      const again = await t.ctx.db
        .selectFrom('history')
        .select('id')
        .where('entity_type', '=', 'capacity_rule')
        .execute();
      assert.equal(again.length, 1);
    });

    test('RS-4/RS-7 the lines are counted from the subscriber ledger: a later import moves the figures', async () => {
      const before = team(await report(w.dispatcher), w.regions.countyA2, w.partnerId)!;
      assert.equal(before.enterpriseLines, 31);
      // Five lines removed (status 拆机), two new ones, and one home subscriber moved to 花溪区.
      const rows: string[][] = [];
      for (let i = 0; i < 5; i++)
        rows.push([`E${i}`, '集团专线', '花溪区', `集团${i}`, '地址', '1G', '拆机']);
      rows.push(['E-new-1', '集团专线', '花溪区', '新集团1', '地址', '1G', '在用']);
      rows.push(['E-new-2', '集团专线', '花溪区', '新集团2', '地址', '1G', '在用']);
      rows.push(['H0', '家庭宽带', '花溪区', '用户0', '地址', '100M', '在用']);
      await importFile(
        t.ctx,
        { system: 'test' },
        {
          partnerId: w.partnerId,
          target: 'ledger',
          fileName: 'ledger-2.csv',
          sha256: 'y',
          records: ledgerRows(rows),
        },
      );
      const r = await report(w.dispatcher);
      const after = team(r, w.regions.countyA2, w.partnerId)!;
      assert.equal(after.enterpriseLines, 28);
      assert.equal(after.homeSubscribers, 1);
      assert.equal(after.maintainersNeeded, 2, 'one started block of 30 lines, one of home subscribers');
      assert.equal(team(r, w.regions.countyA1, w.partnerId)!.homeSubscribers, 600);
      // The county's figure is the ledger's own count of in-service lines, not a number kept apart.
      const counted = await t.ctx.db
        .selectFrom('ledger_lines')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('partner_id', '=', w.partnerId)
        .where('region_name', '=', '花溪区')
        .where('kind', '=', 'enterprise')
        .where('status', '=', '在用')
        .executeTakeFirstOrThrow();
      assert.equal(Number(counted.n), after.enterpriseLines);
    });
  });
}
