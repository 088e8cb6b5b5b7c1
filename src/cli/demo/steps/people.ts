/** Demo steps: a sign-in for every role, more office staff, and engineers with certifications and work cards. */
import type { Role } from '../../../modules/access/roles.ts';
import {
  addCertification,
  createPerson,
  upsertEngineerProfile,
} from '../../../modules/people/people.service.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../catalog/accounts.ts';
import { CERT_LEVELS, type DemoProduct, SKILLS, VEHICLES } from '../catalog/organisation.ts';
import {
  addDays,
  type DemoEngineerRecord,
  type DemoPersonRecord,
  type DemoState,
  type DemoStep,
  partnerByCode,
  partnerOfPrefecture,
  prefectureByCode,
} from '../loader.ts';
import { mobile, personName } from '../names.ts';

async function person(
  s: DemoState,
  input: {
    username: string;
    displayName: string;
    roles: Role[];
    partnerId?: string | null;
    customerId?: string | null;
    regionIds?: string[];
  },
): Promise<DemoPersonRecord> {
  const row = await createPerson(s.ctx, s.actor, {
    username: input.username,
    displayName: input.displayName,
    roles: input.roles,
    password: s.password,
    phone: mobile(s.rng),
    email: input.customerId ? null : `${input.username}@onsite.example`,
    partnerId: input.partnerId ?? null,
    customerId: input.customerId ?? null,
    regionIds: input.regionIds ?? [],
  });
  const rec: DemoPersonRecord = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: input.roles,
    partnerId: row.partner_id,
    customerId: row.customer_id,
    regionIds: input.regionIds ?? [],
  };
  s.people.push(rec);
  return rec;
}

function homeOf(s: DemoState, a: DemoAccount) {
  switch (a.home.kind) {
    case 'own':
      return {
        regionIds: a.home.prefectureCode ? [prefectureByCode(s, a.home.prefectureCode).region.id] : [],
      };
    case 'partner':
      return {
        partnerId: partnerByCode(s, a.home.partnerCode).id,
        regionIds: [prefectureByCode(s, a.home.prefectureCode).region.id],
      };
    case 'customer': {
      const { customer, prefectureCode } = a.home;
      const c = s.customers.find((x) => x.kind === customer && x.prefectureCode === prefectureCode);
      if (!c) throw new Error(`demo data: no ${customer} customer in ${prefectureCode}`);
      return { customerId: c.id };
    }
    default: {
      const never: never = a.home;
      return never;
    }
  }
}

/** One sign-in per role (printed at the end), plus the office staff a province needs. */
export const accountsStep: DemoStep = {
  name: 'accounts',
  async run(s) {
    const extra: { username: string; roles: Role[]; partnerCode?: string; prefectureCode?: string }[] = [
      { username: 'callcenter2', roles: ['call_center'] },
      { username: 'dispatcher2', roles: ['dispatcher'] },
      ...s.partners
        .filter((p) => p.data.code !== 'TT')
        .map((p) => ({
          username: `${p.data.code.toLowerCase()}_dispatcher`,
          roles: ['dispatcher'] as Role[],
          partnerCode: p.data.code,
          prefectureCode: p.data.prefectureCodes[0]!,
        })),
      ...s.prefectures
        .filter((p) => p.data.code !== '520100')
        .map((p) => ({
          username: `areamgr_${p.data.code}`,
          roles: ['area_service_manager'] as Role[],
          prefectureCode: p.data.code,
        })),
    ];
    const report = s.progress('accounts', DEMO_ACCOUNTS.length + extra.length);
    let done = 0;
    for (const a of DEMO_ACCOUNTS) {
      await person(s, { username: a.username, displayName: a.displayName, roles: a.roles, ...homeOf(s, a) });
      s.logins.push(a);
      report(++done);
    }
    for (const e of extra) {
      await person(s, {
        username: e.username,
        displayName: personName(s.rng),
        roles: e.roles,
        partnerId: e.partnerCode ? partnerByCode(s, e.partnerCode).id : null,
        regionIds: e.prefectureCode ? [prefectureByCode(s, e.prefectureCode).region.id] : [],
      });
      report(++done);
    }
    return `${s.logins.length} demo sign-ins covering every role, ${extra.length} more staff`;
  },
};

/** Certifications of an engineer: `spec` gives days until expiry per product (negative = expired). */
async function certify(s: DemoState, eng: DemoEngineerRecord, spec: [DemoProduct, number][]): Promise<void> {
  for (const [product, days] of spec) {
    await addCertification(s.ctx, s.actor, eng.id, {
      product: product.product,
      level: s.rng.pick(CERT_LEVELS),
      certificateNo: `${product.certPrefix}-${s.rng.digits(8)}`,
      expiresOn: addDays(s.today, days),
    });
    if (days >= 0) eng.validProducts.push(product.product);
  }
}

async function profile(s: DemoState, eng: DemoEngineerRecord, workCardDays: number | null): Promise<void> {
  const partnerCode = s.partners.find((p) => p.id === eng.partnerId)?.data.code;
  await upsertEngineerProfile(s.ctx, s.actor, eng.id, {
    employment: eng.employment,
    workCardNo:
      workCardDays === null ? null : `GZ-${partnerCode ?? 'OWN'}-${s.today.slice(0, 4)}-${s.rng.digits(5)}`,
    workCardExpiresOn: workCardDays === null ? null : addDays(s.today, workCardDays),
    skills: s.rng.sample(SKILLS, s.rng.int(2, 4)),
    // Seed 004: one vehicle per four maintainers.
    vehicle: s.rng.chance(0.25) ? `${s.rng.pick(VEHICLES)} 贵A·${s.rng.digits(5)}` : null,
  });
}

