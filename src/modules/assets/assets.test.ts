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
import { sweepOnce } from '../../jobs/timers.ts';
import { api } from '../onsite/onsite.fixtures.ts';
import { buildWorld, phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

type Asset = {
  id: string;
  calibration: string;
  calibrationDue: string | null;
  personId: string | null;
  partnerId: string | null;
};
type Candidate = { personId: string; eligible: boolean; gaps: string[]; reasons: string[] };
const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);
let n = 0;

for (const kind of testDatabases) {
  describe(`instruments, vehicles and tool kits API (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    let meter: Asset;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
      admin = await t.personWith(['admin']);
    });
    after(() => t.close());
    const { get, post, patch } = {
      ...api({ request: (o) => t.request(o) } as TestApp),
      patch: (as: Session, url: string, payload: unknown) =>
        t.request({ method: 'PATCH', url, as, payload: payload as Record<string, unknown> }),
    };
    const serial = () => `SN-${kind}-${++n}`;
    const noticesOf = async (personId: string, k: string) =>
      (
        await t.ctx.db
          .selectFrom('notifications')
          .select('id')
          .where('person_id', '=', personId)
          .where('kind', '=', k)
          .execute()
      ).length;
    const candidateOf = async (orderId: string, personId: string) =>
      json<{ items: Candidate[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${orderId}/candidates`),
      ).items.find((c) => c.personId === personId);

    test('RS-2 an instrument needs its calibration date, a vehicle has none, a serial is registered once', async () => {
      const base = { type: 'otdr', name: 'OTDR', regionId: w.regions.prefA };
      const noDate = await post(admin, '/api/v1/assets', { ...base, kind: 'instrument', serialNo: serial() });
      assert.equal(noDate.statusCode, 422, noDate.body);
      assert.deepEqual(fields(noDate), ['calibrationDue']);
      const van = await post(admin, '/api/v1/assets', {
        kind: 'vehicle',
        type: 'van',
        name: '工程车 贵A12345',
        serialNo: serial(),
        regionId: w.regions.prefA,
        calibrationDue: '2027-01-01',
      });
      assert.equal(van.statusCode, 422);
      assert.deepEqual(fields(van), ['calibrationDue']);
      const s = serial();
      const ok = await post(admin, '/api/v1/assets', {
        kind: 'tool_kit',
        type: 'personal_kit',
        name: '个人工具包',
        serialNo: s,
        regionId: w.regions.prefA,
      });
      assert.equal(ok.statusCode, 201, ok.body);
      const again = await post(admin, '/api/v1/assets', {
        kind: 'tool_kit',
        type: 'personal_kit',
        name: '个人工具包',
        serialNo: s,
        regionId: w.regions.prefA,
      });
      assert.ok([409, 422].includes(again.statusCode), again.body);
    });

    test('RS-2 the carrier is warned before the calibration lapses (durable timer), once', async () => {
      const res = await post(admin, '/api/v1/assets', {
        kind: 'instrument',
        type: 'power_meter',
        name: '光功率计',
        serialNo: serial(),
        regionId: w.regions.prefA,
        personId: w.engNear.personId,
        calibrationDue: '2026-11-20',
      });
      assert.equal(res.statusCode, 201, res.body);
      meter = json<Asset>(res);
      assert.equal(meter.calibration, 'due_soon');
      await sweepOnce(t.ctx);
      await sweepOnce(t.ctx);
      assert.equal(await noticesOf(w.engNear.personId, 'assets.calibration_due'), 1);
      assert.equal(await noticesOf(w.engNear.personId, 'assets.calibration_lapsed'), 0);
    });

    test('RS-2 an engineer carrying a lapsed instrument is flagged in dispatch candidates; a new calibration clears it', async () => {
      const order = json<{ id: string }>(await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w))).id;
      const fresh = await candidateOf(order, w.engNear.personId);
      assert.ok(fresh && !fresh.gaps.includes('instrument_out_of_calibration'), JSON.stringify(fresh));
      const lapsed = await patch(admin, `/api/v1/assets/${meter.id}`, {
        calibrationDue: '2026-10-31',
        reason: '证书核对',
      });
      assert.equal(lapsed.statusCode, 200, lapsed.body);
      assert.equal(json<Asset>(lapsed).calibration, 'lapsed');
      const flagged = await candidateOf(order, w.engNear.personId);
      assert.ok(flagged?.gaps.includes('instrument_out_of_calibration'), JSON.stringify(flagged));
      assert.equal(flagged?.eligible, false);
      assert.ok(flagged?.reasons.some((r) => r.includes('光功率计')));
      await sweepOnce(t.ctx);
      assert.equal(await noticesOf(w.engNear.personId, 'assets.calibration_lapsed'), 1);
      await patch(admin, `/api/v1/assets/${meter.id}`, { calibrationDue: '2027-11-01' });
      const cleared = await candidateOf(order, w.engNear.personId);
      assert.ok(!cleared?.gaps.includes('instrument_out_of_calibration'));
      const history = json<{ items: { action: string }[] }>(
        await get(admin, `/api/v1/assets/${meter.id}/history`),
      ).items;
      assert.ok(history.some((h) => h.action === 'calibration:lapsed'));
    });

    test('RS-2 a partner sees and registers only its own assets, issued only to its own people', async () => {
      const p = w.partnerDispatcher;
      const mine = await post(p, '/api/v1/assets', {
        kind: 'instrument',
        type: 'red_light',
        name: '红光笔',
        serialNo: serial(),
        regionId: w.regions.countyA1,
        partnerId: w.partnerId,
        calibrationDue: '2027-06-30',
      });
      assert.equal(mine.statusCode, 201, mine.body);
      const own = await post(p, '/api/v1/assets', {
        kind: 'tool_kit',
        type: 'kit',
        name: '工具包',
        serialNo: serial(),
        regionId: w.regions.countyA1,
      });
      assert.equal(own.statusCode, 422);
      assert.deepEqual(fields(own), ['partnerId']);
      const toStaff = await patch(admin, `/api/v1/assets/${json<Asset>(mine).id}`, {
        personId: w.engNear.personId,
      });
      assert.equal(toStaff.statusCode, 422);
      assert.deepEqual(fields(toStaff), ['personId']);
      const seen = json<{ items: Asset[] }>(await get(p, '/api/v1/assets')).items;
      assert.ok(seen.length >= 1 && seen.every((a) => a.partnerId === w.partnerId));
      assert.equal((await get(p, `/api/v1/assets/${meter.id}`)).statusCode, 404);
      assert.equal((await patch(p, `/api/v1/assets/${meter.id}`, { status: 'retired' })).statusCode, 404);
    });

    test('RS-2 a retired asset cannot change', async () => {
      assert.equal((await patch(admin, `/api/v1/assets/${meter.id}`, { status: 'retired' })).statusCode, 200);
      const res = await patch(admin, `/api/v1/assets/${meter.id}`, { calibrationDue: '2028-01-01' });
      assert.equal(res.statusCode, 422);
      assert.deepEqual(fields(res), ['status']);
    });
  });
}
