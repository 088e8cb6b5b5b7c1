/** Demo step: customers (operator branches, enterprises, households) and their contacts. */
import { addContact, createCustomer } from '../../../modules/customers/customers.service.ts';
import { ENTERPRISE_PATTERNS } from '../catalog/organisation.ts';
import type { DemoCustomerRecord, DemoState, DemoStep } from '../loader.ts';
import { mobile, personName } from '../names.ts';

/** Operators with a branch in every prefecture (seed 004's operator), or only in the larger ones. */
const OPERATORS = [
  { code: 'CM', name: (p: string) => `中国移动贵州公司${p}分公司`, everywhere: true },
  { code: 'CT', name: (p: string) => `中国电信${p}分公司`, everywhere: false },
];
const LARGE_PREFECTURES = ['520100', '520300', '520500'];

async function customer(
  s: DemoState,
  input: {
    code: string;
    name: string;
    kind: DemoCustomerRecord['kind'];
    regionId: string;
    prefectureCode: string;
  },
  contacts: { title: string; isEscort: boolean; name?: string; phone?: string }[],
): Promise<DemoCustomerRecord> {
  const row = await createCustomer(s.ctx, s.actor, {
    code: input.code,
    name: input.name,
    kind: input.kind,
    regionId: input.regionId,
  });
  const contactIds: string[] = [];
  for (const c of contacts) {
    const contact = await addContact(s.ctx, s.actor, row.id, {
      name: c.name ?? personName(s.rng),
      phone: c.phone ?? mobile(s.rng),
      title: c.title,
      isEscort: c.isEscort,
    });
    contactIds.push(contact.id);
  }
  const rec: DemoCustomerRecord = { id: row.id, ...input, contactIds };
  s.customers.push(rec);
  return rec;
}

export const customersStep: DemoStep = {
  name: 'customers',
  async run(s) {
    const total =
      s.prefectures.length * (1 + s.scale.enterprisesPerPrefecture + s.scale.householdsPerPrefecture) +
      (s.scale.name === 'full' ? LARGE_PREFECTURES.length : 0);
    const report = s.progress('customers', total);
    let done = 0;
    for (const p of s.prefectures) {
      for (const op of OPERATORS) {
        if (!op.everywhere && (s.scale.name !== 'full' || !LARGE_PREFECTURES.includes(p.data.code))) continue;
        await customer(
          s,
          {
            code: `${op.code}-${p.data.code}`,
            name: op.name(p.data.shortName),
            kind: 'operator',
            regionId: p.region.id,
            prefectureCode: p.data.code,
          },
          [
            { title: '网络部随工', isEscort: true },
            { title: '网络监控中心（网监）', isEscort: false },
            { title: '家客/集客业务主管', isEscort: false },
          ],
        );
        report(++done);
      }
      const patterns = s.rng.sample(ENTERPRISE_PATTERNS, s.scale.enterprisesPerPrefecture);
      for (const [i, pattern] of patterns.entries()) {
        await customer(
          s,
          {
            code: `ENT-${p.data.code}-${String(i + 1).padStart(2, '0')}`,
            name: pattern.replace('{p}', p.data.shortName),
            kind: 'enterprise',
            regionId: s.rng.pick(p.counties).region.id,
            prefectureCode: p.data.code,
          },
          [
            { title: '信息中心负责人', isEscort: true },
            { title: '机房值班', isEscort: false },
          ],
        );
        report(++done);
      }
      for (let i = 0; i < s.scale.householdsPerPrefecture; i++) {
        const name = personName(s.rng);
        await customer(
          s,
          {
            code: `HH-${p.data.code}-${String(i + 1).padStart(3, '0')}`,
            name: `${name}（家庭宽带）`,
            kind: 'household',
            regionId: s.rng.pick(p.counties.slice(0, Math.max(1, s.scale.countiesPerPrefecture))).region.id,
            prefectureCode: p.data.code,
          },
          [{ title: '户主', isEscort: false, name }],
        );
        report(++done);
      }
    }
    const count = (k: DemoCustomerRecord['kind']) => s.customers.filter((c) => c.kind === k).length;
    return `${count('operator')} operator branches, ${count('enterprise')} enterprises, ${count('household')} households`;
  },
};
