/** People and their roles (domain.md §1). */
import { type AppContext, inTransaction } from '../../app/context.ts';
import type { CertificationTable, EngineerProfileTable, PersonTable } from '../../db/schema.ts';
import { type FieldProblem, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { setPassword } from '../access/access.service.ts';
import { hashPassword, passwordProblem } from '../access/password.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { personIdOf } from '../access/principal.ts';
import { CUSTOMER_ROLES, type Role } from '../access/roles.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import * as partners from '../partners/partners.queries.ts';
import { requireRegions } from '../partners/partners.service.ts';
import * as repo from './people.repository.ts';
import {
  type CertificationFacts,
  type EligibilityInput,
  type Employment,
  profileProblems,
  regionsOutsideCoverage,
  selfChangeProblems,
  type WorkCardFacts,
} from './people.rules.ts';

export interface PersonCreate {
  username: string;
  displayName: string;
  roles: Role[];
  password?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  partnerId?: string | null | undefined;
  customerId?: string | null | undefined;
  regionIds?: string[] | undefined;
  locale?: 'zh-CN' | 'en' | undefined;
  timeZone?: string | null | undefined;
}

/** Problems with a set of roles for where the person belongs (pure). */
export function roleProblems(roles: readonly Role[], partnerId: string | null, customerId: string | null) {
  const problems = [];
  if (roles.length === 0) problems.push(problem('roles', '至少需要一个角色', 'at least one role is needed'));
  const customerRoles = roles.filter((r) => CUSTOMER_ROLES.includes(r));
  if (customerRoles.length && !customerId) {
    problems.push(problem('customerId', '客户方角色必须关联客户', 'customer-side roles need a customer'));
  }
  if (customerId && roles.some((r) => !CUSTOMER_ROLES.includes(r))) {
    problems.push(
      problem(
        'roles',
        '客户方人员只能持有客户方角色',
        'a customer’s person may hold only customer-side roles',
      ),
    );
  }
  if (partnerId && customerId) {
    problems.push(
      problem(
        'partnerId',
        '人员不能同时属于合作方和客户',
        'a person cannot belong to both a partner and a customer',
      ),
    );
  }
  if (partnerId && roles.includes('admin')) {
    problems.push(
      problem('roles', '合作方人员不能担任管理员', 'a partner’s person cannot be an administrator'),
    );
  }
  return problems;
}

/**
 * Checks the partner, customer and regions a person refers to: each must exist, and a
 * partner's person may only be given regions inside the partner's coverage.
 */
async function referenceProblems(
  ctx: AppContext,
  refs: { partnerId: string | null; customerId: string | null; regionIds: readonly string[] },
): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  if (refs.partnerId && !(await repo.partnerExists(ctx.db, refs.partnerId))) {
    out.push(problem('partnerId', '合作方不存在', 'no such partner'));
  }
  if (refs.customerId && !(await repo.customerExists(ctx.db, refs.customerId))) {
    out.push(problem('customerId', '客户不存在', 'no such customer'));
  }
  if (new Set(refs.regionIds).size !== refs.regionIds.length) {
    out.push(problem('regionIds', '区域重复', 'a region is listed twice'));
  }
  if (out.length) return out;
  const regions = await requireRegions(ctx, refs.regionIds, 'regionIds');
  if (refs.partnerId && regions.length) {
    const outside = regionsOutsideCoverage(regions, await partners.coveragePaths(ctx.db, refs.partnerId));
    if (outside.length) {
      out.push(
        problem(
          'regionIds',
          `区域不在该合作方的负责范围内：${outside.join(', ')}`,
          `outside the partner's regions: ${outside.join(', ')}`,
        ),
      );
    }
  }
  return out;
}

