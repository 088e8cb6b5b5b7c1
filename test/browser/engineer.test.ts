/**
 * The engineer's phone (390×844) in a real browser against a real server: the day in order of
 * appointment, calling the customer, a late notice before the window (WO-5), check-in, the signed
 * service request, device consents (WO-6), camera photos with their checksums, and the server's
 * refusal of a file that is not what it claims, in the engineer's language. Any console error,
 * page error, failed request or 5xx fails; the only 4xx is the refused file.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { addCertification, upsertEngineerProfile } from '../../src/modules/people/people.service.ts';
import { type Session, TEST_PASSWORD } from '../harness.ts';
import {
  type BrowserSession,
  type LiveServer,
  login,
  openBrowser,
  seedKunming,
  startLiveServer,
} from './browser.ts';

let server: LiveServer;
let desk: Session;
let seeded: { customerId: string; siteId: string; engineerId: string };
const system = { system: 'browser-test' };

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A real w×h RGB PNG, so the browser decodes the thumbnail and the server's magic-byte check passes. */
function png(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) rows[y * (w * 3 + 1) + 1 + x * 3] = (x * 255) / w;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

before(async () => {
  server = await startLiveServer();
  const { ctx } = server.app;
  const { km, customer, site } = await seedKunming(ctx);
  const engineer = await server.app.personWith(['engineer'], {
    username: 'eng.phone',
    displayName: '张工',
    regionIds: [km.id],
  });
  await upsertEngineerProfile(ctx, system, engineer.personId, { employment: 'own', skills: ['OLT'] });
  await addCertification(ctx, system, engineer.personId, { product: 'OLT', expiresOn: '2031-12-31' });
  desk = await server.app.personWith(['dispatcher'], { username: 'desk', displayName: '调度孙' });
  seeded = { customerId: customer.id, siteId: site.id, engineerId: engineer.personId };
});

after(async () => {
  await server?.close();
});

async function call<T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
  const res = await server.app.request({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    as: desk,
  });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
  return JSON.parse(res.body) as T;
}

/** An order dispatched to the engineer with a confirmed appointment in the given free window. */
async function orderWithAppointment(symptom: string, windowIndex: number) {
  const order = await call<{ id: string; number: string }>('POST', '/api/v1/work-orders', {
    type: 'fault_repair',
    channel: 'customer_call',
    customerId: seeded.customerId,
    contactName: '王工',
    contactPhone: '138 0000 0001',
    siteId: seeded.siteId,
    product: 'OLT',
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    symptom,
  });
  await call('POST', `/api/v1/work-orders/${order.id}/transitions`, { to: 'accepted' });
  await call('POST', `/api/v1/work-orders/${order.id}/assignments`, { leadEngineerId: seeded.engineerId });
  const { windows } = await call<{ windows: { start: string; end: string }[] }>(
    'GET',
    `/api/v1/work-orders/${order.id}/appointment-windows`,
  );
  const w = windows[windowIndex];
  assert.ok(w, 'a free window');
  const a = await call<{ id: string }>('POST', `/api/v1/work-orders/${order.id}/appointments`, {
    windowStart: w.start,
    windowEnd: w.end,
  });
  await call('POST', `/api/v1/appointments/${a.id}/confirm`);
  return { ...order, appointmentId: a.id, windowStart: w.start };
}

function assertClean(s: BrowserSession, expected4xx: string[]) {
  assert.deepEqual(s.problems, [], `page problems:\n${s.problems.join('\n')}`);
  assert.deepEqual(s.clientErrors, expected4xx);
}

async function drawSignature(page: Page, pad: Locator) {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  assert.ok(box, 'the signature pad is on screen');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? -20 : 20));
  }
  await page.mouse.up();
}

/**
 * The dispatcher's side of the same visit: the check-in's distance to the site in plain words with
 * the far flag (WO-6), and the report form already holding the day's log (WO-9).
 */
async function deskSeesVisitAndDraft(orderId: string) {
  // The phone in this headless browser gives no position; place its check-in some 6.7 km from
  // the site's pin, as a phone would have reported it, so the far flag has something to say.
  const { db } = server.app.ctx;
  await db.updateTable('sites').set({ lat: 25.04, lng: 102.71 }).where('id', '=', seeded.siteId).execute();
  await db
    .updateTable('site_visits')
    .set({ check_in_lat: 25.1, check_in_lng: 102.71, check_in_accuracy_m: 30 })
    .where('order_id', '=', orderId)
    .execute();
  const s = await openBrowser(server.baseUrl);
  const { page } = s;
  try {
    await page.goto('/login');
    await login(s, 'desk', TEST_PASSWORD);
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('tab', { name: '到场记录' }).click();
    const visits = page.getByTestId('site-visits');
    await visits.getByText('张工').waitFor();
    await visits.getByText(/距现场 6\.7 km/).waitFor();
    await visits.getByText('离现场太远').waitFor();
    await s.shot('53-desk-site-visits-zh');
    await page.getByRole('tab', { name: '附件与报告' }).click();
    await page.getByRole('button', { name: '生成报告' }).click();
    const workDone = page.getByRole('dialog').getByLabel('处理过程');
    await page.waitForFunction(
      (el) => ((el as unknown as { value: string } | null)?.value ?? '').includes('更换上联光模块，业务恢复'),
      await workDone.elementHandle(),
    );
    await s.shot('54-desk-report-prefilled-zh');
    assertClean(s, []);
  } catch (err) {
    await s.shot(`failed-desk-${Date.now()}`);
    throw err;
  } finally {
    await s.close();
  }
}

