/** Demo steps: the region tree of seed 004's province and the three partner companies dividing it. */
import { createPartner } from '../../../modules/partners/partners.service.ts';
import { createRegion } from '../../../modules/regions/regions.service.ts';
import { DEMO_PARTNERS } from '../catalog/organisation.ts';
import { DEMO_PREFECTURES, DEMO_PROVINCE } from '../catalog/regions.ts';
import { type DemoStep, prefectureByCode } from '../loader.ts';

/** Guizhou, its nine prefectures and every county of each. */
export const regionsStep: DemoStep = {
  name: 'regions',
  async run(s) {
    const total = 1 + DEMO_PREFECTURES.reduce((n, p) => n + 1 + p.counties.length, 0);
    const report = s.progress('regions', total);
    let done = 0;
    const province = await createRegion(s.ctx, s.actor, {
      code: DEMO_PROVINCE.code,
      name: DEMO_PROVINCE.name,
      nameEn: DEMO_PROVINCE.nameEn,
      level: 'province',
      timeZone: 'Asia/Shanghai',
    });
    s.province = province;
    report(++done);
    for (const data of DEMO_PREFECTURES) {
      const region = await createRegion(s.ctx, s.actor, {
        parentId: province.id,
        code: data.code,
        name: data.name,
        nameEn: data.nameEn,
        level: 'prefecture',
      });
      report(++done);
      const counties = [];
      for (const c of data.counties) {
        counties.push({
          data: c,
          region: await createRegion(s.ctx, s.actor, {
            parentId: region.id,
            code: c.code,
            name: c.name,
            nameEn: c.nameEn,
            level: 'county',
          }),
        });
        report(++done);
      }
      s.prefectures.push({ data, region, counties });
    }
    const counties = s.prefectures.reduce((n, p) => n + p.counties.length, 0);
    return `${DEMO_PROVINCE.name}, ${s.prefectures.length} prefectures, ${counties} counties/districts`;
  },
};

/** The three maintenance vendors of seed 004, each covering its prefectures. */
export const partnersStep: DemoStep = {
  name: 'partners',
  async run(s) {
    for (const data of DEMO_PARTNERS) {
      const partner = await createPartner(s.ctx, s.actor, {
        code: data.code,
        name: data.name,
        contactName: data.contactName,
        contactPhone: data.contactPhone,
        regionIds: data.prefectureCodes.map((code) => prefectureByCode(s, code).region.id),
      });
      s.partners.push({ data, id: partner.id });
    }
    return DEMO_PARTNERS.map(
      (p) => `${p.name} (${p.prefectureCodes.map((c) => prefectureByCode(s, c).data.shortName).join('、')})`,
    ).join('; ');
  },
};