function passwordProblems(password: string): FieldProblem[] {
  const p = passwordProblem(password);
  if (p === 'too_short') return [problem('password', '密码至少 8 个字符', 'must be at least 8 characters')];
  if (p === 'too_simple') {
    return [
      problem(
        'password',
        '密码需包含字母、数字、符号中的至少两类',
        'must mix at least two of letters, digits and symbols',
      ),
    ];
  }
  return [];
}

/** Creates a person with roles (and a password if given), with history. */
export async function createPerson(
  ctx: AppContext,
  actor: HistoryActor,
  input: PersonCreate,
): Promise<PersonTable> {
  const problems = roleProblems(input.roles, input.partnerId ?? null, input.customerId ?? null);
  if (input.password !== undefined) problems.push(...passwordProblems(input.password));
  if (problems.length) throw invalid(problems);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const refs = await referenceProblems(tx, {
      partnerId: input.partnerId ?? null,
      customerId: input.customerId ?? null,
      regionIds: input.regionIds ?? [],
    });
    if (refs.length) throw invalid(refs);
    const now = tx.clock.now().toISOString();
    const row: PersonTable = {
      id: newId(),
      username: input.username,
      display_name: input.displayName,
      phone: input.phone ?? null,
      email: input.email ?? null,
      partner_id: input.partnerId ?? null,
      customer_id: input.customerId ?? null,
      password_hash: passwordHash,
      active: 1,
      locale: input.locale ?? 'zh-CN',
      time_zone: input.timeZone ?? null,
      created_at: now,
      updated_at: now,
    };
    const roles = [...new Set(input.roles)].sort();
    const regionIds = [...(input.regionIds ?? [])].sort();
    await repo.insertPerson(tx.db, row, roles, regionIds);
    const { password_hash: _omit, ...shown } = row;
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: row.id,
      action: 'create',
      changes: {
        ...diffRecords(null, shown),
        roles: [null, roles],
        regionIds: [null, regionIds],
      },
    });
    return row;
  });
}

/** A person as services hand it out: no password hash, with roles and regions. */
export type PersonView = Omit<PersonTable, 'password_hash'> & {
  hasPassword: boolean;
  roles: Role[];
  regionIds: string[];
};

function view(row: PersonTable, extra: { roles: Role[]; regionIds: string[] } | undefined): PersonView {
  const { password_hash, ...rest } = row;
  return {
    ...rest,
    hasPassword: password_hash !== null,
    roles: extra?.roles ?? [],
    regionIds: extra?.regionIds ?? [],
  };
}

/** A person the scope may see, or 404. */
export async function getPerson(ctx: AppContext, scope: Scope, id: string): Promise<PersonView> {
  const row = await repo.findVisiblePerson(ctx.db, scope, id);
  if (!row) throw notFound('person');
  return view(row, (await repo.rolesAndRegionsOf(ctx.db, [id])).get(id));
}

/** People the scope may see, with roles and regions. */
export async function listPeople(
  ctx: AppContext,
  scope: Scope,
  filter: Parameters<typeof repo.listPeople>[2],
  page: { limit: number; offset: number },
): Promise<{ items: PersonView[]; total: number }> {
  const { items, total } = await repo.listPeople(ctx.db, scope, filter, page, ctx.kit.ilike);
  const extra = await repo.rolesAndRegionsOf(
    ctx.db,
    items.map((p) => p.id),
  );
  return { items: items.map((p) => view(p, extra.get(p.id))), total };
}

export interface PersonUpdate {
  displayName?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  roles?: Role[] | undefined;
  regionIds?: string[] | undefined;
  active?: boolean | undefined;
  locale?: 'zh-CN' | 'en' | undefined;
  timeZone?: string | null | undefined;
}

/**
 * What a person still answers for, checked before they are deactivated (WO-4: open orders never
 * fall between two people; SL-2/SL-3: an escalation rung never goes unheard). Capabilities that
 * give people duties register one; each returns the duties as problems on the field `active`.
 */
