/**
 * Two partners whose coverage overlaps (a county-level vendor inside a prefecture-level one),
 * for the authorisation sweep: each has a dispatcher and engineers, and an order given to it at
 * the same site; a third order there is given to no partner yet (offered to both).
 */
import assert from 'node:assert/strict';
import type { Role } from '../../src/modules/access/roles.ts';
import { createCustomer } from '../../src/modules/customers/customers.service.ts';
import { createEquipment } from '../../src/modules/equipment/equipment.service.ts';
import { createPartner } from '../../src/modules/partners/partners.service.ts';
import { upsertEngineerProfile } from '../../src/modules/people/people.service.ts';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
import { createSite } from '../../src/modules/sites/sites.service.ts';
import { json, type Session, type TestApp } from '../harness.ts';

export async function buildOverlap(t: TestApp) {
  const sys = { system: 'test' };
  const ctx = t.ctx;
  const tag = `${t.kind[0]}${Math.random().toString(36).slice(2, 6)}`;
  const province = await createRegion(ctx, sys, { code: `OP${tag}`, name: '贵州省', level: 'province' });
  const pref = await createRegion(ctx, sys, {
    code: `OA${tag}`,
    name: '安顺市',
    level: 'prefecture',
    parentId: province.id,
  });
  const county = await createRegion(ctx, sys, {
    code: `OA1${tag}`,
    name: '西秀区',
    level: 'county',
    parentId: pref.id,
  });
  const otherCounty = await createRegion(ctx, sys, {
    code: `OA2${tag}`,
    name: '平坝区',
    level: 'county',
    parentId: pref.id,
  });
  // X maintains the whole prefecture; Y, a county vendor, maintains one county inside it.
  const partnerX = await createPartner(ctx, sys, {
    code: `OX${tag}`,
    name: '安顺地市代维',
    regionIds: [pref.id],
  });
  const partnerY = await createPartner(ctx, sys, {
    code: `OY${tag}`,
    name: '西秀县代维',
    regionIds: [county.id],
  });
  const customer = await createCustomer(ctx, sys, {
    code: `OC${tag}`,
    name: '西秀某企业',
    kind: 'enterprise',
    regionId: county.id,
  });
  const site = await createSite(ctx, sys, {
    code: `OS${tag}`,
    customerId: customer.id,
    name: '西秀机房',
    address: '安顺市西秀区 3 号',
    regionId: county.id,
    lat: 26.25,
    lng: 105.93,
    areaClass: 'urban',
  });
  const equipment = await createEquipment(ctx, sys, {
    siteId: site.id,
    product: 'OLT',
    model: 'MA5800',
    serialNo: `OS${tag}`,
  });
  const staff = async (roles: Role[], partnerId: string, regionId: string, name: string) => {
    const s = await t.personWith(roles, { displayName: name, partnerId, regionIds: [regionId] });
    if (roles.includes('engineer')) {
      await upsertEngineerProfile(ctx, sys, s.personId, {
        employment: 'partner',
        workCardNo: `WC-${name}-${tag}`,
        workCardExpiresOn: '2028-12-31',
      });
    }
    return s;
  };
  const x = {
    dispatcher: await staff(['dispatcher'], partnerX.id, pref.id, '地市调度'),
    eng: await staff(['engineer'], partnerX.id, county.id, '地市工程师'),
    /** X's engineer of the other county: neither the owner nor on the site's area team. */
    engElsewhere: await staff(['engineer'], partnerX.id, otherCounty.id, '平坝工程师'),
    /** X's area manager: handles escalations in X's coverage. */
    manager: await staff(['area_service_manager'], partnerX.id, pref.id, '地市经理'),
  };
  const y = {
    dispatcher: await staff(['dispatcher'], partnerY.id, county.id, '县调度'),
    eng: await staff(['engineer'], partnerY.id, county.id, '县工程师'),
  };
  const callCenter = await t.personWith(['call_center']);
  const manager = await t.personWith(['area_service_manager']);
  const call = async (as: Session, url: string, payload: Record<string, unknown> = {}) => {
    const res = await t.request({ method: 'POST', url, as, payload });
    assert.ok(res.statusCode < 300, `fixture POST ${url} → ${res.statusCode} ${res.body}`);
    return res;
  };
  const open = async (lead: Session | null, severity = 'major') => {
    const o = json<{ id: string; number: string }>(
      await call(callCenter, '/api/v1/work-orders', {
        type: 'fault_repair',
        channel: 'customer_call',
        severity,
        customerId: customer.id,
        contactName: '刘工',
        contactPhone: '13800000001',
        siteId: site.id,
        equipmentId: equipment.id,
        occurredAt: '2026-11-02T01:30:00.000Z',
        symptom: 'OLT 上联口频繁闪断',
      }),
    );
    await call(callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
    if (lead) {
      await call(manager, `/api/v1/work-orders/${o.id}/assignments`, {
        leadEngineerId: lead.personId,
        overrideReason: '重叠覆盖测试',
      });
    }
    return o;
  };
  return {
    x: { ...x, order: await open(x.eng) },
    y: { ...y, order: await open(y.eng), critical: await open(y.eng, 'critical') },
    /** Given to no partner yet: offered to both in their coverage. */
    unassigned: await open(null),
  };
}
