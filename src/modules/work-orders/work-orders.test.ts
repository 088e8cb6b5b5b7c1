import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { createApiToken } from '../access/access.service.ts';
import { buildWorld, phoneIntake, type World } from './work-orders.fixtures.ts';

type Order = {
  id: string;
  number: string;
  state: string;
  severity: string;
  reportedSeverity: string;
  ownerId: string;
  repeatCount: number;
};
const EN = { 'accept-language': 'en' };

for (const kind of testDatabases) {
  describe(`work orders API (${kind})`, () => {
    let t: TestApp;
    let w: World;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildWorld(t);
    });
    after(() => t.close());

    const post = (as: Session, url: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
      t.request({ method: 'POST', url, as, payload: payload as Record<string, unknown>, headers });
    const get = (as: Session, url: string, headers: Record<string, string> = {}) =>
      t.request({ method: 'GET', url, as, headers });
    const intake = async (
      extra: Record<string, unknown> = {},
      as: Session = w.callCenter,
    ): Promise<Order> => {
      const res = await post(as, '/api/v1/work-orders', phoneIntake(w, extra));
      assert.equal(res.statusCode, 201, res.body);
      return json<Order>(res);
    };
    const to = async (as: Session, id: string, state: string, reason?: string) => {
      const res = await post(as, `/api/v1/work-orders/${id}/transitions`, {
        to: state,
        ...(reason ? { reason } : {}),
      });
      assert.equal(res.statusCode, 200, res.body);
      return json<Order>(res);
    };
    const dispatched = async (extra: Record<string, unknown> = {}): Promise<Order> => {
      const o = await intake(extra);
      await to(w.callCenter, o.id, 'accepted');
      const res = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
      });
      assert.equal(res.statusCode, 200, res.body);
      return json<Order>(res);
    };

    test('a fault from phone intake to on site: owner, dispatch, appointment by link, arrival (WO-1…WO-5, DP-1)', async () => {
      // A minor fault: its appointments keep the customer's business hours (WO-5).
      const o = await intake({ severity: 'minor' });
      assert.equal(o.state, 'received');
      assert.equal(o.ownerId, w.callCenter.personId, 'WO-3: the receiver owns it');
      assert.match(o.number, /^WO-20261102-\d{4}$/);
      const accepted = await to(w.callCenter, o.id, 'accepted');
      assert.equal(accepted.ownerId, w.callCenter.personId);

      const cand = json<{
        items: { personId: string; rank: number; eligible: boolean; reasons: string[]; gaps: string[] }[];
      }>(await get(w.dispatcher, `/api/v1/work-orders/${o.id}/candidates`, EN)).items;
      const byId = new Map(cand.map((c) => [c.personId, c]));
      assert.equal(cand[0]?.personId, w.engNear.personId, 'nearest eligible engineer first');
      assert.equal(cand[1]?.personId, w.engFar.personId);
      assert.ok(cand[0]!.reasons.some((r) => /km from the site/.test(r)));
      assert.ok(cand[0]!.reasons.some((r) => /valid .* certification/.test(r)));
      assert.deepEqual(byId.get(w.engNoCert.personId)?.gaps, ['not_certified']);
      assert.deepEqual(byId.get(w.engCardExpired.personId)?.gaps, ['work_card_expired']);
      assert.deepEqual(byId.get(w.engOtherRegion.personId)?.gaps, ['region_not_covered']);
      assert.ok(cand.filter((c) => c.eligible).every((c) => c.rank <= 2));

      const assigned = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
        helperIds: [w.engFar.personId],
      });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(json<Order>(assigned).state, 'dispatched');
      assert.equal(json<Order>(assigned).ownerId, w.callCenter.personId, 'WO-3: assigning keeps the owner');

      // Outside working hours (Saturday) is refused, naming the hours.
      const sat = await post(
        w.engNear,
        `/api/v1/work-orders/${o.id}/appointments`,
        {
          windowStart: '2026-11-07T02:00:00Z',
          windowEnd: '2026-11-07T04:00:00Z',
        },
        EN,
      );
      assert.equal(sat.statusCode, 422);
      assert.match(
        errorOf(sat).details[0]?.message ?? '',
        /working hours: Mon, Tue, Wed, Thu, Fri 08:30–17:30/,
      );
      const windows = json<{ windows: { start: string; end: string }[] }>(
        await get(w.engNear, `/api/v1/work-orders/${o.id}/appointment-windows?minutes=120&count=3`),
      ).windows;
      assert.equal(windows.length, 3);
      const proposed = await post(w.engNear, `/api/v1/work-orders/${o.id}/appointments`, {
        windowStart: windows[0]!.start,
        windowEnd: windows[0]!.end,
      });
      assert.equal(proposed.statusCode, 201, proposed.body);
      const appt = json<{ id: string }>(proposed);

      const link = json<{ token: string; apiPath: string }>(
        await post(w.callCenter, `/api/v1/work-orders/${o.id}/customer-links`, {}),
      );
      const view = await t.request({ method: 'GET', url: link.apiPath });
      assert.equal(view.statusCode, 200, view.body);
      const v = json<{
        state: string;
        engineer: { name: string };
        appointment: { id: string };
        number: string;
      }>(view);
      assert.equal(v.engineer.name, '近工程师');
      assert.equal(v.appointment.id, appt.id);
      assert.ok(!view.body.includes('光模块老化'), 'no internal notes in the customer view');
      assert.ok(!view.body.includes(w.callCenter.personId));
      const confirmed = await t.request({
        method: 'POST',
        url: `${link.apiPath}/appointment/confirm`,
        payload: { appointmentId: appt.id },
      });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal(json<{ state: string }>(confirmed).state, 'appointment_agreed');

      await to(w.engNear, o.id, 'en_route');
      const onSite = await to(w.engNear, o.id, 'on_site');
      assert.equal(onSite.state, 'on_site');

      const transitions = json<{ items: { to: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/transitions`),
      );
      assert.deepEqual(
        transitions.items.map((x) => x.to),
        ['accepted', 'dispatched', 'appointment_agreed', 'en_route', 'on_site'],
      );
      const history = json<{ items: { action: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/history`),
      );
      assert.ok(history.items.length >= 9, 'every change is in history (RC-1)');
    });

    test('WO-1: incomplete intake is refused with each missing field named, zh-CN and en', async () => {
      const zh = await post(w.callCenter, '/api/v1/work-orders', {
        type: 'fault_repair',
        channel: 'customer_call',
      });
      assert.equal(zh.statusCode, 422);
      const e = errorOf(zh);
      assert.equal(e.code, 'intake_incomplete');
      assert.deepEqual(e.details.map((d) => d.field).sort(), [
        'contactName',
        'contactPhone',
        'customerId',
        'equipmentId',
        'occurredAt',
        'regionId',
        'siteId',
        'symptom',
      ]);
      assert.match(e.details.find((d) => d.field === 'contactPhone')?.message ?? '', /联系电话/);
      const en = await post(
        w.callCenter,
        '/api/v1/work-orders',
        { type: 'fault_repair', channel: 'customer_call' },
        EN,
      );
      assert.match(
        errorOf(en).details.find((d) => d.field === 'symptom')?.message ?? '',
        /what: the symptom is required/,
      );
    });

    test('intake by an engineer: only what they found themselves', async () => {
      const desk = await post(w.engNear, '/api/v1/work-orders', phoneIntake(w), EN);
      assert.equal(desk.statusCode, 422);
      assert.equal(errorOf(desk).details[0]?.field, 'channel');
      const found = await post(
        w.engNear,
        '/api/v1/work-orders',
        phoneIntake(w, { channel: 'engineer_found', foundHow: '巡检发现风扇告警' }),
      );
      assert.equal(found.statusCode, 201, found.body);
      assert.equal(json<Order>(found).ownerId, w.engNear.personId);
      // A partner engineer logs findings only where the partner works.
      const partnerFound = phoneIntake(w, {
        channel: 'engineer_found',
        siteId: w.siteB1,
        equipmentId: undefined,
        product: 'x',
      });
      const outside = await post(w.engCardExpired, '/api/v1/work-orders', partnerFound);
      assert.equal(outside.statusCode, 422);
      assert.equal(errorOf(outside).details[0]?.field, 'siteId');
      const inside = await post(
        w.engCardExpired,
        '/api/v1/work-orders',
        phoneIntake(w, { channel: 'engineer_found' }),
      );
      assert.equal(inside.statusCode, 201, inside.body);
      const escort = await t.personWith(['customer_escort'], { customerId: w.customerId });
      assert.equal((await post(escort, '/api/v1/work-orders', phoneIntake(w))).statusCode, 403);
      assert.equal(
        (await get(escort, `/api/v1/work-orders/${json<Order>(found).id}`)).statusCode,
        403,
        'customers use their link',
      );
    });

    test('WO-1/WO-2: a critical order is taken without optional fields; impact flags force critical', async () => {
      const o = await intake({
        severity: 'minor',
        occurredAt: undefined,
        equipmentId: undefined,
        impacts: { serviceInterruption: true },
      });
      assert.equal(o.severity, 'critical');
      assert.equal(o.reportedSeverity, 'minor');
    });

    test('WO-2: a downgrade needs a manager and a reason; history keeps the original', async () => {
      const o = await intake({ impacts: { billing: true } });
      const byDispatcher = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/severity`, {
        severity: 'major',
        reason: 'x',
      });
      assert.equal(byDispatcher.statusCode, 422);
      assert.equal(errorOf(byDispatcher).details[0]?.field, 'severity');
      const noReason = await post(w.manager, `/api/v1/work-orders/${o.id}/severity`, { severity: 'major' });
      assert.equal(errorOf(noReason).details[0]?.field, 'reason');
      const ok = await post(w.manager, `/api/v1/work-orders/${o.id}/severity`, {
        severity: 'major',
        reason: '核实仅单个用户计费异常',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(json<Order>(ok).severity, 'major');
      assert.equal(json<Order>(ok).reportedSeverity, 'major');
      const hist = json<{
        items: { action: string; changes: Record<string, unknown>; reason: string | null }[];
      }>(await get(w.manager, `/api/v1/work-orders/${o.id}/history`)).items;
      const change = hist.find((h) => h.action === 'severity');
      assert.deepEqual(change?.changes, { severity: ['critical', 'major'] });
      assert.equal(change?.reason, '核实仅单个用户计费异常');
      assert.equal(
        (hist[0]!.changes as { severity: unknown[] }).severity[1],
        'critical',
        'the original stays in history',
      );
    });

    test('states: an illegal move says where the order may go; cancel needs a reason and is final', async () => {
      const o = await intake();
      const bad = await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'on_site' }, EN);
      assert.equal(bad.statusCode, 409);
      assert.equal(errorOf(bad).code, 'illegal_transition');
      assert.match(errorOf(bad).details[0]?.message ?? '', /may go to: Accepted, Cancelled/);
      const zh = await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'on_site' });
      assert.match(errorOf(zh).details[0]?.message ?? '', /可以变为：已接单、已取消/);
      const noReason = await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, {
        to: 'cancelled',
      });
      assert.equal(errorOf(noReason).details[0]?.field, 'reason');
      const cancelled = await to(w.dispatcher, o.id, 'cancelled', '客户重复报障');
      assert.equal(cancelled.state, 'cancelled');
      const again = await post(
        w.callCenter,
        `/api/v1/work-orders/${o.id}/transitions`,
        { to: 'accepted', reason: 'x' },
        EN,
      );
      assert.match(errorOf(again).details[0]?.message ?? '', /none; it is final/);
      const guarded = await intake();
      await to(w.callCenter, guarded.id, 'accepted');
      const noLead = await post(w.callCenter, `/api/v1/work-orders/${guarded.id}/transitions`, {
        to: 'dispatched',
      });
      assert.equal(noLead.statusCode, 409);
      assert.equal(errorOf(noLead).details[0]?.field, 'leadEngineerId');
    });

    test('WO-3: an engineer acts only on orders assigned to them', async () => {
      const o = await dispatched();
      const other = await post(w.engFar, `/api/v1/work-orders/${o.id}/transitions`, {
        to: 'cancelled',
        reason: 'x',
      });
      assert.equal(other.statusCode, 403);
      assert.equal(errorOf(other).code, 'not_yours');
    });

    test('inbound webhook: API token only, Idempotency-Key required, a retry returns the original', async () => {
      const { token } = await createApiToken(
        t.ctx,
        { system: 'test' },
        { personId: w.callCenter.personId, name: 'eoms' },
      );
      const bearer = { bearer: token, personId: w.callCenter.personId };
      const body = { ...phoneIntake(w), externalRef: 'HOOK-1' };
      delete (body as Record<string, unknown>).channel;
      const noKey = await post(bearer, '/api/v1/webhooks/work-orders', body);
      assert.equal(noKey.statusCode, 400);
      assert.equal(errorOf(noKey).code, 'idempotency_key_required');
      const bySession = await post(w.callCenter, '/api/v1/webhooks/work-orders', body, {
        'idempotency-key': 'k1',
      });
      assert.equal(bySession.statusCode, 403);
      const first = await post(bearer, '/api/v1/webhooks/work-orders', body, { 'idempotency-key': 'k1' });
      assert.equal(first.statusCode, 201, first.body);
      const retry = await post(bearer, '/api/v1/webhooks/work-orders', body, { 'idempotency-key': 'k1' });
      assert.equal(retry.statusCode, 200);
      assert.equal(json<Order>(retry).id, json<Order>(first).id);
      assert.equal(json<{ replayed: boolean }>(retry).replayed, true);
      const changed = await post(
        bearer,
        '/api/v1/webhooks/work-orders',
        { ...body, symptom: '别的' },
        { 'idempotency-key': 'k1' },
      );
      assert.equal(changed.statusCode, 422);
      assert.equal(errorOf(changed).code, 'idempotency_key_reused');
      // Concurrent deliveries of one key make one order.
      const burst = await Promise.all(
        Array.from({ length: 6 }, () =>
          post(
            bearer,
            '/api/v1/webhooks/work-orders',
            { ...body, externalRef: 'HOOK-2' },
            { 'idempotency-key': 'k2' },
          ),
        ),
      );
      assert.ok(
        burst.every((r) => r.statusCode === 200 || r.statusCode === 201),
        burst.map((r) => r.body).join('\n'),
      );
      assert.equal(new Set(burst.map((r) => json<Order>(r).id)).size, 1);
      const rows = await t.ctx.db
        .selectFrom('work_orders')
        .select('id')
        .where('external_ref', '=', 'HOOK-2')
        .execute();
      assert.equal(rows.length, 1);
    });

    test('EOMS import: every CSV row is answered, accepted or refused with reasons', async () => {
      const { regions } = w;
      const regionCode = (
        await t.ctx.db
          .selectFrom('regions')
          .select('code')
          .where('id', '=', regions.countyA2)
          .executeTakeFirstOrThrow()
      ).code;
      const siteCode = (
        await t.ctx.db.selectFrom('sites').select('code').where('id', '=', w.siteA1).executeTakeFirstOrThrow()
      ).code;
      const csv = [
        '工单号,工单类型,紧急程度,客户名称,联系人,联系电话,站点编码,区域编码,地址,设备序列号,发生时间,故障现象,业务中断',
        `E-1,故障处理,严重,某运营商,刘工,13800000001,${siteCode},,,${w.serialA1},2026-11-02 09:10,"上联口闪断, 用户掉线",否`,
        `E-2,故障处理,一般,某运营商,刘工,,${siteCode},,,,2026-11-02 09:10,掉线,否`,
        'E-3,故障处理,一般,某运营商,刘工,138,NO-SUCH,,,,2026-11-02 09:10,掉线,否',
        ',,,,,,,,,,,,',
        `E-1,故障处理,严重,某运营商,刘工,13800000001,${siteCode},,,${w.serialA1},2026-11-02 09:10,重复,否`,
        `E-5,巡检,关键,某运营商,张工,139,,${regionCode},花溪区某路 3 号,,,机房温度高,是`,
        `E-6,维修,一般,某运营商,张工,139,,${regionCode},某地,,,x,否`,
      ].join('\r\n');
      const res = await post(w.callCenter, '/api/v1/work-orders/import', { format: 'csv', content: csv }, EN);
      assert.equal(res.statusCode, 200, res.body);
      const r = json<{
        accepted: number;
        refused: number;
        rows: { row: number; status: string; problems?: { field: string; message: string }[] }[];
      }>(res);
      assert.equal(r.rows.length, 7, 'no row silently dropped');
      assert.deepEqual(
        r.rows.map((x) => x.status),
        ['accepted', 'refused', 'refused', 'refused', 'refused', 'accepted', 'refused'],
      );
      assert.equal(r.rows[1]?.problems?.[0]?.field, 'contactPhone');
      assert.equal(r.rows[2]?.problems?.[0]?.field, 'siteCode');
      assert.match(r.rows[3]?.problems?.[0]?.message ?? '', /blank row/);
      assert.match(r.rows[4]?.problems?.[0]?.message ?? '', /already imported/);
      assert.match(r.rows[6]?.problems?.[0]?.message ?? '', /unknown work order type "维修"/);
      const imported = await t.ctx.db
        .selectFrom('work_orders')
        .selectAll()
        .where('external_ref', 'in', ['E-1', 'E-5'])
        .orderBy('external_ref')
        .execute();
      assert.equal(imported[0]?.occurred_at, '2026-11-02T01:10:00.000Z', 'local time of the site (UTC+8)');
      assert.equal(imported[0]?.symptom, '上联口闪断, 用户掉线');
      assert.equal(imported[1]?.severity, 'critical');
      assert.equal(imported[1]?.channel, 'eoms_import');
    });

    test('EOMS import: xlsx rows through exceljs', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('EOMS');
      ws.addRow([
        'eoms_no',
        'type',
        'severity',
        'customer_name',
        'contact_name',
        'contact_phone',
        'region_code',
        'address',
        'occurred_at',
        'symptom',
      ]);
      const regionCode = (
        await t.ctx.db
          .selectFrom('regions')
          .select('code')
          .where('id', '=', w.regions.countyA2)
          .executeTakeFirstOrThrow()
      ).code;
      ws.addRow([
        'X-1',
        'consultation',
        'minor',
        '某企业',
        '王',
        '135',
        regionCode,
        '花溪区 8 号',
        '2026-11-01 15:00',
        '咨询宽带提速',
      ]);
      ws.addRow([
        'X-2',
        'consultation',
        'minor',
        '某企业',
        '王',
        '135',
        'NOPE',
        '花溪区 8 号',
        '2026-11-01 15:00',
        '咨询',
      ]);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await post(w.callCenter, '/api/v1/work-orders/import', {
        format: 'xlsx',
        content: buf.toString('base64'),
      });
      assert.equal(res.statusCode, 200, res.body);
      const r = json<{
        accepted: number;
        refused: number;
        rows: { status: string; problems?: { field: string }[] }[];
      }>(res);
      assert.equal(r.accepted, 1);
      assert.equal(r.refused, 1);
      assert.equal(r.rows[1]?.problems?.[0]?.field, 'regionCode');
    });

    test('WO-4: handover needs the receiver’s acceptance and tells the customer; forwarding keeps the owner', async () => {
      const o = await intake();
      await to(w.callCenter, o.id, 'accepted');
      const fwd = await post(w.callCenter, `/api/v1/work-orders/${o.id}/forward`, {
        toPersonId: w.engFar.personId,
        note: '请协助判断光模块',
      });
      assert.equal(fwd.statusCode, 201, fwd.body);
      const h = await post(w.callCenter, `/api/v1/work-orders/${o.id}/handovers`, {
        toPersonId: w.dispatcher.personId,
        reason: '交接班',
      });
      assert.equal(h.statusCode, 201, h.body);
      const hid = json<{ id: string }>(h).id;
      const second = await post(w.callCenter, `/api/v1/work-orders/${o.id}/handovers`, {
        toPersonId: w.manager.personId,
        reason: 'x',
      });
      assert.equal(second.statusCode, 422, 'one pending handover at a time');
      let detail = json<{ ownerId: string }>(await get(w.dispatcher, `/api/v1/work-orders/${o.id}`));
      assert.equal(detail.ownerId, w.callCenter.personId, 'the owner stays until the receiver accepts');
      const notReceiver = await post(w.manager, `/api/v1/handovers/${hid}/accept`, {});
      assert.equal(notReceiver.statusCode, 404);
      const pending = json<{ items: { id: string }[] }>(await get(w.dispatcher, '/api/v1/handovers'));
      assert.deepEqual(
        pending.items.map((x) => x.id),
        [hid],
      );
      const accepted = await post(w.dispatcher, `/api/v1/handovers/${hid}/accept`, {});
      assert.equal(accepted.statusCode, 200, accepted.body);
      detail = json<{ ownerId: string }>(await get(w.dispatcher, `/api/v1/work-orders/${o.id}`));
      assert.equal(detail.ownerId, w.dispatcher.personId);
      const notices = json<{ items: { kind: string; text: string; recipientName: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/notices`),
      ).items;
      assert.equal(notices[0]?.kind, 'handover');
      assert.equal(notices[0]?.recipientName, '刘工');
      assert.match(notices[0]?.text ?? '', /调度老李/);
      // Declining leaves the owner unchanged and needs a reason.
      const h2 = json<{ id: string }>(
        await post(w.dispatcher, `/api/v1/work-orders/${o.id}/handovers`, {
          toPersonId: w.manager.personId,
          reason: '升级',
        }),
      );
      assert.equal((await post(w.manager, `/api/v1/handovers/${h2.id}/decline`, {})).statusCode, 422);
      assert.equal(
        (await post(w.manager, `/api/v1/handovers/${h2.id}/decline`, { note: '非我区域' })).statusCode,
        200,
      );
      detail = json<{ ownerId: string }>(await get(w.dispatcher, `/api/v1/work-orders/${o.id}`));
      assert.equal(detail.ownerId, w.dispatcher.personId);
      // The owner column refuses null at the database (WO-3: never without an owner).
      await assert.rejects(
        t.ctx.db
          .updateTable('work_orders')
          .set({ owner_id: null as unknown as string })
          .where('id', '=', o.id)
          .execute(),
      );
    });

    test('DP-1: ineligible engineers are refused unless a manager overrides with a recorded reason', async () => {
      const o = await intake();
      await to(w.callCenter, o.id, 'accepted');
      const refused = await post(
        w.dispatcher,
        `/api/v1/work-orders/${o.id}/assignments`,
        {
          leadEngineerId: w.engCardExpired.personId,
          helperIds: [w.engNoCert.personId, w.engOtherRegion.personId],
        },
        EN,
      );
      assert.equal(refused.statusCode, 422);
      assert.equal(errorOf(refused).code, 'not_eligible');
      const msgs = errorOf(refused)
        .details.map((d) => d.message)
        .join('\n');
      assert.match(msgs, /卡过期工程师: the work card has expired/);
      assert.match(msgs, /无证工程师: not certified for the product/);
      assert.match(msgs, /外区工程师: does not cover the site’s region/);
      const dispatcherOverride = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engCardExpired.personId,
        overrideReason: '紧急',
      });
      assert.equal(errorOf(dispatcherOverride).details[0]?.field, 'overrideReason');
      const ok = await post(w.manager, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engCardExpired.personId,
        overrideReason: '工作卡续期中，已电话核实',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const detail = json<{
        partnerId: string;
        assignments: { personId: string; overrideReason: string | null }[];
      }>(await get(w.manager, `/api/v1/work-orders/${o.id}`));
      assert.equal(detail.assignments[0]?.overrideReason, '工作卡续期中，已电话核实');
      assert.equal(detail.partnerId, w.partnerId);
      // WO-4: changing the engineer in charge tells the customer contact.
      const changed = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const after = json<{ partnerId: string | null; assignments: { personId: string; role: string }[] }>(
        await get(w.manager, `/api/v1/work-orders/${o.id}`),
      );
      assert.deepEqual(
        after.assignments.filter((a) => a.role === 'lead').map((a) => a.personId),
        [w.engNear.personId],
      );
      assert.equal(after.partnerId, null);
      const notices = json<{ items: { kind: string; text: string }[] }>(
        await get(w.manager, `/api/v1/work-orders/${o.id}/notices`),
      ).items;
      assert.equal(notices.at(-1)?.kind, 'engineer_changed');
      assert.match(notices.at(-1)?.text ?? '', /近工程师/);
    });

    test('scope: a partner sees orders in its regions, not others (404)', async () => {
      const inA = await intake();
      const inB = await intake({ siteId: w.siteB1, equipmentId: undefined, product: '华为 OLT MA5800' });
      assert.equal((await get(w.partnerDispatcher, `/api/v1/work-orders/${inA.id}`)).statusCode, 200);
      assert.equal((await get(w.partnerDispatcher, `/api/v1/work-orders/${inB.id}`)).statusCode, 404);
      const list = json<{ items: { id: string }[] }>(
        await get(w.partnerDispatcher, '/api/v1/work-orders?limit=500'),
      );
      assert.ok(list.items.some((x) => x.id === inA.id));
      assert.ok(!list.items.some((x) => x.id === inB.id));
      // Filters: a region subtree, open orders, one's own.
      const inPrefB = json<{ items: { id: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders?regionId=${w.regions.prefB}&open=true&limit=500`),
      );
      assert.ok(inPrefB.items.some((x) => x.id === inB.id));
      assert.ok(!inPrefB.items.some((x) => x.id === inA.id));
      const mine = json<{ items: { ownerId: string }[]; total: number }>(
        await get(w.callCenter, '/api/v1/work-orders?mine=true&limit=500'),
      );
      assert.ok(mine.total >= 2 && mine.items.every((x) => x.ownerId === w.callCenter.personId));
      const cancelledOnly = json<{ items: { state: string }[] }>(
        await get(w.dispatcher, '/api/v1/work-orders?state=cancelled'),
      );
      assert.ok(cancelledOnly.items.every((x) => x.state === 'cancelled'));
      const cand = json<{ items: { personId: string }[] }>(
        await get(w.partnerDispatcher, `/api/v1/work-orders/${inA.id}/candidates`),
      );
      assert.deepEqual(
        cand.items.map((c) => c.personId),
        [w.engCardExpired.personId],
        'a partner dispatches its own people',
      );
      // Another company's engineer or staff do not exist for the partner's dispatcher.
      await post(w.callCenter, `/api/v1/work-orders/${inA.id}/transitions`, { to: 'accepted' });
      const other = await post(w.partnerDispatcher, `/api/v1/work-orders/${inA.id}/assignments`, {
        leadEngineerId: w.engNear.personId,
      });
      assert.equal(other.statusCode, 422);
      assert.equal(errorOf(other).details[0]?.field, 'leadEngineerId');
      const fwd = await post(w.partnerDispatcher, `/api/v1/work-orders/${inA.id}/forward`, {
        toPersonId: w.manager.personId,
        note: 'x',
      });
      assert.equal(fwd.statusCode, 422);
      assert.equal(errorOf(fwd).details[0]?.field, 'toPersonId');
    });

    test('WO-5: reschedules record reason and who asked; a timely late notice is not a miss; silence is', async () => {
      const o = await dispatched();
      const windows = json<{ windows: { start: string; end: string }[] }>(
        await get(w.engNear, `/api/v1/work-orders/${o.id}/appointment-windows?count=4`),
      ).windows;
      const a1 = json<{ id: string }>(
        await post(w.engNear, `/api/v1/work-orders/${o.id}/appointments`, {
          windowStart: windows[0]!.start,
          windowEnd: windows[0]!.end,
        }),
      );
      assert.equal((await post(w.engNear, `/api/v1/appointments/${a1.id}/confirm`)).statusCode, 200);
      const moved = await post(w.engNear, `/api/v1/appointments/${a1.id}/reschedule`, {
        windowStart: windows[2]!.start,
        windowEnd: windows[2]!.end,
        reason: '客户临时外出',
        requestedBy: 'customer',
      });
      assert.equal(moved.statusCode, 201, moved.body);
      const a2 = json<{ id: string; requestedBy: string; rescheduleReason: string }>(moved);
      assert.equal(a2.requestedBy, 'customer');
      const order = json<Order>(await get(w.engNear, `/api/v1/work-orders/${o.id}`));
      assert.equal(order.state, 'dispatched', 'back to dispatched until the new window is agreed');
      assert.equal((await post(w.engNear, `/api/v1/appointments/${a2.id}/confirm`)).statusCode, 200);
      // A notice before the window: not missed.
      const late = await post(w.engNear, `/api/v1/appointments/${a2.id}/late-notice`, {
        message: '路上堵车，预计晚到 30 分钟',
      });
      assert.equal(json<{ lateNoticeInTime: boolean }>(late).lateNoticeInTime, true);

      const o2 = await dispatched();
      const b = json<{ id: string; windowEnd: string }>(
        await post(w.engNear, `/api/v1/work-orders/${o2.id}/appointments`, {
          windowStart: windows[1]!.start,
          windowEnd: windows[1]!.end,
        }),
      );
      await post(w.engNear, `/api/v1/appointments/${b.id}/confirm`);
      try {
        const before = json<{ items: { id: string }[] }>(
          await get(w.dispatcher, '/api/v1/appointments/missed'),
        ).items;
        assert.ok(!before.some((m) => m.id === b.id), 'not missed while the window is still ahead');
        t.clock.set(new Date(new Date(b.windowEnd).getTime() + 60_000));
        const missed = json<{ items: { id: string; missed: boolean }[] }>(
          await get(w.dispatcher, '/api/v1/appointments/missed'),
        ).items;
        assert.ok(
          missed.some((m) => m.id === b.id && m.missed),
          'silence before the window is a miss',
        );
        assert.ok(!missed.some((m) => m.id === a2.id), 'a timely notice is not a miss');
      } finally {
        t.clock.set('2026-11-02T02:00:00.000Z');
      }
      const notices = json<{ items: { kind: string }[] }>(
        await get(w.engNear, `/api/v1/work-orders/${o.id}/notices`),
      ).items;
      assert.deepEqual(
        notices.map((n) => n.kind),
        ['reschedule', 'late'],
      );
      // The customer reads the same notices through their link.
      const link = json<{ apiPath: string }>(
        await post(w.callCenter, `/api/v1/work-orders/${o.id}/customer-links`, {}),
      );
      const view = json<{ notices: { kind: string; text: string }[] }>(
        await t.request({ method: 'GET', url: link.apiPath, headers: EN }),
      );
      assert.deepEqual(
        view.notices.map((n) => n.kind),
        ['reschedule', 'late'],
      );
      assert.match(view.notices[1]?.text ?? '', /will not arrive on time/);
    });

    test('DP-1: an engineer booked elsewhere during the appointment window is not a candidate', async () => {
      const o1 = await dispatched();
      const windows = json<{ windows: { start: string; end: string }[] }>(
        await get(w.engNear, `/api/v1/work-orders/${o1.id}/appointment-windows?count=1`),
      ).windows;
      const a1 = json<{ id: string }>(
        await post(w.engNear, `/api/v1/work-orders/${o1.id}/appointments`, {
          windowStart: windows[0]!.start,
          windowEnd: windows[0]!.end,
        }),
      );
      assert.equal((await post(w.engNear, `/api/v1/appointments/${a1.id}/confirm`)).statusCode, 200);
      const o2 = await intake();
      await to(w.callCenter, o2.id, 'accepted');
      await post(w.dispatcher, `/api/v1/work-orders/${o2.id}/assignments`, {
        leadEngineerId: w.engFar.personId,
      });
      await post(w.engFar, `/api/v1/work-orders/${o2.id}/appointments`, {
        windowStart: windows[0]!.start,
        windowEnd: windows[0]!.end,
      });
      const cand = json<{ items: { personId: string; gaps: string[]; reasons: string[] }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o2.id}/candidates`, EN),
      ).items;
      const near = cand.find((c) => c.personId === w.engNear.personId);
      assert.deepEqual(near?.gaps, ['booked_at_appointment']);
      assert.ok(near?.reasons.includes('already booked on another order during the appointment window'));
      const helper = await post(w.dispatcher, `/api/v1/work-orders/${o2.id}/assignments`, {
        helperIds: [w.engNear.personId],
      });
      assert.equal(helper.statusCode, 422);
      assert.equal(errorOf(helper).details[0]?.field, 'helperIds');
    });

    test('customer link: one order only; tampered 404; expired 401', async () => {
      const o = await dispatched();
      const other = await dispatched();
      const windows = json<{ windows: { start: string; end: string }[] }>(
        await get(w.engNear, `/api/v1/work-orders/${other.id}/appointment-windows?count=1`),
      ).windows;
      const otherAppt = json<{ id: string }>(
        await post(w.engNear, `/api/v1/work-orders/${other.id}/appointments`, {
          windowStart: windows[0]!.start,
          windowEnd: windows[0]!.end,
        }),
      );
      const link = json<{ token: string; apiPath: string }>(
        await post(w.callCenter, `/api/v1/work-orders/${o.id}/customer-links`, { hours: 1 }),
      );
      const cross = await t.request({
        method: 'POST',
        url: `${link.apiPath}/appointment/confirm`,
        payload: { appointmentId: otherAppt.id },
      });
      assert.equal(cross.statusCode, 404, 'another order’s appointment is unreachable');
      const [id, exp, mac] = link.token.split('.');
      const forged = `${id}.${Number(exp) + 3600}.${mac}`;
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/customer/orders/${forged}` })).statusCode,
        404,
      );
      const flipped = `${id}.${exp}.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`;
      assert.equal(
        (await t.request({ method: 'GET', url: `/api/v1/customer/orders/${flipped}` })).statusCode,
        404,
      );
      assert.equal(
        (await t.request({ method: 'GET', url: '/api/v1/customer/orders/garbage' })).statusCode,
        404,
      );
      t.clock.advanceMinutes(61);
      try {
        const expired = await t.request({ method: 'GET', url: link.apiPath });
        assert.equal(expired.statusCode, 401);
        assert.equal(errorOf(expired).code, 'link_expired');
      } finally {
        t.clock.set('2026-11-02T02:00:00.000Z');
      }
    });

    test('WO-13: outside scope is recorded, a manager decides, the customer is told the way forward', async () => {
      const o = await intake({ type: 'consultation' });
      await to(w.callCenter, o.id, 'accepted');
      const raised = await post(w.callCenter, `/api/v1/work-orders/${o.id}/scope-reviews`, {
        kind: 'contract_expired',
        reason: '维保合同 2026-06 到期',
      });
      assert.equal(raised.statusCode, 201, raised.body);
      const rid = json<{ id: string }>(raised).id;
      assert.equal(
        (
          await post(w.dispatcher, `/api/v1/scope-reviews/${rid}/decision`, {
            decision: 'decline',
            wayForward: 'x',
          })
        ).statusCode,
        403,
      );
      const decided = await post(w.manager, `/api/v1/scope-reviews/${rid}/decision`, {
        decision: 'decline',
        wayForward: '可联系客户经理续签合同，或按次付费服务（电话 400-000-0000）',
      });
      assert.equal(decided.statusCode, 200, decided.body);
      const detail = json<{ state: string; cancelReason: string }>(
        await get(w.manager, `/api/v1/work-orders/${o.id}`),
      );
      assert.equal(detail.state, 'cancelled');
      const notices = json<{ items: { kind: string; text: string }[] }>(
        await get(w.manager, `/api/v1/work-orders/${o.id}/notices`),
      ).items;
      assert.equal(notices[0]?.kind, 'outside_scope');
      assert.match(notices[0]?.text ?? '', /续签合同/);
    });
  });
}