export type DeactivationGuard = (tx: AppContext, personId: string) => Promise<FieldProblem[]>;
const deactivationGuards: DeactivationGuard[] = [];

export function registerDeactivationGuard(guard: DeactivationGuard): void {
  deactivationGuards.push(guard);
}

/**
 * Changes a person's details, roles, regions or active flag, with one history entry holding
 * every changed field. Where a person belongs (partner or customer) is fixed at creation.
 */
export async function updatePerson(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  input: PersonUpdate,
  reason?: string,
): Promise<PersonView> {
  return inTransaction(ctx, async (tx) => {
    const before = await repo.lockPerson(tx.db, tx.kit, id);
    if (!before) throw notFound('person');
    const current = (await repo.rolesAndRegionsOf(tx.db, [id])).get(id) ?? { roles: [], regionIds: [] };
    if (before.active === 1 && input.active === false) {
      const duties: FieldProblem[] = [];
      for (const guard of deactivationGuards) duties.push(...(await guard(tx, id)));
      if (duties.length) throw invalid(duties);
    }
    const problems = selfChangeProblems(personIdOf(actor), id, input, current.roles);
    const roles = input.roles ? [...new Set(input.roles)].sort() : current.roles;
    if (input.roles) problems.push(...roleProblems(input.roles, before.partner_id, before.customer_id));
    if (problems.length) throw invalid(problems);
    const regionIds = input.regionIds ? [...input.regionIds].sort() : current.regionIds;
    if (input.regionIds) {
      const refs = await referenceProblems(tx, {
        partnerId: before.partner_id,
        customerId: null,
        regionIds: input.regionIds,
      });
      if (refs.length) throw invalid(refs);
    }
    const after: PersonTable = {
      ...before,
      display_name: input.displayName ?? before.display_name,
      phone: input.phone === undefined ? before.phone : input.phone,
      email: input.email === undefined ? before.email : input.email,
      active: input.active === undefined ? before.active : input.active ? 1 : 0,
      locale: input.locale ?? before.locale,
      time_zone: input.timeZone === undefined ? before.time_zone : input.timeZone,
      updated_at: tx.clock.now().toISOString(),
    };
    const changes: Record<string, [unknown, unknown]> = diffRecords(before, after, [
      'updated_at',
      'created_at',
      'password_hash',
    ]);
    if (JSON.stringify(roles) !== JSON.stringify(current.roles)) changes.roles = [current.roles, roles];
    if (JSON.stringify(regionIds) !== JSON.stringify(current.regionIds))
      changes.regionIds = [current.regionIds, regionIds];
    if (Object.keys(changes).length === 0) return view(before, current);
    await repo.updatePerson(tx.db, id, after);
    if (changes.roles) await repo.replaceRoles(tx.db, id, roles);
    if (changes.regionIds) await repo.replaceRegions(tx.db, id, regionIds);
    const action = changes.active ? (after.active ? 'reactivate' : 'deactivate') : 'update';
    await recordHistory(tx, actor, { entityType: 'person', entityId: id, action, changes, reason });
    return view(after, { roles, regionIds });
  });
}

/** Deactivates a person: they can no longer sign in or use tokens; nothing of theirs is deleted. */
export function deactivatePerson(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  reason?: string,
): Promise<PersonView> {
  return updatePerson(ctx, actor, id, { active: false }, reason);
}

/** An administrator sets a person's password (strength checked; history records that it was set). */
export async function setPersonPassword(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  password: string,
): Promise<void> {
  if (!(await repo.findPerson(ctx.db, id))) throw notFound('person');
  await setPassword(ctx, actor, id, password);
}

/** An engineer profile as submitted (position fields are reported separately). */
export interface EngineerProfileInput {
  employment: Employment;
  workCardNo?: string | null | undefined;
  workCardExpiresOn?: string | null | undefined;
  skills?: string[] | undefined;
  vehicle?: string | null | undefined;
}

