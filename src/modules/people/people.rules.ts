/**
 * Rules about people, engineer profiles and certifications (domain.md §1, RS-3). Pure: dispatch
 * (DP-1) reuses the eligibility facts here to rank and explain candidates.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';

export const EMPLOYMENTS = ['own', 'partner'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

/** The facts about a certification that decide whether it counts on a day. */
export interface CertificationFacts {
  product: string;
  /** Last day the certificate is valid, YYYY-MM-DD. */
  expiresOn: string;
  /** When it was withdrawn (ISO instant), or null. */
  revokedAt: string | null;
}

/** The facts about an engineer's work card (工程施工工作卡). */
export interface WorkCardFacts {
  employment: Employment;
  workCardNo: string | null;
  /** Last day the card is valid, YYYY-MM-DD. */
  workCardExpiresOn: string | null;
}

/**
 * RS-3: a certification counts on `onDate` (YYYY-MM-DD, the local date of the work) when it has
 * not expired before that day and was not withdrawn on or before it. The expiry day itself still counts.
 */
export function certificationValid(cert: CertificationFacts, onDate: string): boolean {
  if (cert.revokedAt !== null && cert.revokedAt.slice(0, 10) <= onDate) return false;
  return cert.expiresOn >= onDate;
}

/** RS-3: true when one of the certifications covers `product` on `onDate`. */
export function certifiedFor(certs: readonly CertificationFacts[], product: string, onDate: string): boolean {
  return certs.some((c) => c.product === product && certificationValid(c, onDate));
}

/**
 * RS-3: a partner engineer needs a work card with a number that has not expired on `onDate`.
 * Own engineers need none, so for them the answer is always true.
 */
export function workCardValid(profile: WorkCardFacts, onDate: string): boolean {
  switch (profile.employment) {
    case 'own':
      return true;
    case 'partner':
      return (
        profile.workCardNo !== null &&
        profile.workCardNo.trim() !== '' &&
        profile.workCardExpiresOn !== null &&
        profile.workCardExpiresOn >= onDate
      );
    default: {
      const never: never = profile.employment;
      return never;
    }
  }
}

/** Why a person may not be sent to work on a product on a day (empty when they may). */
export type EligibilityGap =
  | 'inactive'
  | 'not_engineer'
  | 'no_engineer_profile'
  | 'work_card_missing'
  | 'work_card_expired'
  | 'not_certified'
  | 'certification_expired';

/** Bilingual wording of each gap, for candidate lists and refusals. */
export const eligibilityGapLabels: Record<EligibilityGap, { 'zh-CN': string; en: string }> = {
  inactive: { 'zh-CN': '人员已停用', en: 'the person is deactivated' },
  not_engineer: { 'zh-CN': '不是工程师', en: 'not an engineer' },
  no_engineer_profile: { 'zh-CN': '没有工程师档案', en: 'no engineer profile' },
  work_card_missing: { 'zh-CN': '合作方工程师没有工作卡', en: 'partner engineer without a work card' },
  work_card_expired: { 'zh-CN': '工作卡已过期', en: 'the work card has expired' },
  not_certified: { 'zh-CN': '没有该产品的认证', en: 'not certified for the product' },
  certification_expired: {
    'zh-CN': '该产品的认证已过期或被撤销',
    en: 'the certification for the product has expired or was revoked',
  },
};

/** What eligibility is decided from. */
export interface EligibilityInput {
  active: boolean;
  roles: readonly string[];
  profile: WorkCardFacts | null;
  certifications: readonly CertificationFacts[];
}

/** RS-3 / DP-1: every reason the person may not work on `product` on `onDate`; empty means eligible. */
export function eligibilityGaps(person: EligibilityInput, product: string, onDate: string): EligibilityGap[] {
  const gaps: EligibilityGap[] = [];
  if (!person.active) gaps.push('inactive');
  if (!person.roles.includes('engineer')) gaps.push('not_engineer');
  if (!person.profile) gaps.push('no_engineer_profile');
  else if (!workCardValid(person.profile, onDate)) {
    gaps.push(
      person.profile.workCardNo && person.profile.workCardExpiresOn
        ? 'work_card_expired'
        : 'work_card_missing',
    );
  }
  const forProduct = person.certifications.filter((c) => c.product === product);
  if (forProduct.length === 0) gaps.push('not_certified');
  else if (!certifiedFor(forProduct, product, onDate)) gaps.push('certification_expired');
  return gaps;
}

/** An engineer profile as submitted. */
export interface ProfileFacts extends WorkCardFacts {
  skills: readonly string[];
}

/**
 * Problems with an engineer profile for a person: employment must match whether the person
 * belongs to a partner, and a partner engineer must carry a work card number and expiry (RS-3).
 */
export function profileProblems(
  profile: ProfileFacts,
  person: { partnerId: string | null; customerId: string | null; roles: readonly string[] },
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!person.roles.includes('engineer')) {
    out.push(
      problem(
        'personId',
        '只有工程师才有工程师档案',
        'only a person with the engineer role has an engineer profile',
      ),
    );
  }
  if (person.customerId) {
    out.push(problem('personId', '客户方人员不能有工程师档案', 'a customer’s person cannot be an engineer'));
  }
  if (profile.employment === 'partner' && !person.partnerId) {
    out.push(
      problem(
        'employment',
        '只有合作方人员才能是合作方工程师',
        'only a person of a partner company can be a partner engineer',
      ),
    );
  }
  if (profile.employment === 'own' && person.partnerId) {
    out.push(
      problem('employment', '合作方人员应为合作方工程师', 'a partner’s person must be a partner engineer'),
    );
  }
  if (profile.employment === 'partner') {
    if (!profile.workCardNo?.trim()) {
      out.push(
        problem('workCardNo', '合作方工程师必须填写工作卡号', 'a partner engineer needs a work card number'),
      );
    }
    if (!profile.workCardExpiresOn) {
      out.push(
        problem(
          'workCardExpiresOn',
          '合作方工程师必须填写工作卡有效期',
          'a partner engineer needs the work card expiry date',
        ),
      );
    }
  }
  const seen = new Set<string>();
  for (const s of profile.skills) {
    if (seen.has(s)) out.push(problem('skills', `技能“${s}”重复`, `skill "${s}" is listed twice`));
    seen.add(s);
  }
  return out;
}

/**
 * A partner's people work only where the partner works: each region given to such a person
 * must lie inside the partner's coverage (by materialised path).
 */
export function regionsOutsideCoverage(
  regionPaths: readonly { id: string; path: string }[],
  coveragePaths: readonly string[],
): string[] {
  return regionPaths.filter((r) => !coveragePaths.some((c) => r.path.startsWith(c))).map((r) => r.id);
}

/**
 * An administrator cannot lock themselves out: they may not deactivate themselves or drop
 * their own administrator role (another administrator has to do that).
 */
export function selfChangeProblems(
  actorId: string | null,
  personId: string,
  change: { active?: boolean | undefined; roles?: readonly string[] | undefined },
  currentRoles: readonly string[],
): FieldProblem[] {
  if (actorId !== personId) return [];
  const out: FieldProblem[] = [];
  if (change.active === false) {
    out.push(problem('active', '不能停用自己的账号', 'you cannot deactivate yourself'));
  }
  if (change.roles && currentRoles.includes('admin') && !change.roles.includes('admin')) {
    out.push(problem('roles', '不能移除自己的管理员角色', 'you cannot remove your own administrator role'));
  }
  return out;
}

/** The calendar date (YYYY-MM-DD) of an instant in an IANA time zone: the day validity is judged on. */
export function dateIn(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