describe('engineer phone view', () => {
  test('zh-CN at 390×844: order of appointment, late notice, check-in, consents, photos', async () => {
    // The later appointment is created first, so the page's order comes from the windows, not creation.
    const later = await orderWithAppointment('3 号楼宽带慢', 1);
    const sooner = await orderWithAppointment('OLT 上联中断', 0);
    const s = await openBrowser(server.baseUrl, { viewport: { width: 390, height: 844 } });
    const { page } = s;
    try {
      await page.goto('/login');
      await login(s, 'eng.phone', TEST_PASSWORD);
      await page.waitForURL('**/engineer');
      const cards = page.getByTestId('engineer-order');
      await cards
        .filter({ hasText: later.number })
        .getByText(/预约时段/)
        .waitFor();
      await cards
        .filter({ hasText: sooner.number })
        .getByText(/预约时段/)
        .waitFor();
      const numbers = await cards.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
      assert.ok(
        numbers[0]?.includes(sooner.number),
        `the sooner appointment comes first: ${numbers.join(' | ')}`,
      );
      assert.ok(numbers[1]?.includes(later.number));
      const card = cards.filter({ hasText: sooner.number });
      // Calling the customer dials the contact's number.
      const callLink = card.getByRole('link', { name: '致电 王工' });
      assert.equal(await callLink.getAttribute('href'), 'tel:13800000001');
      await s.shot('50-engineer-day-zh');

      // WO-5: a late notice before the window starts counts as in time.
      await card.getByRole('button', { name: '告知客户将迟到' }).click();
      await card.getByLabel('给客户的说明').fill('前一单处理超时，约晚到 30 分钟');
      await card.getByRole('button', { name: '发送迟到通知' }).click();
      await card
        .getByTestId('late-notice-recorded')
        .getByText(/在预约开始前告知客户迟到/)
        .waitFor();
      await s.shot('51-engineer-late-notice-zh');

      // Set off and check in; the late notice gives way to on-site work.
      await card.getByRole('button', { name: /^出\s*发$/ }).click();
      await card.getByText('在途', { exact: true }).waitFor();
      await card.getByRole('button', { name: '签到（到场）' }).click();
      await card.getByText(/起在现场/).waitFor();
      // The order list refreshes after the visit record, so the notice goes once arrival is known.
      await card.getByTestId('late-notice-recorded').waitFor({ state: 'detached' });

      // WO-6: consents wait for the signed service request.
      await card.getByText('客户签署现场技术服务申请后才能登记设备使用许可').waitFor();
      await card.getByLabel('服务内容').fill('OLT 上联光模块更换');
      await card.getByLabel('客户负责人姓名').fill('王工');
      await drawSignature(page, card.getByTestId('signature-pad'));
      await card.getByRole('button', { name: '保存服务申请' }).click();
      await card.getByText('王工 已签字').waitFor();
      // WO-9: training given on site, signed by the customer's staff.
      await card.getByLabel('培训内容').fill('光功率测试方法');
      await card.getByLabel('参训人员').fill('值班员小李');
      await card.getByLabel('客户签字人').fill('小李');
      await drawSignature(page, card.getByTestId('signature-pad'));
      await card.getByRole('button', { name: '登记培训' }).click();
      await card.getByText('光功率测试方法 — 值班员小李（小李 签字）').waitFor();
      await card.getByLabel('使用的设备').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: 'U 盘' })
        .click();
      await card.getByLabel('用途说明').fill('拷贝设备日志');
      await card.getByLabel('同意人').fill('王工');
      await card.getByRole('button', { name: '登记许可' }).click();
      const consents = card.getByTestId('consents');
      await consents.getByText('拷贝设备日志').waitFor();
      await consents.getByText('U 盘').waitFor();
      await consents.getByText(/王工 于 .+ 同意/).waitFor();

      // A file that only claims to be a PNG is refused by the server, in Chinese.
      const photoInput = card.getByLabel('拍照上传', { exact: true }).and(card.locator('input[type=file]'));
      assert.equal(await photoInput.getAttribute('capture'), 'environment');
      assert.equal(await photoInput.getAttribute('accept'), 'image/*');
      await photoInput.setInputFiles({
        name: 'fake.png',
        mimeType: 'image/png',
        buffer: Buffer.from('not a picture'),
      });
      const refusal = card.getByRole('alert').filter({ hasText: /文件内容与声明的类型 image\/png 不符/ });
      await refusal.waitFor();
      // A real photo with a caption: thumbnail, size and the checksum the server computed.
      const photo = png(48, 32);
      const sha = createHash('sha256').update(photo).digest('hex');
      await card.getByLabel('照片说明').fill('更换前的光模块');
      await photoInput.setInputFiles({ name: 'module.png', mimeType: 'image/png', buffer: photo });
      const photos = card.getByTestId('photos');
      await photos.getByText('更换前的光模块').waitFor();
      await photos.getByText(`SHA-256 ${sha.slice(0, 12)}…`).waitFor();
      await photos.getByText(/^1 KB · /).waitFor();
      // The refused file stays in the phone's queue with the server's words until it is dropped.
      await refusal.getByRole('button', { name: /^放\s*弃$/ }).click();
      await refusal.waitFor({ state: 'detached' });
      const img = photos.getByRole('img', { name: '更换前的光模块' });
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (el) => {
          // Runs in the page: the thumbnail really decoded, at the PNG's own width.
          const image = el as unknown as { complete: boolean; naturalWidth: number } | null;
          return !!image && image.complete && image.naturalWidth === 48;
        },
        await img.elementHandle(),
      );
      await s.shot('52-engineer-consents-photos-zh');
      // The rest of the visit on the phone: checklist, the day's log, restored, resolved, check out.
      const boxes = card.getByRole('checkbox');
      const n = await boxes.count();
      assert.ok(n > 0, 'the checklist has items');
      for (let i = 0; i < n; i++) {
        await boxes.nth(i).click();
        await card.locator('.ant-checkbox-wrapper-checked').nth(i).waitFor();
      }
      await card.getByLabel('今日完成的工作').fill('更换上联光模块，业务恢复');
      await card.getByRole('button', { name: '保存记录' }).click();
      await card
        .getByText(/更换上联光模块，业务恢复/)
        .first()
        .waitFor();
      await card.getByRole('button', { name: '业务已恢复' }).click();
      await card.getByText('业务已恢复', { exact: true }).waitFor();
      await card.getByRole('button', { name: '已解决' }).click();
      await card.getByText('已解决', { exact: true }).waitFor();
      await card.getByRole('button', { name: '签退（离场）' }).click();
      await card.getByText(/起在现场/).waitFor({ state: 'detached' });
      // The photos stay visible after leaving: they belong to the order, not to the visit.
      await photos.getByText('更换前的光模块').waitFor();
      await s.shot('52b-engineer-checked-out-zh');
      const stored = await call<{ items: { kind: string; sha256: string; sizeBytes: number }[] }>(
        'GET',
        `/api/v1/attachments?ownerType=work_order&ownerId=${sooner.id}`,
      );
      const photosStored = stored.items.filter((a) => a.kind === 'photo');
      assert.deepEqual(
        photosStored.map((p) => [p.sha256, p.sizeBytes]),
        [[sha, photo.length]],
      );
      assert.equal(s.clientErrors.length, 1);
      assert.match(s.clientErrors[0] ?? '', /^4\d\d POST \/api\/v1\/attachments$/);
      assertClean(s, s.clientErrors.slice());
      await deskSeesVisitAndDraft(sooner.id);
    } catch (err) {
      await s.shot(`failed-engineer-${Date.now()}`);
      throw err;
    } finally {
      await s.close();
    }
  });

  test('English: a late notice after the window started is recorded but still counts as missed (WO-5)', async () => {
    const order = await orderWithAppointment('Router keeps rebooting', 2);
    // Five minutes into the window: the server records the notice as not in time.
    server.app.clock.set(new Date(new Date(order.windowStart).getTime() + 5 * 60_000));
    // The desk's session has expired by then; the API checks below use a fresh one.
    desk = await server.app.personWith(['dispatcher'], { username: 'desk.later', displayName: '调度钱' });
    const s = await openBrowser(server.baseUrl, { viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const { page } = s;
    try {
      await page.goto('/login');
      await page.getByTestId('language-switch').click();
      await page.getByTitle('English').click();
      await login(s, 'eng.phone', TEST_PASSWORD);
      await page.waitForURL('**/engineer');
      const card = page.getByTestId('engineer-order').filter({ hasText: order.number });
      await card.getByText(/^Appointment: /).waitFor();
      await card.getByRole('link', { name: 'Call 王工' }).waitFor();
      await card.getByRole('button', { name: 'Tell the customer I will be late' }).click();
      await card.getByLabel('Message to the customer').fill('Stuck in traffic, about 20 minutes');
      await card.getByRole('button', { name: 'Send late notice' }).click();
      await card
        .getByTestId('late-notice-recorded')
        .getByText(/after the appointment started: it still counts as missed/)
        .waitFor();
      await s.shot('53-engineer-late-notice-too-late-en');
      const { items } = await call<{ items: { id: string; lateNoticeInTime: boolean | null }[] }>(
        'GET',
        `/api/v1/work-orders/${order.id}/appointments`,
      );
      assert.equal(items.find((a) => a.id === order.appointmentId)?.lateNoticeInTime, false);
      assertClean(s, []);
    } catch (err) {
      await s.shot(`failed-engineer-en-${Date.now()}`);
      throw err;
    } finally {
      await s.close();
    }
  });
});
