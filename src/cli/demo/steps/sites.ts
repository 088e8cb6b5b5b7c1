/** Demo step: sites with coordinates inside their county, and the equipment installed at each. */
import { createEquipment } from '../../../modules/equipment/equipment.service.ts';
import { createSite } from '../../../modules/sites/sites.service.ts';
import { type DemoProduct, OPERATOR_SITE_KINDS, TOWN_NAMES } from '../catalog/organisation.ts';
import {
  addDays,
  type DemoCountyRecord,
  type DemoCustomerRecord,
  type DemoPrefectureRecord,
  type DemoState,
  type DemoStep,
} from '../loader.ts';
import { homeAddress, townAddress, villageAddress } from '../names.ts';

/** Product lines installed in each kind of operator room. */
const ROOM_PRODUCTS: Record<string, string[]> = {
  核心机房: ['路由器 NE40E', '传输 OptiX OSN'],
  汇聚机房: ['路由器 NE40E', '交换机 S5735', '传输 OptiX OSN'],
  传输节点: ['传输 OptiX OSN'],
  'OLT 机房': ['华为 OLT MA5800', '中兴 ZXA10 C600', '烽火 AN6000'],
  基站: ['传输 OptiX OSN', '交换机 S5735'],
};

/** Days until a maintenance contract ends: mostly running, some ending soon, some already ended (WO-13). */
function contractDays(s: DemoState): number {
  const r = s.rng.next();
  if (r < 0.1) return -s.rng.int(1, 365);
  if (r < 0.2) return s.rng.int(0, 60);
  return s.rng.int(90, 1095);
}

interface SitePlan {
  customer: DemoCustomerRecord;
  pref: DemoPrefectureRecord;
  county: DemoCountyRecord;
  name: string;
  rural: boolean;
  home: boolean;
  products: string[];
}

async function addSite(s: DemoState, plan: SitePlan, seq: number): Promise<void> {
  const { pref, county, rural } = plan;
  const spread = rural ? 0.1 : 0.025;
  const lat = Number(s.rng.around(county.data.lat, spread).toFixed(6));
  const lng = Number(s.rng.around(county.data.lng, spread).toFixed(6));
  const areaClass = rural ? 'rural' : county.data.urban ? 'urban' : 'county';
  const address = plan.home
    ? homeAddress(s.rng, pref.data, county.data)
    : rural
      ? villageAddress(s.rng, pref.data, county.data)
      : townAddress(s.rng, pref.data, county.data);
  const code = `GZ-${county.data.code}-${String(seq).padStart(3, '0')}`;
  const site = await createSite(s.ctx, s.actor, {
    code,
    customerId: plan.customer.id,
    name: plan.name,
    address,
    regionId: county.region.id,
    lat,
    lng,
    areaClass,
    // WO-5: an operator's rooms are machine rooms (worked around the clock), a subscriber's a home.
    siteClass: plan.home ? 'home' : plan.customer.kind === 'operator' ? 'machine_room' : 'office',
  });
  s.sites.push({
    id: site.id,
    code,
    customerId: plan.customer.id,
    regionId: county.region.id,
    prefectureCode: pref.data.code,
    lat,
    lng,
    areaClass,
  });
  for (const name of plan.products) {
    const product: DemoProduct | undefined = s.products.find((p) => p.product === name);
    if (!product) throw new Error(`demo data: no product ${name}`);
    const contractEndsOn = addDays(s.today, contractDays(s));
    const eq = await createEquipment(s.ctx, s.actor, {
      siteId: site.id,
      product: product.product,
      model: s.rng.pick(product.models),
      serialNo: `${product.certPrefix.split('-')[0]}${s.rng.digits(12)}`,
      softwareVersion: s.rng.pick(product.versions),
      contractEndsOn,
    });
    s.equipment.push({ id: eq.id, siteId: site.id, product: product.product, contractEndsOn });
  }
}

export const sitesStep: DemoStep = {
  name: 'sites and equipment',
  async run(s) {
    const plans: SitePlan[] = [];
    for (const pref of s.prefectures) {
      const counties = pref.counties.slice(0, s.scale.countiesPerPrefecture);
      const operators = s.customers.filter(
        (c) => c.kind === 'operator' && c.prefectureCode === pref.data.code,
      );
      for (const county of counties) {
        const [min, max] = s.scale.operatorSitesPerCounty;
        for (let i = s.rng.int(min, max); i > 0; i--) {
          const kind = s.rng.pick(OPERATOR_SITE_KINDS);
          const products = ROOM_PRODUCTS[kind]!;
          plans.push({
            customer: s.rng.pick(operators),
            pref,
            county,
            name: `${county.data.name.slice(0, 2)}${s.rng.pick(TOWN_NAMES)}${kind}`,
            rural: kind === '基站' || kind === 'OLT 机房' ? s.rng.chance(0.6) : false,
            home: false,
            // An OLT room has one vendor's OLT; other rooms carry their usual lines.
            products:
              kind === 'OLT 机房'
                ? [s.rng.pick(products)]
                : s.rng.sample(products, s.rng.int(1, products.length)),
          });
        }
      }
      for (const c of s.customers.filter(
        (x) => x.prefectureCode === pref.data.code && x.kind !== 'operator',
      )) {
        const county = pref.counties.find((k) => k.region.id === c.regionId) ?? pref.counties[0]!;
        const sites = c.kind === 'enterprise' ? s.rng.int(1, 2) : 1;
        for (let i = 0; i < sites; i++) {
          plans.push({
            customer: c,
            pref,
            county,
            name:
              c.kind === 'household'
                ? c.name.replace('（家庭宽带）', '家')
                : `${c.name}${i === 0 ? '主机房' : '分支机房'}`,
            rural: false,
            home: c.kind === 'household',
            products:
              c.kind === 'household' ? [] : ['交换机 S5735', ...(s.rng.chance(0.4) ? ['路由器 NE40E'] : [])],
          });
        }
      }
    }
    const report = s.progress('sites', plans.length);
    const seqByCounty = new Map<string, number>();
    for (const [i, plan] of plans.entries()) {
      const seq = (seqByCounty.get(plan.county.data.code) ?? 0) + 1;
      seqByCounty.set(plan.county.data.code, seq);
      await addSite(s, plan, seq);
      report(i + 1);
    }
    const ended = s.equipment.filter((e) => e.contractEndsOn < s.today).length;
    return `${s.sites.length} sites, ${s.equipment.length} units of equipment (${ended} with an ended contract)`;
  },
};
