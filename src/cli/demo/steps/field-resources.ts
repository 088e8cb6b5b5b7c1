/**
 * Demo step: capacity hotlines (RS-4), inspection plans with months of inspections (RS-5) and
 * engineering acceptance records (RS-6) for Guizhou's three vendors, through the services.
 * Plans are made as of four months ago and the durable timers then catch up every missed
 * occurrence, exactly as a server does on start; most inspections are completed in time, some
 * late, some not at all, and a few findings become fault orders.
 */
import type { AppContext } from '../../../app/context.ts';
import { sweepOnce } from '../../../jobs/timers.ts';
import {
  addMemo,
  closeMemo,
  recordTest,
  signAcceptance,
} from '../../../modules/acceptance/acceptance.service.ts';
import { actorFor } from '../../../modules/access/access.service.ts';
import type { Actor } from '../../../modules/access/policy.ts';
import { setHotline } from '../../../modules/capacity/capacity.service.ts';
import {
  completeInspection,
  createPlan,
  listInspections,
  putChecklist,
} from '../../../modules/inspections/inspections.service.ts';
import { checkIn } from '../../../modules/onsite/onsite.service.ts';
import { createOrder, transition } from '../../../modules/work-orders/work-orders.service.ts';
import type { DemoState, DemoStep } from '../loader.ts';
import { actorWithRole, agreeAppointment, dispatchOrder, leadActor } from './work-orders.ts';

/** Seed 004's daily inspection and testing: what a maintainer looks at on every visit. */
const CHECKLIST = [
  { key: 'optical_power', label: '上联口光功率', expected: '-8 ～ -25 dBm' },
  { key: 'alarms', label: '设备告警', expected: '无未处理告警' },
  { key: 'fans', label: '风扇与散热' },
  { key: 'power', label: '电源与接地' },
  { key: 'cabinet', label: '机柜清洁与标签' },
];

const SIGNATURE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The context at another instant (records made "back then"). */
const at = (ctx: AppContext, when: Date | string): AppContext => ({
  ...ctx,
  clock: { now: () => new Date(when) },
});

async function actorOf(s: DemoState, personId: string): Promise<Actor> {
  const a = await actorFor(s.ctx, personId, 'session');
  if (!a) throw new Error('demo data: a person cannot act');
  return a;
}

/** RS-4: each vendor's 24-hour hotline per prefecture; one prefecture staffed only by day. */
async function hotlines(s: DemoState): Promise<number> {
  let n = 0;
  for (const [i, p] of s.prefectures.entries()) {
    const partner = s.partners.find((x) => x.data.prefectureCodes.includes(p.data.code));
    if (!partner) continue;
    await setHotline(s.ctx, await actorWithRole(s, 'dispatcher'), {
      regionId: p.region.id,
      partnerId: partner.id,
      phone: `0851-8${String(6000000 + i * 1111).slice(0, 7)}`,
      hoursPerDay: i === 1 ? 12 : 24,
    });
    n++;
  }
  return n;
}

/** RS-5: a checklist per product, a monthly plan per operator site (a few) and a quarterly one per prefecture. */
async function inspections(s: DemoState): Promise<string> {
  const admin = await actorWithRole(s, 'admin');
  const dispatcher = await actorWithRole(s, 'dispatcher');
  for (const p of s.products) await putChecklist(s.ctx, admin, p.product, CHECKLIST);
  const now = s.ctx.clock.now();
  const start = new Date(now.getTime() - 122 * 86_400_000);
  const then = at(s.ctx, start);
  let plans = 0;
  const sites = s.sites.filter((x) => s.equipment.some((e) => e.siteId === x.id));
  for (const site of sites.slice(0, s.scale.name === 'full' ? 24 : 6)) {
    const partner = s.partners.find((x) => x.data.prefectureCodes.includes(site.prefectureCode));
    const unit = s.equipment.find((e) => e.siteId === site.id)!;
    await createPlan(then, dispatcher, {
      name: `${site.code} 月度巡检`,
      target: 'site',
      siteId: site.id,
      equipmentClass: unit.product,
      partnerId: partner?.id ?? null,
      recurrence: 'monthly',
    });
    plans++;
  }
  for (const p of s.prefectures.slice(0, 3)) {
    const partner = s.partners.find((x) => x.data.prefectureCodes.includes(p.data.code));
    await createPlan(then, dispatcher, {
      name: `${p.data.name} ${s.products[0]!.product} 季度巡检`,
      target: 'equipment_class',
      regionId: p.region.id,
      equipmentClass: s.products[0]!.product,
      partnerId: partner?.id ?? null,
      recurrence: 'quarterly',
    });
    plans++;
  }
  // The servers "start": every occurrence since the plans were made is caught up, once each.
  await sweepOnce(s.ctx);
  const all = await listInspections(s.ctx, { kind: 'all' }, { limit: 500, offset: 0 });
  let completed = 0;
  let faults = 0;
  for (const insp of all) {
    if (insp.due_at > now.toISOString() && s.rng.chance(0.5)) continue; // this period's, not yet done
    if (s.rng.chance(0.12)) continue; // missed: the completion rate shows it
    const engineer = s.engineers.find(
      (e) =>
        (insp.partner_id ? e.partnerId === insp.partner_id : e.employment === 'own') && e.regionIds.length,
    );
    if (!engineer) continue;
    const late = s.rng.chance(0.1);
    const when = late
      ? new Date(Date.parse(insp.due_at) + 3 * 86_400_000)
      : new Date(Date.parse(insp.occurrence) + s.rng.int(1, 20) * 86_400_000);
    if (when > now) continue;
    const fault = s.rng.chance(0.15);
    const results = CHECKLIST.map((c) =>
      fault && c.key === 'optical_power'
        ? { key: c.key, ok: false, reading: '-28.6 dBm', note: '上联口光功率偏低，疑似尾纤弯折', fault: true }
        : { key: c.key, ok: true },
    );
    try {
      await completeInspection(at(s.ctx, when), await actorOf(s, engineer.id), insp.id, {
        results,
        ...(fault ? { contactName: '机房值班员', contactPhone: '0851-85550000' } : {}),
      });
      completed++;
      if (fault) faults++;
    } catch {
      // An engineer outside the site's coverage is refused, as a person would be: the inspection stays open.
    }
  }
  return `${plans} plans, ${all.length} inspections, ${completed} completed, ${faults} faults found`;
}

