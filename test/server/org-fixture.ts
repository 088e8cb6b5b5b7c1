/**
 * A small organisation for API tests of partners, people, customers, sites and equipment:
 * one province with two prefectures (one with a county), partner A covering 贵阳 and partner B
 * covering 遵义, an operator customer registered at province level with sites in both, and an
 * enterprise customer in 遵义 only. Built through the services, as the demo loader does.
 */
import { createCustomer } from '../../src/modules/customers/customers.service.ts';
import { createEquipment } from '../../src/modules/equipment/equipment.service.ts';
import { createPartner } from '../../src/modules/partners/partners.service.ts';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
import { createSite } from '../../src/modules/sites/sites.service.ts';
import type { TestApp } from '../harness.ts';

let n = 0;

/** Builds the organisation in the test app's database; codes carry a suffix so one app can hold several. */
export async function buildOrg(t: TestApp) {
  n += 1;
  const k = `${n}${t.kind === 'sqlite' ? 's' : 'p'}`;
  const sys = { system: 'test' };
  const province = await createRegion(t.ctx, sys, { code: `GZ${k}`, name: '贵州省', level: 'province' });
  const guiyang = await createRegion(t.ctx, sys, {
    code: `GY${k}`,
    name: '贵阳市',
    level: 'prefecture',
    parentId: province.id,
  });
  const nanming = await createRegion(t.ctx, sys, {
    code: `NM${k}`,
    name: '南明区',
    level: 'county',
    parentId: guiyang.id,
  });
  const zunyi = await createRegion(t.ctx, sys, {
    code: `ZY${k}`,
    name: '遵义市',
    level: 'prefecture',
    parentId: province.id,
    timeZone: 'Asia/Urumqi',
  });
  const partnerA = await createPartner(t.ctx, sys, {
    code: `PA${k}`,
    name: '甲代维',
    regionIds: [guiyang.id],
  });
  const partnerB = await createPartner(t.ctx, sys, { code: `PB${k}`, name: '乙代维', regionIds: [zunyi.id] });
  const operator = await createCustomer(t.ctx, sys, {
    code: `OP${k}`,
    name: '某运营商',
    kind: 'operator',
    regionId: province.id,
  });
  const enterprise = await createCustomer(t.ctx, sys, {
    code: `EN${k}`,
    name: '某企业',
    kind: 'enterprise',
    regionId: zunyi.id,
  });
  const siteA = await createSite(t.ctx, sys, {
    code: `SA${k}`,
    customerId: operator.id,
    name: '南明机房',
    address: '南明区某路 1 号',
    regionId: nanming.id,
    areaClass: 'urban',
    lat: 26.57,
    lng: 106.71,
  });
  const siteB = await createSite(t.ctx, sys, {
    code: `SB${k}`,
    customerId: enterprise.id,
    name: '企业园区',
    address: '遵义某园区',
    regionId: zunyi.id,
    areaClass: 'county',
  });
  const siteOpB = await createSite(t.ctx, sys, {
    code: `SC${k}`,
    customerId: operator.id,
    name: '遵义汇聚',
    address: '遵义某路 2 号',
    regionId: zunyi.id,
    areaClass: 'rural',
  });
  const equipA = await createEquipment(t.ctx, sys, {
    siteId: siteA.id,
    product: 'OLT',
    model: 'MA5800-X7',
    serialNo: `SNA${k}`,
  });
  const equipB = await createEquipment(t.ctx, sys, {
    siteId: siteB.id,
    product: 'ONU',
    model: 'HG8245',
    serialNo: `SNB${k}`,
    contractEndsOn: '2026-12-31',
  });
  return {
    regions: { province, guiyang, nanming, zunyi },
    partnerA,
    partnerB,
    operator,
    enterprise,
    siteA,
    siteB,
    siteOpB,
    equipA,
    equipB,
  };
}
