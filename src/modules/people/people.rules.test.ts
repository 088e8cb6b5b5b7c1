import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type CertificationFacts,
  certificationValid,
  certifiedFor,
  dateIn,
  eligibilityGaps,
  profileProblems,
  regionsOutsideCoverage,
  selfChangeProblems,
  workCardValid,
} from './people.rules.ts';

const cert = (over: Partial<CertificationFacts> = {}): CertificationFacts => ({
  product: 'OLT',
  expiresOn: '2026-12-31',
  revokedAt: null,
  ...over,
});

test('RS-3 a certification counts up to and including its expiry day, and not once revoked', () => {
  const cases = [
    { c: cert(), on: '2026-12-30', ok: true },
    { c: cert(), on: '2026-12-31', ok: true },
    { c: cert(), on: '2027-01-01', ok: false },
    { c: cert({ revokedAt: '2026-06-01T08:00:00.000Z' }), on: '2026-06-01', ok: false },
    { c: cert({ revokedAt: '2026-06-01T08:00:00.000Z' }), on: '2026-07-01', ok: false },
    // Looking back at a day before the withdrawal, it still counted then.
    { c: cert({ revokedAt: '2026-06-01T08:00:00.000Z' }), on: '2026-05-31', ok: true },
  ];
  for (const { c, on, ok } of cases)
    assert.equal(certificationValid(c, on), ok, `${JSON.stringify(c)} on ${on}`);
});

test('RS-3 certifiedFor needs a valid certification for that very product', () => {
  const certs = [
    cert({ product: 'OLT', expiresOn: '2026-01-01' }),
    cert({ product: 'ONU', expiresOn: '2027-01-01' }),
  ];
  assert.equal(certifiedFor(certs, 'ONU', '2026-06-01'), true);
  assert.equal(certifiedFor(certs, 'OLT', '2026-06-01'), false);
  assert.equal(certifiedFor(certs, 'BRAS', '2026-06-01'), false);
  // A renewal alongside an expired certificate is enough.
  assert.equal(
    certifiedFor([...certs, cert({ product: 'OLT', expiresOn: '2028-01-01' })], 'OLT', '2026-06-01'),
    true,
  );
});

test('RS-3 partner engineers need a work card with a number that has not expired; own engineers need none', () => {
  const cases = [
    { p: { employment: 'own', workCardNo: null, workCardExpiresOn: null }, ok: true },
    { p: { employment: 'partner', workCardNo: 'W-1', workCardExpiresOn: '2026-06-30' }, ok: true },
    { p: { employment: 'partner', workCardNo: 'W-1', workCardExpiresOn: '2026-05-31' }, ok: false },
    { p: { employment: 'partner', workCardNo: null, workCardExpiresOn: '2027-01-01' }, ok: false },
    { p: { employment: 'partner', workCardNo: '  ', workCardExpiresOn: '2027-01-01' }, ok: false },
    { p: { employment: 'partner', workCardNo: 'W-1', workCardExpiresOn: null }, ok: false },
  ] as const;
  for (const { p, ok } of cases) assert.equal(workCardValid(p, '2026-06-01'), ok, JSON.stringify(p));
});

test('RS-3 / DP-1 eligibility lists every reason a person cannot take the work', () => {
  const good = {
    active: true,
    roles: ['engineer'],
    profile: { employment: 'partner' as const, workCardNo: 'W', workCardExpiresOn: '2026-12-31' },
    certifications: [cert()],
  };
  assert.deepEqual(eligibilityGaps(good, 'OLT', '2026-06-01'), []);
  assert.deepEqual(eligibilityGaps(good, 'ONU', '2026-06-01'), ['not_certified']);
  assert.deepEqual(eligibilityGaps(good, 'OLT', '2027-01-01'), [
    'work_card_expired',
    'certification_expired',
  ]);
  assert.deepEqual(
    eligibilityGaps(
      { ...good, active: false, profile: { ...good.profile, workCardNo: null } },
      'OLT',
      '2026-06-01',
    ),
    ['inactive', 'work_card_missing'],
  );
  assert.deepEqual(eligibilityGaps({ ...good, roles: ['dispatcher'], profile: null }, 'OLT', '2026-06-01'), [
    'not_engineer',
    'no_engineer_profile',
  ]);
});

test('engineer profiles: employment must match the partner link, and partner engineers carry a work card', () => {
  const partnerPerson = { partnerId: 'p1', customerId: null, roles: ['engineer'] };
  const ownPerson = { partnerId: null, customerId: null, roles: ['engineer'] };
  const fields = (ps: { field: string }[]) => ps.map((p) => p.field);
  assert.deepEqual(
    fields(
      profileProblems(
        { employment: 'partner', workCardNo: null, workCardExpiresOn: null, skills: [] },
        partnerPerson,
      ),
    ),
    ['workCardNo', 'workCardExpiresOn'],
  );
  assert.deepEqual(
    profileProblems(
      { employment: 'partner', workCardNo: 'W', workCardExpiresOn: '2027-01-01', skills: ['光纤熔接'] },
      partnerPerson,
    ),
    [],
  );
  assert.deepEqual(
    fields(
      profileProblems(
        { employment: 'own', workCardNo: null, workCardExpiresOn: null, skills: [] },
        partnerPerson,
      ),
    ),
    ['employment'],
  );
  assert.deepEqual(
    fields(
      profileProblems(
        { employment: 'partner', workCardNo: 'W', workCardExpiresOn: '2027-01-01', skills: [] },
        ownPerson,
      ),
    ),
    ['employment'],
  );
  assert.deepEqual(
    fields(
      profileProblems(
        { employment: 'own', workCardNo: null, workCardExpiresOn: null, skills: ['a', 'a'] },
        { ...ownPerson, roles: ['dispatcher'] },
      ),
    ),
    ['personId', 'skills'],
  );
});

test("a partner's person may only be given regions inside the partner's coverage", () => {
  const coverage = ['/p/a/'];
  assert.deepEqual(
    regionsOutsideCoverage(
      [
        { id: 'a', path: '/p/a/' },
        { id: 'a1', path: '/p/a/a1/' },
        { id: 'b', path: '/p/b/' },
        { id: 'p', path: '/p/' },
      ],
      coverage,
    ),
    ['b', 'p'],
  );
});

test('an administrator cannot deactivate themselves or drop their own administrator role', () => {
  assert.deepEqual(
    selfChangeProblems('me', 'me', { active: false, roles: ['dispatcher'] }, ['admin']).map((p) => p.field),
    ['active', 'roles'],
  );
  assert.deepEqual(selfChangeProblems('me', 'me', { roles: ['admin', 'dispatcher'] }, ['admin']), []);
  assert.deepEqual(selfChangeProblems('me', 'other', { active: false, roles: [] }, ['admin']), []);
  assert.deepEqual(selfChangeProblems(null, 'other', { active: false }, ['admin']), []);
});

test('validity is judged on the local date of the place', () => {
  const at = new Date('2026-06-01T17:30:00.000Z');
  assert.equal(dateIn(at, 'Asia/Shanghai'), '2026-06-02');
  assert.equal(dateIn(at, 'UTC'), '2026-06-01');
  assert.equal(dateIn(at, 'America/Los_Angeles'), '2026-06-01');
});
