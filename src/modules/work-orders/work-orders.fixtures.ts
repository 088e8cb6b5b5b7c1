/**
 * A small world for work-order tests and the intake benchmark: a region tree, a partner, a
 * customer with sites and equipment, and engineers that pass or fail each dispatch check (DP-1,
 * RS-3). Built through the organisation services, so every row is as real as one typed in.
 */
import type { Session, TestApp } from '../../../test/harness.ts';
import { createCustomer } from '../customers/customers.service.ts';
import { createEquipment } from '../equipment/equipment.service.ts';
import { createPartner } from '../partners/partners.service.ts';
import { addCertification, reportPosition, upsertEngineerProfile } from '../people/people.service.ts';
import { createRegion } from '../regions/regions.service.ts';
import { createSite } from '../sites/sites.service.ts';

/** Product installed at the test site. */
export const PRODUCT = '华为 OLT MA5800';

/** What `buildWorld` made. */
export interface World {
  regions: {
    province: string;
    prefA: string;
    countyA1: string;
    countyA2: string;
    prefB: string;
    countyB1: string;
  };
  partnerId: string;
  customerId: string;
  siteA1: string;
  siteB1: string;
  equipmentA1: string;
  serialA1: string;
  callCenter: Session;
  dispatcher: Session;
  manager: Session;
  /** Own engineer, certified, covers A, 2 km from the site. */
  engNear: Session;
  /** Own engineer, certified, covers A, about 40 km away. */
  engFar: Session;
  /** Own engineer in A without the product certification. */
  engNoCert: Session;
  /** Partner engineer in A1 with an expired work card. */
  engCardExpired: Session;
  /** Own engineer, certified, but covering prefecture B only. */
  engOtherRegion: Session;
  /** A dispatcher of the partner (scope: the partner's regions). */
  partnerDispatcher: Session;
}

let seq = 0;

/** Builds the world in a test app (clock at its start: Monday 2026-11-02 10:00 Asia/Shanghai). */
export async function buildWorld(t: TestApp): Promise<World> {
  seq += 1;
  const tag = `${seq}${Math.random().toString(36).slice(2, 6)}`;
  const sys = { system: 'test' };
  const ctx = t.ctx;
  const province = await createRegion(ctx, sys, { code: `P${tag}`, name: '贵州省', level: 'province' });
  const prefA = await createRegion(ctx, sys, {
    code: `A${tag}`,
    name: '贵阳市',
    level: 'prefecture',
    parentId: province.id,
  });
  const countyA1 = await createRegion(ctx, sys, {
    code: `A1${tag}`,
    name: '南明区',
    level: 'county',
    parentId: prefA.id,
  });
  const countyA2 = await createRegion(ctx, sys, {
    code: `A2${tag}`,
    name: '花溪区',
    level: 'county',
    parentId: prefA.id,
  });
  const prefB = await createRegion(ctx, sys, {
    code: `B${tag}`,
    name: '遵义市',
    level: 'prefecture',
    parentId: province.id,
  });
  const countyB1 = await createRegion(ctx, sys, {
    code: `B1${tag}`,
    name: '红花岗区',
    level: 'county',
    parentId: prefB.id,
  });
  const partner = await createPartner(ctx, sys, { code: `X${tag}`, name: '代维甲', regionIds: [prefA.id] });
  const customer = await createCustomer(ctx, sys, {
    code: `C${tag}`,
    name: '某运营商贵阳分公司',
    kind: 'operator',
    regionId: countyA1.id,
  });
  const siteA1 = await createSite(ctx, sys, {
    code: `S1${tag}`,
    customerId: customer.id,
    name: '南明汇聚机房',
    address: '贵阳市南明区花果园大街 1 号',
    regionId: countyA1.id,
    lat: 26.5647,
    lng: 106.7135,
    areaClass: 'urban',
  });
  const siteB1 = await createSite(ctx, sys, {
    code: `S2${tag}`,
    customerId: customer.id,
    name: '红花岗基站',
    address: '遵义市红花岗区 2 号',
    regionId: countyB1.id,
    lat: 27.7,
    lng: 106.93,
    areaClass: 'urban',
  });
  const serialA1 = `SN${tag}`;
  const eq = await createEquipment(ctx, sys, {
    siteId: siteA1.id,
    product: PRODUCT,
    model: 'MA5800-X7',
    serialNo: serialA1,
  });

  const engineer = async (
    name: string,
    opts: { regionIds: string[]; partnerId?: string; cert?: string; card?: string; pos?: [number, number] },
  ): Promise<Session> => {
    const s = await t.personWith(['engineer'], {
      displayName: name,
      regionIds: opts.regionIds,
      ...(opts.partnerId ? { partnerId: opts.partnerId } : {}),
    });
    await upsertEngineerProfile(ctx, sys, s.personId, {
      employment: opts.partnerId ? 'partner' : 'own',
      ...(opts.partnerId ? { workCardNo: `WC-${name}`, workCardExpiresOn: opts.card ?? '2027-12-31' } : {}),
    });
    if (opts.cert) await addCertification(ctx, sys, s.personId, { product: PRODUCT, expiresOn: opts.cert });
    if (opts.pos) await reportPosition(ctx, s.personId, { lat: opts.pos[0], lng: opts.pos[1] });
    return s;
  };
  return {
    regions: {
      province: province.id,
      prefA: prefA.id,
      countyA1: countyA1.id,
      countyA2: countyA2.id,
      prefB: prefB.id,
      countyB1: countyB1.id,
    },
    partnerId: partner.id,
    customerId: customer.id,
    siteA1: siteA1.id,
    siteB1: siteB1.id,
    equipmentA1: eq.id,
    serialA1,
    callCenter: await t.personWith(['call_center'], { displayName: '话务员小王' }),
    dispatcher: await t.personWith(['dispatcher'], { displayName: '调度老李' }),
    manager: await t.personWith(['area_service_manager'], { displayName: '区域经理张' }),
    engNear: await engineer('近工程师', { regionIds: [prefA.id], cert: '2027-06-30', pos: [26.58, 106.72] }),
    engFar: await engineer('远工程师', { regionIds: [prefA.id], cert: '2027-06-30', pos: [26.2, 106.6] }),
    engNoCert: await engineer('无证工程师', { regionIds: [prefA.id], pos: [26.57, 106.71] }),
    engCardExpired: await engineer('卡过期工程师', {
      regionIds: [countyA1.id],
      partnerId: partner.id,
      cert: '2027-06-30',
      card: '2026-10-01',
      pos: [26.56, 106.71],
    }),
    engOtherRegion: await engineer('外区工程师', {
      regionIds: [prefB.id],
      cert: '2027-06-30',
      pos: [26.57, 106.71],
    }),
    partnerDispatcher: await t.personWith(['dispatcher'], {
      displayName: '代维调度',
      partnerId: partner.id,
      regionIds: [prefA.id],
    }),
  };
}

/** A complete phone intake for the world's site (5W1H). */
export function phoneIntake(w: World, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'fault_repair',
    channel: 'customer_call',
    severity: 'major',
    customerId: w.customerId,
    contactName: '刘工',
    contactPhone: '13800000001',
    siteId: w.siteA1,
    equipmentId: w.equipmentA1,
    occurredAt: '2026-11-02T01:30:00.000Z',
    symptom: 'OLT 上联口频繁闪断，部分用户掉线',
    alarms: 'ETH_LOS',
    suspectedCause: '光模块老化',
    foundHow: '客户来电',
    ...extra,
  };
}