/** An engineer profile as services hand it out, skills parsed. */
export type EngineerProfileView = Omit<EngineerProfileTable, 'skills'> & { skills: string[] };

function profileView(row: EngineerProfileTable): EngineerProfileView {
  return { ...row, skills: JSON.parse(row.skills) as string[] };
}

/** Facts for the eligibility rules (RS-3) from a stored profile. */
export function workCardFacts(row: EngineerProfileTable): WorkCardFacts {
  return {
    employment: row.employment,
    workCardNo: row.work_card_no,
    workCardExpiresOn: row.work_card_expires_on,
  };
}

/** Facts for the eligibility rules (RS-3) from a stored certification. */
export function certificationFacts(row: CertificationTable): CertificationFacts {
  return { product: row.product, expiresOn: row.expires_on, revokedAt: row.revoked_at };
}

/**
 * Creates or replaces a person's engineer profile (employment, work card, skills, vehicle).
 * A partner engineer must carry a work card number and expiry (RS-3). History goes on the person.
 */
export async function upsertEngineerProfile(
  ctx: AppContext,
  actor: HistoryActor,
  personId: string,
  input: EngineerProfileInput,
): Promise<EngineerProfileView> {
  return inTransaction(ctx, async (tx) => {
    const person = await repo.findPerson(tx.db, personId);
    if (!person) throw notFound('person');
    const roles = await repo.rolesOf(tx.db, personId);
    const skills = input.skills ?? [];
    const facts = {
      employment: input.employment,
      workCardNo: input.workCardNo ?? null,
      workCardExpiresOn: input.workCardExpiresOn ?? null,
      skills,
    };
    const problems = profileProblems(facts, {
      partnerId: person.partner_id,
      customerId: person.customer_id,
      roles,
    });
    if (problems.length) throw invalid(problems);
    const before = await repo.findProfile(tx.db, personId);
    const after: EngineerProfileTable = {
      person_id: personId,
      employment: input.employment,
      work_card_no: facts.workCardNo,
      work_card_expires_on: facts.workCardExpiresOn,
      skills: JSON.stringify(skills),
      vehicle: input.vehicle ?? null,
      last_lat: before?.last_lat ?? null,
      last_lng: before?.last_lng ?? null,
      last_seen_at: before?.last_seen_at ?? null,
      updated_at: tx.clock.now().toISOString(),
    };
    const shown = (p: EngineerProfileTable) => {
      const { last_lat: _a, last_lng: _b, last_seen_at: _c, person_id: _d, ...rest } = p;
      return { ...rest, skills: JSON.parse(p.skills) as string[] };
    };
    const changes = diffRecords(before ? shown(before) : null, shown(after));
    if (before && Object.keys(changes).length === 0) return profileView(before);
    if (before) await repo.updateProfile(tx.db, personId, after);
    else await repo.insertProfile(tx.db, after);
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: personId,
      action: before ? 'engineer_profile_update' : 'engineer_profile_create',
      changes,
    });
    return profileView(after);
  });
}

/** The 404 for a person without an engineer profile. */
export function profileMissing() {
  return notFound('engineer_profile');
}

/** The engineer profile of a person the scope may see; null when they have none. */
export async function getEngineerProfile(
  ctx: AppContext,
  scope: Scope,
  personId: string,
): Promise<EngineerProfileView | null> {
  await getPerson(ctx, scope, personId);
  const row = await repo.findProfile(ctx.db, personId);
  return row ? profileView(row) : null;
}

/**
 * Records where an engineer last was. Positions are telemetry reported many times a day, not
 * a change of the record, so they are not written to history (which would drown the real changes).
 */
export async function reportPosition(
  ctx: AppContext,
  personId: string,
  position: { lat: number; lng: number },
): Promise<EngineerProfileView> {
  const row = await repo.findProfile(ctx.db, personId);
  if (!row) throw profileMissing();
  const patch = {
    last_lat: position.lat,
    last_lng: position.lng,
    last_seen_at: ctx.clock.now().toISOString(),
  };
  await repo.updateProfile(ctx.db, personId, patch);
  return profileView({ ...row, ...patch });
}

