import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { errorOf, json, startTestApp, type TestApp, testDatabases } from '../../../test/harness.ts';
import { exeHeader } from '../attachments/attachments.fixtures.ts';
import { buildWorld, type World } from '../work-orders/work-orders.fixtures.ts';
import { api, completeSiteWork, enRoute, type OrderView, signature } from './onsite.fixtures.ts';

const critical = { severity: 'critical', impacts: { serviceInterruption: true } };
const fields = (res: { body: string }) => errorOf(res as never).details.map((d) => d.field);

for (const kind of testDatabases) {
  describe(`on-site work API (${kind})`, () => {
    let t: TestApp;
    // Each test builds its own world (its own site): check-out rules look at everyone on the site.
    let w: World;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-site-'));
    before(async () => {
      // Sessions must outlive the eight days WO-8 moves the clock.
      t = await startTestApp(kind, {
        configure: (c) => ({ ...c, attachmentsDir: dir, sessionTtlHours: 24 * 60 }),
      });
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('WO-6: check-in with position moves the order on site; service request, consents and checklist gate restoring', async () => {
      w = await buildWorld(t);
      const { post, put, get } = api(t);
      const o = await enRoute(t, w);
      const ci = await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {
        lat: 26.5647,
        lng: 106.7135,
      });
      assert.equal(ci.statusCode, 201, ci.body);
      assert.equal(json<{ checkInLat: number }>(ci).checkInLat, 26.5647);
      const order = json<OrderView>(await get(w.engNear, `/api/v1/work-orders/${o.id}`));
      assert.equal(order.state, 'on_site');
      const twice = await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {});
      assert.equal(twice.statusCode, 409);

      // Nothing signed, nothing checked: restoring is refused, naming both.
      const early = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, {
        to: 'service_restored',
      });
      assert.equal(early.statusCode, 409, early.body);
      assert.deepEqual(fields(early).sort(), ['checklist', 'serviceRequest']);
      assert.match(errorOf(early).details.find((d) => d.field === 'checklist')?.message ?? '', /佩戴工牌/);

      // A consent needs the signed service request first.
      const consent = { item: 'usb_disk', description: '客户 U 盘拷贝配置备份', consentedBy: '刘工' };
      const noRequest = await post(w.engNear, `/api/v1/work-orders/${o.id}/consents`, consent, 'en');
      assert.equal(noRequest.statusCode, 409);
      assert.match(
        errorOf(noRequest).details[0]?.message ?? '',
        /signed service request is needed before using the USB disk/,
      );

      // The signature must be a real image.
      const fake = await post(w.engNear, `/api/v1/work-orders/${o.id}/service-requests`, {
        scopeOfWork: '更换光模块',
        signerName: '刘工',
        signaturePngBase64: Buffer.concat([exeHeader, Buffer.alloc(32)]).toString('base64'),
      });
      assert.equal(fake.statusCode, 422, fake.body);
      assert.deepEqual(fields(fake), ['signaturePngBase64']);

      await completeSiteWork(t, w.engNear, o.id);
      const ok = await post(w.engNear, `/api/v1/work-orders/${o.id}/consents`, consent);
      assert.equal(ok.statusCode, 201, ok.body);
      const record = json<{
        serviceRequests: { signerName: string; signatureAttachmentId: string }[];
        consents: { item: string }[];
        checklist: { done: boolean; item: { code: string } }[];
        visits: { personName: string; checkInLat: number | null }[];
      }>(await get(w.dispatcher, `/api/v1/work-orders/${o.id}/onsite`));
      assert.equal(record.serviceRequests[0]?.signerName, '刘工');
      assert.deepEqual(
        record.consents.map((c) => c.item),
        ['usb_disk'],
      );
      assert.ok(record.checklist.length >= 6 && record.checklist.every((c) => c.done));
      assert.equal(record.visits[0]?.personName, '近工程师');
      const sig = await get(
        w.dispatcher,
        `/api/v1/attachments/${record.serviceRequests[0]?.signatureAttachmentId}/content`,
      );
      assert.equal(sig.statusCode, 200);
      assert.equal(sig.headers['content-type'], 'image/png');

      // Unmarking a required item blocks again.
      const badge = record.checklist.find((c) => c.item.code === 'badge')!;
      const unmark = await put(
        w.engNear,
        `/api/v1/work-orders/${o.id}/checklist/${(badge.item as { id?: string }).id}`,
        {
          done: false,
        },
      );
      assert.equal(unmark.statusCode, 200);
      const blocked = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, {
        to: 'service_restored',
      });
      assert.deepEqual(fields(blocked), ['checklist']);
      await put(w.engNear, `/api/v1/work-orders/${o.id}/checklist/${(badge.item as { id?: string }).id}`, {
        done: true,
      });

      // WO-7: a major fault cannot jump to resolved without the restored time.
      const jump = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' });
      assert.equal(jump.statusCode, 409);
      assert.deepEqual(fields(jump), ['restoredAt']);
      const restored = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, {
        to: 'service_restored',
      });
      assert.equal(restored.statusCode, 200, restored.body);
      t.clock.advanceMinutes(95);
      const resolved = json<OrderView>(
        await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' }),
      );
      assert.equal(resolved.state, 'resolved');
      assert.ok(resolved.restoredAt && resolved.resolvedAt);
      assert.equal(Date.parse(resolved.resolvedAt!) - Date.parse(resolved.restoredAt!), 95 * 60_000);

      const history = json<{ items: { action: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/history`),
      );
      for (const action of [
        'onsite:check_in',
        'onsite:service_request',
        'onsite:consent',
        'onsite:checklist',
        'attachment_added',
      ])
        assert.ok(
          history.items.some((h) => h.action === action),
          `history has ${action}`,
        );
    });

    test('WO-7: no check-out while the site has an unrestored critical fault, unless someone else is checked in', async () => {
      w = await buildWorld(t);
      const { post, put } = api(t);
      const o = await enRoute(t, w, critical, { helpers: [w.engFar] });
      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      await put(w.engNear, `/api/v1/work-orders/${o.id}/daily-log`, {
        workDone: '排查上联口，确认光模块故障',
      });
      const alone = await post(w.engNear, `/api/v1/work-orders/${o.id}/check-out`, {});
      assert.equal(alone.statusCode, 409, alone.body);
      assert.deepEqual(fields(alone), ['checkOut']);
      assert.match(errorOf(alone).details[0]?.message ?? '', new RegExp(o.number));

      // A colleague takes over: now the first may leave, but the colleague may not.
      assert.equal((await post(w.engFar, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      const handedOver = await post(w.engNear, `/api/v1/work-orders/${o.id}/check-out`, {
        note: '交接给远工程师',
      });
      assert.equal(handedOver.statusCode, 200, handedOver.body);
      await put(w.engFar, `/api/v1/work-orders/${o.id}/daily-log`, { workDone: '接手处理' });
      const lastOne = await post(w.engFar, `/api/v1/work-orders/${o.id}/check-out`, {}, 'en');
      assert.equal(lastOne.statusCode, 409);
      assert.match(errorOf(lastOne).details[0]?.message ?? '', /nobody else has checked in to take over/);

      // Once service is restored, leaving is allowed.
      await completeSiteWork(t, w.engFar, o.id);
      const restored = await post(w.engFar, `/api/v1/work-orders/${o.id}/transitions`, {
        to: 'service_restored',
      });
      assert.equal(restored.statusCode, 200, restored.body);
      assert.equal((await post(w.engFar, `/api/v1/work-orders/${o.id}/check-out`, {})).statusCode, 200);
      const notIn = await post(w.engFar, `/api/v1/work-orders/${o.id}/check-out`, {});
      assert.equal(notIn.statusCode, 409);
      assert.deepEqual(fields(notIn), ['checkIn']);
    });

    test('WO-7 across orders on one critical site: of two people checking out together, one must stay', async () => {
      w = await buildWorld(t);
      const { post, put } = api(t);
      // Two critical orders on the same site, one engineer on each.
      const a = await enRoute(t, w, critical);
      const b = await enRoute(t, w, critical, { lead: w.engFar });
      assert.equal((await post(w.engNear, `/api/v1/work-orders/${a.id}/check-in`, {})).statusCode, 201);
      assert.equal((await post(w.engFar, `/api/v1/work-orders/${b.id}/check-in`, {})).statusCode, 201);
      await put(w.engNear, `/api/v1/work-orders/${a.id}/daily-log`, { workDone: '排查' });
      await put(w.engFar, `/api/v1/work-orders/${b.id}/daily-log`, { workDone: '排查' });
      const results = await Promise.all([
        post(w.engNear, `/api/v1/work-orders/${a.id}/check-out`, {}),
        post(w.engFar, `/api/v1/work-orders/${b.id}/check-out`, {}),
      ]);
      assert.deepEqual(
        results.map((r) => r.statusCode).sort(),
        [200, 409],
        results.map((r) => r.body).join('\n'),
      );
    });

    test('WO-8: check-out needs the day logged; over a week on site owes weekly reports before resolving', async () => {
      w = await buildWorld(t);
      const { post, put, get } = api(t);
      const o = await enRoute(t, w, { type: 'eng_installation', severity: 'minor' });
      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      const noLog = await post(w.engNear, `/api/v1/work-orders/${o.id}/check-out`, {});
      assert.equal(noLog.statusCode, 409);
      assert.deepEqual(fields(noLog), ['dailyLog']);
      const log = await put(w.engNear, `/api/v1/work-orders/${o.id}/daily-log`, {
        workDone: '机柜安装完成',
        nextSteps: '明日布线',
      });
      assert.equal(log.statusCode, 200, log.body);
      const again = await put(w.engNear, `/api/v1/work-orders/${o.id}/daily-log`, {
        workDone: '机柜安装及接地完成',
        nextSteps: '明日布线',
      });
      assert.equal(
        json<{ id: string }>(again).id,
        json<{ id: string }>(log).id,
        'one log per person and day',
      );
      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-out`, {})).statusCode, 200);

      // Not due yet: a scheduled report is refused; the customer may ask for one sooner.
      const notDue = await post(w.engNear, `/api/v1/work-orders/${o.id}/weekly-reports`, {
        reason: 'on_schedule',
      });
      assert.equal(notDue.statusCode, 409);
      const asked = await post(w.engNear, `/api/v1/work-orders/${o.id}/weekly-reports`, {
        reason: 'customer_request',
      });
      assert.equal(asked.statusCode, 201, asked.body);
      assert.match(json<{ summary: string }>(asked).summary, /机柜安装及接地完成 → 明日布线/);

      // Eight days later the work is still going on.
      t.clock.advanceMinutes(8 * 24 * 60);
      assert.equal((await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 201);
      await put(w.engNear, `/api/v1/work-orders/${o.id}/daily-log`, { workDone: '布线和调测完成' });
      await completeSiteWork(t, w.engNear, o.id);
      const status = json<{ weeklyReportStatus: { owed: number; made: number; due: boolean } }>(
        await get(w.engNear, `/api/v1/work-orders/${o.id}/onsite`),
      ).weeklyReportStatus;
      assert.deepEqual(status, { ...status, owed: 1, made: 0, due: true });
      const owed = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' });
      assert.equal(owed.statusCode, 409);
      assert.deepEqual(fields(owed), ['weeklyReport']);
      const weekly = await post(w.engNear, `/api/v1/work-orders/${o.id}/weekly-reports`, {
        reason: 'on_schedule',
      });
      assert.equal(weekly.statusCode, 201, weekly.body);
      assert.match(json<{ summary: string }>(weekly).summary, /布线和调测完成/);
      const notices = json<{ items: { kind: string }[] }>(
        await get(w.dispatcher, `/api/v1/work-orders/${o.id}/notices`),
      );
      assert.equal(
        notices.items.filter((n) => n.kind === 'weekly_report').length,
        2,
        'each weekly report goes to the customer',
      );
      const resolved = await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' });
      assert.equal(resolved.statusCode, 200, resolved.body);
    });

    test('WO-6: administrators configure checklists per order type; the guard follows the configuration', async () => {
      w = await buildWorld(t);
      const { post, patch, get } = api(t);
      const admin = await t.personWith(['admin']);
      const item = {
        orderType: 'version_upgrade',
        code: 'upgrade_guide_read',
        labelZh: '已阅读升级指导书和版本说明',
        labelEn: 'Upgrade guide and release notes read',
      };
      assert.equal((await post(w.dispatcher, '/api/v1/checklist-items', item)).statusCode, 403);
      const created = await post(admin, '/api/v1/checklist-items', item);
      assert.equal(created.statusCode, 201, created.body);
      const dup = await post(admin, '/api/v1/checklist-items', item);
      assert.equal(dup.statusCode, 409);
      const bad = await post(admin, '/api/v1/checklist-items', {
        ...item,
        orderType: 'teleport',
        code: 'X Y',
      });
      assert.deepEqual(fields(bad).sort(), ['code', 'orderType']);
      // Shoe covers are optional for upgrades (same code overrides the general item).
      const optional = await post(admin, '/api/v1/checklist-items', {
        orderType: 'version_upgrade',
        code: 'shoe_covers',
        labelZh: '鞋套（升级作业可选）',
        labelEn: 'Shoe covers (optional for upgrades)',
        required: false,
        position: 20,
      });
      assert.equal(optional.statusCode, 201);

      const o = await enRoute(t, w, { type: 'version_upgrade', severity: 'minor' });
      await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {});
      await post(w.engNear, `/api/v1/work-orders/${o.id}/service-requests`, {
        scopeOfWork: '版本升级 V100R019 → V100R021',
        signerName: '刘工',
        signaturePngBase64: signature(3),
      });
      const list = json<{ checklist: { item: { id: string; code: string; required: boolean } }[] }>(
        await get(w.engNear, `/api/v1/work-orders/${o.id}/onsite`),
      ).checklist;
      assert.equal(list.find((c) => c.item.code === 'shoe_covers')?.item.required, false);
      for (const c of list.filter(
        (c) => c.item.code !== 'upgrade_guide_read' && c.item.code !== 'shoe_covers',
      )) {
        await api(t).put(w.engNear, `/api/v1/work-orders/${o.id}/checklist/${c.item.id}`, { done: true });
      }
      const blocked = await post(
        w.engNear,
        `/api/v1/work-orders/${o.id}/transitions`,
        { to: 'resolved' },
        'en',
      );
      assert.equal(blocked.statusCode, 409);
      assert.match(errorOf(blocked).details[0]?.message ?? '', /Upgrade guide and release notes read/);
      assert.doesNotMatch(errorOf(blocked).details[0]?.message ?? '', /Shoe covers/);

      // Retiring the item lifts it; the change is in the item's history.
      const id = json<{ id: string }>(created).id;
      const retired = await patch(admin, `/api/v1/checklist-items/${id}`, {
        active: false,
        reason: '并入方案评审',
      });
      assert.equal(retired.statusCode, 200);
      assert.equal(
        (await post(w.engNear, `/api/v1/work-orders/${o.id}/transitions`, { to: 'resolved' })).statusCode,
        200,
      );
      const hist = json<{ items: { action: string; reason: string | null }[] }>(
        await get(admin, `/api/v1/checklist-items/${id}/history`),
      );
      assert.deepEqual(
        hist.items.map((h) => [h.action, h.reason]),
        [
          ['create', null],
          ['update', '并入方案评审'],
        ],
      );
      await patch(admin, `/api/v1/checklist-items/${json<{ id: string }>(optional).id}`, { active: false });
    });

    test('RC-3 photos of a work order: added by its engineers, seen by whoever sees the order, hidden (404) outside the order scope', async () => {
      w = await buildWorld(t);
      const { post, get } = api(t);
      const o = await enRoute(t, w);
      await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, {});
      const photo = {
        ownerType: 'work_order',
        ownerId: o.id,
        kind: 'photo',
        fileName: '机柜正面.png',
        mimeType: 'image/png',
        contentBase64: signature(5),
      };
      const up = await post(w.engNear, '/api/v1/attachments', photo);
      assert.equal(up.statusCode, 201, up.body);
      const a = json<{ id: string; contentUrl: string }>(up);
      assert.equal(
        (await post(w.engFar, '/api/v1/attachments', photo)).statusCode,
        403,
        'not assigned to the order',
      );
      // Visibility is the order's: the partner covering the region sees it; another partner and
      // customer-side accounts (who follow their order through its link) get 404.
      const seen = await get(w.partnerDispatcher, a.contentUrl);
      assert.equal(seen.statusCode, 200, seen.body);
      const otherWorld = await buildWorld(t);
      assert.equal((await get(otherWorld.partnerDispatcher, a.contentUrl)).statusCode, 404);
      assert.equal(
        (await get(otherWorld.partnerDispatcher, `/api/v1/attachments?ownerType=work_order&ownerId=${o.id}`))
          .statusCode,
        404,
      );
      const escort = await t.personWith(['customer_escort'], { customerId: w.customerId });
      assert.equal((await get(escort, `/api/v1/attachments/${a.id}`)).statusCode, 404);
      const listed = json<{ items: { id: string }[] }>(
        await get(w.dispatcher, `/api/v1/attachments?ownerType=work_order&ownerId=${o.id}`),
      );
      assert.deepEqual(
        listed.items.map((i) => i.id),
        [a.id],
      );
    });

    test('who may work on site: only assigned engineers, inside the scope; anonymous 401', async () => {
      w = await buildWorld(t);
      const { post, get } = api(t);
      const o = await enRoute(t, w);
      const stranger = await post(w.engOtherRegion, `/api/v1/work-orders/${o.id}/check-in`, {});
      assert.ok([403, 404].includes(stranger.statusCode), stranger.body);
      const partner = await get(w.partnerDispatcher, `/api/v1/work-orders/${o.id}/onsite`);
      assert.ok([200, 404].includes(partner.statusCode));
      assert.equal((await post(null, `/api/v1/work-orders/${o.id}/check-in`, {})).statusCode, 401);
      const wrongState = await post(w.engNear, `/api/v1/work-orders/${o.id}/service-requests`, {
        scopeOfWork: 'x',
        signerName: 'y',
        signaturePngBase64: signature(1),
      });
      assert.equal(wrongState.statusCode, 409);
      assert.deepEqual(fields(wrongState), ['state']);
      const badPos = await post(w.engNear, `/api/v1/work-orders/${o.id}/check-in`, { lat: 123, lng: 0 });
      assert.equal(badPos.statusCode, 422);
      assert.deepEqual(fields(badPos), ['lat']);
      const notOrder = await post(
        w.engNear,
        '/api/v1/work-orders/0190b4a2-0000-7000-8000-000000000000/check-in',
        {},
      );
      assert.equal(notOrder.statusCode, 404);
    });
  });
}