/** Days until a work card expires: mostly valid, some expiring within a month, a few expired. */
function workCardDays(s: DemoState): number {
  const r = s.rng.next();
  if (r < 0.1) return -s.rng.int(1, 90);
  if (r < 0.25) return s.rng.int(0, 30);
  return s.rng.int(60, 540);
}

/** Days until a certification expires: most valid, about one in six expired. */
function certDays(s: DemoState): number {
  return s.rng.chance(0.16) ? -s.rng.int(1, 240) : s.rng.chance(0.1) ? s.rng.int(0, 30) : s.rng.int(31, 900);
}

/** Own and partner engineers in every prefecture, each certified for a few products. */
export const engineersStep: DemoStep = {
  name: 'engineers',
  async run(s) {
    const product = (name: string) => {
      const p = s.products.find((x) => x.product.startsWith(name));
      if (!p) throw new Error(`demo data: no product ${name}`);
      return p;
    };
    let done = 0;

    // The two demo sign-ins that are engineers get known certifications, so the demo can show both sides.
    for (const p of s.people.filter((x) => x.roles.includes('engineer'))) {
      const employment = p.partnerId ? 'partner' : 'own';
      const eng: DemoEngineerRecord = { ...p, employment, prefectureCode: '520100', validProducts: [] };
      await profile(s, eng, employment === 'partner' ? 20 : null);
      await certify(
        s,
        eng,
        employment === 'own'
          ? [
              [product('华为 OLT'), 400],
              [product('路由器'), 200],
              [product('传输'), -30],
            ]
          : [
              [product('华为 OLT'), 300],
              [product('交换机'), 15],
              [product('中兴'), -10],
            ],
      );
      s.engineers.push(eng);
      done++;
    }

    // The demo sign-ins already count towards the totals.
    const demoOwn = s.engineers.filter((e) => e.employment === 'own').length;
    const plan: { partnerIndex: number | null; prefectureCode: string }[] = [];
    for (let i = 0; i < s.scale.ownEngineers - demoOwn; i++) {
      plan.push({ partnerIndex: null, prefectureCode: s.prefectures[i % s.prefectures.length]!.data.code });
    }
    s.partners.forEach((p, pi) => {
      const already = s.engineers.filter((e) => e.partnerId === p.id).length;
      const count = Math.round(p.data.engineerShare * s.scale.partnerEngineers) - already;
      for (let i = 0; i < count; i++) {
        plan.push({
          partnerIndex: pi,
          prefectureCode: p.data.prefectureCodes[i % p.data.prefectureCodes.length]!,
        });
      }
    });
    // The total is known once the partners' rounded shares are planned.
    const report = s.progress('engineers', done + plan.length);
    report(done);
    let n = 0;
    for (const item of plan) {
      n++;
      const pref = prefectureByCode(s, item.prefectureCode);
      const partner = item.partnerIndex === null ? null : s.partners[item.partnerIndex]!;
      if (partner && partnerOfPrefecture(s, item.prefectureCode).id !== partner.id) {
        throw new Error('demo data: partner engineer outside the partner’s prefectures');
      }
      // Some engineers are based in one county, the rest cover the whole prefecture.
      const regionIds =
        s.rng.chance(0.3) && pref.counties.length ? [s.rng.pick(pref.counties).region.id] : [pref.region.id];
      const username = partner
        ? `${partner.data.code.toLowerCase()}_eng${String(n).padStart(2, '0')}`
        : `eng${String(n).padStart(2, '0')}`;
      const p = await person(s, {
        username,
        displayName: personName(s.rng),
        roles: ['engineer'],
        partnerId: partner?.id ?? null,
        regionIds,
      });
      const eng: DemoEngineerRecord = {
        ...p,
        employment: partner ? 'partner' : 'own',
        prefectureCode: item.prefectureCode,
        validProducts: [],
      };
      await profile(s, eng, partner ? workCardDays(s) : null);
      const products = s.rng.sample(s.products, s.rng.int(1, 3));
      await certify(
        s,
        eng,
        products.map((pr) => [pr, certDays(s)]),
      );
      s.engineers.push(eng);
      report(++done);
    }
    const own = s.engineers.filter((e) => e.employment === 'own').length;
    return `${s.engineers.length} engineers (${own} own, ${s.engineers.length - own} partner) with certifications and work cards`;
  },
};

/** People on the customer side beyond the demo sign-ins: escorts and network monitoring of each operator branch. */
export const customerPeopleStep: DemoStep = {
  name: 'customer people',
  async run(s) {
    const branches = s.customers.filter(
      (c) => c.kind === 'operator' && !s.people.some((p) => p.customerId === c.id),
    );
    const report = s.progress('customer people', branches.length * 2);
    let done = 0;
    for (const c of branches) {
      for (const role of ['customer_escort', 'network_monitoring'] as const) {
        await person(s, {
          username: `${c.code.toLowerCase()}_${role === 'customer_escort' ? 'escort' : 'monitor'}`,
          displayName: personName(s.rng),
          roles: [role],
          customerId: c.id,
        });
        report(++done);
      }
    }
    return `${done} escorts and network-monitoring staff for ${branches.length} operator branches`;
  },
};