export interface CertificationCreate {
  product: string;
  level?: string | null | undefined;
  certificateNo?: string | null | undefined;
  /** Last valid day, YYYY-MM-DD. */
  expiresOn: string;
}

/** Adds a product certification to a person (RS-3), with history. Renewals add a new one. */
export async function addCertification(
  ctx: AppContext,
  actor: HistoryActor,
  personId: string,
  input: CertificationCreate,
): Promise<CertificationTable> {
  return inTransaction(ctx, async (tx) => {
    const person = await repo.findPerson(tx.db, personId);
    if (!person) throw notFound('person');
    if (person.customer_id) {
      throw invalid([
        problem('personId', '客户方人员不能登记产品认证', 'a customer’s person cannot hold certifications'),
      ]);
    }
    const now = tx.clock.now().toISOString();
    const row: CertificationTable = {
      id: newId(),
      person_id: personId,
      product: input.product,
      level: input.level ?? null,
      certificate_no: input.certificateNo ?? null,
      expires_on: input.expiresOn,
      revoked_at: null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertCertification(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'certification',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/** Withdraws a certification; it stays on record with the time and reason (never deleted). */
export async function revokeCertification(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  reason?: string,
): Promise<CertificationTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'certifications', id);
    const before = await repo.findCertification(tx.db, id);
    if (!before) throw notFound('certification');
    if (before.revoked_at) return before;
    const now = tx.clock.now().toISOString();
    const after = { ...before, revoked_at: now, updated_at: now };
    await repo.updateCertification(tx.db, id, { revoked_at: now, updated_at: now });
    await recordHistory(tx, actor, {
      entityType: 'certification',
      entityId: id,
      action: 'revoke',
      changes: diffRecords(before, after),
      reason,
    });
    return after;
  });
}

/** The certifications of a person the scope may see, revoked and expired ones included. */
export async function listCertifications(
  ctx: AppContext,
  scope: Scope,
  personId: string,
): Promise<CertificationTable[]> {
  await getPerson(ctx, scope, personId);
  return repo.listCertifications(ctx.db, personId);
}

/** A certification whose holder the scope may see, or 404. */
export async function getCertification(
  ctx: AppContext,
  scope: Scope,
  id: string,
): Promise<CertificationTable> {
  const row = await repo.findCertification(ctx.db, id);
  if (!row || !(await repo.findVisiblePerson(ctx.db, scope, row.person_id))) throw notFound('certification');
  return row;
}

/**
 * RS-3 / DP-1: the facts eligibility is decided from, for a batch of people, keyed by person id
 * (people that do not exist are absent). Feed each to `eligibilityGaps(facts, product, onDate)`.
 */
export async function loadEligibility(
  ctx: AppContext,
  personIds: string[],
): Promise<Map<string, EligibilityInput>> {
  const rows = await repo.eligibilityRows(ctx.db, [...new Set(personIds)]);
  const roles = new Map<string, Role[]>();
  for (const r of rows.roles) roles.set(r.person_id, [...(roles.get(r.person_id) ?? []), r.role]);
  const certs = new Map<string, CertificationFacts[]>();
  for (const c of rows.certifications) {
    certs.set(c.person_id, [...(certs.get(c.person_id) ?? []), certificationFacts(c)]);
  }
  const profiles = new Map(rows.profiles.map((p) => [p.person_id, workCardFacts(p)]));
  return new Map(
    rows.people.map((p) => [
      p.id,
      {
        active: p.active === 1,
        roles: (roles.get(p.id) ?? []).sort(),
        profile: profiles.get(p.id) ?? null,
        certifications: certs.get(p.id) ?? [],
      },
    ]),
  );
}