/** RS-6: installation orders worked on site, measured, with leftover items; most signed by the customer. */
async function acceptances(s: DemoState): Promise<string> {
  const callCenter = await actorWithRole(s, 'call_center');
  const dispatcher = await actorWithRole(s, 'dispatcher');
  const manager = await actorWithRole(s, 'area_service_manager');
  const count = s.scale.name === 'full' ? 6 : 2;
  let signed = 0;
  for (let i = 0; i < count; i++) {
    const unit = s.rng.pick(s.equipment);
    const site = s.sites.find((x) => x.id === unit.siteId)!;
    let order = await createOrder(s.ctx, callCenter, {
      type: 'eng_installation',
      channel: 'call_center',
      severity: 'minor',
      customerId: site.customerId,
      contactName: '工程对接人',
      contactPhone: '0851-86660000',
      siteId: site.id,
      equipmentId: unit.id,
      occurredAt: new Date(s.ctx.clock.now().getTime() - 86_400_000).toISOString(),
      symptom: `${unit.product} 新建安装与开通`,
    });
    order = await transition(s.ctx, callCenter, order.id, 'accepted');
    order = await dispatchOrder(s, dispatcher, manager, order);
    if (order.state !== 'dispatched') continue;
    order = await agreeAppointment(s, order);
    const lead = await leadActor(s, order);
    order = await transition(s.ctx, lead, order.id, 'en_route');
    await checkIn(s.ctx, lead, order.id, { lat: site.lat, lng: site.lng });
    await recordTest(s.ctx, lead, order.id, {
      item: '上联口光功率',
      expected: '-8 ～ -25',
      measured: String(-(15 + s.rng.int(0, 8))),
      unit: 'dBm',
      passed: true,
    });
    await recordTest(s.ctx, lead, order.id, {
      item: '业务开通测试',
      expected: '可正常上网',
      measured: '正常',
      passed: true,
    });
    await recordTest(s.ctx, lead, order.id, {
      item: '设备接地电阻',
      expected: '≤ 4',
      measured: '2.8',
      unit: 'Ω',
      passed: true,
    });
    const memo = await addMemo(s.ctx, lead, order.id, {
      description: s.rng.pick(['机柜标签待补贴', '竣工图纸待补交电子版', '备用尾纤待回收']),
      dueOn: new Date(s.ctx.clock.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
    });
    if (i % 3 === 2) continue; // left unsigned: the engineer's phone shows an open record
    await signAcceptance(s.ctx, lead, order.id, {
      signerName: '工程对接人',
      signaturePngBase64: SIGNATURE_PNG,
    });
    signed++;
    if (i % 2 === 0) await closeMemo(s.ctx, lead, memo.id, '已处理完毕');
  }
  return `${count} installation orders, ${signed} signed`;
}

export const fieldResourcesStep: DemoStep = {
  name: 'capacity, inspections and acceptance',
  async run(s) {
    if (s.sites.length === 0 || s.equipment.length === 0) return 'no sites, nothing to inspect';
    const lines = await hotlines(s);
    const insp = await inspections(s);
    const acc = await acceptances(s);
    return `${lines} hotlines; ${insp}; ${acc}`;
  },
};
